import FilterDSL
import FilterEditing
import FilterFormats
import XCTest

/// Diagnostics are `check`'s: the same lint of the same text with the same options.
final class DiagnosticsTests: XCTestCase {
  func testDiagnostics_equalCheckOnRuleFiles() {
    let cases: [(String, DocumentSettings, UInt)] = [
      ("rule A {\n  resourcetype eq AWS::S3::Bucket\n}\n", DocumentSettings(), #line),
      (
        "rule A { isPublic eq false }\nrule B { isPublic eq false and error exists }\n",
        DocumentSettings(), #line
      ),
      ("rule A { resourceType eq x or isPublic eq false }", DocumentSettings(), #line),
      ("rule A { resourceType eq x or isPublic eq false }", DocumentSettings(split: true), #line),
      ("rule A { findingType eq UnusedIAMRole }", DocumentSettings(), #line),
      ("rule A { principalType eq IAM_ROLE }", DocumentSettings(fallbackAnalyzer: .unused), #line),
      ("rule A { resource eq \"unterminated }", DocumentSettings(), #line),
      ("isPublic eq false and resourceType eq AWS::SQS::Queue", DocumentSettings(), #line),
      ("", DocumentSettings(), #line),
    ]
    for (text, settings, line) in cases {
      var options = LintOptions(split: settings.split)
      options.analyzer = settings.fallbackAnalyzer
      let check = Linter.lint(RuleReader.read(Array(text.utf8), format: .dsl), options: options)
      let document = RuleDocument(text: text, settings: settings)
      XCTAssertEqual(document.diagnostics, check.diagnostics, text, line: line)
      XCTAssertEqual(document.family, check.family, text, line: line)
    }
  }
}
