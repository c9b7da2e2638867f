/// Checks of one predicate against the analyzer family: keys the family's findings never
/// carry, values they never hold, keys AWS does not document for the family, and finding types
/// of another family.
struct FamilyChecks {
  let family: AnalyzerFamily
  /// Where the family came from, for the conflict message.
  let source: FamilyResolution.Source

  /// `requiresPresence`: the predicate, after negations, needs the attribute present (`eq`,
  /// `contains`, `exists`); otherwise it needs it absent or different.
  func checkKey(_ key: FilterKey, at located: Located<String>, requiresPresence: Bool)
    -> [Diagnostic]
  {
    let name = located.value
    if !key.families.contains(family) {
      let carriers = AnalyzerFamily.allCases.filter(key.families.contains).map(\.rawValue)
      let help =
        "remove it, or check against the analyzer that has it (--analyzer \(carriers.joined(separator: "|")))"
      if requiresPresence {
        return [
          Diagnostic(
            .warning, .keyNotInFamily,
            "\(family.displayName) findings never carry '\(name)', so this predicate can never match",
            at: located.range, label: "never present on \(family.displayName) findings",
            help: help)
        ]
      }
      return [
        Diagnostic(
          .warning, .keyNotInFamily,
          "\(family.displayName) findings never carry '\(name)', so this predicate is always true and adds nothing",
          at: located.range, label: "always absent on \(family.displayName) findings", help: help)
      ]
    }
    guard key.documentation(in: family) == .observed else { return [] }
    let documented = AnalyzerFamily.allCases.filter(key.documentedFor.contains)
    let help =
      documented.isEmpty
      ? "it is seen in finding data only; test the rule on a real analyzer before relying on it"
      : "AWS documents it for \(documented.map(\.displayName).joined(separator: " and ")) analyzers only"
    return [
      Diagnostic(
        .warning, .undocumentedKey,
        "'\(name)' is not a documented filter key for \(family.displayName) analyzers",
        at: located.range, label: "the service may ignore or reject it", help: help)
    ]
  }

  /// A value outside the family's values for an enumerated key; `positive` when the predicate
  /// (after negations) is an `eq`.
  func checkValue(_ value: Located<String>, key: FilterKey, positive: Bool) -> Diagnostic? {
    guard let allowed = key.values(in: family),
      !allowed.contains(where: { $0.utf8.elementsEqual(value.value.utf8) }),
      case .enumeration(let all) = key.kind,
      all.contains(where: { $0.utf8.elementsEqual(value.value.utf8) })
    else { return nil }
    if key.name == "findingType", positive, let other = AnalyzerFamily(findingType: value.value) {
      let stated = FamilyResolution(family: family, source: source).statement
      let why = stated ?? "the rule's other finding types make it \(family.displayName)"
      let fix =
        switch source {
        case .directive: "fix the analyzer directive"
        case .configured: "fix the configured analyzer"
        default: "fix --analyzer"
        }
      return .error(
        .analyzerConflict,
        "'\(value.value)' is a finding type of \(other.displayName) analyzers, but \(why)",
        at: value.range, label: "\(family.displayName) analyzers never produce it",
        help: "one rule set is for one analyzer: split the rules, or \(fix)")
    }
    let help = "\(family.displayName) values: \(allowed.joined(separator: ", "))"
    if positive {
      return Diagnostic(
        .warning, .valueNotInFamily,
        "\(family.displayName) findings never have '\(key.name)' '\(value.value)', so this value can never match",
        at: value.range, label: "matches nothing here", help: help)
    }
    return Diagnostic(
      .warning, .valueNotInFamily,
      "\(family.displayName) findings never have '\(key.name)' '\(value.value)', so excluding it adds nothing",
      at: value.range, label: "always excluded here", help: help)
  }
}
