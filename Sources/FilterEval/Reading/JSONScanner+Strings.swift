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
  ///
  /// Small enough to inline: a plain string ends where the word scan stops, and everything
  /// else (escapes, non-ASCII, the last bytes of the input, errors) goes to the slow path.
  @inline(__always)
  mutating func readStringBytes() throws -> StringBytes {
    guard position < bytes.count, bytes[position] == UInt8(ascii: "\""),
      let base = bytes.baseAddress
    else { throw expectedString() }
    position += 1
    let start = position
    skipPlainWords()
    if position < bytes.count, base[position] == UInt8(ascii: "\"") {
      position += 1
      return .raw(UnsafeBufferPointer(start: base + start, count: position - 1 - start))
    }
    return try readStringSlowly(from: start)
  }

  @inline(never)
  func expectedString() -> JSONSyntaxError {
    error("expected a string, found \(describeHere())")
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

  @inline(never)
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
    let value = try readEscapeValue()
    if value < 0x80 {
      output.append(UInt8(value))
    } else if let scalar = Unicode.Scalar(value) {
      // UTF-8 by hand: building a String per escape showed up in profiles of escaped input.
      UTF8.encode(scalar) { output.append($0) }
    }
  }

  /// Reads the escape at the backslash and returns the code point it stands for, which is
  /// always a valid scalar.
  mutating func readEscapeValue() throws -> UInt32 {
    let start = position
    position += 1
    guard let byte = peek() else { throw error("unterminated escape", at: start) }
    position += 1
    switch byte {
    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): return UInt32(byte)
    case UInt8(ascii: "b"): return 0x08
    case UInt8(ascii: "f"): return 0x0C
    case UInt8(ascii: "n"): return 0x0A
    case UInt8(ascii: "r"): return 0x0D
    case UInt8(ascii: "t"): return 0x09
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
      guard Unicode.Scalar(scalarValue) != nil else {
        throw error("invalid escape", at: start)
      }
      return scalarValue
    default:
      throw error("invalid escape '\\\(Character(Unicode.Scalar(byte)))'", at: start)
    }
  }

  /// Checks the string at the scanner as `readStringBytes` does, keeping nothing: for the
  /// members a reader checks but does not keep, escapes cost no decoding buffer.
  @inline(__always)
  mutating func skipString() throws {
    guard position < bytes.count, bytes[position] == UInt8(ascii: "\""),
      let base = bytes.baseAddress
    else { throw expectedString() }
    let start = position
    position += 1
    skipPlainWords()
    if position < bytes.count, base[position] == UInt8(ascii: "\"") {
      position += 1
      return
    }
    try skipStringSlowly(from: start)
  }

  /// `skipString` past the first byte the word scan stopped at; `start` is the quote.
  @inline(never)
  private mutating func skipStringSlowly(from start: Int) throws {
    while true {
      skipPlainWords()
      guard position < bytes.count else { throw error("unterminated string", at: start) }
      let byte = bytes[position]
      switch byte {
      case UInt8(ascii: "\""):
        position += 1
        return
      case UInt8(ascii: "\\"): _ = try readEscapeValue()
      case 0..<0x20: throw error("control character in a string; escape it")
      case 0x80...:
        let length = UTF8Validation.sequenceLength(bytes, at: position)
        guard length > 0 else { throw error("invalid UTF-8 in a string") }
        position += length
      default: position += 1
      }
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
