import FilterDSL
import XCTest

@testable import FilterSuggest

/// Rule names stay unique across families, so every family's set can share one rule file.
final class SuggestRuleNameTests: XCTestCase {
  private func set(_ family: AnalyzerFamily, _ names: [String]) -> SuggestedRuleSet {
    SuggestedRuleSet(
      family: family,
      rules: names.map {
        SuggestedRule(
          archiveRule: ArchiveRule(ruleName: $0, filter: ["resource": Criterion(eq: [$0])]),
          covered: [$0], choices: [], margin: nil, isBroad: false)
      })
  }

  func testNames_uniqueAcrossFamilies_numberedOn() {
    let cases: [([SuggestedRuleSet], [[String]], UInt)] = [
      ([set(.external, ["a", "b"]), set(.unused, ["c"])], [["a", "b"], ["c"]], #line),
      ([set(.external, ["a"]), set(.unused, ["a"])], [["a"], ["a-2"]], #line),
      (
        [set(.external, ["a", "a-2"]), set(.internal, ["a"]), set(.unused, ["a", "a-2"])],
        [["a", "a-2"], ["a-3"], ["a-4", "a-2-2"]], #line
      ),
    ]
    for (sets, names, line) in cases {
      var renamed = sets
      RuleSuggester.uniqueNamesAcrossFamilies(&renamed)
      XCTAssertEqual(renamed.map { $0.rules.map(\.archiveRule.ruleName) }, names, line: line)
      // Only names change: what each rule matches and covers stays.
      XCTAssertEqual(
        renamed.map { $0.rules.map(\.archiveRule.filter) },
        sets.map { $0.rules.map(\.archiveRule.filter) }, line: line)
      let all = renamed.flatMap(\.archiveRules).map(\.ruleName)
      XCTAssertEqual(Set(all).count, all.count, line: line)
      XCTAssertTrue(all.allSatisfy(ArchiveRule.isValidName), line: line)
    }
  }
}
