import AAFilterTestSupport
import FilterDSL
import FilterEval
import FilterSuggest
import XCTest

final class PlantedCoverTests: XCTestCase {
  private static let ruleCounts = [1, 2, 3, 5, 8, 50]

  func testPlanted_exactWithNoMoreRulesThanPlanted() throws {
    for family in AnalyzerFamily.allCases {
      for count in Self.ruleCounts {
        // Few findings per rule, and many: with many, a rule on the principals alone
        // archives most of them and a greedy cover alone then needs one rule more.
        for (seed, perRule) in [(1, 6), (2, 6), (3, 40)] {
          var generator = PlantedCoverGenerator(seed: UInt64(seed * 100 + count))
          let cover = generator.make(
            family: family, ruleCount: count, perRule: perRule, noise: perRule == 40 ? 60 : 3)
          let suggestion = try RuleSuggester.suggest(
            cover.findings, expected: .ids(cover.expectedIDs))
          let context = "\(family) \(count) rules of \(perRule), seed \(seed)"
          assertSound(suggestion, findings: cover.findings, expected: Set(cover.expectedIDs))
          XCTAssertTrue(suggestion.isExact, "\(context): \(suggestion.uncovered)")
          XCTAssertEqual(suggestion.ruleSets.map(\.family), [family], context)
          let rules = suggestion.ruleSets.flatMap(\.rules)
          XCTAssertLessThanOrEqual(
            rules.count, count, "\(context)\n" + suggestion.ruleSets.map(\.ruleText).joined())
          XCTAssertEqual(suggestion.expectedCount, cover.expectedIDs.count, context)
        }
      }
    }
  }

  func testPlanted_publicTrapsNeverArchived() throws {
    for count in Self.ruleCounts {
      var generator = PlantedCoverGenerator(seed: UInt64(7 + count))
      let cover = generator.make(family: .external, ruleCount: count)
      XCTAssertEqual(cover.publicTrapIDs.count, count)
      // Even with the traps expected, they are reported, never archived.
      let expected = cover.expectedIDs + cover.publicTrapIDs
      let suggestion = try RuleSuggester.suggest(cover.findings, expected: .ids(expected))
      assertSound(suggestion, findings: cover.findings, expected: Set(expected))
      XCTAssertEqual(
        suggestion.uncovered.map(\.id), cover.publicTrapIDs, "\(count) rules")
      XCTAssertTrue(suggestion.uncovered.allSatisfy { $0.reason == .isPublic })
      XCTAssertTrue(
        suggestion.uncovered.allSatisfy { $0.explanation.contains("public") })
    }
  }

  func testPlanted_inseparablePairsReported() throws {
    for family in AnalyzerFamily.allCases {
      for count in [1, 3, 8] {
        var generator = PlantedCoverGenerator(seed: UInt64(31 + count))
        let cover = generator.make(family: family, ruleCount: count, inseparable: 2)
        XCTAssertFalse(cover.inseparable.isEmpty)
        let suggestion = try RuleSuggester.suggest(
          cover.findings, expected: .ids(cover.expectedIDs))
        assertSound(suggestion, findings: cover.findings, expected: Set(cover.expectedIDs))
        XCTAssertFalse(suggestion.isExact, "\(family) \(count)")
        let reported = suggestion.uncovered.map { finding -> (String, String?) in
          if case .inseparable(let kept) = finding.reason { return (finding.id, kept) }
          return (finding.id, nil)
        }
        XCTAssertEqual(
          reported.map(\.0), cover.inseparable.map(\.expected), "\(family) \(count)")
        XCTAssertEqual(
          reported.map(\.1), cover.inseparable.map(\.kept), "\(family) \(count)")
      }
    }
  }

  func testPlanted_archivedStatusLearnsThePlantedRulesBack() throws {
    for family in AnalyzerFamily.allCases {
      for count in Self.ruleCounts {
        var generator = PlantedCoverGenerator(seed: UInt64(53 + count))
        let cover = generator.make(family: family, ruleCount: count, archivedOnly: true)
        let suggestion = try RuleSuggester.suggest(cover.findings, expected: .status("ARCHIVED"))
        assertSound(suggestion, findings: cover.findings, expected: Set(cover.expectedIDs))
        XCTAssertTrue(suggestion.isExact, "\(family) \(count)")
        XCTAssertEqual(suggestion.expectedCount, cover.expectedIDs.count)
        XCTAssertLessThanOrEqual(suggestion.ruleSets.flatMap(\.rules).count, count)
        // What the suggested rules archive among active findings, the planted ones archive.
        let planted = cover.rules.map { FindingMatcher($0.filter) }
        for rule in suggestion.archiveRules {
          let matcher = FindingMatcher(rule.filter)
          for finding in cover.findings where matcher.matches(finding) {
            XCTAssertTrue(planted.contains { $0.matches(finding) }, "\(rule.ruleName)")
          }
        }
      }
    }
  }

  func testPlanted_unknownIDsAreAnError() {
    var generator = PlantedCoverGenerator(seed: 5)
    let cover = generator.make(family: .unused, ruleCount: 2)
    let ids = Array(cover.expectedIDs.prefix(2)) + ["no-such-id", "other", "no-such-id"]
    XCTAssertThrowsError(try RuleSuggester.suggest(cover.findings, expected: .ids(ids))) {
      XCTAssertEqual(($0 as? SuggestError)?.kind, .unknownIDs(["no-such-id", "other"]))
      XCTAssertEqual(
        ($0 as? SuggestError)?.description,
        "2 expected findings are not among the findings: 'no-such-id', 'other'")
    }
  }
}
