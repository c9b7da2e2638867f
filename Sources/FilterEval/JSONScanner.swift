import FilterDSL
import Foundation

/// A syntax or shape error in JSON input, at a byte offset.
public struct JSONSyntaxError: Error, Hashable, Sendable {
  public var message: String
  public var offset: Int
}

/// A strict, single-pass JSON scanner over UTF-8 bytes (RFC 8259): every escape, surrogate
/// pairs, the exact number grammar, no control characters in strings, no trailing commas,
/// and a nesting limit. It reads values on demand, so a decoder can take the fields it knows
/// and skip (while still validating) the rest.
///
/// The buffer must outlive the scanner; decoders create it inside `withUnsafeBufferPointer`.
struct JSONScanner {
  let bytes: UnsafeBufferPointer<UInt8>
  var position: Int
  var depth = 0
  static let maxDepth = 512

  init(_ bytes: UnsafeBufferPointer<UInt8>, position: Int = 0) {
    self.bytes = bytes
    self.position = position
  }

  var isAtEnd: Bool { position >= bytes.count }

  func error(_ message: String, at offset: Int? = nil) -> JSONSyntaxError {
    JSONSyntaxError(message: message, offset: offset ?? position)
  }

  @inline(__always)
  mutating func skipWhitespace() {
    while position < bytes.count {
      switch bytes[position] {
      case 0x20, 0x0A, 0x0D, 0x09: position += 1
      default: return
      }
    }
  }

  @inline(__always)
  func peek() -> UInt8? {
    position < bytes.count ? bytes[position] : nil
  }

  mutating func expect(_ byte: UInt8, _ what: String) throws {
    skipWhitespace()
    guard peek() == byte else { throw error("expected \(what), found \(describeHere())") }
    position += 1
  }

  /// Words for what stands at the current position, for messages ("found 42").
  func describeHere() -> String {
    guard let byte = peek() else { return "end of input" }
    switch byte {
    case UInt8(ascii: "\""): return "a string"
    case UInt8(ascii: "{"): return "an object"
    case UInt8(ascii: "["): return "an array"
    case UInt8(ascii: "t"), UInt8(ascii: "f"): return "a boolean"
    case UInt8(ascii: "n"): return "null"
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
      var end = position
      while end < bytes.count, end - position < 24,
        "0123456789+-.eE".utf8.contains(bytes[end])
      {
        end += 1
      }
      return String(decoding: UnsafeBufferPointer(rebasing: bytes[position..<end]), as: UTF8.self)
    default:
      return byte < 0x80 && byte >= 0x20
        ? "'\(Character(Unicode.Scalar(byte)))'" : String(format: "byte 0x%02X", byte)
    }
  }

  // MARK: Structure

  /// Calls `body` once per member with the key's bytes, positioned at the value; `body`
  /// must consume the value.
  mutating func readObject(_ body: (inout JSONScanner, UnsafeBufferPointer<UInt8>) throws -> Void)
    throws
  {
    skipWhitespace()
    guard peek() == UInt8(ascii: "{") else {
      throw error("expected an object, found \(describeHere())")
    }
    try enter()
    position += 1
    skipWhitespace()
    if peek() == UInt8(ascii: "}") {
      position += 1
      depth -= 1
      return
    }
    while true {
      skipWhitespace()
      guard peek() == UInt8(ascii: "\"") else {
        throw error("expected a member name in quotes, found \(describeHere())")
      }
      let key = try readStringBytes()
      try expect(UInt8(ascii: ":"), "':' after a member name")
      skipWhitespace()
      try key.withBytes { try body(&self, $0) }
      skipWhitespace()
      guard let next = peek() else { throw error("unterminated object: expected ',' or '}'") }
      position += 1
      if next == UInt8(ascii: "}") { break }
      guard next == UInt8(ascii: ",") else {
        throw error("expected ',' or '}' in an object", at: position - 1)
      }
    }
    depth -= 1
  }

