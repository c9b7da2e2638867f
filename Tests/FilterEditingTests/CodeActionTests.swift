import FilterDSL
import FilterEditing
import XCTest

/// Quick fixes: applying one removes the diagnostic it is for and adds no error.
final class CodeActionTests: XCTestCase {
  struct Case {
    var text: String
    var settings: DocumentSettings
    var code: DiagnosticCode
    /// The fix's title must hold this.
    var title: String
    /// The whole text after the fix, when it is worth spelling out.
    var result: String?
    var line: UInt

    init(
      _ text: String, settings: DocumentSettings = DocumentSettings(), fixes code: DiagnosticCode,
      title: String, result: String? = nil, line: UInt = #line
    ) {
      self.text = text
      self.settings = settings
      self.code = code
      self.title = title
      self.result = result
      self.line = line
    }
  }

  static let cases: [Case] = [
    Case(
      "rule A { resourcetype eq AWS::S3::Bucket and isPublic eq false }", fixes: .unknownKey,
      title: "Replace 'resourcetype' with 'resourceType'",
      result: "rule A { resourceType eq AWS::S3::Bucket and isPublic eq false }"),
    Case(
      "rule A { principal.aws eq 111122223333 and isPublic eq false }", fixes: .unknownKey,
      title: "with 'principal.AWS'"),
    Case(
      "rule A { resourceType eq AWS::S3::bucket and isPublic eq false }", fixes: .unknownValue,
      title: "with 'AWS::S3::Bucket'"),
    Case("rule A { isPublic eq False }", fixes: .invalidBoolean, title: "with 'false'"),
    Case(
      "rule A { error in [A, A] and isPublic eq false }", fixes: .duplicateValue,
      title: "Remove 'A'"),
    Case("rule A { resourceType exisst }", fixes: .missingOperator, title: "with 'exists'"),
    Case(
      "rule A { error eq exists and isPublic eq false }", fixes: .missingValue,
      title: "with '\"exists\"'"),
    Case(
      "rule A { error in [a b] and isPublic eq false }", fixes: .unexpectedToken,
      title: "Insert ','", result: "rule A { error in [a, b] and isPublic eq false }"),
    Case(
      "rule A { isPublic eq false order by id }", fixes: .sortInArchiveRule,
      title: "Remove 'order by id'"),
    Case(
      "# aafilter: analyzer=unusd\nrule A { findingType eq UnusedIAMRole and resource eq \"arn:aws:iam::111122223333:role/a\" }",
      fixes: .unknownAnalyzerDirective, title: "with 'unused'"),
    // The public-exposure risk: 'isPublic eq false' added, around an 'or' when needed.
    Case(
      "rule A {\n  principal.AWS eq 111122223333\n}\n", fixes: .archivesPublicFindings,
      title: "Add 'isPublic eq false'",
      result: "rule A {\n  principal.AWS eq 111122223333 and isPublic eq false\n}\n"),
    Case(
      "rule A { principal.AWS eq 111122223333 or principal.AWS eq 444455556666 }",
      fixes: .archivesPublicFindings, title: "Add 'isPublic eq false'",
      result:
        "rule A { (principal.AWS eq 111122223333 or principal.AWS eq 444455556666) and isPublic eq false }"
    ),
    Case(
      "principal.AWS eq 111122223333", fixes: .archivesPublicFindings,
      title: "Add 'isPublic eq false'",
      result: "principal.AWS eq 111122223333 and isPublic eq false"),
    Case(
      "rule A { }", fixes: .emptyFilter, title: "Add 'isPublic eq false'",
      result: "rule A { isPublic eq false }"),
    // An 'or' across keys becomes one rule per alternative, named as a split names them.
    Case(
      "# A-2 is the public one\nrule A { resourceType eq AWS::S3::Bucket or principal.AWS eq \"*\" }\nrule B { isPublic eq false }\n",
      fixes: .orAcrossKeys, title: "Split rule 'A' into 2 rules (A-1, A-2)",
      result:
        "# A-2 is the public one\nrule A-1 {\n  resourceType eq AWS::S3::Bucket\n}\n\nrule A-2 {\n  principal.AWS eq *\n}\nrule B { isPublic eq false }\n"
    ),
    Case(
      "rule Wide { isPublic eq false }\nrule Narrow { isPublic eq false and error exists }  \nrule C { error exists and isPublic eq false and resourceType eq AWS::S3::Bucket }\n",
      fixes: .shadowedRule, title: "Remove rule 'Narrow'",
      result:
        "rule Wide { isPublic eq false }\nrule C { error exists and isPublic eq false and resourceType eq AWS::S3::Bucket }\n"
    ),
    Case(
      "# buckets, or anything not public\nresourceType eq AWS::S3::Bucket or isPublic eq false\n",
      fixes: .orAcrossKeys, title: "Split the expression into 2 rules (Rule1-1, Rule1-2)",
      result:
        "# buckets, or anything not public\nrule Rule1-1 {\n  resourceType eq AWS::S3::Bucket\n}\n\nrule Rule1-2 {\n  isPublic eq false\n}\n"
    ),
    Case(
      "# aafilter: analyzer=external\n# trusted\nprincipal.AWS eq 111122223333 order by id\n",
      fixes: .archivesPublicFindings, title: "Add 'isPublic eq false'",
      result:
        "# aafilter: analyzer=external\n# trusted\nprincipal.AWS eq 111122223333 and isPublic eq false order by id\n"
    ),
  ]

