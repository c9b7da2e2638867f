import FilterDSL

extension EditorDocument {
  /// Families after `# aafilter: analyzer=` in a header comment, replacing the word there.
  func directiveCompletions(at offset: Int) -> [CompletionCandidate] {
    let bytes = index.bytes
    guard
      let comment = index.comments.first(where: { $0.start < offset && offset <= $0.end }),
      comment.start < (index.tokens.first?.range.start ?? Int.max)
    else { return [] }
    // `#`, `aafilter`, `:`, `analyzer`, `=`, spaces between, each word in any case.
    var position = comment.start + 1
    func skipSpaces() {
      while position < offset, bytes[position] == UInt8(ascii: " ") || bytes[position] == 0x09 {
        position += 1
      }
    }
    func expect(_ word: String) -> Bool {
      skipSpaces()
      let end = position + word.utf8.count
      guard end <= offset,
        zip(bytes[position..<end], word.utf8).allSatisfy({ $0 | 0x20 == $1 | 0x20 })
      else { return false }
      position = end
      return true
    }
    guard expect("aafilter"), expect(":"), expect("analyzer"), expect("=") else { return [] }
    skipSpaces()
    func isWordByte(_ byte: UInt8) -> Bool {
      (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20) || byte == UInt8(ascii: "-")
        || byte == UInt8(ascii: "_")
    }
    guard bytes[position..<offset].allSatisfy(isWordByte) else { return [] }
    var end = offset
    while end < comment.end, isWordByte(bytes[end]) { end += 1 }
    let replacing = SourceRange(start: position, end: end)
    return AnalyzerFamily.allCases.map { family in
      CompletionCandidate(
        label: family.rawValue, kind: .value, detail: "analyzer family",
        documentation:
          "Check this file for \(family.displayName) analyzers (`\(family.apiTypes.joined(separator: "`, `"))`).",
        replacing: replacing)
    }
  }

  /// The directive line itself, offered before the first token of a file that has none.
  func directiveSnippet(replacing: SourceRange) -> [CompletionCandidate] {
    guard AnalyzerDirective.find(in: text).directive == nil else { return [] }
    return [
      CompletionCandidate(
        label: "# aafilter: analyzer=", kind: .snippet, detail: "analyzer directive",
        documentation:
          "Names the analyzer family this file is for, so every check and the editor use it.",
        insertText: "# aafilter: analyzer=${1|external,internal,unused|}\n", isSnippet: true,
        replacing: replacing)
    ]
  }
}
