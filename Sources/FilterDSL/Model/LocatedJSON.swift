/// A JSON value with the UTF-8 range it was written at, so that problems found in filter
/// JSON point into the text rather than at its first byte.
///
/// A strict reader (RFC 8259): one value, no trailing commas, escapes and UTF-8 checked,
/// nesting capped so hostile input cannot exhaust the stack.
package struct LocatedJSON: Sendable {
  package indirect enum Value: Sendable {
    case null
    case bool(Bool)
    case number
    case string(String)
    case array([LocatedJSON])
    case object([Member])
  }

  package struct Member: Sendable {
    package var key: String
    package var keyRange: SourceRange
    package var value: LocatedJSON

    /// A member built by another reader (the YAML templates one) over its own source.
    package init(key: String, keyRange: SourceRange, value: LocatedJSON) {
      self.key = key
      self.keyRange = keyRange
      self.value = value
    }
  }

  package struct SyntaxError: Error {
    package var message: String
    package var offset: Int
  }

  package var value: Value
  package var range: SourceRange

  /// A value built by another reader (the YAML templates one), so the template readers that
  /// take located JSON read its tree too.
  package init(value: Value, range: SourceRange) {
    self.value = value
    self.range = range
  }

  package static let maxDepth = 512

  /// The member named exactly `key` (bytes compared); the last one when repeated, as a
  /// decoder keeps.
  package func member(_ key: String) -> Member? {
    guard case .object(let members) = value else { return nil }
    return members.last { $0.key.utf8.elementsEqual(key.utf8) }
  }

  package static func parse(_ bytes: [UInt8]) throws -> LocatedJSON {
    var reader = Reader(bytes: bytes)
    // A UTF-8 byte order mark is tolerated at the start, as editors on Windows write one.
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { reader.position = 3 }
    reader.skipWhitespace()
    let value = try reader.value(depth: 0)
    reader.skipWhitespace()
    guard reader.position == bytes.count else {
      throw reader.error("expected the end of the JSON text, found more")
    }
    return value
  }

  private struct Reader {
    let bytes: [UInt8]
    var position = 0

    func error(_ message: String) -> SyntaxError {
      SyntaxError(message: message, offset: position)
    }

    var current: UInt8? { position < bytes.count ? bytes[position] : nil }

    mutating func skipWhitespace() {
      while let byte = current, byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
        position += 1
      }
    }

    mutating func value(depth: Int) throws -> LocatedJSON {
      guard depth < LocatedJSON.maxDepth else {
        throw error("nesting deeper than \(LocatedJSON.maxDepth) levels")
      }
      let start = position
      guard let byte = current else { throw error("expected a value, found the end") }
      let value: Value
      switch byte {
      case UInt8(ascii: "{"): value = try object(depth: depth)
      case UInt8(ascii: "["): value = try array(depth: depth)
      case UInt8(ascii: "\""): value = .string(try string())
      case UInt8(ascii: "t"): value = try literal("true", .bool(true))
      case UInt8(ascii: "f"): value = try literal("false", .bool(false))
      case UInt8(ascii: "n"): value = try literal("null", .null)
      case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): value = try number()
      default: throw error("expected a value")
      }
      return LocatedJSON(value: value, range: SourceRange(start: start, end: position))
    }

    mutating func literal(_ word: String, _ value: Value) throws -> Value {
      for byte in word.utf8 {
        guard current == byte else { throw error("invalid literal, expected '\(word)'") }
        position += 1
      }
      return value
    }

    mutating func number() throws -> Value {
      func digits() throws {
        guard let byte = current, (0x30...0x39).contains(byte) else {
          throw error("invalid number")
        }
        while let byte = current, (0x30...0x39).contains(byte) { position += 1 }
      }
      if current == UInt8(ascii: "-") { position += 1 }
      if current == UInt8(ascii: "0") {
        position += 1
      } else {
        try digits()
      }
      if current == UInt8(ascii: ".") {
        position += 1
        try digits()
      }
      if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
        position += 1
        if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { position += 1 }
        try digits()
      }
      return .number
    }

    mutating func array(depth: Int) throws -> Value {
      position += 1
      var elements: [LocatedJSON] = []
      skipWhitespace()
      if current == UInt8(ascii: "]") {
        position += 1
        return .array(elements)
      }
      while true {
        skipWhitespace()
        elements.append(try value(depth: depth + 1))
        skipWhitespace()
        switch current {
        case UInt8(ascii: ",")?: position += 1
        case UInt8(ascii: "]")?:
          position += 1
          return .array(elements)
        default: throw error("expected ',' or ']' in an array")
        }
      }
    }

    mutating func object(depth: Int) throws -> Value {
      position += 1
      var members: [Member] = []
      skipWhitespace()
      if current == UInt8(ascii: "}") {
        position += 1
        return .object(members)
      }
      while true {
        skipWhitespace()
        guard current == UInt8(ascii: "\"") else { throw error("expected a member name in quotes") }
        let keyStart = position
        let key = try string()
        let keyRange = SourceRange(start: keyStart, end: position)
        skipWhitespace()
        guard current == UInt8(ascii: ":") else { throw error("expected ':' after a member name") }
        position += 1
        skipWhitespace()
        members.append(Member(key: key, keyRange: keyRange, value: try value(depth: depth + 1)))
        skipWhitespace()
        switch current {
        case UInt8(ascii: ",")?: position += 1
        case UInt8(ascii: "}")?:
          position += 1
          return .object(members)
        default: throw error("expected ',' or '}' in an object")
        }
      }
    }

    /// A string, by the package's one JSON string grammar (`JSONString`).
    mutating func string() throws -> String {
      let quote = position
      var next = quote + 1
      var output: [UInt8] = []
      let read = bytes.withUnsafeBufferPointer { buffer in
        Result { () throws(JSONString.Failure) in
          try JSONString.read(buffer, quote: quote, position: &next, into: &output)
        }
      }
      switch read {
      case .failure(let failure):
        throw SyntaxError(message: failure.message, offset: failure.offset)
      case .success(let (end, escaped)):
        position = next
        return String(decoding: escaped ? output[...] : bytes[quote + 1..<end], as: UTF8.self)
      }
    }
  }
}
