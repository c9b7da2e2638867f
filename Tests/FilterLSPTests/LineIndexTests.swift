import FilterLSP
import XCTest

/// Positions and byte offsets, both ways, in UTF-16 and UTF-8: characters outside the BMP,
/// combining marks, tabs, CRLF and lone CR, and positions past a line's end or inside a
/// character.
final class LineIndexTests: XCTestCase {
  /// (document, offset, UTF-16 position, UTF-8 position)
  static let cases: [(String, Int, (Int, Int), (Int, Int), UInt)] = [
    ("abc", 0, (0, 0), (0, 0), #line),
    ("abc", 3, (0, 3), (0, 3), #line),
    ("a\nb", 2, (1, 0), (1, 0), #line),
    // 😀 is 4 bytes of UTF-8 and 2 units of UTF-16.
    ("😀x", 4, (0, 2), (0, 4), #line),
    ("😀x", 5, (0, 3), (0, 5), #line),
    ("a😀b😀c", 10, (0, 6), (0, 10), #line),
    // é as e + combining acute: two characters, 1 + 2 bytes, 1 + 1 units.
    ("e\u{301}x", 3, (0, 2), (0, 3), #line),
    ("é", 2, (0, 1), (0, 2), #line),
    ("\tkey", 1, (0, 1), (0, 1), #line),
    ("a\r\nb", 3, (1, 0), (1, 0), #line),
    ("a\r\nb", 4, (1, 1), (1, 1), #line),
    ("a\rb", 2, (1, 0), (1, 0), #line),
    ("a\r\rb", 3, (2, 0), (2, 0), #line),
    ("x\n\n", 3, (2, 0), (2, 0), #line),
    ("# ключ\nrule", 11, (1, 0), (1, 0), #line),
    ("# ключ\nrule", 6, (0, 4), (0, 6), #line),
  ]

  func testOffsetsAndPositions_bothWays() {
    for (text, offset, utf16, utf8, line) in Self.cases {
      let index = LineIndex(text)
      for (encoding, expected) in [(PositionEncoding.utf16, utf16), (.utf8, utf8)] {
        let position = Position(line: expected.0, character: expected.1)
        XCTAssertEqual(
          index.position(of: offset, encoding: encoding), position, "\(encoding) \(text)",
          line: line)
        XCTAssertEqual(
          index.offset(of: position, encoding: encoding), offset, "\(encoding) \(text)", line: line)
      }
    }
  }

  /// (document, position given, UTF-16 offset, UTF-8 offset): clamped as the protocol says.
  static let clamps: [(String, (Int, Int), Int, Int, UInt)] = [
    // Past the end of the line: the end of the line, before its break.
    ("ab\ncd", (0, 9), 2, 2, #line),
    ("ab\r\ncd", (0, 3), 2, 2, #line),
    // Past the last line: the end of the text.
    ("ab\ncd", (7, 0), 5, 5, #line),
    // Inside a surrogate pair (UTF-16 unit 1 of 😀): the start of the character.
    ("😀x", (0, 1), 0, 0, #line),
    // Inside a UTF-8 sequence: the start of the character.
    ("é", (0, 1), 2, 0, #line),
    ("a", (0, -3), 0, 0, #line),
    ("a\nb", (-1, 0), 0, 0, #line),
  ]

  func testPositionsOutOfRange_clamp() {
    for (text, given, utf16, utf8, line) in Self.clamps {
      let index = LineIndex(text)
      let position = Position(line: given.0, character: given.1)
      XCTAssertEqual(index.offset(of: position, encoding: .utf16), utf16, text, line: line)
      XCTAssertEqual(index.offset(of: position, encoding: .utf8), utf8, text, line: line)
    }
  }

  /// An offset inside a character or a CRLF moves back to where the character or break starts.
  func testOffsetsInsideACharacter_moveBack() {
    XCTAssertEqual(
      LineIndex("😀x").position(of: 2, encoding: .utf16), Position(line: 0, character: 0))
    XCTAssertEqual(
      LineIndex("a\r\nb").position(of: 2, encoding: .utf16), Position(line: 0, character: 1))
    XCTAssertEqual(
      LineIndex("ab").position(of: 99, encoding: .utf8), Position(line: 0, character: 2))
  }

  /// Every character boundary of a mixed text round-trips in both encodings, and each UTF-16
  /// position agrees with Foundation's count of UTF-16 units on the line.
  func testEveryBoundary_roundTrips() {
    let text = "# 😀 e\u{301} \t\r\nrule Ä {\r  key eq \"𝄞\"\n}\n"
    let index = LineIndex(text)
    var offset = 0
    var boundaries = [0]
    for scalar in text.unicodeScalars {
      offset += String(scalar).utf8.count
      boundaries.append(offset)
    }
    for boundary in boundaries {
      for encoding in PositionEncoding.allCases {
        let position = index.position(of: boundary, encoding: encoding)
        let back = index.offset(of: position, encoding: encoding)
        // A boundary between CR and LF is not a position; every other one comes back.
        let bytes = Array(text.utf8)
        let insideCRLF =
          boundary > 0 && boundary < bytes.count && bytes[boundary - 1] == 0x0D
          && bytes[boundary] == 0x0A
        if !insideCRLF { XCTAssertEqual(back, boundary, "\(encoding) at \(boundary)") }
      }
    }
  }

  /// The example of the DocC landing page.
  func testTheCatalogExample() {
    let lines = LineIndex("# 😀\nrule A { isPublic eq false }\n")
    let offset = lines.offset(of: Position(line: 1, character: 5), encoding: .utf16)
    XCTAssertEqual(offset, 12)
    XCTAssertEqual(lines.position(of: offset, encoding: .utf8), Position(line: 1, character: 5))
  }

  func testNegotiation() {
    XCTAssertEqual(PositionEncoding.negotiate(nil), .utf16)
    XCTAssertEqual(PositionEncoding.negotiate(["utf-16"]), .utf16)
    XCTAssertEqual(PositionEncoding.negotiate(["utf-32", "utf-16"]), .utf16)
    XCTAssertEqual(PositionEncoding.negotiate(["utf-16", "utf-8"]), .utf8)
    XCTAssertEqual(PositionEncoding.negotiate([]), .utf16)
  }
}
