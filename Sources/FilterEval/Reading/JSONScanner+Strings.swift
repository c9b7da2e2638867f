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

  /// Reads a string, validating UTF-8 and escapes by the package's one JSON string grammar
  /// (`JSONString`).
  ///
  /// Small enough to inline: a plain string ends where the word scan stops, and everything
  /// else (escapes, non-ASCII, the last bytes of the input, errors) goes to the grammar.
  @inline(__always)
  mutating func readStringBytes() throws -> StringBytes {
    let (quote, plain) = try skipPlainString()
    guard plain else { return try readStringSlowly(quote: quote) }
    return .raw(UnsafeBufferPointer(rebasing: bytes[quote + 1..<position - 1]))
  }

  /// Moves past the string at the scanner when it is plain ASCII to its closing quote;
  /// otherwise stops at the first byte the grammar must see.
  /// - Returns: the opening quote's offset, and whether the string was plain.
  @inline(__always)
  private mutating func skipPlainString() throws -> (quote: Int, plain: Bool) {
    guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else {
      throw expectedString()
    }
    let quote = position
    position = JSONString.plainEnd(bytes, from: position + 1)
    guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else {
      return (quote, false)
    }
    position += 1
    return (quote, true)
  }

  @inline(never)
  func expectedString() -> JSONSyntaxError {
    error("expected a string, found \(describeHere())")
  }

  @inline(never)
  mutating func readStringSlowly(quote: Int) throws -> StringBytes {
    var output: [UInt8] = []
    let (end, escaped) = try grammar { scanner throws(JSONString.Failure) in
      try JSONString.read(scanner.bytes, quote: quote, position: &scanner.position, into: &output)
    }
    return escaped ? .decoded(output) : .raw(UnsafeBufferPointer(rebasing: bytes[quote + 1..<end]))
  }

  /// Checks the string at the scanner as `readStringBytes` does, keeping nothing: for the
  /// members a reader checks but does not keep, escapes cost no decoding buffer.
  @inline(__always)
  mutating func skipString() throws {
    let (quote, plain) = try skipPlainString()
    if !plain { try skipStringSlowly(quote: quote) }
  }

  @inline(never)
  private mutating func skipStringSlowly(quote: Int) throws {
    var unused: [UInt8] = []
    _ = try grammar { scanner throws(JSONString.Failure) in
      try JSONString.read(
        scanner.bytes, quote: quote, position: &scanner.position, into: &unused, decoding: false)
    }
  }

  /// Runs a step of the string grammar, reporting its failure as this scanner's error.
  private mutating func grammar<R>(
    _ step: (inout JSONScanner) throws(JSONString.Failure) -> R
  ) throws(JSONSyntaxError) -> R {
    do {
      return try step(&self)
    } catch {
      throw self.error(error.message, at: error.offset)
    }
  }
}
