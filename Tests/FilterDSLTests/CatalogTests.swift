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

/// The per-family catalog agrees with the service model (an excerpt in Tests/Fixtures).
final class FamilyCatalogModelTests: XCTestCase {
  func testFamilies_matchTheModel() throws {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent(
        "Fixtures/accessanalyzer-family-model.json")
    let model = try XCTUnwrap(
      try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
    let shapes = try XCTUnwrap(model["shapes"] as? [String: [String: [String]]])
    func values(_ shape: String) -> [String] { shapes[shape]?["enum"] ?? [] }
    func members(_ shape: String) -> Set<String> { Set(shapes[shape]?["members"] ?? []) }
    XCTAssertEqual(Set(AnalyzerFamily.allCases.flatMap(\.apiTypes)), Set(values("Type")))
    XCTAssertEqual(Set(AnalyzerFamily.allCases.flatMap(\.findingTypes)), Set(values("FindingType")))
    XCTAssertEqual(FilterKeyCatalog.resourceTypes, values("ResourceType"))
    XCTAssertEqual(FilterKeyCatalog.internalAccessTypes, values("InternalAccessType"))
    XCTAssertEqual(FilterKeyCatalog.principalTypes, values("PrincipalType"))
    XCTAssertEqual(FilterKeyCatalog.scpRestrictions, values("ServiceControlPolicyRestriction"))
    XCTAssertEqual(FilterKeyCatalog.rcpRestrictions, values("ResourceControlPolicyRestriction"))
    XCTAssertEqual(
      FilterKeyCatalog.internalResourceTypes, model["internalAccessResourceTypes"] as? [String])
    // Every internal access detail field that is a string is a key of the internal family
    // only, or shared with external access.
    for member in members("InternalAccessDetails").subtracting([
      "sources", "principal", "condition",
    ]) {
      let key = try XCTUnwrap(FilterKeyCatalog.key(named: member), member)
      XCTAssertTrue(key.families.contains(.internal), member)
    }
    for member in members("ExternalAccessDetails").subtracting([
      "sources", "principal", "condition",
    ]) {
      XCTAssertEqual(
        FilterKeyCatalog.key(named: member)?.families.contains(.external), true, member)
    }
    // A summary carries none of the detail keys, which is what makes it undecidable.
    for member in members("FindingSummaryV2") {
      XCTAssertNotEqual(FilterKeyCatalog.key(named: member)?.isDetail, true, member)
    }
    XCTAssertEqual(
      members("FindingDetails"),
      [
        "externalAccessDetails", "internalAccessDetails", "unusedPermissionDetails",
        "unusedIamUserAccessKeyDetails", "unusedIamRoleDetails", "unusedIamUserPasswordDetails",
      ])
  }
}
