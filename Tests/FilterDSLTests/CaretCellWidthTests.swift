import FilterDSL
import XCTest

/// The caret under a rendered diagnostic counts terminal cells: a character shown two cells
/// wide (emoji, East Asian wide characters) moves it as two ASCII letters do, a combining mark
/// or an invisible format character as nothing.
final class CaretCellWidthTests: XCTestCase {
  /// The caret line of the diagnostic for `eq` with no value after `value` in a string.
  private func caretLine(_ value: String) -> String {
    let source = "error eq \"\(value)\" and resourceType eq and isPublic exists"
    do {
      _ = try FilterExpression(parsing: source).filterMap()
      return "<no error>"
    } catch let error as DiagnosticError {
      return error.description.split(separator: "\n").first { $0.contains("^") }.map(String.init)
        ?? "<no caret>"
    } catch {
      return "\(error)"
    }
  }

  func testCaret_movesByTheCellsEachCharacterTakes() {
    // A value, and ASCII text that takes the same cells.
    let cases: [(String, String, UInt)] = [
      ("\u{1F680}", "ab", #line),  // rocket: emoji presentation, outside the listed blocks
      ("\u{231A}", "ab", #line),  // watch: emoji presentation in a symbols block
      ("\u{1F600}", "ab", #line),  // grinning face
      ("\u{65E5}\u{672C}", "abcd", #line),  // two CJK ideographs
      ("\u{AC00}", "ab", #line),  // a Hangul syllable
      ("\u{3001}", "ab", #line),  // an ideographic comma
      ("\u{300C}x\u{300D}", "abxab", #line),  // corner brackets
      ("\u{3042}", "ab", #line),  // Hiragana
      ("\u{FF21}", "ab", #line),  // a fullwidth letter
      ("e\u{301}", "e", #line),  // a combining acute accent
      ("a\u{20DD}", "a", #line),  // an enclosing circle
      ("a\u{200D}b", "ab", #line),  // a zero-width joiner
      ("\u{E9}", "e", #line),  // a precomposed letter: one cell
      ("\u{3A9}", "o", #line),  // Greek: one cell
    ]
    for (value, ascii, line) in cases {
      let caret = caretLine(value)
      XCTAssertTrue(caret.contains("^^^"), caret, line: line)
      XCTAssertEqual(caret, caretLine(ascii), value.unicodeScalars.debugDescription, line: line)
    }
  }
}
