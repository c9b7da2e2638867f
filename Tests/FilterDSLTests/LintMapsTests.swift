import AAFilterTestSupport
import FilterDSL
import XCTest

/// Maps and rules linted as they are give exactly what linting their canonical text gives,
/// and rule JSON is checked in place, with every diagnostic pointing into the JSON.
final class LintMapsTests: XCTestCase {
  func testMaps_lintAsTheirCanonicalText() {
    var generator = FilterGenerator(random: SeededGenerator(seed: 0x11E7))
    var flagged = 0
    for _ in 0..<500 {
      let map = generator.map()
      let text = FilterPrinter().print(map)
      let direct = Linter.lint(map)
      XCTAssertEqual(direct.source, text)
      XCTAssertEqual(direct.diagnostics, Linter.lint(text).diagnostics, text)
      if !direct.diagnostics.isEmpty { flagged += 1 }
    }
    XCTAssertGreaterThan(flagged, 50, "the generator should make maps with problems")
  }

  func testRules_lintAsTheirCanonicalRuleSet() {
    var generator = FilterGenerator(random: SeededGenerator(seed: 0x5E7))
    for round in 0..<100 {
      let rules = (0..<3).map {
        ArchiveRule(ruleName: "R\($0 % 2 + round % 2)", filter: generator.map())
      }
      let text = FilterPrinter().print(rules)
      let direct = Linter.lint(rules)
      XCTAssertEqual(direct.source, text)
      XCTAssertEqual(direct.rules, Linter.lint(text).rules, text)
    }
  }

  func testJSON_diagnosticsPointAtTheirValue() throws {
    let json = #"""
      {"archiveRules": [
        {"ruleName": "Typo", "filter": {"resourcetype": {"eq": ["AWS::S3::Bucket"]},
                                        "isPublic": {"eq": ["yes"]}}},
        {"ruleName": "Strings", "filter": {"error": {"exists": "false"}}}
      ]}
      """#
    let bytes = Array(json.utf8)
    let report = Linter.lint(json: bytes)
    func text(_ range: SourceRange) -> String {
      String(decoding: bytes[range.start..<range.end], as: UTF8.self)
    }
    let cases: [(DiagnosticCode, String, UInt)] = [
      (.unknownKey, #""resourcetype""#, #line),
      (.invalidBoolean, #""yes""#, #line),
      (.existsAsString, #""false""#, #line),
    ]
    for (code, expected, line) in cases {
      let diagnostic = try XCTUnwrap(report.diagnostics.first { $0.code == code }, line: line)
      XCTAssertEqual(text(diagnostic.range), expected, line: line)
    }
    let fix = try XCTUnwrap(report.diagnostics.first { $0.code == .existsAsString }?.fix)
    XCTAssertEqual(fix.replacement, "false")
    XCTAssertEqual(report.rules.map(\.name), ["Typo", "Strings"])
    XCTAssertEqual(report.rules.compactMap(\.range).map(text), [#""Typo""#, #""Strings""#])
  }

  func testInvalidJSON_isOneErrorWhereItIs() throws {
    let bytes = Array("{\"k\": {\"eq\": [\"a\",]}}".utf8)
    let report = Linter.lint(json: bytes)
    let diagnostic = try XCTUnwrap(report.diagnostics.first)
    XCTAssertEqual(report.diagnostics.count, 1)
    XCTAssertEqual(diagnostic.code, .invalidFilterJSON)
    XCTAssertEqual(diagnostic.range.start, 18)
    XCTAssertEqual(diagnostic.message, "not valid JSON: expected a value (line 1, column 19)")
  }
}

final class CompileResultTests: XCTestCase {
  func testShapes_ofTheCompiledJSON() {
    let cases: [(String, CompileOptions, String, UInt)] = [
      ("isPublic eq false", CompileOptions(), #"{"isPublic":{"eq":["false"]}}"#, #line),
      (
        "a eq 1 or b eq 2", CompileOptions(split: true),
        #"[{"a":{"eq":["1"]}},{"b":{"eq":["2"]}}]"#, #line
      ),
      (
        "rule R { a exists }", CompileOptions(),
        #"{"archiveRules":[{"ruleName":"R","filter":{"a":{"exists":true}}}]}"#, #line
      ),
    ]
    for (source, options, expected, line) in cases {
      let result = FilterCompiler.compile(source, options: options)
      XCTAssertFalse(result.hasErrors, line: line)
      XCTAssertEqual(result.json.serialized(pretty: false), expected, line: line)
    }
  }

  func testErrors_leaveNoMaps() {
    let result = FilterCompiler.compile("a eq 1 or b eq 2")
    XCTAssertTrue(result.hasErrors)
    XCTAssertEqual(result.errors.map(\.code), [.orAcrossKeys])
    XCTAssertNil(result.filterMap)
    XCTAssertEqual(result.maps, [])
    XCTAssertThrowsError(try result.checked()) { error in
      XCTAssertEqual((error as? DiagnosticError)?.diagnostics, result.diagnostics)
    }
  }

  func testWarnings_doNotFail() throws {
    let result = FilterCompiler.compile("(a eq 1 and a eq 2) or a eq 3")
    XCTAssertEqual(result.warnings.map(\.code), [.unsatisfiableBranch])
    XCTAssertEqual(try result.checked().filterMap, ["a": Criterion(eq: ["3"])])
    XCTAssertEqual(
      FilterCompiler.compile("a exists order by id desc").sort,
      SortCriteria(attributeName: "id", orderBy: .descending))
  }

  /// A split name that clashes is blamed on the rule that split, not on the first rule whose
  /// name happens to be a prefix of it.
  func testSplitNameClash_blamesTheRuleThatSplit() throws {
    let source = "rule A-1 { x eq 1 }\nrule A { a eq 1 or b eq 1 }"
    let result = FilterCompiler.compile(source, options: CompileOptions(split: true))
    let clash = try XCTUnwrap(result.errors.first { $0.code == .duplicateRuleName })
    let start = source.utf8.count - "A { a eq 1 or b eq 1 }".utf8.count
    XCTAssertEqual(clash.range, SourceRange(start: start, end: start + 1))
  }
}
