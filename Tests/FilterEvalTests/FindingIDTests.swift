import FilterDSL
import FilterEval
import XCTest

/// `findingID` reads the id filters read, for any record, whatever the type's own `id` is.
final class FindingIDTests: XCTestCase {
  /// A type whose own `id` is something else: a row number in the tool's database.
  struct Row: FindingRecord, Identifiable {
    var id: Int
    var findingId: FindingValue?

    func value(for attribute: FindingAttribute) -> FindingValue? {
      attribute == .id ? findingId : nil
    }
  }

  private func read(_ record: some FindingRecord) -> String? { record.findingID }

  func testFindingID_isTheIdAttributeAsText() {
    let cases: [(value: FindingValue?, expected: String?, line: UInt)] = [
      (.text("f-1"), "f-1", #line),
      (.utf8(ArraySlice("f-2".utf8)), "f-2", #line),
      (.text(""), "", #line),
      (nil, nil, #line),
      // A list is no id.
      (.list(["f-3"]), nil, #line),
    ]
    for (value, expected, line) in cases {
      let row = Row(id: 7, findingId: value)
      XCTAssertEqual(row.findingID, expected, line: line)
      XCTAssertEqual(read(row), expected, "generic code reads the same", line: line)
      XCTAssertEqual(row.id, 7, "the type's own id is untouched", line: line)
    }
  }

  func testFindingID_ofFindings_decodedAndBuilt() throws {
    let decoded = try FindingsDecoder.decode(
      Array(#"[{"id":"d-1","status":"ACTIVE"},{"id":"d-2","status":"ARCHIVED"}]"#.utf8)
    ).findings
    XCTAssertEqual(decoded.map(\.findingID), ["d-1", "d-2"])
    XCTAssertEqual(decoded.map(\.findingID), decoded.map(\.id))
    XCTAssertEqual(Finding(id: "b-1").findingID, "b-1")
    XCTAssertNil(Finding(status: "ACTIVE").findingID)
  }

  func testFindingID_isWhatIdFiltersMatch() throws {
    let map = try FilterCompiler.compile("id eq f-9").checked().maps[0]
    let rows = [Row(id: 1, findingId: .text("f-9")), Row(id: 2, findingId: .text("f-8"))]
    XCTAssertEqual(rows.filter(FindingMatcher(map).matches).map(\.findingID), ["f-9"])
  }
}
