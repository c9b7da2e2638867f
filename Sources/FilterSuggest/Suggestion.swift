import FilterDSL

/// The rules that archive the expected findings, with the report that justifies them.
public struct Suggestion: Hashable, Sendable, Codable {
  /// One rule set per family with expected findings, in the order external, internal, unused.
  public var ruleSets: [SuggestedRuleSet]
  /// The expected findings no rule archives, with the reason, in the order the ids were given.
  public var uncovered: [UncoveredFinding]
  /// How many findings were expected (of the families asked for).
  public var expectedCount: Int
  /// How many findings must stay: active and not expected.
  public var keptCount: Int
  /// The search, one line per step, for `--explain`.
  public var search: [String]
  /// Expected findings of other families than the one asked for (`SuggestOptions.family`),
  /// left out of the suggestion: neither covered nor uncovered.
  public var otherFamilyCount: Int

  /// A suggestion.
  /// - Parameters:
  ///   - ruleSets: one rule set per family.
  ///   - uncovered: the expected findings no rule archives.
  ///   - expectedCount: how many findings were expected.
  ///   - keptCount: how many findings must stay.
  ///   - search: the search log.
  ///   - otherFamilyCount: expected findings of families not asked for, left out.
  public init(
    ruleSets: [SuggestedRuleSet], uncovered: [UncoveredFinding], expectedCount: Int,
    keptCount: Int, search: [String], otherFamilyCount: Int = 0
  ) {
    self.otherFamilyCount = otherFamilyCount
    self.ruleSets = ruleSets
    self.uncovered = uncovered
    self.expectedCount = expectedCount
    self.keptCount = keptCount
    self.search = search
  }

  /// Whether the rules archive every expected finding (and, as always, no kept one).
  public var isExact: Bool { uncovered.isEmpty }

  /// Every suggested rule, family by family.
  public var archiveRules: [ArchiveRule] { ruleSets.flatMap(\.archiveRules) }
}

/// The rules for one analyzer family: rules belong to an analyzer, and an analyzer to a family.
public struct SuggestedRuleSet: Hashable, Sendable, Codable {
  /// The family of the analyzer the rules are for.
  public var family: AnalyzerFamily
  /// The rules, with what each covers and why.
  public var rules: [SuggestedRule]

  /// A rule set.
  /// - Parameters:
  ///   - family: the analyzer family.
  ///   - rules: the rules.
  public init(family: AnalyzerFamily, rules: [SuggestedRule]) {
    self.family = family
    self.rules = rules
  }

  /// The rules as archive rules, in order.
  public var archiveRules: [ArchiveRule] { rules.map(\.archiveRule) }

  /// The rules in the rule language, `rule NAME { EXPR }` each, as `aafilter format` prints.
  public var ruleText: String { FilterPrinter().print(archiveRules) }
}

/// One suggested rule and its justification.
public struct SuggestedRule: Hashable, Sendable, Codable {
  /// The rule.
  public var archiveRule: ArchiveRule
  /// The expected ids it archives, in the order they were given.
  public var covered: [String]
  /// Why each key was chosen, in the rule's key order.
  public var choices: [KeyChoice]
  /// The kept finding that comes nearest to matching, and what keeps it out; `nil` when no
  /// finding must be kept.
  public var margin: Margin?
  /// Whether the rule narrows only by resource type, finding type or owner account (the
  /// `broad-archive-rule` risk): used only when nothing narrower separates the findings.
  public var isBroad: Bool

  /// A suggested rule.
  /// - Parameters:
  ///   - archiveRule: the rule.
  ///   - covered: the expected ids it archives.
  ///   - choices: why each key was chosen.
  ///   - margin: the nearest kept finding.
  ///   - isBroad: whether it narrows only by type or account.
  public init(
    archiveRule: ArchiveRule, covered: [String], choices: [KeyChoice], margin: Margin?,
    isBroad: Bool
  ) {
    self.archiveRule = archiveRule
    self.covered = covered
    self.choices = choices
    self.margin = margin
    self.isBroad = isBroad
  }
}

/// Why a rule uses a key.
public struct KeyChoice: Hashable, Sendable, Codable {
  /// The filter key.
  public var key: String
  /// Why it is in the rule, for the report.
  public var reason: String

  /// A choice.
  /// - Parameters:
  ///   - key: the filter key.
  ///   - reason: why it is in the rule.
  public init(key: String, reason: String) {
    self.key = key
    self.reason = reason
  }
}

/// The kept finding nearest to a rule: of the family's kept findings, the one that fails the
/// fewest of the rule's criteria, and one attribute that keeps it out.
public struct Margin: Hashable, Sendable, Codable {
  /// The kept finding's id.
  public var keptID: String
  /// The filter key whose criterion it fails.
  public var key: String
  /// Its value for that key; `nil` when it has none.
  public var keptValue: String?

  /// A margin.
  /// - Parameters:
  ///   - keptID: the kept finding's id.
  ///   - key: the key whose criterion it fails.
  ///   - keptValue: its value for that key.
  public init(keptID: String, key: String, keptValue: String?) {
    self.keptID = keptID
    self.key = key
    self.keptValue = keptValue
  }
}
