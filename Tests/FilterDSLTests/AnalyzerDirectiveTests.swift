import FilterDSL
import Foundation
import XCTest

/// `# aafilter: analyzer=FAMILY`: its forms, its problems, and its place among the other
/// sources of the analyzer family.
final class AnalyzerDirectiveTests: XCTestCase {
  func testFind_forms() {
    let rule = "rule A { resource contains x }"
    let cases: [(String, AnalyzerFamily?, [DiagnosticCode], UInt)] = [
      ("# aafilter: analyzer=unused\n\(rule)\n", .unused, [], #line),
      ("#aafilter:analyzer=unused", .unused, [], #line),
      ("  #  AAFilter  :  ANALYZER  =  Unused  \n\(rule)", .unused, [], #line),
      ("\t#\taafilter:\tanalyzer=\tinternal\t\n\(rule)", .internal, [], #line),
      ("# aafilter: analyzer=unused\r\n\(rule)\r\n", .unused, [], #line),
      ("\u{FEFF}# aafilter: analyzer=external\n\(rule)", .external, [], #line),
      ("# aafilter: analyzer=ORGANIZATION_INTERNAL_ACCESS\n\(rule)", .internal, [], #line),
      ("# aafilter: analyzer=account_unused_access\n\(rule)", .unused, [], #line),
      ("# aafilter: analyzer=unused-access\n\(rule)", .unused, [], #line),
      (
        "# Archive rules for prod\n\n# owner: platform\n# aafilter: analyzer=unused\n\n# the rules\n\(rule)",
        .unused, [], #line
      ),
      ("# aafilter: analyzer=internal\n", .internal, [], #line),
      // Ordinary comments that mention the tool.
      ("# aafilter is the checker\n# aafilter analyzer=unused\n\(rule)", nil, [], #line),
      ("# see aafilter: analyzer=unused\n\(rule)", nil, [], #line),
      ("# aafilters: analyzer=unused\n\(rule)", nil, [], #line),
      ("\(rule)", nil, [], #line),
      ("", nil, [], #line),
      // A '#' in a value is not a comment.
      ("rule A { resource eq \"# aafilter: analyzer=unused\" }", nil, [], #line),
      // After the first token: ignored, with a warning.
      ("\(rule) # aafilter: analyzer=unused", nil, [.misplacedAnalyzerDirective], #line),
      ("isPublic eq false\n# aafilter: analyzer=unused", nil, [.misplacedAnalyzerDirective], #line),
      (
        "# aafilter: analyzer=unused\n\(rule)\n# aafilter: analyzer=internal\n", .unused,
        [.misplacedAnalyzerDirective], #line
      ),
      ("# aafilter: analyzer=unsued\n\(rule)", nil, [.unknownAnalyzerDirective], #line),
      ("# aafilter: analyzer=\n\(rule)", nil, [.unknownAnalyzerDirective], #line),
      ("# aafilter: analyzer=unused # prod\n\(rule)", nil, [.unknownAnalyzerDirective], #line),
      ("# aafilter: analyzer=\"unused\"\n\(rule)", nil, [.unknownAnalyzerDirective], #line),
      ("# aafilter: analyser=unused\n\(rule)", nil, [.unknownDirective], #line),
      ("# aafilter: analyzer unused\n\(rule)", nil, [.unknownDirective], #line),
      ("# aafilter:\n\(rule)", nil, [.unknownDirective], #line),
      ("# aafilter: split=true\n\(rule)", nil, [.unknownDirective], #line),
      (
        "# aafilter: analyzer=unused\n# aafilter: analyzer=UNUSED\n\(rule)", .unused,
        [.duplicateAnalyzerDirective], #line
      ),
      (
        "# aafilter: analyzer=unused\n# aafilter: analyzer=internal\n\(rule)", .unused,
        [.conflictingAnalyzerDirective], #line
      ),
      (
        "# aafilter: analyzer=nope\n# aafilter: analyzer=internal\n\(rule)", .internal,
        [.unknownAnalyzerDirective], #line
      ),
      // Syntax errors after the header do not hide it.
      ("# aafilter: analyzer=unused\nrule A {", .unused, [], #line),
      ("# aafilter: analyzer=unused\nrule A { resource eq \"x }", .unused, [], #line),
    ]
    for (source, family, codes, line) in cases {
      let (directive, diagnostics) = AnalyzerDirective.find(in: source)
      XCTAssertEqual(directive?.family, family, source, line: line)
      XCTAssertEqual(diagnostics.map(\.code), codes, source, line: line)
    }
  }

  func testFind_ranges() throws {
    let cases: [(String, String, String, UInt)] = [
      ("# aafilter: analyzer=unused\n", "# aafilter: analyzer=unused", "unused", #line),
      (
        "# aafilter: analyzer=unused\r\nisPublic eq false", "# aafilter: analyzer=unused", "unused",
        #line
      ),
      (
        "\u{FEFF}  # aafilter : analyzer = internal  \n", "# aafilter : analyzer = internal  ",
        "internal", #line
      ),
      ("# é\n#aafilter:analyzer=UNUSED", "#aafilter:analyzer=UNUSED", "UNUSED", #line),
    ]
    for (source, comment, value, line) in cases {
      let directive = try XCTUnwrap(AnalyzerDirective.find(in: source).directive, line: line)
      let bytes = Array(source.utf8)
      func text(_ range: SourceRange) -> String {
        String(decoding: bytes[range.start..<range.end], as: UTF8.self)
      }
      XCTAssertEqual(text(directive.range), comment, line: line)
      XCTAssertEqual(text(directive.valueRange), value, line: line)
    }
  }

  func testFind_fixes() {
    // Each fix, applied, gives text with no problem and the intended family.
    let cases: [(String, String, AnalyzerFamily, UInt)] = [
      ("# aafilter: analyzer=unsued\nisPublic eq false", "unused", .unused, #line),
      ("# aafilter: analyzer=intrenal\nisPublic eq false", "internal", .internal, #line),
      ("# aafilter: analyser=unused\nisPublic eq false", "analyzer", .unused, #line),
      (
        "# aafilter: analyzer=unused\n  # aafilter: analyzer=unused\r\nisPublic eq false", "",
        .unused, #line
      ),
    ]
    for (source, replacement, family, line) in cases {
      let diagnostics = AnalyzerDirective.find(in: source).diagnostics
      XCTAssertEqual(diagnostics.count, 1, line: line)
      guard let fix = diagnostics.first?.fix else {
        XCTFail("no fix", line: line)
        continue
      }
      XCTAssertEqual(fix.replacement, replacement, line: line)
      var bytes = Array(source.utf8)
      bytes.replaceSubrange(fix.range.start..<fix.range.end, with: Array(fix.replacement.utf8))
      let fixed = String(decoding: bytes, as: UTF8.self)
      let (directive, remaining) = AnalyzerDirective.find(in: fixed)
      XCTAssertEqual(directive?.family, family, fixed, line: line)
      XCTAssertEqual(remaining, [], fixed, line: line)
      XCTAssertTrue(fixed.hasSuffix("\nisPublic eq false"), fixed, line: line)
    }
    // An unknown family far from every name gets the list instead of a guess.
    let far = AnalyzerDirective.find(in: "# aafilter: analyzer=kubernetes").diagnostics
    XCTAssertNil(far.first?.fix)
    XCTAssertEqual(
      far.first?.help,
      "write external, internal, unused or an analyzer type (ACCOUNT_UNUSED_ACCESS, ...)")
  }

  func testLint_precedence() {
    typealias R = FamilyResolution
    let directive = "# aafilter: analyzer=unused\n"
    let body = "rule A { resource contains \"role/ci-\" }"
    let cases: [(String, AnalyzerFamily?, AnalyzerFamily?, R, [DiagnosticCode], UInt)] = [
      (body, nil, nil, R(family: .external, source: .default), [], #line),
      (directive + body, nil, nil, R(family: .unused, source: .directive), [], #line),
      (body, nil, .internal, R(family: .internal, source: .configured), [], #line),
      (directive + body, nil, .internal, R(family: .unused, source: .directive), [], #line),
      (directive + body, .unused, nil, R(family: .unused, source: .given), [], #line),
      (
        directive + body, .internal, .external, R(family: .internal, source: .given),
        [.analyzerDirectiveOverridden], #line
      ),
      (body, .internal, .unused, R(family: .internal, source: .given), [], #line),
      // The configured family beats inference from the rules, which then conflict with it.
      (
        "rule A { findingType eq InternalAccess }", nil, .unused,
        R(family: .unused, source: .configured), [.analyzerConflict], #line
      ),
      (
        "rule A { principalType eq IAM_ROLE }", nil, nil, R(family: .internal, source: .ruleKeys),
        [], #line
      ),
      (
        directive + "rule A { findingType eq InternalAccess }", nil, nil,
        R(family: .unused, source: .directive), [.analyzerConflict], #line
      ),
      // An unknown directive leaves the family to the next source.
      (
        "# aafilter: analyzer=unusd\n" + body, nil, .internal,
        R(family: .internal, source: .configured), [.unknownAnalyzerDirective], #line
      ),
      // Syntax errors: the stated family is still reported.
      (directive + "rule A {", nil, nil, R(family: .unused, source: .directive), [], #line),
      ("rule A {", nil, .internal, R(family: .internal, source: .configured), [], #line),
      ("rule A {", .unused, nil, R(family: .unused, source: .given), [], #line),
      // One expression rather than a rule set.
      (
        directive + "resource contains x", nil, nil, R(family: .unused, source: .directive), [],
        #line
      ),
    ]
    for (source, given, fallback, family, codes, line) in cases {
      let options = LintOptions(analyzer: given, fallbackAnalyzer: fallback)
      let report = Linter.lint(source, options: options)
      XCTAssertEqual(report.family, family, source, line: line)
      let familyCodes = report.diagnostics.map(\.code).filter {
        $0 == .analyzerConflict || $0.rawValue.contains("directive")
      }
      XCTAssertEqual(familyCodes, codes, source, line: line)
    }
  }

  func testLint_directiveDiagnosticsComeFirst() throws {
    let source = """
      # aafilter: analyzer=unused
      # aafilter: analyzer=internal
      rule A { findingType eq UnusedIAMRole and resource contains "role/ci-" }
      rule B { findingType eq UnusedPermission and resourceOwnerAccount eq "111122223333" }
      """
    let report = Linter.lint(source)
    XCTAssertEqual(report.rules.map(\.name), [nil, "A", "B"])
    XCTAssertEqual(report.rules[0].diagnostics.map(\.code), [.conflictingAnalyzerDirective])
    XCTAssertEqual(report.family, FamilyResolution(family: .unused, source: .directive))
    // Clean rule sets keep one report per rule.
    let clean = Linter.lint("# aafilter: analyzer=unused\nrule A { resource contains x }")
    XCTAssertEqual(clean.rules.map(\.name), ["A"])
    // A family word in the message names the directive.
    let conflict = Linter.lint("# aafilter: analyzer=unused\nfindingType eq ExternalAccess")
    XCTAssertEqual(
      conflict.diagnostics.first { $0.code == .analyzerConflict }?.message,
      "'ExternalAccess' is a finding type of external-access analyzers, but the file's analyzer directive names unused-access"
    )
    let rendered = Linter.lint(
      "# aafilter: analyzer=internal\nisPublic eq false", options: LintOptions(analyzer: .external)
    ).rendered(name: "r.aaf")
    XCTAssertEqual(
      rendered,
      """
      warning: the file's analyzer directive names internal-access, but the analyzer given is external-access
       --> r.aaf:1:22
        |
      1 | # aafilter: analyzer=internal
        |                      ^^^^^^^^ overridden: checked as external-access
        = help: change the directive, or drop --analyzer (LintOptions.analyzer) to use it

      r.aaf: 1 warning

      """)
  }

  func testResolve_statedFamilies() {
    typealias R = FamilyResolution
    let cases:
      [(AnalyzerFamily?, AnalyzerFamily?, AnalyzerFamily?, Set<AnalyzerFamily>, R?, String?, UInt)] =
        [
          (nil, .unused, nil, [], R(family: .unused, source: .directive), nil, #line),
          (nil, nil, .internal, [], R(family: .internal, source: .configured), nil, #line),
          (.external, .unused, .internal, [], R(family: .external, source: .given), nil, #line),
          (nil, .unused, .internal, [], R(family: .unused, source: .directive), nil, #line),
          (
            nil, .unused, nil, [.internal], nil,
            "the rule names internal-access finding types, but the file's analyzer directive names unused-access",
            #line
          ),
          (
            nil, nil, .unused, [.external], nil,
            "the rule names external-access finding types, but the configured analyzer is unused-access",
            #line
          ),
        ]
    for (given, directive, configured, types, expected, message, line) in cases {
      do {
        let resolution = try R.resolve(
          given: given, directive: directive, configured: configured, ruleFindingTypes: types)
        XCTAssertEqual(resolution, expected, line: line)
      } catch {
        XCTAssertNil(expected, line: line)
        XCTAssertEqual(error.message, message, line: line)
      }
    }
    XCTAssertNil(R(family: .unused, source: .directive).note)
    XCTAssertEqual(
      R(family: .internal, source: .configured).note,
      "analyzer family internal-access, as configured")
  }

  func testLint_reportJSONAndSARIFNameTheSource() throws {
    let report = Linter.lint("# aafilter: analyzer=internal\nprincipal.AWS eq \"111122223333\"")
    guard case .object(let members) = report.json(file: "r.aaf"),
      case .object(let analyzer)? = members.first(where: { $0.0 == "analyzer" })?.1
    else { return XCTFail("no analyzer object") }
    XCTAssertEqual(analyzer.map(\.0), ["family", "source"])
    XCTAssertEqual(analyzer.map(\.1), [.string("internal"), .string("directive")])
    let sarif = try XCTUnwrap(
      try JSONSerialization.jsonObject(
        with: Data(report.sarif(file: "r.aaf", toolVersion: "0").serialized().utf8))
        as? [String: Any])
    let run = try XCTUnwrap((sarif["runs"] as? [[String: Any]])?.first)
    XCTAssertEqual(
      (run["properties"] as? [String: Any])?["analyzer"] as? [String: String],
      ["family": "internal", "source": "directive"])
  }
}
