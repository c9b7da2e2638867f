import FilterDSL
import FilterEval
import Foundation
import XCTest

/// `FilterMeaning` (what `diff` and `redundant-criterion` compare) agrees with the evaluator:
/// over every criterion built from a small alphabet, two criteria have the same meaning exactly
/// when they give the same verdict on every finding of a domain rich enough to tell apart any
/// two that differ (each value, each with a character before and after, the empty string,
/// absence; lists of up to three of them).
final class FilterMeaningAgreementTests: XCTestCase {
  private static let values = ["a", "b", "ab", "c"]
  private static let needles = [
    nil, ["a"], ["b"], ["ab"], [""], ["a", "ab"], ["a", "b"], ["b", "c"],
  ]
  private static let texts = [
    "", "a", "b", "ab", "ba", "c", "abc", "bc", "xax", "xbx", "xabx", "xcx", "x",
  ]

  /// Every criterion with `eq` and `neq` any subset of the values (or unset), `contains` one of
  /// `needles`, and `exists` unset, true or false.
  private static var criteria: [Criterion] {
    let subsets: [[String]?] =
      [nil]
      + (1..<(1 << values.count)).map { mask in
        values.indices.filter { mask & (1 << $0) != 0 }.map { values[$0] }
      }
    var result: [Criterion] = []
    for eq in subsets {
      for neq in subsets {
        for contains in needles {
          for exists in [nil, true, false] as [Bool?] {
            let criterion = Criterion(eq: eq, neq: neq, contains: contains, exists: exists)
            if !criterion.isEmpty { result.append(criterion) }
          }
        }
      }
    }
    return result
  }

  private static func record(_ key: String, _ value: String?) -> String {
    let field = value.map { #","\#(key)":\#($0)"# } ?? ""
    return #"{"id":"f","isPublic":false,"resource":"r"\#(field)}"#
  }

  private static func quoted(_ text: String) -> String { "\"\(text)\"" }

  func testSingleValuedKey_meaningIsVerdictsOnEveryValue() {
    let findings = ([nil] + Self.texts.map(Self.quoted)).map { finding(Self.record("error", $0)) }
    assertAgreement(key: "error", listValued: false, findings: findings)
  }

  func testListValuedKey_meaningIsVerdictsOnEveryList() {
    let elements = ["a", "b", "ab", "ba", "c", "abc", "bc", "x", "xax", "xbx", "xcx", "xabx"]
    // Up to three elements: one for 'eq', one for 'contains', one that 'neq' may exclude.
    var lists: [[String]] = [[]]
    for _ in 0..<3 {
      lists += lists.flatMap { list in
        elements.filter { element in list.last.map { $0 < element } ?? true }.map { list + [$0] }
      }
    }
    lists = Array(Set(lists))
    let texts = [nil] + lists.map { "[" + $0.map(Self.quoted).joined(separator: ",") + "]" }
    let findings = texts.map { finding(Self.record("action", $0)) }
    assertAgreement(key: "action", listValued: true, findings: findings)
  }

  private func assertAgreement(
    key: String, listValued: Bool, findings: [Finding], line: UInt = #line
  ) {
    var verdictsByMeaning: [FilterMeaning: [Verdict]] = [:]
    var meaningByVerdicts: [[Verdict]: FilterMeaning] = [:]
    var pairs = 0
    for criterion in Self.criteria {
      let map = FilterCriteriaMap([key: criterion])
      let meaning = FilterMeaning(map)
      XCTAssertEqual(
        meaning.criteria?[ExactString(key)].map { _ in true },
        CriterionMeaning(criterion, listValued: listValued).map { _ in true }, line: line)
      let matcher = FindingMatcher(map)
      let verdicts = findings.map { matcher.evaluate($0) }
      if let known = verdictsByMeaning[meaning] {
        pairs += 1
        XCTAssertEqual(
          known, verdicts, "same meaning, different verdicts: \(criterion)", line: line)
      } else {
        verdictsByMeaning[meaning] = verdicts
      }
      if let known = meaningByVerdicts[verdicts] {
        XCTAssertEqual(
          known, meaning, "same verdicts on every finding, different meanings: \(criterion)",
          line: line)
      } else {
        meaningByVerdicts[verdicts] = meaning
      }
    }
    XCTAssertFalse(
      verdictsByMeaning.values.contains { $0.contains(.undecidable) },
      "every record decides the key", line: line)
    // Most spellings share a meaning with another: the comparison is exercised, not vacuous.
    XCTAssertGreaterThan(pairs, Self.criteria.count / 2, line: line)
    XCTAssertGreaterThan(verdictsByMeaning.count, 50, line: line)
  }
}
