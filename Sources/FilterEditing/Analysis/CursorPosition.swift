import FilterDSL

/// Where a cursor stands among the tokens: the word or string being typed under it, and how
/// many tokens come before that.
struct CursorPosition {
  /// The offset, clamped to the text.
  let offset: Int
  /// Index of the word, string or keyword under the cursor (the cursor inside it or at its
  /// end), if any.
  let partial: Int?
  /// How many tokens lie wholly before the cursor (not counting `partial`).
  let tokensBefore: Int
  /// Whether the cursor is inside a comment.
  let inComment: Bool

  init(_ offset: Int, in index: DocumentIndex) {
    let offset = min(max(0, offset), index.bytes.count)
    self.offset = offset
    inComment = index.comments.contains { $0.start < offset && offset <= $0.end }
    let first = index.firstToken(endingAtOrAfter: offset)
    guard first < index.tokens.count, index.tokens[first].range.start < offset else {
      partial = nil
      tokensBefore = first
      return
    }
    switch index.tokens[first].kind {
    case .word, .string, .keyword:
      partial = first
      tokensBefore = first
    default:
      // Punctuation ending at the cursor (`=`, `[`, `,`) is behind it.
      partial = nil
      tokensBefore = first + 1
    }
  }

  /// What completion replaces: the token being typed, or nothing at the cursor. Kept to the
  /// cursor's line, as editors require: a string with a backslash before a line break runs on
  /// to the next line.
  func replacing(in index: DocumentIndex) -> SourceRange {
    guard let partial else { return SourceRange(start: offset, end: offset) }
    let token = index.tokens[partial].range
    let bytes = index.bytes
    func isBreak(_ byte: UInt8) -> Bool { byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") }
    var start = offset
    while start > token.start, !isBreak(bytes[start - 1]) { start -= 1 }
    var end = offset
    while end < token.end, !isBreak(bytes[end]) { end += 1 }
    return SourceRange(start: start, end: end)
  }

  /// The token at the cursor for hover and navigation: one containing it, or ending at it.
  static func token(at offset: Int, in index: DocumentIndex) -> Int? {
    let first = index.firstToken(endingAtOrAfter: offset)
    guard first < index.tokens.count else { return nil }
    let range = index.tokens[first].range
    // Between two adjacent tokens (`key=`), prefer the one starting at the cursor.
    if range.end == offset, first + 1 < index.tokens.count,
      index.tokens[first + 1].range.start == offset
    {
      return first + 1
    }
    return range.start <= offset && offset <= range.end ? first : nil
  }
}
