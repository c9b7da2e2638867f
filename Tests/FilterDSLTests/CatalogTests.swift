import FilterDSL
import Foundation
import XCTest

/// The catalog's enum values must be the API model's, so a model update fails loudly here.
final class CatalogTests: XCTestCase {
  func testEnumValues_matchTheAPIModel() throws {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/reference/accessanalyzer-shapes.json")
    guard let data = try? Data(contentsOf: url) else { throw XCTSkip("API model excerpt not found at \(url.path)") }
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
