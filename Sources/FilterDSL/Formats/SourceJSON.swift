/// A JSON document read with the byte range of every value and key, so that problems in rule
/// JSON and CloudFormation templates point into the text. Duplicate keys are kept in order (the
/// readers report them: Foundation silently keeps one).
package struct SourceJSON: Sendable {
  package indirect enum Value: Sendable {
    case null
    case bool(Bool)
    case number(String)
    case string(String)
    case array([SourceJSON])
    case object([Member])
  }

  package struct Member: Sendable {
    package var key: String
    package var keyRange: SourceRange
    package var value: SourceJSON
  }

  package var value: Value
  package var range: SourceRange

  /// The members named `key`, in order.
  package func members(_ key: String) -> [Member] {
    guard case .object(let members) = value else { return [] }
    return members.filter { $0.key.utf8.elementsEqual(key.utf8) }
  }

  /// The last member named `key` (JSON parsers keep the last one).
  package subscript(key: String) -> SourceJSON? { members(key).last?.value }

  package var string: String? {
    if case .string(let text) = value { return text }
    return nil
  }

  package var array: [SourceJSON]? {
    if case .array(let items) = value { return items }
    return nil
  }

  package var isObject: Bool {
    if case .object = value { return true }
    return false
  }

  /// A short name of the value's kind for messages: `a string`, `an object`.
  package var kindName: String {
    switch value {
    case .null: "null"
    case .bool: "a boolean"
    case .number: "a number"
    case .string: "a string"
    case .array: "an array"
    case .object: "an object"
    }
  }

  /// Parses strict JSON (RFC 8259) from UTF-8 bytes.
  /// - Throws: a `Diagnostic` (`invalid-filter-json`) at the first problem.
  package static func parse(_ bytes: [UInt8]) throws(Diagnostic) -> SourceJSON {
    var reader = SourceJSONReader(bytes: bytes)
    return try reader.document()
  }
}

/// Recursive descent over the bytes; nesting is capped so hostile input cannot exhaust the stack.
private struct SourceJSONReader {
  let bytes: [UInt8]
  var position = 0
  var depth = 0
  static let maxDepth = 256

