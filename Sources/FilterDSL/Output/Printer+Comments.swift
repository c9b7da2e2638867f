extension FilterPrinter {
  /// The canonical text of compiled rule text with the source's comments put back, as
  /// `aafilter format` prints it; grammar.md (*Printing*) states where each comment goes.
  ///
  /// Comments never change what the text compiles to, and the header (the comments before the
  /// first token, the analyzer directive among them) stays the header, so the printed text
  /// compiles to the same rules for the same family. Printing the printed text again gives it
  /// back unchanged.
  /// - Parameters:
  ///   - result: a compile result without errors (its `source` is the text read).
  ///   - limits: the limits it was compiled with, to parse the text again the same way.
  /// - Returns: the text, ending in one line break.
  package func printKeepingComments(_ result: CompileResult, limits: Limits) -> String {
    let source = SourceComments(Array(result.source.utf8))
    var layout = LineLayout()
    if result.isRuleSet {
      printRuleSet(result, source, limits: limits, into: &layout)
    } else {
      printExpression(result, source, into: &layout)
    }
    return layout.lines.joined(separator: "\n") + "\n"
  }

  /// Header comments, the expression's line (with the comment that ended its last line), then
  /// the other comments on lines of their own.
  private func printExpression(
    _ result: CompileResult, _ source: SourceComments, into layout: inout LineLayout
  ) {
    var line = print(result.maps)
    if let sort = result.sort { line += (line.isEmpty ? "" : " ") + print(sort) }
    let lastToken = source.tokens.count - 1
    var after: [String] = []
    var trailing: String?
    for comment in source.comments {
      if comment.tokenBefore == nil {
        layout.comment(comment)
      } else if !comment.ownLine, comment.tokenBefore == lastToken, !line.isEmpty {
        trailing = comment.text
      } else {
        after.append(comment.text)
      }
    }
    if !line.isEmpty || layout.lines.isEmpty {
      layout.append(line + (trailing.map { " " + $0 } ?? ""))
    }
    for text in after { layout.append(text) }
  }

  /// Where the comments of one written rule go.
  private struct RuleComments {
    /// Before `rule`: the header for the first rule, own-line comments between rules.
    var leading: [SourceComments.Comment] = []
    /// After `{` on its line.
    var afterBrace: String?
    /// Inside the body, on lines of their own before the body's line.
    var inner: [String] = []
    /// After the body's last token on its line.
    var afterBody: String?
    /// After `}` on its line.
    var afterClose: String?
  }

  private func printRuleSet(
    _ result: CompileResult, _ source: SourceComments, limits: Limits,
    into layout: inout LineLayout
  ) {
    let (document, _) = Parser.parse(Array(result.source.utf8), limits: limits)
    guard case .ruleSet(let definitions) = document else { return }
    var placed = Array(repeating: RuleComments(), count: definitions.count)
    var ending: [SourceComments.Comment] = []
    var ruleIndex = 0
    for comment in source.comments {
      // The rule the comment is in, or the first that starts after it.
      while ruleIndex < definitions.count, definitions[ruleIndex].range.end <= comment.start {
        ruleIndex += 1
      }
      let before = comment.tokenBefore.flatMap { source.tokens.indices.contains($0) ? $0 : nil }
      guard ruleIndex < definitions.count else {
        if !comment.ownLine, let last = placed.indices.last, placed[last].afterClose == nil {
          placed[last].afterClose = comment.text
        } else {
          ending.append(comment)
        }
        continue
      }
      let rule = definitions[ruleIndex]
      if comment.start < rule.range.start {
        if !comment.ownLine, ruleIndex > 0, placed[ruleIndex - 1].afterClose == nil {
          placed[ruleIndex - 1].afterClose = comment.text
        } else {
          placed[ruleIndex].leading.append(comment)
        }
        continue
      }
      let tokenBefore = before.map { source.tokens[$0] }
      let closeStart = rule.range.end - 1
      let nextToken = before.flatMap { index in
        source.tokens.indices.contains(index + 1) ? source.tokens[index + 1] : nil
      }
      if !comment.ownLine, tokenBefore?.kind == .leftBrace, placed[ruleIndex].afterBrace == nil {
        placed[ruleIndex].afterBrace = comment.text
      } else if !comment.ownLine, nextToken?.kind == .rightBrace,
        nextToken?.range.start == closeStart, placed[ruleIndex].afterBody == nil
      {
        placed[ruleIndex].afterBody = comment.text
      } else {
        placed[ruleIndex].inner.append(comment.text)
      }
    }
    // The parts of a split rule follow each other; the written rule's comments go with its
    // first part (and the comment after `}` with its last).
    var firstPart: [[UInt8]: Int] = [:]
    var lastPart: [[UInt8]: Int] = [:]
    for (index, origin) in result.origins.enumerated() {
      let name = Array(origin.ruleName.utf8)
      if firstPart[name] == nil { firstPart[name] = index }
      lastPart[name] = index
    }
    var pending = RuleComments()
    var leadingOf: [Int: RuleComments] = [:]
    var closingOf: [Int: String] = [:]
    for (index, definition) in definitions.enumerated() {
      let comments = placed[index]
      let name = Array(definition.name.value.utf8)
      guard let first = firstPart[name], let last = lastPart[name] else {
        // A rule that compiled to nothing hands its comments to the next.
        pending.leading += comments.leading
        pending.inner +=
          [comments.afterBrace].compactMap { $0 } + comments.inner
          + [comments.afterBody, comments.afterClose].compactMap { $0 }
        continue
      }
      var merged = comments
      merged.leading = pending.leading + comments.leading
      merged.inner = pending.inner + comments.inner
      pending = RuleComments()
      leadingOf[first] = merged
      if let close = comments.afterClose { closingOf[last] = close }
    }
    for (index, rule) in result.rules.enumerated() {
      let comments = leadingOf[index] ?? RuleComments()
      for comment in comments.leading { layout.comment(comment) }
      var inner = comments.inner
      var body = print(rule.filter)
      if body.isEmpty, let afterBody = comments.afterBody {
        inner.append(afterBody)
      } else if let afterBody = comments.afterBody {
        body += " " + afterBody
      }
      let open = "rule \(Self.literal(rule.ruleName)) {"
      let close = closingOf[index].map { " " + $0 } ?? ""
      if body.isEmpty, inner.isEmpty, comments.afterBrace == nil {
        layout.append(open + " }" + close)
      } else {
        layout.append(open + (comments.afterBrace.map { " " + $0 } ?? ""))
        for text in inner { layout.append("  " + text) }
        if !body.isEmpty { layout.append("  " + body) }
        layout.append("}" + close)
      }
      layout.blankNext = true
    }
    for comment in pending.leading + ending { layout.comment(comment) }
    for text in pending.inner { layout.append(text) }
  }
}

/// Output lines with at most one blank line in a row and none at the start or end.
private struct LineLayout {
  var lines: [String] = []
  /// Whether a blank line goes before the next line.
  var blankNext = false

  mutating func append(_ line: String) {
    if blankNext, !lines.isEmpty { lines.append("") }
    blankNext = false
    lines.append(line)
  }

  /// A comment on a line of its own, and the blank line after it when the source had one.
  mutating func comment(_ comment: SourceComments.Comment) {
    append(comment.text)
    blankNext = comment.blankAfter
  }
}
