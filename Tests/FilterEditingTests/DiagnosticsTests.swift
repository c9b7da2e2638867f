import AAFilterCLI
import AAFilterTestSupport
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
      let document = EditorDocument(text: text, settings: settings)
      XCTAssertEqual(document.diagnostics, check.diagnostics, text, line: line)
      if !check.diagnostics.hasErrors {
        XCTAssertEqual(document.family, check.family, text, line: line)
      }
    }
  }

  /// `aafilter check --output json -` run in-process on the text.
  private func check(_ text: String, split: Bool) -> String {
    let capture = ConsoleCapture()
    let input = Array(text.utf8)
    let console = Console(
      write: { capture.write($0) }, writeError: { capture.writeError($0) },
      readInput: { input }, readFile: { _ in [] })
    _ = AAFilter.main(
      ["check", "--output", "json"] + (split ? ["--split"] : []) + ["-"], console: console)
    return capture.stdout
  }

  func testReport_isCheckJSONOutput() {
    let texts = [
      "# aafilter: analyzer=unused\nrule A { findingType eq UnusedIAMRole }\nrule B { isPublic eq false }",
      "rule A { isPublic eq false }\nrule B { isPublic eq false and error exists }\n",
      "rule A { resourceType eq AWS::S3::Bucket or principal.AWS eq 111122223333 }",
      "rule A { resourcetype eq x }\nrule A { error eq }",
      "# é\r\nrule \"Ключ\" { condition.aws:SourceVPC eq \"😀\" }",
      "isPublic = false and error exists",
    ]
    for text in texts {
      for split in [false, true] {
        let document = EditorDocument(text: text, settings: DocumentSettings(split: split))
        XCTAssertEqual(
          document.report.json(file: "<stdin>").serialized() + "\n", check(text, split: split),
          text)
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
      XCTAssertEqual(EditorDocument(text: text, settings: settings).family, family, line: line)
    }
  }
}
