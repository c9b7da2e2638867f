import FilterDSL
import Foundation

/// A syntax or shape error in JSON input, at a byte offset.
struct JSONSyntaxError: Error, Hashable, Sendable {
  var message: String
  var offset: Int
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
    // Whitespace is at most 0x20; minified input and JSON Lines mostly leave here.
    guard position < bytes.count, bytes[position] <= 0x20 else { return }
    // Indentation comes in runs of spaces: eight at a time first.
    if position + 8 <= bytes.count, bytes[position] == 0x20, let base = bytes.baseAddress {
      let raw = UnsafeRawPointer(base)
      while position + 8 <= bytes.count,
        raw.loadUnaligned(fromByteOffset: position, as: UInt64.self) == 0x2020_2020_2020_2020
      {
        position += 8
      }
    }
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
      if peek() == UInt8(ascii: ":") {
        position += 1
      } else {
        try expect(UInt8(ascii: ":"), "':' after a member name")
      }
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
  ///
  /// Spelled out beside `readObject` on purpose: sharing one container skeleton through a
  /// closure measured 3-5% slower decoding (aafilter-bench, interleaved runs).
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

  mutating func enter() throws {
    depth += 1
    if depth > Self.maxDepth { throw error("nesting deeper than \(Self.maxDepth) levels") }
  }

  /// Consumes `null` if it stands here.
  @inline(__always)
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

  mutating func literal(_ word: StaticString) throws {
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

  mutating func skipDigits() {
    while position < bytes.count, isDigit(bytes[position]) { position += 1 }
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
