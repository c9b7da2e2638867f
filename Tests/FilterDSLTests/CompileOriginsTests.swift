import FilterDSL
import XCTest

/// `CompileResult.origins` runs beside `rules`: one origin per compiled rule, and none at all
/// when the rule set has errors (then there are no rules to lead back from).
final class CompileOriginsTests: XCTestCase {
  func testOrigins_parallelToRules_emptyOnErrors() {
    // The text, and each origin as name/part/parts ("-" for a rule not split).
    let cases: [(String, [String], UInt)] = [
      ("rule a { isPublic eq false }", ["a/-/1"], #line),
      (
        "rule a { isPublic eq false }\nrule b { resourceType eq x or error eq y }",
        ["a/-/1", "b/1/2", "b/2/2"], #line
      ),
      ("rule a { isPublic eq }", [], #line),
      ("rule a { isPublic eq false }\nrule a { error exists }", [], #line),
      (
        "rule a { isPublic eq false }\nrule b { isPublic eq true and isPublic eq false }", [], #line
      ),
      ("rule a { isPublic eq false order by id }", [], #line),
    ]
    for (source, expected, line) in cases {
      let result = FilterCompiler.compile(source, options: CompileOptions(split: true))
      let shown = result.origins.map {
        "\($0.ruleName)/\($0.part.map(String.init) ?? "-")/\($0.partCount)"
      }
      XCTAssertEqual(shown, expected, source, line: line)
      XCTAssertEqual(result.origins.count, result.rules.count, source, line: line)
      XCTAssertEqual(result.errors.isEmpty, !expected.isEmpty, source, line: line)
      if expected.isEmpty {
        XCTAssertNil(result.origin(ofRuleNamed: "a"), source, line: line)
      }
    }
  }
}
