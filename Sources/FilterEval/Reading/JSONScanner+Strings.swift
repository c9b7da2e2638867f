import FilterDSL

extension JSONScanner {
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
    skipPlainWords()
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

  /// Skips eight bytes at a time while none is a quote, a backslash, a control character or
  /// non-ASCII, and stops at the first such byte. Each test's borrows run only towards higher
  /// bytes, so the lowest flagged byte is always a true one (higher flags may be false).
  @inline(__always)
  mutating func skipPlainWords() {
    guard let base = bytes.baseAddress else { return }
    let raw = UnsafeRawPointer(base)
    let ones: UInt64 = 0x0101_0101_0101_0101
    let highs: UInt64 = 0x8080_8080_8080_8080
    while position + 8 <= bytes.count {
      let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: position, as: UInt64.self))
      let quote = word ^ (ones &* 0x22)
      let backslash = word ^ (ones &* 0x5C)
      let special =
        ((quote &- ones) & ~quote) | ((backslash &- ones) & ~backslash)
        | (word &- ones &* 0x20) | word
      let flags = special & highs
      if flags != 0 {
        position += flags.trailingZeroBitCount >> 3
        return
      }
      position += 8
    }
  }

  mutating func readStringSlowly(from start: Int) throws -> StringBytes {
    // One buffer for the whole string, made at the first escape and never copied after it.
    var output: [UInt8] = []
    var escapes = false
    var plainStart = start
    while position < bytes.count {
      let byte = bytes[position]
      switch byte {
      case UInt8(ascii: "\""):
        let end = position
        position += 1
        guard escapes else { return .raw(UnsafeBufferPointer(rebasing: bytes[start..<end])) }
        output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[plainStart..<end]))
        return .decoded(output)
      case UInt8(ascii: "\\"):
        if !escapes {
          escapes = true
          output.reserveCapacity(position - start + 16)
        }
        output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[plainStart..<position]))
        try readEscape(into: &output)
        plainStart = position
        skipPlainWords()
      case 0..<0x20:
        throw error("control character in a string; escape it")
      case 0x80...:
        let length = UTF8Validation.sequenceLength(bytes, at: position)
        guard length > 0 else { throw error("invalid UTF-8 in a string") }
        position += length
        skipPlainWords()
      default:
        position += 1
      }
    }
    throw error("unterminated string", at: start - 1)
  }

  mutating func readEscape(into output: inout [UInt8]) throws {
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
      // UTF-8 by hand: building a String per escape showed up in profiles of escaped input.
      UTF8.encode(scalar) { output.append($0) }
    default:
      throw error("invalid escape '\\\(Character(Unicode.Scalar(byte)))'", at: start)
    }
  }

  mutating func readHex4(escapeStart: Int) throws -> UInt16 {
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
