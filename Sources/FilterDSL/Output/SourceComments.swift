/// The comments of rule text and where each stood among the tokens, so the printer can put
/// them back around canonical text (grammar.md, *Printing*).
///
/// Comments are found between the lexer's tokens (the lexer skips them as trivia), so a `#`
/// inside a quoted value is never taken for one.
struct SourceComments {
  /// One `#` comment.
  struct Comment {
    /// From `#` to the end of its line, trailing spaces, tabs and `\r` trimmed.
    var text: String
    /// Where the `#` stands.
    var start: Int
    /// The index in ``tokens`` of the token before the comment; `nil` before the first token.
    var tokenBefore: Int?
    /// Whether only white space stands before it on its line.
    var ownLine: Bool
    /// Whether a blank line separates it from what follows (the next comment or token).
    var blankAfter: Bool
  }

  /// Every token but the end of input, in order.
  private(set) var tokens: [Token] = []
  /// Every comment, in order.
  private(set) var comments: [Comment] = []

  /// Reads the comments of `bytes`.
  init(_ bytes: [UInt8]) {
    var lexer = Lexer(bytes)
    var gapStart = 0
    // The lexer always advances and ends with `endOfInput`, so this loop ends.
    while true {
      let token = lexer.next()
      scanGap(bytes, gapStart..<max(gapStart, token.range.start), next: token.range.start)
      if token.kind == .endOfInput { break }
      tokens.append(token)
      gapStart = token.range.end
    }
  }

  /// Trivia between two tokens: every `#` there starts a comment that runs to the end of its
  /// line.
  private mutating func scanGap(_ bytes: [UInt8], _ gap: Range<Int>, next: Int) {
    let tokenBefore = tokens.isEmpty ? nil : tokens.count - 1
    var index = gap.lowerBound
    var sawLineBreak = tokens.isEmpty
    var firstInGap = comments.count
    while index < min(gap.upperBound, bytes.count) {
      if bytes[index] == UInt8(ascii: "\n") { sawLineBreak = true }
      guard bytes[index] == UInt8(ascii: "#") else {
        index += 1
        continue
      }
      var end = index
      while end < bytes.count, bytes[end] != UInt8(ascii: "\n") { end += 1 }
      var textEnd = end
      while textEnd > index, Self.isTrailingSpace(bytes[textEnd - 1]) { textEnd -= 1 }
      comments.append(
        Comment(
          text: String(decoding: bytes[index..<textEnd], as: UTF8.self), start: index,
          tokenBefore: tokenBefore, ownLine: sawLineBreak, blankAfter: false))
      index = end
    }
    // A blank line follows a comment when two line breaks stand between it and the next thing.
    while firstInGap < comments.count {
      let from = comments[firstInGap].start
      let to = firstInGap + 1 < comments.count ? comments[firstInGap + 1].start : next
      var breaks = 0
      for offset in from..<min(max(from, to), bytes.count) where bytes[offset] == UInt8(ascii: "\n")
      {
        breaks += 1
      }
      comments[firstInGap].blankAfter = breaks >= 2
      firstInGap += 1
    }
  }

  private static func isTrailingSpace(_ byte: UInt8) -> Bool {
    byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r")
  }
}