  func testFixes_removeTheirDiagnostic() {
    for testCase in Self.cases {
      let document = EditorDocument(text: testCase.text, settings: testCase.settings)
      let before = document.diagnostics
      guard let diagnostic = before.first(where: { $0.code == testCase.code }) else {
        XCTFail("no \(testCase.code) in \(before.map(\.code))", line: testCase.line)
        continue
      }
      let fixes = document.codeActions(in: diagnostic.range).filter {
        $0.diagnostic == diagnostic
      }
      guard let fix = fixes.first(where: { $0.title.contains(testCase.title) }) else {
        XCTFail("no fix titled \(testCase.title) in \(fixes.map(\.title))", line: testCase.line)
        continue
      }
      let fixed = TextReplacement.apply(fix.edits, to: testCase.text)
      if let result = testCase.result { XCTAssertEqual(fixed, result, line: testCase.line) }
      let after = EditorDocument(text: fixed, settings: testCase.settings).diagnostics
      XCTAssertLessThan(
        after.filter { $0.code == testCase.code }.count,
        before.filter { $0.code == testCase.code }.count, fixed, line: testCase.line)
      // No new error: fewer when the fix is for one.
      XCTAssertLessThanOrEqual(
        after.filter { $0.severity == .error }.count,
        before.filter { $0.severity == .error && $0.code != testCase.code }.count,
        "\(fixed): \(after.map(\.message))", line: testCase.line)
    }
  }

  func testFixes_onlyWhereTheyHelp() {
    let cases: [(String, DocumentSettings, String, UInt)] = [
      // 'isPublic eq false' beside 'isPublic eq true' could never match: not offered.
      ("rule A { isPublic eq true }", DocumentSettings(), "isPublic", #line),
      // Unused access findings have no 'isPublic'.
      ("rule A { }", DocumentSettings(fallbackAnalyzer: .unused), "isPublic", #line),
      // A split whose parts' names another rule already has.
      (
        "rule A { resourceType eq AWS::S3::Bucket or isPublic eq false }\nrule A-1 { error exists and isPublic eq false }",
        DocumentSettings(), "Split", #line
      ),
    ]
    for (text, settings, word, line) in cases {
      let document = EditorDocument(text: text, settings: settings)
      let whole = SourceRange(start: 0, end: text.utf8.count)
      let titles = document.codeActions(in: whole).map(\.title)
      XCTAssertFalse(titles.contains { $0.contains(word) }, "\(titles)", line: line)
    }
    // Fixes are for the diagnostics the range touches.
    let text =
      "rule A { resourcetype eq x and isPublic eq false }\n\nrule B { errorr exists and isPublic eq false }"
    let document = EditorDocument(text: text)
    XCTAssertEqual(
      document.codeActions(in: SourceRange(start: 12, end: 12)).map(\.title),
      ["Replace 'resourcetype' with 'resourceType'"])
    XCTAssertEqual(document.codeActions(in: SourceRange(start: 52, end: 52)), [])
    XCTAssertEqual(
      document.codeActions(in: SourceRange(start: 0, end: text.utf8.count)).count, 2)
  }
}
