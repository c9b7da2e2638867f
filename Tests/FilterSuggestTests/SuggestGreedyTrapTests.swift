import FilterDSL
import FilterEval
import FilterSuggest
import XCTest

/// Copies of the classic trap for greedy set cover: two planted rules (rows) cover everything,
/// while blocks of doubling size, each slightly larger than what is left of a row, lure greedy
/// into one rule per block. Copies on disjoint condition keys are independent parts: the exact
/// search runs part by part, so however many copies, the planted rules are found again.
final class SuggestGreedyTrapTests: XCTestCase {
  /// `copies` traps of `blocks` blocks; every expected finding has a kept twin without
  /// conditions, so only condition keys separate.
  private func traps(blocks: Int, copies: Int) -> (findings: [Finding], expected: [String]) {
    var findings: [Finding] = []
    var expected: [String] = []
    var number = 0
    for copy in 0..<copies {
      for row in 0..<2 {
        for block in 1...blocks {
          for item in 0..<(1 << block) {
            number += 1
            let id = "g\(copy)-\(row)-\(block)-\(item)"
            func finding(_ id: String, _ condition: StringMap) -> Finding {
              var finding = Finding(
                id: id, resource: "arn:aws:s3:::bucket-\(number)",
                resourceType: "AWS::S3::Bucket", resourceOwnerAccount: "111122223333",
                status: "ACTIVE", isPublic: false, findingType: "ExternalAccess",
                principal: ["AWS": "444455556666"], condition: condition,
                action: ["s3:GetObject"])
              finding.analyzerFamily = .external
              return finding
            }
            findings.append(
              finding(id, StringMap([
                .init(key: "row\(row)c\(copy)", value: "y"),
                .init(key: "blk\(block)c\(copy)", value: "y"),
              ])))
            findings.append(finding("kept-" + id, StringMap()))
            expected.append(id)
          }
        }
      }
    }
    return (findings, expected)
  }

  func testIndependentTraps_plantedRulesFoundAgain() throws {
    // (blocks, copies): one trap, a few, and more classes in all than one exact search takes.
    let cases: [(Int, Int, UInt)] = [(3, 1, #line), (4, 1, #line), (4, 5, #line), (4, 33, #line)]
    for (blocks, copies, line) in cases {
      let (findings, expected) = traps(blocks: blocks, copies: copies)
      let suggestion = try RuleSuggester.suggest(findings, expected: .ids(expected))
      assertSound(
        suggestion, findings: findings, expected: Set(expected),
        context: "\(blocks) blocks x \(copies)")
      XCTAssertTrue(suggestion.isExact, "\(suggestion.uncovered.prefix(3))", line: line)
      XCTAssertLessThanOrEqual(suggestion.archiveRules.count, 2 * copies, line: line)
    }
  }

  /// Every rule of a trap shares the principal: names come from what sets each rule apart.
  func testNames_sayWhatSetsEachRuleApart() throws {
    let (findings, expected) = traps(blocks: 3, copies: 1)
    let suggestion = try RuleSuggester.suggest(findings, expected: .ids(expected))
    XCTAssertEqual(
      Set(suggestion.archiveRules.map(\.ruleName)), ["suggested-row0c0-y", "suggested-row1c0-y"])
  }
}
