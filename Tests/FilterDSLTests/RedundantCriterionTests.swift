import FilterDSL
import XCTest

/// `redundant-criterion`: a condition the others on its key already imply, with a fix that
/// removes it and its `and` (or `or` under a `not`) when nothing else stands between them.
final class RedundantCriterionTests: XCTestCase {
  private static let safe = " and isPublic eq false"

  func testRedundantCriterion_table() {
    let s = Self.safe
    // The text, the conditions reported (as written), and the text after applying every fix
    // (the text unchanged when a fix cannot be made safely).
    let cases: [(String, flagged: [String], fixed: String, UInt)] = [
      (
        "isPublic eq false and isPublic neq true", ["isPublic neq true"], "isPublic eq false", #line
      ),
      (
        "isPublic neq true and isPublic eq false", ["isPublic neq true"], "isPublic eq false", #line
      ),
      ("isPublic eq false AND isPublic != true", ["isPublic != true"], "isPublic eq false", #line),
      ("error in [a, b] and error neq c" + s, ["error neq c"], "error in [a, b]" + s, #line),
      ("error contains b and error neq x" + s, ["error neq x"], "error contains b" + s, #line),
      ("error eq abc and error contains b" + s, ["error contains b"], "error eq abc" + s, #line),
      ("action eq ab and action contains a" + s, ["action contains a"], "action eq ab" + s, #line),
      ("error eq a and error eq a" + s, ["error eq a"], "error eq a" + s, #line),
      ("error eq a and error not eq b" + s, ["error not eq b"], "error eq a" + s, #line),
      (
        "not (isPublic neq false or isPublic eq true)", ["isPublic eq true"],
        "not (isPublic neq false)", #line
      ),
      (
        "(error eq a) and error neq b" + s, ["error neq b"], "(error eq a)" + s, #line
      ),
      (
        "error eq a and # why\n  error neq b", ["error neq b"],
        "error eq a and # why\n  error neq b", #line
      ),
      (
        "rule r { error eq a and error neq b" + s + " }", ["error neq b"],
        "rule r { error eq a" + s + " }", #line
      ),
      // Nothing implied.
      ("action eq a and action neq b" + s, [], "action eq a and action neq b" + s, #line),
      ("error contains b and error neq ab" + s, [], "error contains b and error neq ab" + s, #line),
      ("isPublic neq true and isPublic exists", [], "isPublic neq true and isPublic exists", #line),
      ("error eq a or error neq b" + s, [], "error eq a or error neq b" + s, #line),
      ("error in [a, b] and error neq b" + s, [], "error in [a, b] and error neq b" + s, #line),
      // Left to 'redundant-predicate'.
      ("error exists and error eq x" + s, [], "error exists and error eq x" + s, #line),
      ("error not exists and error neq a", [], "error not exists and error neq a", #line),
      ("error neq a and error neq a" + s, [], "error neq a and error neq a" + s, #line),
    ]
    for (source, flagged, fixed, line) in cases {
      let report = Linter.lint(source)
      let found = report.diagnostics.filter { $0.code == .redundantCriterion }
      let bytes = Array(source.utf8)
      XCTAssertEqual(
        found.map { String(decoding: bytes[$0.range.start..<$0.range.end], as: UTF8.self) },
        flagged, source, line: line)
      XCTAssertTrue(found.allSatisfy { $0.severity == .warning }, line: line)
      var text = bytes
      for fix in found.compactMap(\.fix).sorted(by: { $0.range.start > $1.range.start }) {
        text.replaceSubrange(fix.range.start..<fix.range.end, with: Array(fix.replacement.utf8))
      }
      let result = String(decoding: text, as: UTF8.self)
      XCTAssertEqual(result, fixed, line: line)
      if found.allSatisfy({ $0.fix != nil }) {
        XCTAssertFalse(
          Linter.lint(result).diagnostics.contains { $0.code == .redundantCriterion }, result,
          line: line)
      }
      if source != result, !source.hasPrefix("rule") {
        XCTAssertEqual(meaning(source), meaning(result), "the fix changed what matches", line: line)
      }
    }
  }

  /// The check is quadratic in the conditions on one key: past 64 of them it stays silent.
  func testManyConditionsOnOneKey_checkedUpTo64() {
    for (neqs, flagged, line) in [(63, 63, #line), (64, 0, #line)] as [(Int, Int, UInt)] {
      let source =
        (0..<neqs).map { "error neq a\($0)" }.joined(separator: " and ")
        + " and error eq b" + Self.safe
      let found = Linter.lint(source).diagnostics.filter { $0.code == .redundantCriterion }
      XCTAssertEqual(found.count, flagged, line: line)
    }
  }

  private func meaning(_ text: String) -> Set<FilterMeaning>? {
    (try? FilterExpression(parsing: text).filterMaps(splitting: true)).map {
      Set($0.map { FilterMeaning($0) })
    }
  }
}