  /// Calls `body` once per element with its index, positioned at the element.
  mutating func readArray(_ body: (inout JSONScanner, Int) throws -> Void) throws {
    skipWhitespace()
    guard peek() == UInt8(ascii: "[") else {
      throw error("expected an array, found \(describeHere())")
    }
    try enter()
    position += 1
    skipWhitespace()
    if peek() == UInt8(ascii: "]") {
      position += 1
      depth -= 1
      return
    }
    var index = 0
    while true {
      skipWhitespace()
      try body(&self, index)
      index += 1
      skipWhitespace()
      guard let next = peek() else { throw error("unterminated array: expected ',' or ']'") }
      position += 1
      if next == UInt8(ascii: "]") { break }
      guard next == UInt8(ascii: ",") else {
        throw error("expected ',' or ']' in an array", at: position - 1)
      }
    }
    depth -= 1
  }

  private mutating func enter() throws {
    depth += 1
    if depth > Self.maxDepth { throw error("nesting deeper than \(Self.maxDepth) levels") }
  }

  /// Consumes `null` if it stands here.
  mutating func skipNull() -> Bool {
    skipWhitespace()
    guard position + 4 <= bytes.count, bytes[position] == UInt8(ascii: "n"),
      bytes[position + 1] == UInt8(ascii: "u"),
      bytes[position + 2] == UInt8(ascii: "l"), bytes[position + 3] == UInt8(ascii: "l")
    else { return false }
    position += 4
    return true
  }

  /// Skips any value, validating it completely.
  mutating func skipValue() throws {
    skipWhitespace()
    guard let byte = peek() else { throw error("expected a value, found end of input") }
    switch byte {
    case UInt8(ascii: "{"): try readObject { scanner, _ in try scanner.skipValue() }
    case UInt8(ascii: "["): try readArray { scanner, _ in try scanner.skipValue() }
    case UInt8(ascii: "\""): _ = try readStringBytes()
    case UInt8(ascii: "t"): try literal("true")
    case UInt8(ascii: "f"): try literal("false")
    case UInt8(ascii: "n"): try literal("null")
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try skipNumber()
    default: throw error("expected a value, found \(describeHere())")
    }
  }

  private mutating func literal(_ word: StaticString) throws {
    let count = word.utf8CodeUnitCount
    guard position + count <= bytes.count else {
      throw error("invalid literal, expected '\(word)'")
    }
    let expected = UnsafeBufferPointer(start: word.utf8Start, count: count)
    for offset in 0..<count where bytes[position + offset] != expected[offset] {
      throw error("invalid literal, expected '\(word)'", at: position + offset)
    }
    position += count
  }

  mutating func readBool() throws -> Bool? {
    skipWhitespace()
    switch peek() {
    case UInt8(ascii: "t"):
      try literal("true")
      return true
    case UInt8(ascii: "f"):
      try literal("false")
      return false
    default:
      return nil
    }
  }

