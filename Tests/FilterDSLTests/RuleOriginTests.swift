import FilterDSL
import XCTest

/// A rule that splitting made several archive rules leads back to the rule as written.
final class RuleOriginTests: XCTestCase {
  private let ruleSet = """
    rule Trusted { principal.AWS eq 111122223333 or isPublic eq false }
    rule Buckets { resourceType eq AWS::S3::Bucket }
    rule Wide { resource contains a or resourceType eq b or isPublic eq true }
    """

  func testSplitRuleSet_eachRuleNamesItsWrittenRuleAndPart() throws {
    let result = try FilterCompiler.compile(ruleSet, options: CompileOptions(split: true))
      .checked()
    let cases: [(compiled: String, origin: RuleOrigin, line: UInt)] = [
      ("Trusted-1", RuleOrigin(ruleName: "Trusted", part: 1, partCount: 2), #line),
      ("Trusted-2", RuleOrigin(ruleName: "Trusted", part: 2, partCount: 2), #line),
      ("Buckets", RuleOrigin(ruleName: "Buckets", part: nil, partCount: 1), #line),
      ("Wide-1", RuleOrigin(ruleName: "Wide", part: 1, partCount: 3), #line),
      ("Wide-2", RuleOrigin(ruleName: "Wide", part: 2, partCount: 3), #line),
      ("Wide-3", RuleOrigin(ruleName: "Wide", part: 3, partCount: 3), #line),
    ]
    XCTAssertEqual(result.rules.map(\.ruleName), cases.map(\.compiled))
    XCTAssertEqual(result.origins, cases.map(\.origin))
    for (compiled, origin, line) in cases {
      XCTAssertEqual(result.origin(ofRuleNamed: compiled), origin, compiled, line: line)
      XCTAssertEqual(
        result.origin(ofRuleNamed: compiled)?.isSplit, origin.part != nil, compiled, line: line)
    }
  }

  func testOriginOfRuleNamed_answersOnlyForCompiledNames() throws {
    let result = try FilterCompiler.compile(ruleSet, options: CompileOptions(split: true))
      .checked()
    // The written name of a split rule is not a compiled rule, and names compare exactly.
    for name in ["Trusted", "trusted-1", "Trusted-3", "Buckets-1", ""] {
      XCTAssertNil(result.origin(ofRuleNamed: name), name)
    }
  }

  func testUnsplitRuleSet_originsAreTheRulesThemselves() throws {
    let result = try FilterCompiler.compile(
      """
      rule A { isPublic eq true }
      rule B { resourceType eq AWS::KMS::Key }
      """
    ).checked()
    XCTAssertEqual(
      result.origins, [RuleOrigin(ruleName: "A"), RuleOrigin(ruleName: "B")])
    XCTAssertEqual(result.origin(ofRuleNamed: "B"), RuleOrigin(ruleName: "B"))
    XCTAssertEqual(result.origin(ofRuleNamed: "B")?.isSplit, false)
  }

  func testNoRules_noOrigins() {
    let cases: [(source: String, options: CompileOptions, line: UInt)] = [
      // An expression, even when splitting makes it several maps, has no rules.
      ("isPublic eq true or resourceType eq a", CompileOptions(split: true), #line),
      // Errors leave no rules, so no origins either.
      ("rule A { isPublic eq true or resourceType eq a }", CompileOptions(), #line),
    ]
    for (source, options, line) in cases {
      let result = FilterCompiler.compile(source, options: options)
      XCTAssertEqual(result.rules, [], line: line)
      XCTAssertEqual(result.origins, [], line: line)
      XCTAssertNil(result.origin(ofRuleNamed: "A-1"), line: line)
    }
  }
}
