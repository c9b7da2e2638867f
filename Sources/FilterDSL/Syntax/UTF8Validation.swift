/// Strict UTF-8 checks shared by the lexer and the findings reader.
package enum UTF8Validation {
  /// The well-formed scalar starting at `index` and its length in bytes, or `nil`.
  package static func scalar(_ bytes: [UInt8], at index: Int) -> (Unicode.Scalar, Int)? {
    let length = sequenceLength(bytes, at: index)
    guard length > 0,
      let scalar = String(decoding: bytes[index..<index + length], as: UTF8.self).unicodeScalars
        .first
    else { return nil }
    return (scalar, length)
  }

  /// The offset of the first byte that does not start a well-formed sequence, or `nil` when
  /// all of `bytes` is UTF-8.
  package static func firstInvalid(_ bytes: [UInt8]) -> Int? {
    bytes.withUnsafeBufferPointer { buffer in
      var index = 0
      while index < buffer.count {
        let length = sequenceLength(buffer, at: index)
        if length == 0 { return index }
        index += length
      }
      return nil
    }
  }

  /// The `invalid-utf8` error every rule reader gives for text that is not UTF-8, at its first
  /// bad byte, or `nil` when the text is UTF-8. Rule text is refused rather than repaired:
  /// a repaired text is longer than the file, so every position after the repair would point
  /// at the wrong bytes.
  package static func refusal(_ bytes: [UInt8]) -> Diagnostic? {
    guard let offset = firstInvalid(bytes) else { return nil }
    return .error(
      .invalidUTF8, "the text is not valid UTF-8", at: SourceRange(start: offset, end: offset + 1),
      label: "not the start of a UTF-8 character", help: "save the file as UTF-8")
  }

  /// The length of the well-formed UTF-8 sequence starting at `index`, or 0 when it is not
  /// well formed (overlong forms, surrogates and values past U+10FFFF included).
  package static func sequenceLength(_ bytes: [UInt8], at index: Int) -> Int {
    bytes.withUnsafeBufferPointer { sequenceLength($0, at: index) }
  }

  package static func sequenceLength(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
    guard index < bytes.count else { return 0 }
    let lead = bytes[index]
    func continuation(_ offset: Int, _ range: ClosedRange<UInt8> = 0x80...0xBF) -> Bool {
      index + offset < bytes.count && range.contains(bytes[index + offset])
    }
    switch lead {
    case 0x00...0x7F: return 1
    case 0xC2...0xDF: return continuation(1) ? 2 : 0
    case 0xE0: return continuation(1, 0xA0...0xBF) && continuation(2) ? 3 : 0
    case 0xE1...0xEC, 0xEE...0xEF: return continuation(1) && continuation(2) ? 3 : 0
    case 0xED: return continuation(1, 0x80...0x9F) && continuation(2) ? 3 : 0
    case 0xF0: return continuation(1, 0x90...0xBF) && continuation(2) && continuation(3) ? 4 : 0
    case 0xF1...0xF3: return continuation(1) && continuation(2) && continuation(3) ? 4 : 0
    case 0xF4: return continuation(1, 0x80...0x8F) && continuation(2) && continuation(3) ? 4 : 0
    default: return 0
    }
  }
}
