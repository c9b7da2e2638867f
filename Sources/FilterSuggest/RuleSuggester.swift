import FilterDSL
import FilterEval

/// Suggests the fewest narrow archive rules that archive exactly the expected findings.
///
/// Rules are drawn from the expected findings' own values, chosen by a set cover (exact while
/// the search is small, greedy with a proven bound beyond), merged into `in` lists, and then
/// checked with the one matching definition: every rule returned archives the findings it
/// claims and no kept finding (an active one that is not expected). docs/suggest.md describes
/// the search.
///
/// ```swift
/// import FilterEval
/// import FilterSuggest
///
/// let findings = [
///   Finding(
///     id: "f-1", resource: "arn:aws:s3:::logs", resourceType: "AWS::S3::Bucket",
///     resourceOwnerAccount: "111122223333", status: "ACTIVE", isPublic: false,
///     principal: ["AWS": "444455556666"]),
///   Finding(
///     id: "f-2", resource: "arn:aws:s3:::data", resourceType: "AWS::S3::Bucket",
///     resourceOwnerAccount: "111122223333", status: "ACTIVE", isPublic: false,
///     principal: ["AWS": "777788889999"]),
/// ]
/// let suggestion = try RuleSuggester.suggest(findings, expected: .ids(["f-1"]))
/// print(suggestion.ruleSets.map(\.ruleText).joined(separator: "\n"))
/// print(suggestion.isExact)  // true
/// ```
public enum RuleSuggester {
  /// Suggests rules over findings in memory.
  /// - Parameters:
  ///   - findings: the findings, of any ``FindingRecord`` type.
  ///   - expected: the findings to archive.
  ///   - options: the family, limits and names.
  /// - Returns: the rule sets and the report.
  /// - Throws: ``SuggestError`` for expected ids not among the findings, or a bad option.
  public static func suggest<Records: RandomAccessCollection>(
    _ findings: Records, expected: ExpectedFindings, options: SuggestOptions = SuggestOptions()
  ) throws -> Suggestion where Records.Element: FindingRecord {
    let records = Array(findings)
    return try run(
      records, expected: expected, options: options,
      conditionKeys: { row in
        (records[row] as? Finding)?.condition?.entries.map(\.key) ?? []
      },
      evaluate: { map in records.map { FindingMatcher(map).evaluate($0) } })
  }

  /// Suggests rules over findings read into a store (as the CLI reads them).
  /// - Parameters:
  ///   - store: the findings.
  ///   - expected: the findings to archive.
  ///   - options: the family, limits and names.
  /// - Returns: the rule sets and the report.
  /// - Throws: ``SuggestError`` for expected ids not among the findings, or a bad option.
  public static func suggest(
    _ store: FindingStore, expected: ExpectedFindings, options: SuggestOptions = SuggestOptions()
  ) throws -> Suggestion {
    try run(
      (0..<store.count).lazy.map { store[$0] }, expected: expected, options: options,
      conditionKeys: { store.entryKeys(at: $0, principal: false) },
      evaluate: { store.evaluate($0) })
  }

  static func validate(_ options: SuggestOptions) throws {
    guard options.maxRules >= 1 else {
      throw SuggestError(
        .invalidOption("the rule limit must be at least 1, not \(options.maxRules)"))
    }
    guard (1...20).contains(options.maxValuesPerOperator) else {
      throw SuggestError(
        .invalidOption(
          "values per operator must be between 1 and 20, not \(options.maxValuesPerOperator)"))
    }
    // Names are the prefix, a dash and more; a valid prefix keeps every name valid.
    guard ArchiveRule.isValidName(options.namePrefix), options.namePrefix.utf8.count <= 100 else {
      throw SuggestError(
        .invalidOption(
          "the name prefix '\(options.namePrefix)' is not a valid start of a rule name: "
            + "a letter, then up to 99 letters, digits, '_', '.' or '-'"))
    }
  }

  static func run<Records: RandomAccessCollection>(
    _ records: Records, expected: ExpectedFindings, options: SuggestOptions,
    conditionKeys: (Int) -> [String], evaluate: (FilterCriteriaMap) -> [Verdict]
  ) throws -> Suggestion where Records.Element: FindingRecord, Records.Index == Int {
    try validate(options)
    var selection = try ExpectedSelection(records, expected: expected)
    let table = SuggestTable(
      records, discover: selection.rows, conditionKeys: conditionKeys)
    var search: [String] = []
    selection.assignFamilies(table, family: options.family, log: &search)
    var ruleSets: [SuggestedRuleSet] = []
    var uncovered: [Int: UncoveredFinding] = [:]
    var keptCount = 0
    for family in AnalyzerFamily.allCases {
      let expectedRows = selection.rows(of: family)
      let kept = selection.kept.filter { table.families[$0] == family || table.families[$0] == nil }
      if options.family == nil || options.family == family { keptCount += kept.count }
      guard !expectedRows.isEmpty else { continue }
      let problem = FamilyProblem(
        family: family, table: table, options: options, expected: expectedRows, kept: kept)
      for (row, detail) in problem.unsafe {
        uncovered[row] = UncoveredFinding(
          id: table.ids[row], family: family, reason: .isPublic, detail: detail)
      }
      var familySearch = FamilySearch(problem: problem)
      let outcome = familySearch.run()
      search += familySearch.log
      for (position, reason) in outcome.uncovered {
        let row = problem.expected[position]
        uncovered[row] = UncoveredFinding(id: table.ids[row], family: family, reason: reason)
      }
      var verifier = RuleVerifier(problem: problem, selection: selection)
      let verified = verifier.verify(outcome.rules, evaluate: evaluate)
      search += verifier.log
      for (row, reason) in verified.failed where uncovered[row] == nil {
        uncovered[row] = UncoveredFinding(id: table.ids[row], family: family, reason: reason)
      }
      ruleSets.append(SuggestedRuleSet(family: family, rules: verified.rules))
    }
    // A finding of no known family counts for every family: another family's rules may
    // archive it, and then it is covered.
    let covered = Set(ruleSets.flatMap { $0.rules.flatMap(\.covered) }.map(ByteString.init))
    let ordered = selection.ordered(uncovered).filter {
      !covered.contains(ByteString(text: $0.id))
    }
    return Suggestion(
      ruleSets: ruleSets, uncovered: ordered, expectedCount: selection.expectedCount,
      keptCount: keptCount, search: search)
  }
}
