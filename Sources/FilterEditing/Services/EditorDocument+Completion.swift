import FilterDSL

extension EditorDocument {
  /// What may be written at a cursor: keys where a predicate may start, operators after a key,
  /// the key's values after an operator (with account ids and principals already used in the
  /// document), `and`/`or` after a value, and `rule` where a rule may start.
  ///
  /// Reads only the tokens before the cursor, so it works while the text does not parse.
  /// - Parameter offset: the cursor, a UTF-8 offset into ``text`` (clamped to it).
  /// - Returns: candidates in a sensible order; inside a comment only the families of an
  ///   analyzer directive (`# aafilter: analyzer=`); nothing in a rule name.
  public func completions(at offset: Int) -> [CompletionCandidate] {
    let cursor = CursorPosition(offset, in: index)
    guard !cursor.inComment else { return directiveCompletions(at: cursor.offset) }
    let replacing = cursor.replacing(in: index)
    let typed = index.text(SourceRange(start: replacing.start, end: cursor.offset))
    let (expectation, _) = index.context(at: cursor.tokensBefore)
    let completer = Completer(
      document: self, replacing: replacing, typed: typed, partial: cursor.partial,
      tokensBefore: cursor.tokensBefore)
    switch expectation {
    case _ where cursor.tokensBefore == 0:
      // The first word: a rule, or the key of a single expression, unless a rule follows.
      let next = index.tokens.indices.first { $0 != cursor.partial }
      let ruleFollows = next.map { index.tokens[$0].kind == .keyword(.rule) } ?? false
      return completer.ruleStart() + (ruleFollows ? [] : completer.keys())
        + (cursor.partial == nil ? directiveSnippet(replacing: replacing) : [])
    case .rule:
      return completer.ruleStart()
    case .key: return completer.keys()
    case .comparison: return completer.operators(negated: false)
    case .negatedComparison: return completer.operators(negated: true)
    case .value(let key, let op):
      return completer.values(key: key, op: op, written: [])
    case .listValue(let key, let op):
      return completer.values(
        key: key, op: op, written: index.valuesInOpenList(before: cursor.tokensBefore))
    case .connective: return completer.connectives()
    case .ruleName, .ruleBrace, .sort: return []
    }
  }
}

/// Builds the candidates of one completion request.
private struct Completer {
  let document: EditorDocument
  let replacing: SourceRange
  /// The part of the token being typed before the cursor, as written.
  let typed: String
  /// The index of the token being typed, if any.
  let partial: Int?
  /// How many tokens come before the cursor.
  let tokensBefore: Int

  var family: AnalyzerFamily { document.family.family }

  func ruleStart() -> [CompletionCandidate] {
    [
      CompletionCandidate(
        label: "rule", kind: .keyword, detail: "archive rule",
        documentation: "Starts a named archive rule: `rule NAME { EXPRESSION }`.",
        insertText: "rule ", replacing: replacing),
      CompletionCandidate(
        label: "rule NAME { }", kind: .snippet, detail: "archive rule block",
        documentation:
          "A named archive rule. Names are 1 to 255 characters: a letter, then letters, digits, `_`, `.` or `-`.",
        insertText: "rule ${1:\(suggestedName())} {\n  $0\n}", isSnippet: true,
        replacing: replacing),
    ]
  }

  /// `Rule1`, or the first `RuleN` not yet used.
  private func suggestedName() -> String {
    let used = Set(document.index.rules.map(\.name.value))
    var number = used.count + 1
    while used.contains("Rule\(number)") { number += 1 }
    return "Rule\(number)"
  }

