/// Splits rule text into tokens, working on UTF-8 bytes and keeping byte offsets.
///
/// Lexical errors become diagnostics and the lexer carries on with a best-effort token, so
/// one bad escape does not hide the next mistake. Package-visible so the editor services
/// (FilterEditing) read the same tokens as the parser, on text still being typed.
package struct Lexer {
  package let bytes: [UInt8]
  private(set) var position = 0
  private(set) var diagnostics: [Diagnostic] = []

  package init(_ bytes: [UInt8]) {
    self.bytes = bytes
  }

  /// Bytes that may appear in a bare word: printable ASCII other than white space and the
  /// punctuation the grammar uses. Everything else must be quoted.
  package static func isWordByte(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "!")...UInt8(ascii: "~"):
      switch byte {
      case UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "["), UInt8(ascii: "]"),
        UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: ","), UInt8(ascii: "\""),
        UInt8(ascii: "#"), UInt8(ascii: "="), UInt8(ascii: "!"):
        return false
      default:
        return true
      }
    default:
      return false
    }
  }

  package mutating func next() -> Token {
    // A loop, not recursion: a long run of bad bytes must not grow the stack.
    while true {
      if let token = nextOrSkip() { return token }
    }
  }

  /// The next token, or `nil` after skipping and reporting bytes no token may start with.
  private mutating func nextOrSkip() -> Token? {
    skipTrivia()
    guard position < bytes.count else {
      return Token(
        kind: .endOfInput, range: SourceRange(start: bytes.count, end: bytes.count), value: "")
    }
    let start = position
    let byte = bytes[position]
    func punctuation(_ kind: TokenKind, length: Int = 1) -> Token {
      position += length
      return Token(kind: kind, range: SourceRange(start: start, end: position), value: "")
    }
    switch byte {
    case UInt8(ascii: "("): return punctuation(.leftParen)
    case UInt8(ascii: ")"): return punctuation(.rightParen)
    case UInt8(ascii: "["): return punctuation(.leftBracket)
    case UInt8(ascii: "]"): return punctuation(.rightBracket)
    case UInt8(ascii: "{"): return punctuation(.leftBrace)
    case UInt8(ascii: "}"): return punctuation(.rightBrace)
    case UInt8(ascii: ","): return punctuation(.comma)
    case UInt8(ascii: "="):
      return punctuation(.equals, length: peek(1) == UInt8(ascii: "=") ? 2 : 1)
    case UInt8(ascii: "!"):
      if peek(1) == UInt8(ascii: "=") { return punctuation(.notEquals, length: 2) }
      position += 1
      report(
        .invalidCharacter, "unexpected character '!'", start..<position,
        label: "'!' stands only in '!='",
        help: "write '!=' or 'neq' for not-equal, 'not' for negation")
      return nil
    case UInt8(ascii: "\""):
      return lexString()
    default:
      if Lexer.isWordByte(byte) { return lexWord() }
      skipInvalid()
      return nil
    }
  }

  private func peek(_ offset: Int) -> UInt8? {
    let index = position + offset
    return index < bytes.count ? bytes[index] : nil
  }

  private mutating func report(
    _ code: DiagnosticCode, _ message: String, _ range: Range<Int>, label: String? = nil,
    help: String? = nil
  ) {
    // The parser stops at its own cap; this one only bounds memory on hostile input.
    guard diagnostics.count < Lexer.maxDiagnostics else { return }
    diagnostics.append(.error(code, message, at: SourceRange(range), label: label, help: help))
  }

  static let maxDiagnostics = 200

  private mutating func skipTrivia() {
    // Editors on Windows may start a UTF-8 file with a byte-order mark; it is not text.
    if position == 0, bytes.starts(with: LineMap.byteOrderMark) { position = 3 }
    while position < bytes.count {
      switch bytes[position] {
      case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"):
        position += 1
      case UInt8(ascii: "#"):
        while position < bytes.count, bytes[position] != UInt8(ascii: "\n") { position += 1 }
      default:
        return
      }
    }
  }

  private mutating func lexWord() -> Token {
    let start = position
    while position < bytes.count, Lexer.isWordByte(bytes[position]) { position += 1 }
    let slice = bytes[start..<position]
    let range = SourceRange(start: start, end: position)
    if let keyword = Keyword.match(slice) {
      return Token(kind: .keyword(keyword), range: range, value: keyword.rawValue)
    }
    return Token(kind: .word, range: range, value: String(decoding: slice, as: UTF8.self))
  }

  /// Skips a run of bytes no token may start with, reporting it once.
  private mutating func skipInvalid() {
    let start = position
    var sawInvalidUTF8 = false
    while position < bytes.count {
      let byte = bytes[position]
      if Lexer.isWordByte(byte) || byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\n")
        || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r") || byte == UInt8(ascii: "\"")
        || "()[]{},#=!".utf8.contains(byte)
      {
        break
      }
      if byte >= 0x80 {
        let length = UTF8Validation.sequenceLength(bytes, at: position)
        if length == 0 {
          sawInvalidUTF8 = true
          position += 1
        } else {
          position += length
        }
      } else {
        position += 1
      }
    }
    if sawInvalidUTF8 {
      report(.invalidUTF8, "the text is not valid UTF-8", start..<position)
    } else {
      let text = String(decoding: bytes[start..<position], as: UTF8.self)
      let shown = text.unicodeScalars.prefix(20).map { $0.escaped(asASCII: true) }.joined()
      report(
        .invalidCharacter, "unexpected character '\(shown)'", start..<position,
        label: "not allowed in a bare word",
        help: "quote values that hold spaces or characters other than printable ASCII")
    }
  }

  /// A JSON string literal: every JSON escape, `\u` surrogate pairs, no raw control characters.
  private mutating func lexString() -> Token {
    let start = position
    position += 1
    var scalars = String.UnicodeScalarView()
    var segmentStart = position
    func flushSegment(_ lexer: inout Lexer, upTo end: Int) {
      guard end > segmentStart else { return }
      scalars.append(
        contentsOf: String(decoding: lexer.bytes[segmentStart..<end], as: UTF8.self).unicodeScalars)
    }
    while position < bytes.count {
      let byte = bytes[position]
      switch byte {
      case UInt8(ascii: "\""):
        flushSegment(&self, upTo: position)
        position += 1
        return Token(
          kind: .string, range: SourceRange(start: start, end: position), value: String(scalars))
      case UInt8(ascii: "\\"):
        flushSegment(&self, upTo: position)
        lexEscape(into: &scalars)
        segmentStart = position
      case UInt8(ascii: "\n"), UInt8(ascii: "\r"):
        flushSegment(&self, upTo: position)
        report(
          .unterminatedString, "unterminated string", start..<position,
          label: "the closing '\"' is missing", help: "a string ends on the line it starts")
        return Token(
          kind: .string, range: SourceRange(start: start, end: position), value: String(scalars))
      case 0..<0x20:
        report(
          .controlCharacterInString, "control character in a string", position..<position + 1,
          help: "write it as an escape such as '\\t' or '\\u0001'")
        position += 1
      case 0x80...:
        let length = UTF8Validation.sequenceLength(bytes, at: position)
        if length == 0 {
          report(.invalidUTF8, "the text is not valid UTF-8", position..<position + 1)
          flushSegment(&self, upTo: position)
          position += 1
          segmentStart = position
        } else {
          position += length
        }
      default:
        position += 1
      }
    }
    flushSegment(&self, upTo: position)
    report(
      .unterminatedString, "unterminated string", start..<position,
      label: "the closing '\"' is missing")
    return Token(
      kind: .string, range: SourceRange(start: start, end: position), value: String(scalars))
  }

  private mutating func lexEscape(into scalars: inout String.UnicodeScalarView) {
    let start = position
    position += 1
    guard position < bytes.count else {
      report(.invalidEscape, "incomplete escape at end of input", start..<position)
      return
    }
    let byte = bytes[position]
    position += 1
    switch byte {
    case UInt8(ascii: "\""): scalars.append("\"")
    case UInt8(ascii: "\\"): scalars.append("\\")
    case UInt8(ascii: "/"): scalars.append("/")
    case UInt8(ascii: "b"): scalars.append("\u{08}")
    case UInt8(ascii: "f"): scalars.append("\u{0C}")
    case UInt8(ascii: "n"): scalars.append("\n")
    case UInt8(ascii: "r"): scalars.append("\r")
    case UInt8(ascii: "t"): scalars.append("\t")
    case UInt8(ascii: "u"):
      guard let unit = readHex4() else {
        report(
          .invalidEscape, "'\\u' must be followed by four hex digits", start..<position,
          help: "write '\\u0041' for 'A'")
        return
      }
      if UTF16.isLeadSurrogate(unit) {
        let save = position
        if peek(0) == UInt8(ascii: "\\"), peek(1) == UInt8(ascii: "u") {
          position += 2
          if let low = readHex4(), UTF16.isTrailSurrogate(low) {
            let value = 0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(low) - 0xDC00)
            if let scalar = Unicode.Scalar(value) { scalars.append(scalar) }
            return
          }
        }
        position = save
        report(
          .loneSurrogate, "lone surrogate '\\u\(hex(unit))' in a string", start..<position,
          label: "a high surrogate must be followed by a '\\u' low surrogate")
      } else if UTF16.isTrailSurrogate(unit) {
        report(
          .loneSurrogate, "lone surrogate '\\u\(hex(unit))' in a string", start..<position,
          label: "a low surrogate must follow a high surrogate")
      } else if let scalar = Unicode.Scalar(unit) {
        scalars.append(scalar)
      }
    default:
      let shown = byte < 0x80 ? String(UnicodeScalar(byte)) : "?"
      report(
        .invalidEscape, "invalid escape '\\\(shown)' in a string", start..<position,
        help: "JSON escapes are \\\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX")
    }
  }

  private mutating func readHex4() -> UInt16? {
    guard position + 4 <= bytes.count else { return nil }
    var value: UInt16 = 0
    for offset in 0..<4 {
      guard let digit = hexValue(bytes[position + offset]) else { return nil }
      value = value << 4 | UInt16(digit)
    }
    position += 4
    return value
  }

  private func hexValue(_ byte: UInt8) -> UInt8? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
    default: nil
    }
  }

  private func hex(_ unit: UInt16) -> String {
    let digits = String(unit, radix: 16, uppercase: true)
    return String(repeating: "0", count: 4 - digits.count) + digits
  }
}
