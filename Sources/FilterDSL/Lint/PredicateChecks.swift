/// Checks on each predicate as written: keys, values, duplicates, redundancy.
struct PredicateChecks {
  let options: LintOptions
  let family: FamilyResolution
  /// The text the predicates' ranges point into, to check what a fix would remove.
  let source: [UInt8]

  func check(_ expression: ExpressionNode) -> [Diagnostic] {
    var diagnostics: [Diagnostic] = []
    visit(expression, negated: false, into: &diagnostics)
    return diagnostics
  }

  private func visit(_ node: ExpressionNode, negated: Bool, into diagnostics: inout [Diagnostic]) {
    switch node {
    case .predicate(let predicate):
      diagnostics +=
        checkKey(predicate, negated: negated) + checkValues(predicate, negated: negated)
      if !negated { diagnostics += redundancy([predicate]) }
    case .not(let operand, _):
      visit(operand, negated: !negated, into: &diagnostics)
    case .and(let operands, _), .or(let operands, _):
      for operand in operands { visit(operand, negated: negated, into: &diagnostics) }
      // Redundancy is about conjunctions: an 'and', or an 'or' under a 'not'.
      let isConjunction = { if case .and = node { return !negated } else { return negated } }()
      if isConjunction {
        let predicates = operands.compactMap { operand -> Predicate? in
          if case .predicate(let predicate) = operand { return predicate }
          return nil
        }
        let redundant = redundancy(predicates, negated: negated)
        diagnostics +=
          redundant
          + impliedCriteria(
            operands, connective: negated ? .or : .and, negated: negated,
            alreadyReported: redundant.map(\.range))
      }
    }
  }

  // MARK: Keys

  /// Whether the predicate, after the negations around it, needs its attribute present.
  private static func requiresPresence(_ predicate: Predicate, negated: Bool) -> Bool {
    let flip = predicate.negated != negated
    switch predicate.op {
    case .eq, .contains, .exists: return !flip
    case .neq: return flip
    }
  }

  private func checkKey(_ predicate: Predicate, negated: Bool) -> [Diagnostic] {
    let key = predicate.key
    let knownConditions =
      FilterKeyCatalog.conditionEntries + FilterKeyCatalog.observedConditionEntries
    if let entry = FilterKeyCatalog.familyEntry(key.value, prefix: "condition."),
      !knownConditions.contains(where: { $0.utf8.elementsEqual(entry.utf8) }),
      let suggestion = Suggestion.closest(to: entry, among: knownConditions)
    {
      // Condition keys are open-ended: flag only near misses of documented ones.
      return [unknownKey(key, suggestion: "condition." + suggestion)]
    }
    if let entry = FilterKeyCatalog.key(named: key.value) {
      guard entry.contexts.contains(options.context) else {
        let allowed = entry.contexts.map(\.rawValue).sorted().joined(separator: ", ")
        return [
          .error(
            .keyNotAllowed, "'\(key.value)' cannot be used in \(options.context.rawValue) filters",
            at: key.range,
            label: "allowed in \(allowed)",
            help: key.value == "status"
              ? "archive rules apply to new findings whatever their status; drop this predicate"
              : nil)
        ]
      }
      return FamilyChecks(family: family.family, source: family.source).checkKey(
        entry, at: key, requiresPresence: Self.requiresPresence(predicate, negated: negated))
    }
    let suggestion = Suggestion.closest(to: key.value, among: FilterKeyCatalog.allKeyNames)
    return [unknownKey(key, suggestion: suggestion)]
  }

  private func unknownKey(_ key: Located<String>, suggestion: String?) -> Diagnostic {
    Diagnostic(
      .warning, .unknownKey, "unknown filter key '\(key.value)'", at: key.range,
      label: "the service accepts it, but no finding has it, so it never matches",
      help: suggestion.map { "did you mean '\($0)'?" },
      fix: suggestion.map { .init(range: key.range, replacement: FilterPrinter.literal($0)) })
  }

  // MARK: Values

  private func checkValues(_ predicate: Predicate, negated: Bool) -> [Diagnostic] {
    var diagnostics: [Diagnostic] = []
    var seen = Set<ExactString>()
    for value in predicate.values {
      if !seen.insert(ExactString(value.value)).inserted {
        diagnostics.append(
          Diagnostic(
            .warning, .duplicateValue, "'\(value.value)' is listed twice", at: value.range,
            label: "repeated value",
            fix: .init(range: value.range, replacement: "")))
        continue
      }
      if value.value.isEmpty {
        diagnostics.append(
          Diagnostic(
            .warning, .emptyValue, "empty value for '\(predicate.key.value)'", at: value.range,
            label: predicate.op == .contains
              ? "every present value contains the empty string" : "matches only an empty attribute")
        )
        continue
      }
      guard let key = FilterKeyCatalog.key(named: predicate.key.value) else { continue }
      if let diagnostic = checkValue(value, kind: key.kind, predicate: predicate) {
        diagnostics.append(diagnostic)
      } else if predicate.op == .eq || predicate.op == .neq,
        let diagnostic = FamilyChecks(family: family.family, source: family.source).checkValue(
          value, key: key,
          positive: (predicate.op == .eq) == (predicate.negated == negated))
      {
        diagnostics.append(diagnostic)
      }
    }
    return diagnostics
  }