  func keys() -> [CompletionCandidate] {
    var names: [String] = []
    var seen = Set<String>()
    func add(_ name: String) {
      guard seen.insert(name).inserted, let key = FilterKeyCatalog.key(named: name),
        // `check` lints a single expression as an archive rule's filter too.
        key.contexts.contains(.archiveRule),
        key.families.contains(family)
      else { return }
      names.append(name)
    }
    for key in FilterKeyCatalog.keys { add(key.name) }
    for entry in FilterKeyCatalog.principalEntries + FilterKeyCatalog.observedPrincipalEntries {
      add("principal." + entry)
    }
    for entry in FilterKeyCatalog.conditionEntries + FilterKeyCatalog.observedConditionEntries {
      add("condition." + entry)
    }
    // Condition keys are open-ended: those the document already uses are offered too.
    for used in document.index.usedKeys(excluding: partial) { add(used) }
    // After `condition.` or `principal.`, only that family's entries.
    let prefix = typed.firstIndex(of: ".").map { String(typed[...$0]).lowercased() }
    return names.filter { prefix.map($0.lowercased().hasPrefix) ?? true }.map { name in
      CompletionCandidate(
        label: name, kind: .key, detail: KeyDescription.detail(name),
        documentation: KeyDescription.markdown(name, family: family),
        insertText: FilterPrinter.literal(name), replacing: replacing)
    }
  }

  /// The comparisons, from the grammar's operator table.
  static let comparisons: [(label: String, meaning: String)] = [
    ("eq", "equals one of the values; never matches an absent attribute"),
    ("neq", "equals none of the values; matches an absent attribute"),
    ("contains", "one of the values is a substring of it; never matches an absent attribute"),
    ("in", "`in [a, b]`: equals one of the values (as `eq`)"),
    ("not in", "`not in [a, b]`: equals none of the values (as `neq`)"),
    ("exists", "the attribute is present"),
    ("not exists", "the attribute is absent"),
    ("=", "alias of `eq`"),
    ("!=", "alias of `neq`"),
  ]

  func operators(negated: Bool) -> [CompletionCandidate] {
    let wanted =
      negated
      ? Self.comparisons.filter { $0.label == "in" || $0.label == "exists" }.map {
        (
          label: $0.label,
          meaning: $0.label == "in"
            ? "`not in [a, b]`: equals none of the values" : "the attribute is absent"
        )
      }
      : Self.comparisons
    return wanted.map { entry in
      CompletionCandidate(
        label: entry.label, kind: .operator, detail: "operator",
        documentation: "`\(entry.label)`: \(entry.meaning).", replacing: replacing)
    }
  }

  /// `written`: values already in the list at the cursor, not offered again.
  func values(key: String, op: ComparisonOperator, written: Set<String>) -> [CompletionCandidate] {
    guard op != .exists else { return [] }
    var candidates: [CompletionCandidate] = []
    var seen = written
    let entry = FilterKeyCatalog.key(named: key)
    if let entry {
      let values: [String]
      switch entry.kind {
      case .boolean: values = ["false", "true"]
      // Naming a finding type is how a rule settles its family, so while nothing has, every
      // family's types are offered.
      case .enumeration(let all) where key == "findingType" && document.family.source == .default:
        values = all
      case .enumeration(let all): values = entry.values(in: family) ?? all
      default: values = []
      }
      for value in values where seen.insert(value).inserted {
        candidates.append(
          CompletionCandidate(
            label: value, kind: .value, detail: "\(key) value",
            insertText: FilterPrinter.literal(value), replacing: replacing))
      }
    }
    for (value, detail) in document.index.usedValues(
      for: key, kind: entry?.kind, excluding: partial)
    where seen.insert(value).inserted {
      candidates.append(
        CompletionCandidate(
          label: value, kind: .reference, detail: detail,
          insertText: FilterPrinter.literal(value), replacing: replacing))
    }
    return candidates
  }

  func connectives() -> [CompletionCandidate] {
    [
      ("and", "both sides must match"),
      ("or", "either side may match; across keys it needs --split or one rule per side"),
    ].map { label, meaning in
      CompletionCandidate(
        label: label, kind: .operator, detail: "connective",
        documentation: "`\(label)`: \(meaning).", replacing: replacing)
    }
  }
}
