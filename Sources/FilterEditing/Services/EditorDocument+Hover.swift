import FilterDSL

extension EditorDocument {
  /// What to show for the word under the cursor: a key's meaning, values, families and
  /// documentation; what a rule compiles to (its filter map, or the rules a split makes);
  /// an operator's meaning; what an enumerated value, account id or `*` is.
  /// - Parameter offset: the cursor, a UTF-8 offset into ``text``.
  /// - Returns: `nil` on white space, punctuation and values with nothing to say.
  public func hover(at offset: Int) -> HoverInfo? {
    let offset = min(max(0, offset), index.bytes.count)
    if let mention = names.mentions.first(where: {
      $0.range.start <= offset && offset <= $0.range.end
    }) {
      let part = mention.range == mention.nameRange ? nil : index.text(mention.range)
      return ruleHover(named: mention.name, range: mention.range, part: part)
    }
    if let comment = index.comments.first(where: { $0.start <= offset && offset <= $0.end }) {
      return directiveHover(in: comment, at: offset)
    }
    guard
      let tokenIndex = CursorPosition.token(at: offset, in: index),
      let role = index.context(at: tokenIndex).role
    else { return nil }
    let token = index.tokens[tokenIndex]
    let markdown: String?
    switch role {
    case .key: markdown = KeyDescription.markdown(token.value, family: family.family)
    case .ruleName: return ruleHover(named: token.value, range: token.range)
    case .operator, .negation, .connective: markdown = Self.operatorText(token, in: index)
    case .value(let key, let op): markdown = valueText(token.value, key: key, op: op)
    case .ruleKeyword, .punctuation, .other: markdown = nil
    }
    return markdown.map { HoverInfo(markdown: $0, range: token.range) }
  }

  /// On the analyzer directive: the family it names, and that it decides the checks.
  private func directiveHover(in comment: SourceRange, at offset: Int) -> HoverInfo? {
    // Only a header comment can be the directive; finding it reads the text's comments.
    guard comment.start < (index.tokens.first?.range.start ?? Int.max),
      let directive = AnalyzerDirective.find(in: text).directive,
      directive.range.start <= offset && offset <= directive.range.end
    else { return nil }
    let family = directive.family
    let source =
      self.family.source == .directive
      ? "This file is checked for \(family.displayName) analyzers."
      : "This file is checked for \(self.family.family.displayName) analyzers: the family given to the checks wins over the directive."
    let markdown = """
      **Analyzer directive**: \(family.displayName) (API types `\(family.apiTypes.joined(separator: "`, `"))`)

      \(source) Keys and values its findings never carry are reported, and completion offers the family's keys.
      """
    return HoverInfo(markdown: markdown, range: directive.range)
  }

  private static func operatorText(_ token: Token, in index: DocumentIndex) -> String? {
    let spelled = index.text(token.range)
    let meaning: String
    switch token.kind {
    case .keyword(.eq), .equals:
      meaning =
        "the attribute equals one of the values (API operator `eq`); an absent attribute never matches"
    case .keyword(.neq), .notEquals:
      meaning =
        "the attribute equals none of the values (API operator `neq`); an absent attribute matches"
    case .keyword(.in):
      meaning = "`in [a, b]` is `eq` with a list; `not in [a, b]` is `neq` with a list"
    case .keyword(.contains):
      meaning =
        "one of the values is a substring of the attribute (API operator `contains`); an absent attribute never matches"
    case .keyword(.exists):
      meaning =
        "`exists`: the attribute is present (`exists: true`); `not exists`: absent (`exists: false`)"
    case .keyword(.not):
      meaning =
        "negates what follows; `not` cannot apply to `contains` (the API has no negated `contains`)"
    case .keyword(.and): meaning = "both sides must match (one filter map holds an `and` of keys)"
    case .keyword(.or):
      meaning =
        "either side may match; an `or` over one key's values merges into one list, across keys it needs one archive rule per side (split)"
    default: return nil
    }
    return "`\(spelled)`: \(meaning)."
  }

  private func valueText(_ value: String, key: String, op: ComparisonOperator) -> String? {
    guard let entry = FilterKeyCatalog.key(named: key) else { return nil }
    let family = family.family
    switch entry.kind {
    case .enumeration(let all):
      guard all.contains(value) else {
        return "`\(value)` is not a known value of `\(key)`; known: "
          + all.map { "`\($0)`" }.joined(separator: ", ")
      }
      if let own = entry.values(in: family), !own.contains(value) {
        return "`\(value)`: a value of `\(key)` that \(family.displayName) findings never hold"
      }
      if key == "findingType", let producer = AnalyzerFamily(findingType: value) {
        return "`\(value)`: a finding type of \(producer.displayName) analyzers"
      }
      return "`\(value)`: a value of `\(key)`"
    case .boolean:
      return value == "true" || value == "false"
        ? "`\(value)`: `\(key)` compares as the string `true` or `false`" : nil
    case .principal where value == "*":
      return "`*`: the public principal, anyone"
    case .principal, .accountID:
      return DocumentIndex.isAccountID(value) ? "`\(value)`: an account id" : nil
    case .arn, .string, .stringList:
      return nil
    }
  }

  /// What the rule compiles to: its filter map as the API takes it, or, when it needs several,
  /// the rules a split makes (or the error saying why it does not compile).
  /// `part`: the split part a comment mentions (`NAME-2`), shown first.
  private func ruleHover(named name: String, range: SourceRange, part: String? = nil)
    -> HoverInfo?
  {
    guard let rule = index.rules.first(where: { $0.name.value == name }) else { return nil }
    let source = index.text(rule.range)
    let result = FilterCompiler.compile(source, options: CompileOptions(split: settings.split))
    var lines = ["**rule \(name)**", ""]
    if let part {
      // The part as a split makes it, whether or not this document is checked with split.
      let split = FilterCompiler.compile(source, options: CompileOptions(split: true))
      if let index = split.rules.firstIndex(where: { $0.ruleName == part }) {
        lines += [
          "`\(part)` is part \(index + 1) of the \(split.rules.count) archive rules a split makes of it:",
          "", "```json", split.rules[index].filter.json.serialized(), "```", "",
        ]
      } else {
        lines += ["A split makes no `\(part)` of it.", ""]
      }
    }
    if result.hasErrors {
      let message = result.errors.first?.message ?? "it has errors"
      lines.append("Does not compile: \(message).")
      if !settings.split, result.errors.contains(where: { $0.code == .orAcrossKeys }) {
        let split = FilterCompiler.compile(source, options: CompileOptions(split: true))
        if !split.hasErrors {
          lines += [
            "",
            "With split it becomes \(split.rules.count) archive rules: \(Self.names(split.rules)).",
          ]
        }
      }
    } else if result.rules.count == 1, let only = result.rules.first {
      lines += ["Compiles to the filter map:", "", "```json", only.filter.json.serialized(), "```"]
    } else {
      lines.append("Split into \(result.rules.count) archive rules: \(Self.names(result.rules)).")
      let shown = result.rules.prefix(5)
      lines += ["", "```json", JSONValue.array(shown.map(\.json)).serialized(), "```"]
      if result.rules.count > shown.count {
        lines.append("(\(result.rules.count - shown.count) more not shown)")
      }
    }
    return HoverInfo(markdown: lines.joined(separator: "\n"), range: range)
  }

  private static func names(_ rules: [ArchiveRule]) -> String {
    rules.map { "`\($0.ruleName)`" }.joined(separator: ", ")
  }
}
