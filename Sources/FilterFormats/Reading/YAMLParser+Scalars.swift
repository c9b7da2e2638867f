import FilterDSL

/// Scalars and flow collections.
extension YAMLParser {
  /// scalar := double-quoted | single-quoted | plain
  mutating func scalar(inFlow: Bool) throws(ReadFailure) -> Scalar {
    switch current {
    case UInt8(ascii: "\""): return try doubleQuoted()
    case UInt8(ascii: "'"): return try singleQuoted()
    default: return try plain(inFlow: inFlow)
    }
  }

  /// One line of text that starts with no indicator; it ends before `: `, ` #`, the line's
  /// end and, in a flow collection, `,[]{}`. Trailing spaces are not part of it.
  mutating func plain(inFlow: Bool) throws(ReadFailure) -> Scalar {
    let start = position
    guard let first = current else { throw failure("expected a value, found the end") }
    let indicators = Array("[]{},#&*!|>'\"%@`".utf8)
    if indicators.contains(first)
      || ([UInt8(ascii: "-"), UInt8(ascii: "?"), UInt8(ascii: ":")].contains(first)
        && (Self.isSeparator(peek(1)) || (inFlow && Self.isFlowIndicator(peek(1)))))
    {
      throw failure("unexpected '\(String(decoding: [first], as: UTF8.self))'")
    }
    var end = position
    while let byte = current, byte != 0x0A, byte != 0x0D {
      if byte == UInt8(ascii: ":"),
        Self.isSeparator(peek(1)) || (inFlow && Self.isFlowIndicator(peek(1)))
      {
        break
      }
      if byte == UInt8(ascii: "#"), position > start, Self.isBlank(bytes[position - 1]) { break }
      if inFlow, Self.isFlowIndicator(byte) { break }
      position += 1
      if !Self.isBlank(byte) { end = position }
    }
    return Scalar(
      text: String(decoding: bytes[start..<end], as: UTF8.self),
      range: SourceRange(start: start, end: end), quoted: false)
  }

  /// `"..."` with YAML's escapes; a line break inside folds to a space (blank lines to
  /// line breaks), and `\` at a line's end joins the lines.
  mutating func doubleQuoted() throws(ReadFailure) -> Scalar {
    let start = position
    position += 1
    var text: [UInt8] = []
    var kept = 0  // text before this is never trimmed by folding (escaped white space)
    while true {
      guard let byte = current else {
        throw failure("unclosed double-quoted string", at: start)
      }
      switch byte {
      case UInt8(ascii: "\""):
        position += 1
        return Scalar(
          text: String(decoding: text, as: UTF8.self),
          range: SourceRange(start: start, end: position), quoted: true)
      case UInt8(ascii: "\\"):
        if peek(1) == 0x0A || (peek(1) == 0x0D && peek(2) == 0x0A) {
          position += peek(1) == 0x0D ? 3 : 2
          skipSpaces()
        } else {
          try escape(into: &text)
        }
        kept = text.count
      case 0x0A, 0x0D: fold(into: &text, keeping: kept)
      default:
        text.append(byte)
        position += 1
      }
    }
  }

  /// `'...'`, where `''` is one quote; line breaks fold as in double quotes.
  mutating func singleQuoted() throws(ReadFailure) -> Scalar {
    let start = position
    position += 1
    var text: [UInt8] = []
    while true {
      guard let byte = current else {
        throw failure("unclosed single-quoted string", at: start)
      }
      switch byte {
      case UInt8(ascii: "'") where peek(1) == UInt8(ascii: "'"):
        text.append(byte)
        position += 2
      case UInt8(ascii: "'"):
        position += 1
        return Scalar(
          text: String(decoding: text, as: UTF8.self),
          range: SourceRange(start: start, end: position), quoted: true)
      case 0x0A, 0x0D: fold(into: &text, keeping: 0)
      default:
        text.append(byte)
        position += 1
      }
    }
  }

  /// A line break in a quoted scalar: trailing and leading white space go, one break is a
  /// space, and each further (blank) line is a line break.
  mutating func fold(into text: inout [UInt8], keeping kept: Int) {
    while text.count > kept, let last = text.last, Self.isBlank(last) { text.removeLast() }
    var breaks = 0
    while let byte = current, byte == 0x0A || byte == 0x0D || Self.isBlank(byte) {
      if byte == 0x0A { breaks += 1 }
      position += 1
    }
    if breaks <= 1 {
      text.append(0x20)
    } else {
      text += Array(repeating: 0x0A, count: breaks - 1)
    }
  }

