import FilterDSL

/// Where rule names are written: each `rule NAME` definition, and each mention in a comment,
/// either of a name (`see TrustedAccounts`) or of a part a split makes of it
/// (`TrustedAccounts-2`).
struct RuleNames: Sendable {
  struct Definition: Hashable, Sendable {
    var name: String
    /// The name's token, quotes included when it is a string.
    var range: SourceRange
  }

  struct Mention: Hashable, Sendable {
    var name: String
    /// The rule's name within the mention: what a rename replaces.
    var nameRange: SourceRange
    /// The whole mention, `-k` included for a part of a split rule.
    var range: SourceRange
  }

  let definitions: [Definition]
  let mentions: [Mention]

  init(_ index: DocumentIndex) {
    var definitions: [Definition] = []
    for (token, role) in zip(index.tokens, index.roles) where role == .ruleName {
      definitions.append(Definition(name: token.value, range: token.range))
    }
    self.definitions = definitions
    let names = Set(definitions.map(\.name))
    var mentions: [Mention] = []
    guard !names.isEmpty else {
      self.mentions = []
      return
    }
    for comment in index.comments {
      RuleNames.words(in: comment, of: index.bytes) { word, range in
        if names.contains(word) {
          mentions.append(Mention(name: word, nameRange: range, range: range))
        } else if let (name, length) = RuleNames.splitPart(word), names.contains(name) {
          mentions.append(
            Mention(
              name: name, nameRange: SourceRange(start: range.start, end: range.start + length),
              range: range))
        }
      }
    }
    self.mentions = mentions
  }

  /// Every name-shaped word of a comment: a letter, then letters, digits, `_`, `.` or `-`,
  /// without the `.` or `-` that ends a sentence or a dash.
  private static func words(
    in range: SourceRange, of bytes: [UInt8], _ body: (String, SourceRange) -> Void
  ) {
    func isLetter(_ byte: UInt8) -> Bool {
      (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20)
    }
    func isNameByte(_ byte: UInt8) -> Bool {
      isLetter(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
        || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-")
    }
    var position = range.start
    let end = min(range.end, bytes.count)
    while position < end {
      guard isNameByte(bytes[position]) else {
        position += 1
        continue
      }
      var wordEnd = position
      while wordEnd < end, isNameByte(bytes[wordEnd]) { wordEnd += 1 }
      var start = position
      // A name starts with a letter; a word running on from other text is not a name.
      let boundary =
        position == range.start || !(bytes[position - 1] >= 0x80 || isNameByte(bytes[position - 1]))
      while start < wordEnd, !isLetter(bytes[start]) { start += 1 }
      var trimmed = wordEnd
      while trimmed > start,
        bytes[trimmed - 1] == UInt8(ascii: ".") || bytes[trimmed - 1] == UInt8(ascii: "-")
      {
        trimmed -= 1
      }
      let followsText = wordEnd < bytes.count && bytes[wordEnd] >= 0x80
      if boundary, !followsText, trimmed > start {
        body(
          String(decoding: bytes[start..<trimmed], as: UTF8.self),
          SourceRange(start: start, end: trimmed))
      }
      position = wordEnd
    }
  }

  /// `NAME-k` as (`NAME`, its length in bytes), for digits `k` from 1.
  static func splitPart(_ word: String) -> (String, Int)? {
    let bytes = Array(word.utf8)
    guard let dash = bytes.lastIndex(of: UInt8(ascii: "-")), dash > 0, dash + 1 < bytes.count,
      bytes[(dash + 1)...].allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
      bytes[dash + 1] != UInt8(ascii: "0")
    else { return nil }
    return (String(decoding: bytes[..<dash], as: UTF8.self), dash)
  }

  /// The name written at `offset`: on a definition, or on a mention in a comment.
  func name(at offset: Int) -> (name: String, range: SourceRange, renamable: SourceRange)? {
    if let definition = definitions.first(where: {
      $0.range.start <= offset && offset <= $0.range.end
    }) {
      return (definition.name, definition.range, definition.range)
    }
    if let mention = mentions.first(where: { $0.range.start <= offset && offset <= $0.range.end }) {
      return (mention.name, mention.range, mention.nameRange)
    }
    return nil
  }
}
