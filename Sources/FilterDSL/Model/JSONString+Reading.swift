/// Reading: the grammar of JSON strings (RFC 8259, section 7), shared by every strict JSON
/// reader in the package, the rule-JSON reader (`LocatedJSON`) and FilterEval's findings
/// scanner, so both accept and reject exactly the same strings (JSONTestSuite checks each).
///
/// Escapes are the eight single-character ones and `\uXXXX`, a high surrogate only when a low
/// one follows; control characters must be escaped; raw bytes must be well-formed UTF-8
/// (`UTF8Validation`).
extension JSONString {
  /// A string the grammar rejects, with the byte the message is about: the opening quote of an
  /// unterminated string, the backslash of a bad escape, else the offending byte.
  package struct Failure: Error, Sendable {
    package var message: String
    package var offset: Int
  }

  /// Reads the rest of a string after its opening quote at `quote`, checking every byte.
  ///
  /// The bytes from `quote + 1` to `position` must already be known to be plain ASCII, so a
  /// reader may skip those quickly itself. When the string holds an escape, `output` receives
  /// the whole decoded content; otherwise it is left alone and the content is the input's
  /// bytes from `quote + 1` to the returned end.
  /// - Parameters:
  ///   - bytes: the input.
  ///   - quote: the offset of the opening quote.
  ///   - position: where to go on reading; on return, just past the closing quote.
  ///   - output: the decoded content, written only when there is an escape.
  ///   - decoding: `false` to check the string without writing `output`.
  /// - Returns: the offset of the closing quote, and whether the string holds an escape.
  /// - Throws: `Failure` at the first byte the grammar rejects.
  package static func read(
    _ bytes: UnsafeBufferPointer<UInt8>, quote: Int, position: inout Int,
    into output: inout [UInt8], decoding: Bool = true
  ) throws(Failure) -> (end: Int, escaped: Bool) {
    var escaped = false
    var plainStart = quote + 1
    while true {
      position = plainEnd(bytes, from: position)
      guard position < bytes.count else {
        throw Failure(message: "unterminated string", offset: quote)
      }
      let byte = bytes[position]
      switch byte {
      case UInt8(ascii: "\""):
        let end = position
        position += 1
        if escaped, decoding {
          output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[plainStart..<end]))
        }
        return (end, escaped)
      case UInt8(ascii: "\\"):
        if decoding {
          if !escaped { output.reserveCapacity(position - quote + 16) }
          output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[plainStart..<position]))
        }
        escaped = true
        let value = try escape(bytes, at: &position)
        if decoding { appendUTF8(value, to: &output) }
        plainStart = position
      case 0..<0x20:
        throw Failure(message: "control character in a string; escape it", offset: position)
      case 0x80...:
        let length = UTF8Validation.sequenceLength(bytes, at: position)
        guard length > 0 else {
          throw Failure(message: "invalid UTF-8 in a string", offset: position)
        }
        position += length
      default:
        position += 1
      }
    }
  }

  /// Reads the escape whose backslash is at `position` and moves past it.
  /// - Returns: the code point it stands for, always a valid scalar (a surrogate pair is one).
  /// - Throws: `Failure` at the backslash.
  package static func escape(_ bytes: UnsafeBufferPointer<UInt8>, at position: inout Int)
    throws(Failure) -> UInt32
  {
    let start = position
    func failure(_ message: String) -> Failure { Failure(message: message, offset: start) }
    position += 1
    guard position < bytes.count else { throw failure("unterminated escape") }
    let byte = bytes[position]
    position += 1
    switch byte {
    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): return UInt32(byte)
    case UInt8(ascii: "b"): return 0x08
    case UInt8(ascii: "f"): return 0x0C
    case UInt8(ascii: "n"): return 0x0A
    case UInt8(ascii: "r"): return 0x0D
    case UInt8(ascii: "t"): return 0x09
    case UInt8(ascii: "u"):
      guard let unit = hex4(bytes, at: &position) else {
        throw failure("'\\u' needs four hex digits")
      }
      if UTF16.isTrailSurrogate(unit) { throw failure("lone surrogate in a string") }
      guard UTF16.isLeadSurrogate(unit) else { return UInt32(unit) }
      guard position + 1 < bytes.count, bytes[position] == UInt8(ascii: "\\"),
        bytes[position + 1] == UInt8(ascii: "u")
      else { throw failure("lone surrogate in a string") }
      let lowStart = position
      position += 2
      guard let low = hex4(bytes, at: &position) else {
        throw Failure(message: "'\\u' needs four hex digits", offset: lowStart)
      }
      guard UTF16.isTrailSurrogate(low) else { throw failure("lone surrogate in a string") }
      return 0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(low) - 0xDC00)
    default:
      throw failure("invalid escape '\\\(Character(Unicode.Scalar(byte)))'")
    }
  }

  /// Appends the UTF-8 form of `value`, a valid scalar.
  @inline(__always)
  package static func appendUTF8(_ value: UInt32, to output: inout [UInt8]) {
    if value < 0x80 {
      output.append(UInt8(value))
    } else if let scalar = Unicode.Scalar(value) {
      UTF8.encode(scalar) { output.append($0) }
    }
  }

  /// Skips eight bytes at a time while none is a quote, a backslash, a control character or
  /// non-ASCII, and returns the offset of the first such byte (or the end). Each test's
  /// borrows run only towards higher bytes, so the lowest flagged byte is always a true one
  /// (higher flags may be false).
  @inlinable
  package static func plainEnd(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
    guard let base = bytes.baseAddress else { return start }
    let raw = UnsafeRawPointer(base)
    let ones: UInt64 = 0x0101_0101_0101_0101
    let highs: UInt64 = 0x8080_8080_8080_8080
    var position = start
    while position + 8 <= bytes.count {
      let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: position, as: UInt64.self))
      let quote = word ^ (ones &* 0x22)
      let backslash = word ^ (ones &* 0x5C)
      let special =
        ((quote &- ones) & ~quote) | ((backslash &- ones) & ~backslash)
        | (word &- ones &* 0x20) | word
      let flags = special & highs
      if flags != 0 { return position + flags.trailingZeroBitCount >> 3 }
      position += 8
    }
    return position
  }

  private static func hex4(_ bytes: UnsafeBufferPointer<UInt8>, at position: inout Int)
    -> UInt16?
  {
    guard position + 4 <= bytes.count else { return nil }
    var value: UInt16 = 0
    for _ in 0..<4 {
      let byte = bytes[position]
      let digit: UInt8
      switch byte {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
      case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
      case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
      default: return nil
      }
      value = value << 4 | UInt16(digit)
      position += 1
    }
    return value
  }
}