  /// One escape of a double-quoted scalar, at its backslash.
  mutating func escape(into text: inout [UInt8]) throws(ReadFailure) {
    let start = position
    guard let letter = peek(1) else { throw failure("unclosed double-quoted string", at: start) }
    position += 2
    let simple: [UInt8: Unicode.Scalar] = [
      UInt8(ascii: "0"): "\u{0}", UInt8(ascii: "a"): "\u{7}", UInt8(ascii: "b"): "\u{8}",
      UInt8(ascii: "t"): "\t", 0x09: "\t", UInt8(ascii: "n"): "\n", UInt8(ascii: "v"): "\u{B}",
      UInt8(ascii: "f"): "\u{C}", UInt8(ascii: "r"): "\r", UInt8(ascii: "e"): "\u{1B}",
      0x20: " ", UInt8(ascii: "\""): "\"", UInt8(ascii: "/"): "/", UInt8(ascii: "\\"): "\\",
      UInt8(ascii: "N"): "\u{85}", UInt8(ascii: "_"): "\u{A0}", UInt8(ascii: "L"): "\u{2028}",
      UInt8(ascii: "P"): "\u{2029}",
    ]
    let scalar: Unicode.Scalar
    if let known = simple[letter] {
      scalar = known
    } else {
      let digits =
        switch letter {
        case UInt8(ascii: "x"): 2
        case UInt8(ascii: "u"): 4
        case UInt8(ascii: "U"): 8
        default: 0
        }
      guard digits > 0 else {
        throw failure(
          "invalid escape '\\\(String(decoding: [letter], as: UTF8.self))' in a double-quoted string",
          at: start, length: 2)
      }
      var code = try hex(digits, escapeStart: start)
      // JSON writes characters beyond the BMP as surrogate pairs; YAML readers join them too.
      if (0xD800...0xDBFF).contains(code), peek(0) == UInt8(ascii: "\\"),
        peek(1) == UInt8(ascii: "u")
      {
        position += 2
        let low = try hex(4, escapeStart: start)
        guard (0xDC00...0xDFFF).contains(low) else {
          throw failure("a lone surrogate in a '\\u' escape", at: start, length: 12)
        }
        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
      }
      guard let decoded = Unicode.Scalar(code) else {
        throw failure(
          "the escape names no character (a lone surrogate or beyond U+10FFFF)", at: start,
          length: position - start)
      }
      scalar = decoded
    }
    text += Array(String(Character(scalar)).utf8)
  }

  private mutating func hex(_ digits: Int, escapeStart: Int) throws(ReadFailure) -> UInt32 {
    var code: UInt32 = 0
    for _ in 0..<digits {
      guard let byte = current, let digit = Self.hexDigit(byte) else {
        throw failure(
          "expected \(digits) hexadecimal digits in the escape", at: escapeStart,
          length: position - escapeStart + 1)
      }
      code = code << 4 | digit
      position += 1
    }
    return code
  }

