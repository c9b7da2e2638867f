import FilterDSL
import FilterFormats
import Foundation
import XCTest

/// `diff` and `check` judge rules by what they match: pairs of filters that must mean the
/// same, and pairs that must not, under grammar.md's matching semantics (`error` is
/// single-valued, `action` is a list). FilterEvalTests' `FilterMeaningAgreementTests` proves
/// the same answers on generated findings.
final class FilterMeaningTests: XCTestCase {
  /// Rule text, or `{...}` for filter JSON (for maps the compiler would refuse).
  private func filter(_ text: String, line: UInt) -> FilterCriteriaMap {
    do {
      if text.hasPrefix("{") {
        return try JSONDecoder().decode(FilterCriteriaMap.self, from: Data(text.utf8))
      }
      return try FilterExpression(parsing: text).filterMap()
    } catch {
      XCTFail("\(text): \(error)", line: line)
      return FilterCriteriaMap()
    }
  }

  static let pairs: [(String, String, same: Bool, UInt)] = [
    // Single-valued keys: 'eq' says everything.
    ("isPublic eq false", "isPublic eq false and isPublic neq true", true, #line),
    ("error in [a, b]", "error in [b, a, a]", true, #line),
    ("error in [a, b] and error neq b", "error eq a", true, #line),
    ("error eq abc and error contains b", "error eq abc", true, #line),
    ("error in [abc, x] and error contains b", "error eq abc", true, #line),
    ("error contains b and error neq x", "error contains b", true, #line),
    ("error contains b and error neq [x, ab]", "error contains b and error neq ab", true, #line),
    ("error contains [b, ab]", "error contains b", true, #line),
    (#"{"error": {"contains": ["", "b"]}}"#, "error exists", true, #line),
    ("error exists and error eq a", "error eq a", true, #line),
    ("error exists and error contains a", "error contains a", true, #line),
    ("error not exists and error neq a", "error not exists", true, #line),
    // List-valued keys: 'neq' is about every element.
    ("action in [a, b] and action neq b", "action eq a and action neq b", true, #line),
    ("action eq ab and action contains a", "action eq ab", true, #line),
    (
      #"{"action": {"contains": [""], "neq": ["a"]}}"#, "action exists and action neq a", true,
      #line
    ),
    // Filters that match nothing all mean the same.
    (
      #"{"error": {"eq": ["a"], "neq": ["a"]}}"#, #"{"status": {"exists": false, "eq": ["x"]}}"#,
      true, #line
    ),
    (
      #"{"error": {"eq": ["a"], "contains": ["b"]}}"#, #"{"action": {"eq": ["a"], "neq": ["a"]}}"#,
      true, #line
    ),
    // Different.
    ("action eq a and action neq b", "action eq a", false, #line),
    ("action in [a, c] and action contains a", "action in [a, c]", false, #line),
    ("action contains b and action neq ab", "action contains b", false, #line),
    ("error neq a", "error exists and error neq a", false, #line),
    ("error contains b and error neq ab", "error contains b", false, #line),
    ("error eq a", "error contains a", false, #line),
    ("error neq a", "error not exists", false, #line),
    ("error eq a", "resource eq a", false, #line),
    ("error contains ab", "error contains b", false, #line),
    ("isPublic eq false", "isPublic neq true", false, #line),
    ("error eq a", "error eq a and status eq ACTIVE", false, #line),
    (#"{"error": {"eq": ["a"], "neq": ["a"]}}"#, "error eq a", false, #line),
    // Bytes, not canonical equivalence: a precomposed 'é' is not 'e' and a combining accent.
    ("error eq \"\u{E9}\"", "error eq \"e\u{301}\"", false, #line),
  ]

  func testEquivalence_table() {
    for (a, b, same, line) in Self.pairs {
      let (left, right) = (filter(a, line: line), filter(b, line: line))
      XCTAssertEqual(RuleSetDiff.equivalent(left, right), same, "\(a) vs \(b)", line: line)
      XCTAssertEqual(RuleSetDiff.equivalent(right, left), same, "\(b) vs \(a)", line: line)
      let diff = RuleSetDiff(
        desired: [ArchiveRule(ruleName: "r", filter: left)],
        deployed: [ArchiveRule(ruleName: "r", filter: right)])
      XCTAssertEqual(diff.isEmpty, same, "\(a) vs \(b)", line: line)
      XCTAssertEqual(diff.changed.isEmpty, same, "\(a) vs \(b)", line: line)
      let renamed = RuleSetDiff(
        desired: [ArchiveRule(ruleName: "new", filter: left)],
        deployed: [ArchiveRule(ruleName: "old", filter: right)])
      XCTAssertEqual(renamed.renamed.count, same ? 1 : 0, "\(a) vs \(b)", line: line)
    }
  }

  /// A changed rule lists only what differs in meaning, each side reduced.
  func testDiff_showsReducedCriteria() throws {
    let desired = filter("isPublic eq false and isPublic neq true and error in [a, b]", line: #line)
    let deployed = filter("isPublic eq false and error in [a, b] and error neq b", line: #line)
    let diff = RuleSetDiff(
      desired: [ArchiveRule(ruleName: "r", filter: desired)],
      deployed: [ArchiveRule(ruleName: "r", filter: deployed)])
    let change = try XCTUnwrap(diff.changed.first)
    XCTAssertEqual(change.changes.count, 1)
    let only = try XCTUnwrap(change.changes.first)
    XCTAssertEqual(only.key, "error")
    XCTAssertEqual(only.op, .eq)
    XCTAssertEqual(only.desired, ["a", "b"])
    XCTAssertEqual(only.deployed, ["a"])
    XCTAssertEqual(change.desired.filter, desired, "the rules themselves are kept as written")
  }
}