  private func checkValue(_ value: Located<String>, kind: ValueKind, predicate: Predicate)
    -> Diagnostic?
  {
    // Substring matches take fragments; only whole values have a shape to check.
    let whole = predicate.op == .eq || predicate.op == .neq
    let text = value.value
    switch kind {
    case .string, .stringList:
      return nil
    case .boolean:
      guard text != "true", text != "false" else { return nil }
      let fixed =
        ["true", "yes", "1"].contains(text.lowercased())
        ? "true" : ["false", "no", "0"].contains(text.lowercased()) ? "false" : nil
      return Diagnostic(
        .warning, .invalidBoolean,
        "'\(predicate.key.value)' is compared as the string 'true' or 'false', never '\(text)'",
        at: value.range, label: "matches nothing", help: fixed.map { "did you mean '\($0)'?" },
        fix: fixed.map { .init(range: value.range, replacement: $0) })
    case .enumeration(let values):
      guard whole, !values.contains(where: { $0.utf8.elementsEqual(text.utf8) }) else { return nil }
      let suggestion = Suggestion.closest(to: text, among: values)
      return Diagnostic(
        .warning, .unknownValue, "'\(text)' is not a known value of '\(predicate.key.value)'",
        at: value.range,
        label: "the service accepts it, but it matches nothing",
        help: suggestion.map { "did you mean '\($0)'?" }
          ?? "known values: \(values.joined(separator: ", "))",
        fix: suggestion.map { .init(range: value.range, replacement: FilterPrinter.literal($0)) })
    case .accountID:
      guard whole, !Self.isAccountID(text) else { return nil }
      return accountDiagnostic(value, predicate)
    case .arn:
      guard whole, !Self.isARN(text) else { return nil }
      return Diagnostic(
        .warning, .invalidARN, "'\(text)' is not an ARN", at: value.range,
        label: "'\(predicate.key.value)' holds ARNs such as 'arn:aws:s3:::bucket'",
        help: "use 'contains' to match part of an ARN")
    case .principal:
      guard whole, text != "*", !Self.isARN(text), !Self.isAccountID(text) else { return nil }
      if text.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) {
        return accountDiagnostic(value, predicate)
      }
      return Diagnostic(
        .warning, .invalidPrincipal, "'\(text)' is neither an account id, an ARN nor '*'",
        at: value.range,
        label: "'principal.AWS' holds 12-digit account ids or ARNs")
    }
  }

  private func accountDiagnostic(_ value: Located<String>, _ predicate: Predicate) -> Diagnostic {
    Diagnostic(
      .warning, .invalidAccountID, "'\(value.value)' is not a 12-digit account id", at: value.range,
      label: "\(value.value.count) characters",
      help: "account ids have exactly 12 digits, leading zeros included")
  }

  static func isAccountID(_ text: String) -> Bool {
    text.utf8.count == 12
      && text.utf8.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
  }

  /// `arn:partition:service:region:account:resource` (region and account may be empty).
  static func isARN(_ text: String) -> Bool {
    let parts = text.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
    return parts.count == 6 && parts[0] == "arn" && !parts[1].isEmpty && !parts[2].isEmpty
      && !parts[5].isEmpty
  }

  // MARK: Redundancy

  /// Predicates of one conjunction that add nothing: a value excluded twice, `exists` implied
  /// by `eq` or `contains`, `neq` implied by `not exists`.
  private func redundancy(_ predicates: [Predicate], negated: Bool = false) -> [Diagnostic] {
    guard predicates.count > 1 else { return [] }
    var diagnostics: [Diagnostic] = []
    var excluded: [ExactString: SourceRange] = [:]
    func effective(_ predicate: Predicate) -> (op: ComparisonOperator, present: Bool) {
      let flip = predicate.negated != negated
      switch predicate.op {
      case .eq: return (flip ? .neq : .eq, true)
      case .neq: return (flip ? .eq : .neq, true)
      case .contains: return (.contains, !flip)
      case .exists: return (.exists, !flip)
      }
    }
    // Grouped by key once, so a long conjunction costs linear time.
    var byKey: [ExactString: [Predicate]] = [:]
    for predicate in predicates {
      byKey[ExactString(predicate.key.value), default: []].append(predicate)
    }
    for predicate in predicates {
      let key = predicate.key.value
      let (op, present) = effective(predicate)
      let sameKey = (byKey[ExactString(key)] ?? []).filter { $0 != predicate }
      if op == .neq {
        for value in predicate.values {
          let id = ExactString(key + "\u{0}" + value.value)
          if let first = excluded[id] {
            diagnostics.append(
              Diagnostic(
                .warning, .redundantPredicate, "'\(value.value)' is already excluded from '\(key)'",
                at: value.range,
                notes: [.init("excluded here first", range: first)]))
          } else {
            excluded[id] = value.range
          }
        }
        if sameKey.contains(where: { effective($0) == (.exists, false) }) {
          diagnostics.append(
            Diagnostic(
              .warning, .redundantPredicate,
              "this 'neq' adds nothing: '\(key)' must already be absent",
              at: predicate.range))
        }
      }
      if op == .exists, present,
        sameKey.contains(where: {
          let e = effective($0); return e.op == .eq || (e.op == .contains && e.present)
        })
      {
        diagnostics.append(
          Diagnostic(
            .warning, .redundantPredicate,
            "'\(key) exists' adds nothing: its 'eq' or 'contains' already needs it present",
            at: predicate.range, fix: nil))
      }
    }
    return diagnostics
  }
}
