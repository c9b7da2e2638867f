/// One `# aafilter: ...` comment of rule text, read but not yet judged.
///
/// Comments are found between the lexer's tokens (the lexer skips them as trivia), so a `#`
/// inside a quoted value is never taken for one.
struct DirectiveComment: Hashable, Sendable {
  /// What the comment says after `aafilter:`.
  enum Reading: Hashable, Sendable {
    /// `analyzer=FAMILY` with a known family; the range is the family word's.
    case family(AnalyzerFamily, SourceRange)
    /// `analyzer=WORD` with a word no family is called (empty when nothing follows `=`).
    case unknownFamily(String, SourceRange)
    /// Something else: another setting, or `analyzer` without `=`.
    case other(String, SourceRange)
  }

  /// From `#` to the end of the line, without the line break (and a `\r` before it).
  var range: SourceRange
  /// The line the comment stands on, with its line break: what removing it removes.
  var line: SourceRange
  /// Before the first token of the text.
  var inHeader: Bool
  var reading: Reading

  /// Every `aafilter:` comment of the text, in order.
  static func all(in bytes: [UInt8]) -> [DirectiveComment] {
    var comments: [DirectiveComment] = []
    var lexer = Lexer(bytes)
    var gapStart = 0
    var inHeader = true
    // The lexer always advances and ends with `endOfInput`, so this loop ends.
    while true {
      let token = lexer.next()
      scanGap(
        bytes, gapStart..<max(gapStart, token.range.start), inHeader: inHeader, into: &comments)
      if token.kind == .endOfInput { break }
      inHeader = false
      gapStart = token.range.end
    }
    return comments
  }

  /// Trivia between two tokens: white space, comments, and bytes the lexer skipped. Every `#`
  /// there starts a comment that runs to the end of its line.
  private static func scanGap(
    _ bytes: [UInt8], _ gap: Range<Int>, inHeader: Bool, into comments: inout [DirectiveComment]
  ) {
    var index = gap.lowerBound
    while index < min(gap.upperBound, bytes.count) {
      guard bytes[index] == UInt8(ascii: "#") else {
        index += 1
        continue
      }
      var end = index
      while end < bytes.count, bytes[end] != UInt8(ascii: "\n") { end += 1 }
      var textEnd = end
      if textEnd > index, bytes[textEnd - 1] == UInt8(ascii: "\r") { textEnd -= 1 }
      let range = SourceRange(start: index, end: textEnd)
      if let reading = read(bytes, body: (index + 1)..<textEnd, comment: range) {
        comments.append(
          DirectiveComment(
            range: range,
            line: SourceRange(
              start: lineStart(bytes, before: index), end: min(end + 1, bytes.count)),
            inHeader: inHeader, reading: reading))
      }
      index = end
    }
  }

  /// Where the comment's line starts, when only spaces and tabs come before the comment on it;
  /// otherwise the comment's own start.
  private static func lineStart(_ bytes: [UInt8], before index: Int) -> Int {
    var start = index
    while start > 0, bytes[start - 1] == UInt8(ascii: " ") || bytes[start - 1] == UInt8(ascii: "\t")
    {
      start -= 1
    }
    return start == 0 || bytes[start - 1] == UInt8(ascii: "\n") ? start : index
  }

  /// `aafilter: analyzer = FAMILY`, with any spacing and any case; `nil` for an ordinary
  /// comment (one that does not start with `aafilter:`).
  private static func read(_ bytes: [UInt8], body: Range<Int>, comment: SourceRange) -> Reading? {
    var position = body.lowerBound
    func skipBlanks() {
      while position < body.upperBound,
        bytes[position] == UInt8(ascii: " ") || bytes[position] == UInt8(ascii: "\t")
      {
        position += 1
      }
    }
    func text(_ range: Range<Int>) -> String { String(decoding: bytes[range], as: UTF8.self) }
    skipBlanks()
    let marker = Array("aafilter".utf8)
    guard body.upperBound - position >= marker.count,
      zip(marker, bytes[position..<(position + marker.count)]).allSatisfy({ $0 == $1 | 0x20 })
    else { return nil }
    position += marker.count
    skipBlanks()
    guard position < body.upperBound, bytes[position] == UInt8(ascii: ":") else { return nil }
    position += 1
    skipBlanks()
    let nameStart = position
    while position < body.upperBound, bytes[position] != UInt8(ascii: "="),
      bytes[position] != UInt8(ascii: " "), bytes[position] != UInt8(ascii: "\t")
    {
      position += 1
    }
    let name = text(nameStart..<position)
    let nameRange = SourceRange(start: nameStart, end: position)
    guard name.lowercased() == "analyzer" else {
      return .other(name, name.isEmpty ? comment : nameRange)
    }
    skipBlanks()
    guard position < body.upperBound, bytes[position] == UInt8(ascii: "=") else {
      return .other("", nameRange)
    }
    position += 1
    skipBlanks()
    var valueEnd = body.upperBound
    while valueEnd > position,
      bytes[valueEnd - 1] == UInt8(ascii: " ") || bytes[valueEnd - 1] == UInt8(ascii: "\t")
    {
      valueEnd -= 1
    }
    let value = text(position..<valueEnd)
    let valueRange = SourceRange(start: position, end: valueEnd)
    guard let family = AnalyzerFamily(name: value) else {
      return .unknownFamily(value, valueRange)
    }
    return .family(family, valueRange)
  }
}
