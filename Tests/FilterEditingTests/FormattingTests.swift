import AAFilterCLI
import AAFilterTestSupport
import FilterDSL
import FilterEditing
import XCTest

/// Formatting edits give exactly what `aafilter format` prints for the same text.
final class FormattingTests: XCTestCase {
  /// `aafilter format -` run in-process: its status and standard output.
  private func format(_ text: String) -> (Int32, String) {
    let capture = ConsoleCapture()
    let input = Array(text.utf8)
    let console = Console(
      write: { capture.write($0) }, writeError: { capture.writeError($0) },
      readInput: { input }, readFile: { _ in [] })
    return (AAFilter.main(["format", "-"], console: console), capture.stdout)
  }

  static let texts = [
    "rule B {\n  isPublic eq false and resourceType eq AWS::S3::Bucket\n}\n\n# about A\nrule A { principal.AWS in [1, 2] }",
    "rule Wide { resourceType eq AWS::S3::Bucket or isPublic eq false }",
    "rule A {\n  isPublic eq false\n}\n",
    "isPublic = false AND error exists",
    "(a eq 1 or a eq 2) and b not in [x, \"y z\"]",
    "rule A { }",
    "",
    "# only a comment\n",
    "rule A { isPublic eq }",
    "rule A { resourceType eq x or isPublic eq false",
    "\u{FEFF}rule A { error exists }\r\n",
    "rule A { error in [\(Array(repeating: "v", count: 1).joined())] }",
    "rule A { error in [\((1...25).map { "v\($0)" }.joined(separator: ", "))] }",
    "rule A { isPublic eq false order by id }",
    "# aafilter: analyzer=unused\nrule A { findingType eq UnusedIAMRole }",
    "# aafilter: analyzer=unusd\nrule A { findingType eq UnusedIAMRole }",
    // Comments and the directive are kept where the command keeps them.
    "# aafilter: analyzer=unused\n# keep me\nrule A { # inner\n findingType eq UnusedIAMRole # trailing\n}\n# between\nrule B { resource contains \"x\" }\n",
    "# aafilter: analyzer=unused\n# keep me\nrule A { # inner\n  findingType eq UnusedIAMRole # trailing\n}\n\n# between\nrule B {\n  resource contains x\n}\n",
    "a eq 1 # one\n and b eq 2 # two\n",
  ]

  func testFormattingEdits_keepCommentsAndTheDirective() {
    let text = "# aafilter: analyzer=unused\nrule A { # inner\n findingType eq UnusedIAMRole }\n"
    let edits = EditorDocument(text: text).formattingEdits()
    XCTAssertEqual(
      TextReplacement.apply(edits, to: text),
      "# aafilter: analyzer=unused\nrule A { # inner\n  findingType eq UnusedIAMRole\n}\n")
  }

  func testFormattingEdits_equalFormatOutput() {
    for text in Self.texts {
      let (status, printed) = format(text)
      let edits = EditorDocument(text: text).formattingEdits()
      if status == 0 {
        XCTAssertEqual(TextReplacement.apply(edits, to: text), printed, text)
        XCTAssertEqual(edits.isEmpty, printed == text, text)
        // Formatted text formats to itself.
        XCTAssertEqual(EditorDocument(text: printed).formattingEdits(), [], printed)
      } else {
        XCTAssertEqual(edits, [], text)
      }
    }
  }
}
