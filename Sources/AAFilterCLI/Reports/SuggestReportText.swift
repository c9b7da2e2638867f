import FilterDSL
import FilterSuggest

/// `suggest`'s report, for standard error: per family, each rule with the findings it covers,
/// why each key was chosen, its margin and whether it is broad; then every expected finding
/// left uncovered with its reason; with `--explain` the search; last a summary line.
///
/// Lines are returned unescaped (ids and values come from the findings): the command writes
/// each through `Console.writeErrorLine`, which escapes what a terminal would interpret.
enum SuggestReportText {
  /// Ids shown per rule before the rest are counted: a rule can cover thousands.
  static let idsShown = 3

  /// - Parameters:
  ///   - maxRules: the `--max-rules` value, named when the limit left findings uncovered.
  ///   - explain: whether to add the search log.
  static func lines(_ suggestion: FilterSuggest.Suggestion, maxRules: Int, explain: Bool)
    -> [String]
  {
    var lines: [String] = []
    for set in suggestion.ruleSets {
      let covered = Set(set.rules.flatMap(\.covered)).count
      lines.append(
        "\(set.family.displayName): \(count(set.rules.count, "rule")) covering \(count(covered, "expected finding"))"
      )
      for rule in set.rules { lines += self.rule(rule) }
      lines.append("")
    }
    if !suggestion.uncovered.isEmpty {
      lines.append("uncovered: \(count(suggestion.uncovered.count, "expected finding"))")
      for finding in suggestion.uncovered {
        let family = finding.family.map { " (\($0.displayName))" } ?? ""
        lines.append("  \(finding.id)\(family): \(reason(finding, maxRules: maxRules))")
      }
      lines.append("")
    }
    if explain {
      lines.append("search:")
      lines += suggestion.search.map { "  " + $0 }
      lines.append("")
    }
    if let warning = noRuleWarning(suggestion) { lines.append(warning) }
    let quota = Limits.default.maxRules
    for set in suggestion.ruleSets where set.rules.count > quota {
      // --max-rules may be raised past the default quota; the other commands keep it.
      lines.append(
        "warning: \(set.family.displayName): \(set.rules.count) rules, more than the quota of \(quota) archive rules per analyzer that convert and preview hold to (check --max-rules \(set.rules.count) reads them)"
      )
    }
    if suggestion.otherFamilyCount > 0 {
      // Not uncovered (the family asked for is what the rules are for), but never silent.
      let count = suggestion.otherFamilyCount
      lines.append(
        "note: \(count == 1 ? "1 expected finding is" : "\(count) expected findings are") of another family than --analyzer names, and left out"
      )
    }
    lines.append(summary(suggestion))
    return lines
  }

  /// One rule: the findings it covers, why each key, its margin, and a broad rule's note.
  static func rule(_ rule: SuggestedRule) -> [String] {
    var lines = [
      "  rule \(rule.archiveRule.ruleName) covers \(count(rule.covered.count, "finding"))",
      "    ids: \(ids(rule.covered))",
    ]
    for choice in rule.choices {
      lines.append("    \(choice.key): \(choice.reason)")
    }
    if let margin = rule.margin {
      let value =
        margin.keptValue.map { "it has \(FilterPrinter.literal($0))" } ?? "it has no value there"
      lines.append(
        "    margin: the nearest kept finding, \(margin.keptID), is told apart by \(margin.key) (\(value))"
      )
    } else {
      lines.append("    margin: no kept finding of this family to tell apart")
    }
    if rule.isBroad {
      lines.append(
        "    broad: it narrows only by resource type, finding type or owner account (the broad-archive-rule risk): nothing narrower separates these findings from the kept ones"
      )
    }
    return lines
  }

  /// `a, b, c` or `a, b, c and 7 more`
  static func ids(_ ids: [String]) -> String {
    let shown = ids.prefix(idsShown).joined(separator: ", ")
    return ids.count > idsShown ? "\(shown) and \(ids.count - idsShown) more" : shown
  }

  /// Why a finding is left out, with what the user can do about it.
  static func reason(_ finding: UncoveredFinding, maxRules: Int) -> String {
    let text: String
    switch finding.reason {
    case .isPublic:
      text =
        finding.family == .external || finding.family == nil
        ? "public: suggested rules never archive public findings (--allow-public allows it)"
        : "no rule for it could be kept safe (--allow-public allows it)"
    case .inseparable(let keptID):
      text =
        "cannot be told apart from the kept finding \(keptID): they share every value a rule could test"
    case .ruleLimit:
      text = "the rule limit is reached (--max-rules \(maxRules))"
    case .nothingToName:
      text = "it holds no value a rule can name, and a rule naming nothing would archive every finding"
    }
    return finding.detail.map { "\(text); \($0)" } ?? text
  }

  /// `suggest: 3 rules archive all 6 expected findings and none of the 4 kept ones`
  static func summary(_ suggestion: FilterSuggest.Suggestion) -> String {
    let rules = suggestion.ruleSets.reduce(0) { $0 + $1.rules.count }
    let expected = suggestion.expectedCount
    let kept = suggestion.keptCount
    let covered = Set(suggestion.ruleSets.flatMap { $0.rules.flatMap(\.covered) }).count
    let which =
      suggestion.uncovered.isEmpty && covered == expected
      ? (expected == 1 ? "the expected finding" : "all \(expected) expected findings")
      : "\(covered) of \(count(expected, "expected finding"))"
    let keptText =
      switch kept {
      case 0: "with no finding to keep"
      case 1: "and not the one kept finding"
      default: "and none of the \(kept) kept ones"
      }
    let left = suggestion.uncovered.isEmpty ? "" : "; \(suggestion.uncovered.count) uncovered"
    return
      "suggest: \(count(rules, "rule")) \(rules == 1 ? "archives" : "archive") \(which) \(keptText)\(left)"
  }

  /// `1 rule`, `2 rules`
  private static func count(_ number: Int, _ noun: String) -> String {
    number == 1 ? "1 \(noun)" : "\(number) \(noun)s"
  }

  /// The warning when no rule was suggested; `--quiet` does not hide it, as standard output
  /// (the empty rule set) is otherwise the only sign.
  static func noRuleWarning(_ suggestion: FilterSuggest.Suggestion) -> String? {
    guard suggestion.ruleSets.allSatisfy(\.rules.isEmpty) else { return nil }
    return
      "warning: no rule could be suggested, so standard output is the empty rule set, which archives nothing"
  }
}
