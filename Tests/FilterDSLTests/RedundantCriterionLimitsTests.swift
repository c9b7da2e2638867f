import FilterDSL
import XCTest

/// Where `redundant-criterion` stays silent or must still report: conditions that one criterion
/// cannot say together, and fixes at either end of a conjunction.
final class RedundantCriterionLimitsTests: XCTestCase {
  private static let safe = " and isPublic eq false"

  func testRedundantCriterion_limitsAndFixes() {
    let s = Self.safe
    // The text, the conditions reported (as written), and the text after every fix.
    let cases: [(String, flagged: [String], fixed: String, UInt)] = [
      // Two different 'eq' lists on a list-valued key are not one criterion: left to the
      // compiler, never called implied.
      ("action in [a, b] and action eq a" + s, [], "action in [a, b] and action eq a" + s, #line),
      ("action eq a and action in [a, b]" + s, [], "action eq a and action in [a, b]" + s, #line),
      // On a single-valued key the same pair is one criterion: the wider list is implied.
      ("error in [a, b] and error eq a" + s, ["error in [a, b]"], "error eq a" + s, #line),
      // 'exists' both ways is a contradiction, not an implication.
      ("error exists and error not exists", [], "error exists and error not exists", #line),
      // A fix removes the following connective when the condition comes first.
      ("error neq b and error eq a" + s, ["error neq b"], "error eq a" + s, #line),
      ("error neq b   and\terror eq a" + s, ["error neq b"], "error eq a" + s, #line),
    ]
    for (source, flagged, fixed, line) in cases {
      let found = Linter.lint(source).diagnostics.filter { $0.code == .redundantCriterion }
      let bytes = Array(source.utf8)
      XCTAssertEqual(
        found.map { String(decoding: bytes[$0.range.start..<$0.range.end], as: UTF8.self) },
        flagged, source, line: line)
      var text = bytes
      for fix in found.compactMap(\.fix).sorted(by: { $0.range.start > $1.range.start }) {
        text.replaceSubrange(fix.range.start..<fix.range.end, with: Array(fix.replacement.utf8))
      }
      XCTAssertEqual(String(decoding: text, as: UTF8.self), fixed, source, line: line)
    }
  }
}
