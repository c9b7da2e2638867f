import AAFilterTestSupport
import FilterDSL
import FilterEval
import XCTest

/// The reference evaluator that the compiler and the `dsl` fuzz target are checked against
/// follows grammar.md's matching semantics, the byte-exact comparison included.
final class ReferenceEvaluatorTests: XCTestCase {
  static let finding = #"""
    {"id":"f1","resource":"arn:aws:s3:::prod-logs","isPublic":false,"error":"",
     "action":["s3:GetObject","s3:PutObject"],"principal":{"AWS":"111122223333"},
     "condition":{"aws:SourceVpc":"caf\u00e9"},"findingType":"ExternalAccess"}
    """#

  func testGrammarSemantics_onOneFinding() throws {
    let cases: [(rule: String, matches: Bool, line: UInt)] = [
      ("resource eq arn:aws:s3:::prod-logs", true, #line),
      ("resource eq arn:aws:s3:::PROD-logs", false, #line),
      ("resource neq arn:aws:s3:::prod-logs", false, #line),
      ("resource neq other", true, #line),
      ("resource not in [a, b]", true, #line),
      ("resource contains prod-", true, #line),
      ("resource contains \"\"", true, #line),
      ("resource contains logsx", false, #line),
      ("resource contains arn:aws:s3:::prod-logs-and-more", false, #line),
      ("isPublic eq false", true, #line),
      ("isPublic eq true", false, #line),
      ("error exists", true, #line),
      ("error eq \"\"", true, #line),
      ("noSuchKey exists", false, #line),
      ("noSuchKey not exists", true, #line),
      ("noSuchKey neq x", true, #line),
      ("noSuchKey eq x", false, #line),
      ("noSuchKey contains \"\"", false, #line),
      ("principal.AWS eq 111122223333", true, #line),
      ("principal.Federated exists", false, #line),
      ("action eq s3:PutObject", true, #line),
      ("action neq s3:PutObject", false, #line),
      ("action contains Get", true, #line),
      ("action not exists", false, #line),
      // Bytes, not canonical equivalence: the finding holds the composed é.
      ("condition.aws:SourceVpc eq \"caf\\u00e9\"", true, #line),
      ("condition.aws:SourceVpc eq \"cafe\\u0301\"", false, #line),
      ("condition.aws:SourceVpc contains \"e\\u0301\"", false, #line),
      ("condition.aws:SourceVpc contains \"\\u00e9\"", true, #line),
      ("resource eq nope or isPublic eq false", true, #line),
      ("resource eq nope and isPublic eq false", false, #line),
      ("not resource eq nope", true, #line),
      ("not (error exists and isPublic eq false)", false, #line),
      ("resource not eq nope", true, #line),
      ("resource not neq nope", false, #line),
    ]
    let finding = try XCTUnwrap(FindingsDecoder.decode(Array(Self.finding.utf8)).findings.first)
    for (rule, matches, line) in cases {
      let tree = try XCTUnwrap(FilterExpression(parsing: rule).expression, rule, line: line)
      XCTAssertEqual(referenceEvaluate(tree, finding), matches, rule, line: line)
    }
  }

  func testEmptyListAndNull_areAbsent() throws {
    let json = #"{"id":"f2","action":[],"error":null}"#
    let finding = try XCTUnwrap(FindingsDecoder.decode(Array(json.utf8)).findings.first)
    let cases: [(rule: String, matches: Bool, line: UInt)] = [
      ("action exists", false, #line),
      ("action neq x", true, #line),
      ("action contains \"\"", false, #line),
      ("error exists", false, #line),
      ("error neq x", true, #line),
    ]
    for (rule, matches, line) in cases {
      let tree = try XCTUnwrap(FilterExpression(parsing: rule).expression, rule, line: line)
      XCTAssertEqual(referenceEvaluate(tree, finding), matches, rule, line: line)
    }
  }
}