  init(bytes: [UInt8]) {
    self.bytes = bytes
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }
  }

  mutating func document() throws(Diagnostic) -> SourceJSON {
    let value = try self.value()
    skipSpace()
    if position < bytes.count { throw failure("unexpected text after the JSON value") }
    return value
  }

  func failure(_ message: String, at start: Int? = nil) -> Diagnostic {
    let start = min(start ?? position, bytes.count)
    return .error(
      .invalidFilterJSON, message, at: SourceRange(start: start, end: min(start + 1, bytes.count)))
  }

  mutating func skipSpace() {
    while position < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[position]) {
      position += 1
    }
  }

  // value = object / array / string / number / "true" / "false" / "null"
  mutating func value() throws(Diagnostic) -> SourceJSON {
    skipSpace()
    guard position < bytes.count else { throw failure("expected a JSON value, found the end") }
    let start = position
    switch bytes[position] {
    case UInt8(ascii: "{"): return try object()
    case UInt8(ascii: "["): return try array()
    case UInt8(ascii: "\""):
      let text = try string()
      return SourceJSON(value: .string(text), range: SourceRange(start: start, end: position))
    case UInt8(ascii: "t"): return try literal("true", .bool(true))
    case UInt8(ascii: "f"): return try literal("false", .bool(false))
    case UInt8(ascii: "n"): return try literal("null", .null)
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number()
    default: throw failure("expected a JSON value")
    }
  }

  mutating func literal(_ word: String, _ value: SourceJSON.Value) throws(Diagnostic) -> SourceJSON
  {
    let start = position
    let expected = Array(word.utf8)
    guard bytes[position...].starts(with: expected) else { throw failure("expected a JSON value") }
    position += expected.count
    return SourceJSON(value: value, range: SourceRange(start: start, end: position))
  }

  // number = [ "-" ] int [ frac ] [ exp ]
  mutating func number() throws(Diagnostic) -> SourceJSON {
    let start = position
    func digits() -> Int {
      let first = position
      while position < bytes.count,
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[position])
      {
        position += 1
      }
      return position - first
    }
    if bytes[position] == UInt8(ascii: "-") { position += 1 }
    let intStart = position
    let count = digits()
    guard count > 0, count == 1 || bytes[intStart] != UInt8(ascii: "0") else {
      throw failure("malformed number", at: start)
    }
    if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
      position += 1
      guard digits() > 0 else { throw failure("malformed number", at: start) }
    }
    if position < bytes.count, bytes[position] | 0x20 == UInt8(ascii: "e") {
      position += 1
      if position < bytes.count,
        bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-")
      {
        position += 1
      }
      guard digits() > 0 else { throw failure("malformed number", at: start) }
    }
    let text = String(decoding: bytes[start..<position], as: UTF8.self)
    return SourceJSON(value: .number(text), range: SourceRange(start: start, end: position))
  }

  mutating func nest() throws(Diagnostic) {
    depth += 1
    if depth > Self.maxDepth { throw failure("JSON nested deeper than \(Self.maxDepth) levels") }
  }

  // object = "{" [ string ":" value *( "," string ":" value ) ] "}"
  mutating func object() throws(Diagnostic) -> SourceJSON {
    let start = position
    try nest()
    defer { depth -= 1 }
    position += 1
    var members: [SourceJSON.Member] = []
    skipSpace()
    if position < bytes.count, bytes[position] == UInt8(ascii: "}") {
      position += 1
      return SourceJSON(value: .object([]), range: SourceRange(start: start, end: position))
    }
    while true {
      skipSpace()
      guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else {
        throw failure("expected a quoted key")
      }
      let keyStart = position
      let key = try string()
      let keyRange = SourceRange(start: keyStart, end: position)
      skipSpace()
      guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else {
        throw failure("expected ':' after the key")
      }
      position += 1
      members.append(SourceJSON.Member(key: key, keyRange: keyRange, value: try value()))
      skipSpace()
      guard position < bytes.count else { throw failure("unclosed '{'", at: start) }
      if bytes[position] == UInt8(ascii: ",") {
        position += 1
        continue
      }
      guard bytes[position] == UInt8(ascii: "}") else { throw failure("expected ',' or '}'") }
      position += 1
      return SourceJSON(value: .object(members), range: SourceRange(start: start, end: position))
    }
  }

  // array = "[" [ value *( "," value ) ] "]"
  mutating func array() throws(Diagnostic) -> SourceJSON {
    let start = position
    try nest()
    defer { depth -= 1 }
    position += 1
    var items: [SourceJSON] = []
    skipSpace()
    if position < bytes.count, bytes[position] == UInt8(ascii: "]") {
      position += 1
      return SourceJSON(value: .array([]), range: SourceRange(start: start, end: position))
    }
    while true {
      items.append(try value())
      skipSpace()
      guard position < bytes.count else { throw failure("unclosed '['", at: start) }
      if bytes[position] == UInt8(ascii: ",") {
        position += 1
        continue
      }
      guard bytes[position] == UInt8(ascii: "]") else { throw failure("expected ',' or ']'") }
      position += 1
      return SourceJSON(value: .array(items), range: SourceRange(start: start, end: position))
    }
  }

  // string = '"' *( unescaped / escape ) '"', with the lexer's UTF-8 and escape checks
  mutating func string() throws(Diagnostic) -> String {
    let start = position
    position += 1
    var scalars = String.UnicodeScalarView()
    while position < bytes.count {
      let byte = bytes[position]
      switch byte {
      case UInt8(ascii: "\""):
        position += 1
        return String(scalars)
      case UInt8(ascii: "\\"):
        scalars.append(try escape())
      case 0x00..<0x20:
        throw failure("control character in a string; escape it")
      case 0x00..<0x80:
        scalars.append(Unicode.Scalar(byte))
        position += 1
      default:
        guard let (scalar, length) = UTF8Validation.scalar(bytes, at: position) else {
          throw failure("invalid UTF-8")
        }
        scalars.append(scalar)
        position += length
      }
    }
    throw failure("unterminated string", at: start)
  }

  mutating func escape() throws(Diagnostic) -> Unicode.Scalar {
    let start = position
    position += 1
    guard position < bytes.count else { throw failure("unterminated string") }
    let byte = bytes[position]
    position += 1
    switch byte {
    case UInt8(ascii: "\""): return "\""
    case UInt8(ascii: "\\"): return "\\"
    case UInt8(ascii: "/"): return "/"
    case UInt8(ascii: "b"): return "\u{08}"
    case UInt8(ascii: "f"): return "\u{0C}"
    case UInt8(ascii: "n"): return "\n"
    case UInt8(ascii: "r"): return "\r"
    case UInt8(ascii: "t"): return "\t"
    case UInt8(ascii: "u"):
      let high = try hex4(start)
      if (0xD800..<0xDC00).contains(high) {
        guard bytes[position...].starts(with: Array("\\u".utf8)) else {
          throw failure("lone surrogate in a \\u escape", at: start)
        }
        position += 2
        let low = try hex4(start)
        guard (0xDC00..<0xE000).contains(low),
          let scalar = Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))
        else { throw failure("lone surrogate in a \\u escape", at: start) }
        return scalar
      }
      guard let scalar = Unicode.Scalar(high) else {
        throw failure("lone surrogate in a \\u escape", at: start)
      }
      return scalar
    default: throw failure("invalid escape in a string", at: start)
    }
  }

  mutating func hex4(_ start: Int) throws(Diagnostic) -> UInt32 {
    guard position + 4 <= bytes.count,
      let value = UInt32(
        String(decoding: bytes[position..<position + 4], as: UTF8.self), radix: 16),
      bytes[position..<position + 4].allSatisfy({
        $0 != UInt8(ascii: "+") && $0 != UInt8(ascii: "-")
      })
    else { throw failure("'\\u' needs four hex digits", at: start) }
    position += 4
    return value
  }
}
