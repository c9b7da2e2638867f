/// Where the lines of a text start, for turning LSP positions into UTF-8 byte offsets and back.
///
/// Lines end at LF, CRLF or a lone CR, as the protocol says. A position past the end of its
/// line means the end of the line (the protocol's rule), a line past the last one means the end
/// of the text, and a position inside a character (between the two UTF-16 units of a character
/// outside the BMP, or inside a UTF-8 sequence) means the start of that character, so a range
/// never cuts a character in two. A combining mark is a character of its own here, as it is
/// for the protocol, and a tab counts one unit like any other character.
public struct LineIndex: Sendable {
  /// The text's UTF-8 bytes.
  public let bytes: [UInt8]
  /// The offset where each line starts; the first is 0.
  private let starts: [Int]

  /// The index of a text.
  /// - Parameter text: the document's text.
  public init(_ text: String) {
    self.init(bytes: Array(text.utf8))
  }

  /// The index of a text given as UTF-8 bytes (well formed, as a Swift string's are).
  /// - Parameter bytes: the text.
  public init(bytes: [UInt8]) {
    self.bytes = bytes
    var starts = [0]
    var index = 0
    while index < bytes.count {
      let byte = bytes[index]
      index += 1
      if byte == 0x0A {
        starts.append(index)
      } else if byte == 0x0D {
        if index < bytes.count, bytes[index] == 0x0A { index += 1 }
        starts.append(index)
      }
    }
    self.starts = starts
  }

  /// The number of lines: one more than the line breaks.
  public var lineCount: Int { starts.count }

  /// The byte offset of a position.
  /// - Parameters:
  ///   - position: the position, in `encoding`.
  ///   - encoding: what `position.character` counts.
  /// - Returns: an offset from 0 to the text's length, at the start of a character.
  public func offset(of position: Position, encoding: PositionEncoding) -> Int {
    guard position.line >= 0 else { return 0 }
    guard position.line < starts.count else { return bytes.count }
    var offset = starts[position.line]
    let end = contentEnd(ofLine: position.line)
    var remaining = max(0, position.character)
    while offset < end {
      let length = Self.sequenceLength(bytes[offset])
      let units = encoding.units(utf8Length: length)
      guard units <= remaining else { break }
      remaining -= units
      offset = min(end, offset + length)
    }
    return offset
  }

  /// The position of a byte offset.
  /// - Parameters:
  ///   - offset: a byte offset; clamped to the text, and moved back to the start of its
  ///     character when it falls inside one or inside a line break.
  ///   - encoding: what the position's `character` counts.
  /// - Returns: the position.
  public func position(of offset: Int, encoding: PositionEncoding) -> Position {
    let clamped = min(max(0, offset), bytes.count)
    var low = 0
    var high = starts.count - 1
    while low < high {
      let mid = (low + high + 1) / 2
      if starts[mid] <= clamped { low = mid } else { high = mid - 1 }
    }
    let target = min(clamped, contentEnd(ofLine: low))
    var index = starts[low]
    var character = 0
    while index < target {
      let length = Self.sequenceLength(bytes[index])
      guard index + length <= target else { break }
      character += encoding.units(utf8Length: length)
      index += length
    }
    return Position(line: low, character: character)
  }

  /// Where a line's text ends, before its line break.
  private func contentEnd(ofLine line: Int) -> Int {
    var end = line + 1 < starts.count ? starts[line + 1] : bytes.count
    if end > starts[line], bytes[end - 1] == 0x0A { end -= 1 }
    if end > starts[line], bytes[end - 1] == 0x0D { end -= 1 }
    return end
  }

  /// The length of the UTF-8 sequence a lead byte starts; 1 for a stray continuation byte, so
  /// every loop moves forward.
  private static func sequenceLength(_ lead: UInt8) -> Int {
    switch lead {
    case 0xF0...: 4
    case 0xE0...: 3
    case 0xC0...: 2
    default: 1
    }
  }
}
