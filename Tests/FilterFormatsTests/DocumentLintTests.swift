import FilterDSL
import FilterFormats
import XCTest

/// `check` on a template: import problems and rule checks land in the rule they concern, at
/// a place in the file itself (the rule's name, since templates keep no spans for predicates).
final class DocumentLintTests: XCTestCase {
  static func text(_ bytes: [UInt8], _ range: SourceRange?) -> String {
    guard let range, range.start <= range.end, range.end <= bytes.count else { return "?" }
    return String(decoding: bytes[range.start..<range.end], as: UTF8.self)
  }

  /// Each rule's report as `name: code@text ...`, the text being what the range covers.
  static func shown(_ report: LintReport, _ source: String) -> [String] {
    let bytes = Array(source.utf8)
    return report.rules.map { rule in
      let codes = rule.diagnostics.map { "\($0.code.rawValue)@\(text(bytes, $0.range))" }
      return ([rule.name ?? "-"] + codes).joined(separator: " ")
    }
  }

  func testTemplateRules_checksAnchoredAtEachRuleName() {
    let source = #"""
      {"Resources": {"A": {"Type": "AWS::AccessAnalyzer::Analyzer", "Properties": {"Type": "ACCOUNT",
        "ArchiveRules": [
          {"RuleName": "Buckets", "Filter": [{"Property": "resourceType", "Eq": ["AWS::S3::Bucket"]}]},
          {"RuleName": "Errors", "Filter": [{"Property": "error", "Exists": "true"},
            {"Property": "isPublic", "Eq": ["false"]}]}]}}}}
      """#
    let report = Linter.lint(RuleReader.read(Array(source.utf8)))
    XCTAssertEqual(
      Self.shown(report, source),
      [
        #"Buckets archives-public-findings@"Buckets" broad-archive-rule@"Buckets""#,
        #"Errors exists-as-string@"true""#,
      ])
    // Spans are moved, so labels and fixes that pointed into the canonical text go.
    XCTAssertTrue(report.rules[0].diagnostics.allSatisfy { $0.label == nil && $0.fix == nil })
    XCTAssertEqual(
      report.rules.map(\.range).map { Self.text(Array(source.utf8), $0) },
      [
        #""Buckets""#, #""Errors""#,
      ])
  }

  func testTemplateAnalyzerType_settlesTheFamily() {
    let source = #"""
      {"Resources": {"A": {"Type": "AWS::AccessAnalyzer::Analyzer", "Properties": {
        "Type": "ACCOUNT_UNUSED_ACCESS",
        "ArchiveRules": [{"RuleName": "R", "Filter": [
          {"Property": "isPublic", "Eq": ["false"]},
          {"Property": "findingType", "Eq": ["UnusedIAMRole"]},
          {"Property": "resourceOwnerAccount", "Eq": ["111122223333"]}]}]}}}}
      """#
    let document = RuleReader.read(Array(source.utf8))
    let report = Linter.lint(document)
    XCTAssertEqual(report.family.family, .unused)
    XCTAssertEqual(Self.shown(report, source), [#"R key-not-in-family@"R""#])
    // The caller's analyzer outranks the template's type.
    let given = Linter.lint(document, options: LintOptions(analyzer: .external))
    XCTAssertEqual(given.family.family, .external)
    XCTAssertTrue(
      given.diagnostics.contains { $0.code == .analyzerConflict }, "\(Self.shown(given, source))")
    XCTAssertFalse(given.diagnostics.contains { $0.code == .keyNotInFamily })
  }

  /// With an import error no rule check runs: a map missing the criterion that failed to read
  /// looks broad, and saying so would mislead.
  func testImportError_noRuleChecks() {
    let source = """
      resource "aws_accessanalyzer_archive_rule" "r" {
        analyzer_name = "a"
        rule_name     = "R"
        filter {
          criteria = "isPublic"
          eq       = ["false"]
        }
        filter {
          criteria = "resourceType"
          eq       = [var.type]
        }
      }
      """
    let report = Linter.lint(RuleReader.read(Array(source.utf8)))
    XCTAssertEqual(Self.shown(report, source), ["- unsupported-syntax@var.type"])
    XCTAssertEqual(report.count(.error), 1)
  }

  /// Documents a caller builds: one report per map, anchored at the start of the source.
  func testBuiltDocuments_filtersAndSortedFilter() throws {
    let broad: FilterCriteriaMap = ["resourceType": Criterion(eq: ["AWS::S3::Bucket"])]
    let scoped: FilterCriteriaMap = ["isPublic": Criterion(eq: ["false"])]
    let filters = RuleDocument(
      format: .terraform, source: "xy", content: .filters([broad, scoped]))
    XCTAssertEqual(
      Self.shown(Linter.lint(filters), "xy"),
      ["- archives-public-findings@x broad-archive-rule@x", "-"])

    let sort = SortCriteria(attributeName: "updatedAt", orderBy: .descending)
    let sorted = RuleDocument(
      format: .cloudFormation, source: "{}", content: .filter(scoped, sort: sort))
    let report = Linter.lint(sorted, options: LintOptions(context: .listFindings))
    XCTAssertEqual(Self.shown(report, "{}"), ["-"])
    XCTAssertEqual(
      Self.shown(Linter.lint(sorted), "{}"), ["- sort-in-archive-rule@{"])

    let unread = RuleDocument(
      format: .dsl, source: "bad", content: nil,
      diagnostics: [
        Diagnostic(
          .error, .invalidUTF8, "the file is not valid UTF-8", at: SourceRange(start: 1, end: 2))
      ])
    XCTAssertEqual(Self.shown(Linter.lint(unread), "bad"), ["- invalid-utf8@a"])
  }
}
