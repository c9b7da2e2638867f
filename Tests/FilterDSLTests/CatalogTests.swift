import FilterDSL
import Foundation
import XCTest

/// The catalog's enum values must be the API model's, so a model update fails loudly here.
final class CatalogTests: XCTestCase {
  func testEnumValues_matchTheAPIModel() throws {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("Tests/Fixtures/APIModel/accessanalyzer-shapes.json")
    let data = try Data(contentsOf: url)
    let model = try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    let shapes = try XCTUnwrap(model["shapes"] as? [String: [String: Any]])
    func values(_ shape: String) -> [String] { shapes[shape]?["enum"] as? [String] ?? [] }
    XCTAssertEqual(FilterKeyCatalog.resourceTypes, values("ResourceType"))
    XCTAssertEqual(FilterKeyCatalog.findingStatuses, values("FindingStatus"))
    XCTAssertEqual(FilterKeyCatalog.findingTypes, values("FindingType"))
    XCTAssertEqual(FilterKeyCatalog.rcpRestrictions, values("ResourceControlPolicyRestriction"))
    XCTAssertEqual(FilterKeyCatalog.changeTypes, values("FindingChangeType"))
    XCTAssertEqual(shapes["ValueList"]?["max"] as? Int, Limits.default.maxValuesPerOperator)
    XCTAssertEqual(shapes["Name"]?["max"] as? Int, 255)
    XCTAssertEqual(shapes["Name"]?["pattern"] as? String, "[A-Za-z][A-Za-z0-9_.-]*")
    // Every finding member the sort list names exists on Finding and is scalar.
    let findingMembers = try XCTUnwrap(shapes["Finding"]?["members"] as? [String: String])
    for attribute in FilterKeyCatalog.sortableAttributes where attribute != "findingType" {
      XCTAssertNotNil(findingMembers[attribute], attribute)
    }
  }
}

final class ChecksDocumentationTests: XCTestCase {
  /// Every diagnostic code has a row in docs/checks.md.
  func testEveryCode_isDocumented() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
    let codes = try String(
      contentsOf: root.appendingPathComponent("Sources/FilterDSL/Diagnostics/DiagnosticCode.swift"),
      encoding: .utf8)
    let documentation = try String(
      contentsOf: root.appendingPathComponent("docs/checks.md"), encoding: .utf8)
    var found = 0
    for line in codes.split(separator: "\n") where line.contains(": Self = \"") {
      guard let start = line.range(of: ": Self = \""),
        let end = line.range(of: "\"", range: start.upperBound..<line.endIndex)
      else { continue }
      let code = String(line[start.upperBound..<end.lowerBound])
      XCTAssertTrue(
        documentation.contains("| `\(code)` |"), "docs/checks.md does not document '\(code)'")
      found += 1
    }
    XCTAssertGreaterThan(found, 40)
  }
}