  static func hexDigit(_ byte: UInt8) -> UInt32? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
    case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
    case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
    default: nil
    }
  }

  // MARK: Block scalars

  /// `|` (lines kept) or `>` (lines folded), with an optional chomping indicator (`-` strips
  /// the final line breaks, `+` keeps them all) and indentation digit; the text is the lines
  /// indented more than `parentIndent`.
  mutating func blockScalar(parentIndent: Int) throws(ReadFailure) -> LocatedJSON {
    let start = position
    let folded = current == UInt8(ascii: ">")
    position += 1
    var chomping: UInt8? = nil
    var explicit: Int? = nil
    for _ in 0..<2 {
      if let byte = current, byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+") {
        chomping = byte
        position += 1
      } else if let byte = current, (UInt8(ascii: "1")...UInt8(ascii: "9")).contains(byte) {
        explicit = Int(byte - UInt8(ascii: "0"))
        position += 1
      }
    }
    skipSpaces()
    guard atLineEnd else { throw failure("unexpected text after a block scalar's indicator") }
    while let byte = current, byte != 0x0A { position += 1 }
    var end = position
    if current != nil { position += 1 }
    var indent = explicit.map { max(0, parentIndent) + $0 }
    var lines: [[UInt8]] = []
    while position < bytes.count {
      var lineEnd = position
      while lineEnd < bytes.count, bytes[lineEnd] != 0x0A { lineEnd += 1 }
      var line = Array(bytes[position..<lineEnd])
      if line.last == 0x0D { line.removeLast() }
      let spaces = line.prefix { $0 == 0x20 }.count
      if spaces == line.count {
        lines.append([])
      } else {
        if indent == nil {
          guard spaces > parentIndent else { break }
          indent = spaces
        }
        guard let indent, spaces >= indent else { break }
        lines.append(Array(line[indent...]))
        end = lineEnd
      }
      position = min(lineEnd + 1, bytes.count)
      if lineEnd >= bytes.count { break }
    }
    // Trailing blank lines belong to the chomping, not the text.
    let trailing = lines.reversed().prefix { $0.isEmpty }.count
    let body = Array(lines.dropLast(trailing))
    var text: [UInt8] = folded ? Self.fold(body) : Array(body.joined(separator: [0x0A]))
    if !body.isEmpty, chomping != UInt8(ascii: "-") { text.append(0x0A) }
    if chomping == UInt8(ascii: "+") { text += Array(repeating: 0x0A, count: trailing) }
    return LocatedJSON(
      value: .string(String(decoding: text, as: UTF8.self)),
      range: SourceRange(start: start, end: max(end, start + 1)))
  }

  /// Folding of `>`: lines join with a space; blank lines are line breaks; lines indented
  /// more than the rest keep their line breaks.
  static func fold(_ lines: [[UInt8]]) -> [UInt8] {
    var text: [UInt8] = []
    var previous: [UInt8]? = nil
    var blanks = 0
    for line in lines {
      if line.isEmpty {
        blanks += 1
        continue
      }
      if let previous {
        let plain = !isBlank(previous.first) && !isBlank(line.first)
        if plain && blanks == 0 {
          text.append(0x20)
        } else {
          text += Array(repeating: 0x0A, count: plain ? blanks : blanks + 1)
        }
      } else {
        text += Array(repeating: 0x0A, count: blanks)
      }
      text += line
      previous = line
      blanks = 0
    }
    return text
  }

  // MARK: Flow collections

  /// flow := '[' [node (',' node)* [',']] ']' | '{' [key [':' node] (',' ...)*] '}'
  mutating func flow() throws(ReadFailure) -> LocatedJSON {
    depth += 1
    defer { depth -= 1 }
    guard depth <= Self.maxDepth else {
      throw failure("YAML nested deeper than \(Self.maxDepth) levels")
    }
    let start = position
    let isSequence = current == UInt8(ascii: "[")
    let close = isSequence ? UInt8(ascii: "]") : UInt8(ascii: "}")
    position += 1
    var items: [LocatedJSON] = []
    var members: [LocatedJSON.Member] = []
    while true {
      try skipTrivia(inFlow: true)
      guard let byte = current else {
        throw failure("unclosed '\(isSequence ? "[" : "{")'", at: start)
      }
      if byte == close {
        position += 1
        break
      }
      if isSequence {
        items.append(try flowNode())
        try skipTrivia(inFlow: true)
        guard current != nil else { throw failure("unclosed '['", at: start) }
        if current == UInt8(ascii: ":") {
          throw failure("a mapping inside a flow sequence ('[a: b]') is not read")
        }
      } else {
        let key = try scalar(inFlow: true)
        try skipTrivia(inFlow: true)
        var value = LocatedJSON(value: .null, range: SourceRange(start: position, end: position))
        if current == UInt8(ascii: ":") {
          position += 1
          try skipTrivia(inFlow: true)
          if current != UInt8(ascii: ","), current != close { value = try flowNode() }
          try skipTrivia(inFlow: true)
        }
        members.append(LocatedJSON.Member(key: key.text, keyRange: key.range, value: value))
        guard current != nil else { throw failure("unclosed '{'", at: start) }
      }
      if current == UInt8(ascii: ",") {
        position += 1
        continue
      }
      guard current == close else {
        throw failure(
          "expected ',' or '\(isSequence ? "]" : "}")' in a flow \(isSequence ? "sequence" : "mapping")"
        )
      }
    }
    return LocatedJSON(
      value: isSequence ? .array(items) : .object(members),
      range: SourceRange(start: start, end: position))
  }

  /// A node inside a flow collection.
  mutating func flowNode() throws(ReadFailure) -> LocatedJSON {
    switch current {
    case UInt8(ascii: "["), UInt8(ascii: "{"): return try flow()
    case UInt8(ascii: "!"):
      depth += 1
      defer { depth -= 1 }
      guard depth <= Self.maxDepth else {
        throw failure("YAML nested deeper than \(Self.maxDepth) levels")
      }
      return try tagged(parentIndent: -1, inFlow: true)
    case UInt8(ascii: "&"), UInt8(ascii: "*"):
      throw failure(
        "YAML anchors and aliases are not read", help: "write the value out where it is used")
    default: return Self.resolve(try scalar(inFlow: true))
    }
  }
}
