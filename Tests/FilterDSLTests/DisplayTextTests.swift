import FilterDSL
import XCTest

final class DisplayTextTests: XCTestCase {
  func testEscape_showsControlsEscapesAndBidiVisibly() {
    let cases: [(String, String, UInt)] = [
      ("arn:aws:s3:::bucket", "arn:aws:s3:::bucket", #line),
      ("", "", #line),
      ("naïve 日本 😀 back\\slash", "naïve 日本 😀 back\\slash", #line),
      ("\u{1B}]0;owned\u{07}", "\\u{1B}]0;owned\\u{7}", #line),
      ("\u{1B}[2J", "\\u{1B}[2J", #line),
      ("\u{1B}[1A\rWARNING gone", "\\u{1B}[1A\\u{D}WARNING gone", #line),
      ("a\nb\tc\0", "a\\u{A}b\\u{9}c\\u{0}", #line),
      ("\u{7F}\u{80}\u{9B}2J\u{9F}\u{A0}", "\\u{7F}\\u{80}\\u{9B}2J\\u{9F}\u{A0}", #line),
      (
        "\u{202A}\u{202B}\u{202C}\u{202D}\u{202E}", "\\u{202A}\\u{202B}\\u{202C}\\u{202D}\\u{202E}",
        #line
      ),
      ("\u{2066}\u{2067}\u{2068}\u{2069}", "\\u{2066}\\u{2067}\\u{2068}\\u{2069}", #line),
      (
        "\u{200E}\u{200F}\u{061C}\u{2028}\u{2029}", "\\u{200E}\\u{200F}\\u{61C}\\u{2028}\\u{2029}",
        #line
      ),
      // Neighbours that are not controls stay as they are.
      (
        "\u{2065}\u{206A}\u{2029}x\u{2030}\u{200D}", "\u{2065}\u{206A}\\u{2029}x\u{2030}\u{200D}",
        #line
      ),
    ]
    for (input, expected, line) in cases {
      XCTAssertEqual(DisplayText.escape(input), expected, line: line)
      XCTAssertFalse(
        DisplayText.escape(input).unicodeScalars.contains(where: DisplayText.isUnsafe), line: line)
    }
  }

  func testEscape_worksOnSubstrings() {
    let text = "id-\u{1B}[2J-tail"
    XCTAssertEqual(DisplayText.escape(text.dropFirst(3)), "\\u{1B}[2J-tail")
  }

  func testRenderer_escapesTheSourceLineAndKeepsCaretsUnderTheSpan() {
    // U+202E inside a string is legal; the error is the missing predicate after 'and'. The
    // location counts the one character, the caret the eight shown for it.
    let source = "resource eq \"\u{202E}x\" and"
    let (_, diagnostics) = FilterSource.parse(source)
    let rendered = DiagnosticRenderer().render(diagnostics, source: source, name: "r\u{1B}[2J")
    XCTAssertEqual(
      rendered,
      """
      error: expected a key, found end of input
       --> r\\u{1B}[2J:1:21
        |
      1 | resource eq "\\u{202E}x" and
        |                            ^ expected a predicate such as 'isPublic exists'

      """)
  }
}
