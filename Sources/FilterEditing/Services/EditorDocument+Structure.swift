import FilterDSL

extension EditorDocument {
  /// One symbol per rule that parsed, in order.
  public var symbols: [RuleSymbol] {
    index.rules.map { rule in
      RuleSymbol(
        name: rule.name.value, range: rule.range, selectionRange: rule.name.range,
        detail: summary(of: rule))
    }
  }

  /// The rule's expression on one line, white space collapsed, at most 60 characters.
  private func summary(of rule: RuleDefinition) -> String? {
    let words = index.text(rule.body.range).split(whereSeparator: \.isWhitespace)
    guard !words.isEmpty else { return nil }
    let line = words.joined(separator: " ")
    return line.count <= 60 ? line : String(line.prefix(59)) + "…"
  }

  /// Rules spanning several lines, and runs of two or more lines holding only a comment, in
  /// source order.
  public var foldingRegions: [FoldingRegion] {
    let bytes = index.bytes
    func spansLines(_ range: SourceRange) -> Bool {
      bytes[range.start..<min(range.end, bytes.count)].contains(UInt8(ascii: "\n"))
    }
    var regions = index.rules.map { FoldingRegion(range: $0.range, kind: .rule) }.filter {
      spansLines($0.range)
    }
    // A comment alone on its line: only spaces and tabs before it since the line's start.
    func standsAlone(_ comment: SourceRange) -> Bool {
      var position = comment.start
      while position > 0,
        bytes[position - 1] == UInt8(ascii: " ") || bytes[position - 1] == UInt8(ascii: "\t")
      {
        position -= 1
      }
      return position == 0 || bytes[position - 1] == UInt8(ascii: "\n")
        || (position == 3 && bytes.starts(with: [0xEF, 0xBB, 0xBF]))
    }
    // The next line: the gap holds exactly one line break and white space.
    func follows(_ previous: SourceRange, _ next: SourceRange) -> Bool {
      let gap = bytes[previous.end..<next.start]
      return gap.filter { $0 == UInt8(ascii: "\n") }.count == 1
        && gap.allSatisfy { [0x20, 0x09, 0x0D, 0x0A].contains($0) }
    }
    var run: (first: SourceRange, last: SourceRange, lines: Int)?
    func close() {
      if let run, run.lines > 1 {
        regions.append(FoldingRegion(range: run.first.union(run.last), kind: .comment))
      }
    }
    for comment in index.comments {
      guard standsAlone(comment) else {
        close()
        run = nil
        continue
      }
      if let current = run, follows(current.last, comment) {
        run = (current.first, comment, current.lines + 1)
      } else {
        close()
        run = (comment, comment, 1)
      }
    }
    close()
    return regions.sorted { $0.range.start < $1.range.start }
  }
}
