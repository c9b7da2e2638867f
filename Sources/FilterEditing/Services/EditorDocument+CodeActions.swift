import FilterDSL

extension EditorDocument {
  /// Quick fixes for the diagnostics that touch `range`: each diagnostic's own fix
  /// (did-you-mean, removing a repeated value, quoting a keyword), `isPublic eq false` for a
  /// rule that can archive public findings, splitting a rule whose `or` spans keys into one
  /// rule per alternative, and removing a rule another one covers.
  ///
  /// The added-predicate and split fixes are checked before they are offered: the rule they
  /// make lints without the diagnostic and with no new error.
  /// - Parameter range: the selection or cursor (an empty range), UTF-8 offsets into ``text``.
  /// - Returns: fixes in the order of their diagnostics.
  public func codeActions(in range: SourceRange) -> [CodeFix] {
    var fixes: [CodeFix] = []
    for diagnostic in diagnostics
    where diagnostic.range.start <= range.end && range.start <= diagnostic.range.end {
      if let fix = diagnostic.fix {
        fixes.append(
          CodeFix(
            title: title(of: fix), diagnostic: diagnostic,
            edits: [TextReplacement(range: fix.range, text: fix.replacement)], isPreferred: true))
      }
      switch diagnostic.code {
      case .archivesPublicFindings:
        if let fix = excludePublic(diagnostic) { fixes.append(fix) }
      // Its help advises 'isPublic eq false' only where findings carry 'isPublic'.
      case .emptyFilter where family.family == .external:
        if let fix = excludePublic(diagnostic) { fixes.append(fix) }
      case .orAcrossKeys:
        if let fix = splitRule(diagnostic) { fixes.append(fix) }
      case .shadowedRule:
        if let fix = removeRule(diagnostic) { fixes.append(fix) }
      default:
        break
      }
    }
    return fixes
  }

  private func title(of fix: Diagnostic.Fix) -> String {
    let old = Self.shortened(index.text(fix.range))
    if fix.range.isEmpty { return "Insert '\(fix.replacement)'" }
    if fix.replacement.isEmpty { return "Remove '\(old)'" }
    return "Replace '\(old)' with '\(Self.shortened(fix.replacement))'"
  }

  private static func shortened(_ text: String) -> String {
    text.count <= 40 ? text : String(text.prefix(39)) + "…"
  }

  /// The written query a diagnostic falls in: a rule's body, or the whole expression, with
  /// the range of the text that holds it (the rule block, or the expression without the
  /// comments around it).
  private func query(containing range: SourceRange) -> (
    Query, whole: SourceRange, rule: RuleDefinition?
  )? {
    switch index.document {
    case .query(let query): return (query, query.range, nil)
    case .ruleSet(let rules):
      guard let rule = rules.first(where: { $0.range.contains(range) }) else { return nil }
      return (rule.body, rule.range, rule)
    }
  }

  /// `and isPublic eq false` after the rule's expression, parenthesised when it is an `or`.
  private func excludePublic(_ diagnostic: Diagnostic) -> CodeFix? {
    guard let (query, whole, _) = query(containing: diagnostic.range) else { return nil }
    var edits: [TextReplacement] = []
    switch query.expression {
    case nil:
      let at = SourceRange(start: query.range.start, end: query.range.start)
      edits = [TextReplacement(range: at, text: "isPublic eq false ")]
    case .or(_, let range)?:
      edits = [
        TextReplacement(range: SourceRange(start: range.start, end: range.start), text: "("),
        TextReplacement(
          range: SourceRange(start: range.end, end: range.end), text: ") and isPublic eq false"),
      ]
    case let expression?:
      let end = SourceRange(start: expression.range.end, end: expression.range.end)
      edits = [TextReplacement(range: end, text: " and isPublic eq false")]
    }
    guard resolves(diagnostic, editing: whole, with: edits) else { return nil }
    return CodeFix(
      title: "Add 'isPublic eq false' (archive only non-public findings)", diagnostic: diagnostic,
      edits: edits)
  }

  /// The rule replaced by one rule per filter map, named as a split names them (`NAME-1`, ...),
  /// so comments that mention the parts stay right.
  private func splitRule(_ diagnostic: Diagnostic) -> CodeFix? {
    guard let (query, whole, rule) = query(containing: diagnostic.range), query.sort == nil
    else { return nil }
    let source = index.text(whole)
    let result = FilterCompiler.compile(source, options: CompileOptions(split: true))
    guard !result.hasErrors, result.maps.count > 1 else { return nil }
    let rules =
      rule == nil
      ? result.maps.enumerated().map {
        ArchiveRule(ruleName: "Rule1-\($0.offset + 1)", filter: $0.element)
      }
      : result.rules
    let taken = Set(names.definitions.map(\.name))
    guard !rules.contains(where: { taken.contains($0.ruleName) }) else { return nil }
    let edits = [TextReplacement(range: whole, text: FilterPrinter().print(rules))]
    guard resolves(diagnostic, editing: whole, with: edits) else { return nil }
    let name = rule?.name.value ?? "the expression"
    return CodeFix(
      title:
        "Split \(rule == nil ? name : "rule '\(name)'") into \(rules.count) rules (\(rules.map(\.ruleName).joined(separator: ", ")))",
      diagnostic: diagnostic, edits: edits)
  }

  /// The shadowed rule removed, with the rest of its last line when only white space is left
  /// there: the covering rule archives all it would.
  private func removeRule(_ diagnostic: Diagnostic) -> CodeFix? {
    guard let rule = index.rules.first(where: { $0.name.range == diagnostic.range }) else {
      return nil
    }
    let bytes = index.bytes
    var end = rule.range.end
    while end < bytes.count, bytes[end] == UInt8(ascii: " ") || bytes[end] == 0x09 { end += 1 }
    if end < bytes.count, bytes[end] == UInt8(ascii: "\r") { end += 1 }
    if end < bytes.count, bytes[end] == UInt8(ascii: "\n") {
      end += 1
    } else {
      end = rule.range.end
    }
    return CodeFix(
      title: "Remove rule '\(rule.name.value)' (the covering rule archives all it would)",
      diagnostic: diagnostic,
      edits: [TextReplacement(range: SourceRange(start: rule.range.start, end: end), text: "")])
  }

  /// Whether the edited text of one rule (or of the expression) lints without the
  /// diagnostic's code and with no more errors than before, checked for the document's
  /// family. Only that text is linted, so checking a fix costs one rule, not the document.
  private func resolves(
    _ diagnostic: Diagnostic, editing whole: SourceRange, with edits: [TextReplacement]
  ) -> Bool {
    let shifted = edits.map {
      TextReplacement(
        range: SourceRange(start: $0.range.start - whole.start, end: $0.range.end - whole.start),
        text: $0.text)
    }
    let original = index.text(whole)
    let edited = TextReplacement.apply(shifted, to: original)
    var options = EditorDocument.lintOptions(settings)
    options.analyzer = family.family
    func errors(_ diagnostics: [Diagnostic]) -> Int {
      diagnostics.filter { $0.severity == .error }.count
    }
    let before = Linter.lint(original, options: options).diagnostics
    let after = Linter.lint(edited, options: options).diagnostics
    return errors(after) <= errors(before) && !after.contains { $0.code == diagnostic.code }
  }
}