  // -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
  mutating func skipNumber() throws {
    let start = position
    if peek() == UInt8(ascii: "-") { position += 1 }
    guard let first = peek(), isDigit(first) else {
      throw error("invalid number: expected a digit", at: position)
    }
    position += 1
    if first == UInt8(ascii: "0") {
      if let next = peek(), isDigit(next) { throw error("invalid number: leading zero", at: start) }
    } else {
      skipDigits()
    }
    if peek() == UInt8(ascii: ".") {
      position += 1
      guard let digit = peek(), isDigit(digit) else {
        throw error("invalid number: expected a digit after '.'")
      }
      skipDigits()
    }
    if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
      position += 1
      if peek() == UInt8(ascii: "+") || peek() == UInt8(ascii: "-") { position += 1 }
      guard let digit = peek(), isDigit(digit) else {
        throw error("invalid number: expected an exponent")
      }
      skipDigits()
    }
  }

  @inline(__always) private func isDigit(_ byte: UInt8) -> Bool { byte &- UInt8(ascii: "0") < 10 }

  private mutating func skipDigits() {
    while position < bytes.count, isDigit(bytes[position]) { position += 1 }
  }

  // MARK: Strings

  /// A string's content: a view of the input when it holds no escapes (the common case, no
  /// copy), or its decoded UTF-8.
  enum StringBytes {
    case raw(UnsafeBufferPointer<UInt8>)
    case decoded([UInt8])

    func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
      switch self {
      case .raw(let buffer): return try body(buffer)
      case .decoded(let array): return try array.withUnsafeBufferPointer(body)
      }
    }

    var string: String { withBytes { String(decoding: $0, as: UTF8.self) } }
  }

  /// Reads a string, validating UTF-8 and escapes.
  mutating func readStringBytes() throws -> StringBytes {
    guard peek() == UInt8(ascii: "\"") else {
      throw error("expected a string, found \(describeHere())")
    }
    position += 1
    let start = position
    // Fast path: plain printable ASCII until the closing quote.
    while position < bytes.count {
      let byte = bytes[position]
      if byte == UInt8(ascii: "\"") {
        let range = UnsafeBufferPointer(rebasing: bytes[start..<position])
        position += 1
        return .raw(range)
      }
      if byte == UInt8(ascii: "\\") || byte < 0x20 || byte >= 0x80 { break }
      position += 1
    }
    return try readStringSlowly(from: start)
  }

  private mutating func readStringSlowly(from start: Int) throws -> StringBytes {
    var decoded: [UInt8]?
    var plainStart = start
    while position < bytes.count {
      let byte = bytes[position]
      switch byte {
      case UInt8(ascii: "\""):
        if var output = decoded {
          output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[plainStart..<position]))
          position += 1
          return .decoded(output)
        }
        let range = UnsafeBufferPointer(rebasing: bytes[start..<position])
        position += 1
        return .raw(range)
      case UInt8(ascii: "\\"):
        var output = decoded ?? []
        output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[plainStart..<position]))
        try readEscape(into: &output)
        decoded = output
        plainStart = position
      case 0..<0x20:
        throw error("control character in a string; escape it")
      case 0x80...:
        let length = UTF8Validation.sequenceLength(bytes, at: position)
        guard length > 0 else { throw error("invalid UTF-8 in a string") }
        position += length
      default:
        position += 1
      }
    }
    throw error("unterminated string", at: start - 1)
  }

  private mutating func readEscape(into output: inout [UInt8]) throws {
    let start = position
    position += 1
    guard let byte = peek() else { throw error("unterminated escape", at: start) }
    position += 1
    switch byte {
    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): output.append(byte)
    case UInt8(ascii: "b"): output.append(0x08)
    case UInt8(ascii: "f"): output.append(0x0C)
    case UInt8(ascii: "n"): output.append(0x0A)
    case UInt8(ascii: "r"): output.append(0x0D)
    case UInt8(ascii: "t"): output.append(0x09)
    case UInt8(ascii: "u"):
      let unit = try readHex4(escapeStart: start)
      var scalarValue = UInt32(unit)
      if UTF16.isLeadSurrogate(unit) {
        guard peek() == UInt8(ascii: "\\"), position + 1 < bytes.count,
          bytes[position + 1] == UInt8(ascii: "u")
        else {
          throw error("lone surrogate in a string", at: start)
        }
        position += 2
        let low = try readHex4(escapeStart: position - 2)
        guard UTF16.isTrailSurrogate(low) else {
          throw error("lone surrogate in a string", at: start)
        }
        scalarValue = 0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(low) - 0xDC00)
      } else if UTF16.isTrailSurrogate(unit) {
        throw error("lone surrogate in a string", at: start)
      }
      guard let scalar = Unicode.Scalar(scalarValue) else {
        throw error("invalid escape", at: start)
      }
      output.append(contentsOf: String(Character(scalar)).utf8)
    default:
      throw error("invalid escape '\\\(Character(Unicode.Scalar(byte)))'", at: start)
    }
  }

  private mutating func readHex4(escapeStart: Int) throws -> UInt16 {
    guard position + 4 <= bytes.count else {
      throw error("'\\u' needs four hex digits", at: escapeStart)
    }
    var value: UInt16 = 0
    for _ in 0..<4 {
      let byte = bytes[position]
      let digit: UInt8
      switch byte {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
      case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
      case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
      default: throw error("'\\u' needs four hex digits", at: escapeStart)
      }
      value = value << 4 | UInt16(digit)
      position += 1
    }
    return value
  }
}

extension UnsafeBufferPointer where Element == UInt8 {
  /// Byte equality with a static string, for matching member names without building strings.
  @inline(__always)
  func equals(_ text: StaticString) -> Bool {
    guard count == text.utf8CodeUnitCount else { return false }
    guard count > 0, let base = baseAddress else { return true }
    return memcmp(base, text.utf8Start, count) == 0
  }
}
