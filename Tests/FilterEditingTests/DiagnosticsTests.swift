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
      // The directive wins over the client's family; a bad one is reported.
      (
        "# aafilter: analyzer=unused\nrule A { isPublic eq false }",
        DocumentSettings(fallbackAnalyzer: .internal), #line
      ),
      ("# aafilter: analyzer=unusd\nrule A { isPublic eq false }", DocumentSettings(), #line),
      ("# aafilter: analyzer=internal\nrule A { isPublic eq }", DocumentSettings(), #line),
    ]
    for (text, settings, line) in cases {
      let options = LintOptions(split: settings.split, fallbackAnalyzer: settings.fallbackAnalyzer)
      let check = Linter.lint(RuleReader.read(Array(text.utf8), format: .dsl), options: options)
      let document = RuleDocument(text: text, settings: settings)
      XCTAssertEqual(document.diagnostics, check.diagnostics, text, line: line)
      if !check.diagnostics.hasErrors {
        XCTAssertEqual(document.family, check.family, text, line: line)
      }
    }
  }

  func testFamily_settledWhileTheTextHasSyntaxErrors() {
    let cases: [(String, DocumentSettings, FamilyResolution, UInt)] = [
      (
        "# aafilter: analyzer=unused\nrule A { resourceType eq }", DocumentSettings(),
        FamilyResolution(family: .unused, source: .directive), #line
      ),
      (
        "rule A { resourceType eq }", DocumentSettings(fallbackAnalyzer: .internal),
        FamilyResolution(family: .internal, source: .configured), #line
      ),
      (
        "rule A { findingType eq UnusedIAMRole }\nrule B { resource eq }", DocumentSettings(),
        FamilyResolution(family: .unused, source: .ruleFindingType), #line
      ),
      (
        "rule B { resource eq", DocumentSettings(),
        FamilyResolution(family: .external, source: .default), #line
      ),
    ]
    for (text, settings, family, line) in cases {
      XCTAssertEqual(RuleDocument(text: text, settings: settings).family, family, line: line)
    }
  }
}
