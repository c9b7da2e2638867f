import FilterDSL

/// One value: quoted or bare, by the AWS CLI's patterns.
extension ShorthandParser {
  /// value := single-quoted | double-quoted | bare (possibly empty)
  mutating func value() throws(ReadFailure) -> String {
    switch current {
    case UInt8(ascii: "'"), UInt8(ascii: "\""): return try quoted()
    default: return bare()
    }
  }

  /// The AWS CLI's pattern `'(?:\\\\|\\'|[^'])*'` takes the longest text in which every quote
  /// follows a backslash: it ends at the first quote that does not, or else at the last one.
  /// Then `\'` becomes `'`, and after that `\\` becomes `\`.
  mutating func quoted() throws(ReadFailure) -> String {
    let start = position
    let quote = bytes[start]
    var close: Int? = nil
    var index = start + 1
    while index < bytes.count {
      if bytes[index] == quote {
        close = index
        if bytes[index - 1] != UInt8(ascii: "\\") || index - 1 == start { break }
      }
      index += 1
    }
    guard let close else {
      throw failure(
        "unclosed \(quote == UInt8(ascii: "'") ? "single" : "double")-quoted value", at: start)
    }
    position = close + 1
    let backslash = UInt8(ascii: "\\")
    let unquoted = Self.replace(Array(bytes[(start + 1)..<close]), [backslash, quote], [quote])
    return String(
      decoding: Self.replace(unquoted, [backslash, backslash], [backslash]), as: UTF8.self)
  }

  /// Python's `str.replace`: non-overlapping, left to right.
  static func replace(_ text: [UInt8], _ pattern: [UInt8], _ replacement: [UInt8]) -> [UInt8] {
    var output: [UInt8] = []
    output.reserveCapacity(text.count)
    var index = 0
    while index < text.count {
      if index + 1 < text.count, text[index] == pattern[0], text[index + 1] == pattern[1] {
        output += replacement
        index += 2
      } else {
        output.append(text[index])
        index += 1
      }
    }
    return output
  }

  /// A bare value: a start character, then following ones (`\,` counts as one, and is a
  /// comma); trailing white space is dropped. Nothing matches: the empty string.
  mutating func bare() -> String {
    var text: [UInt8] = []
    var first = true
    while position < bytes.count {
      if bytes[position] == UInt8(ascii: "\\"), position + 1 < bytes.count,
        bytes[position + 1] == UInt8(ascii: ",")
      {
        text.append(UInt8(ascii: ","))
        position += 2
        first = false
        continue
      }
      guard let (scalar, length) = Self.scalar(at: position, in: bytes) else { break }
      let accepted = first ? Self.starts(scalar) : Self.follows(scalar)
      if !accepted || (lineBreakEnds && scalar == "\n") { break }
      text += bytes[position..<(position + length)]
      position += length
      first = false
    }
    var string = String(decoding: text, as: UTF8.self)
    while let last = string.unicodeScalars.last, Self.isWhitespace(last) {
      string.unicodeScalars.removeLast()
    }
    return string
  }

  /// The parser's start class: `!#-&(-+\--<>-Z\\-z|-\uffff`.
  static func starts(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x21, 0x23...0x26, 0x28...0x2B, 0x2D...0x3C, 0x3E...0x5A, 0x5C...0x7A, 0x7C...0xFFFF:
      true
    default: false
    }
  }

  /// Its following class: `\s!#-&(-+\--\\^-|~-\uffff`.
  static func follows(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x21, 0x23...0x26, 0x28...0x2B, 0x2D...0x5C, 0x5E...0x7C, 0x7E...0xFFFF: true
    default: isWhitespace(scalar)
    }
  }

  /// Python's `\s` and `str.isspace` for the characters below U+0080, and Unicode's white
  /// space above.
  static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x09...0x0D, 0x1C...0x20: true
    case 0x80...: scalar.properties.isWhitespace
    default: false
    }
  }

  /// The scalar whose UTF-8 starts at `index` (the bytes are valid UTF-8), and its length.
  static func scalar(at index: Int, in bytes: [UInt8]) -> (Unicode.Scalar, Int)? {
    guard index < bytes.count else { return nil }
    let lead = bytes[index]
    let length =
      lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1
    guard index + length <= bytes.count else { return nil }
    var decoder = UTF8()
    var iterator = bytes[index..<(index + length)].makeIterator()
    guard case .scalarValue(let scalar) = decoder.decode(&iterator) else { return nil }
    return (scalar, length)
  }
}
