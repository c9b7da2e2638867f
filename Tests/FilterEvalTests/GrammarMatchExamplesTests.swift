import AAFilterTestSupport
import FilterDSL
import FilterEval
import Foundation
import XCTest

/// Runs every `matches(...)` line of grammar.md.
final class GrammarMatchExamplesTests: XCTestCase {
  func testEveryMatchExample_holds() throws {
    let text = try String(
      contentsOf: repositoryRoot.appendingPathComponent("grammar.md"), encoding: .utf8)
    var checked = 0
    for (number, line) in text.split(separator: "\n").enumerated() where line.hasPrefix("matches('")
    {
      let where_ = "grammar.md:\(number + 1)"
      guard let ruleEnd = line.range(of: "', "),
        let arrow = line.range(of: ") -> ", options: .backwards)
      else {
        XCTFail("\(where_): malformed")
        continue
      }
      let rule = String(line[line.index(line.startIndex, offsetBy: 9)..<ruleEnd.lowerBound])
      let json = String(line[ruleEnd.upperBound..<arrow.lowerBound])
      let expected = String(line[arrow.upperBound...])
      let filter = try FilterExpression(parsing: rule).filterMap()
      let finding = try XCTUnwrap(FindingsDecoder.decode(Array(json.utf8)).findings.first, where_)
      let verdict = FindingMatcher(filter).evaluate(finding)
      let actual = verdict == .match ? "true" : verdict == .noMatch ? "false" : "undecidable"
      XCTAssertEqual(actual, expected, "\(where_): \(rule)")
      checked += 1
    }
    XCTAssertGreaterThan(checked, 20)
  }
}
