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
  ///   - findings: the findings, of any `FindingRecord` type.
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
      release: { _ in },
      id: { records[$0].findingID ?? "" },
      value: { row, key in
        FindingAttribute(filterKey: key).flatMap { records[row].value(for: $0)?.text }
      },
      evaluate: { maps in
        maps.map { map in
          let matcher = FindingMatcher(map)
          return records.indices.compactMap { row in
            let verdict = matcher.evaluate(records[row])
            return verdict == .noMatch ? nil : (row, verdict)
          }
        }
      })
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
      release: { store.releaseInput(rows: $0) },
      id: { store.id(at: $0) ?? "" },
      value: { row, key in
        FindingAttribute(filterKey: key).flatMap { store[row].value(for: $0)?.text }
      },
      evaluate: { maps in
        // Piece by piece, handing each piece's input pages back before the next: ids and
        // ARNs are read from the input, and the whole file need not be resident at once.
        var matches = [[(Int, Verdict)]](repeating: [], count: maps.count)
        let piece = 8_192
        for start in stride(from: 0, to: store.count, by: piece) {
          let rows = start..<min(store.count, start + piece)
          for (index, map) in maps.enumerated() {
            for (offset, verdict) in store.evaluate(map, rows: rows).enumerated()
            where verdict != .noMatch {
              matches[index].append((start + offset, verdict))
            }
          }
          store.releaseInput(rows: rows)
        }
        return matches
      })
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

  /// Per filter map, the rows it matches or cannot decide, with the verdict.
  typealias Evaluate = ([FilterCriteriaMap]) -> [[(row: Int, verdict: Verdict)]]

  static func run<Records: RandomAccessCollection>(
    _ records: Records, expected: ExpectedFindings, options: SuggestOptions,
    conditionKeys: (Int) -> [String], release: @escaping (Range<Int>) -> Void,
    id: @escaping (Int) -> String, value: @escaping (Int, String) -> String?,
    evaluate: Evaluate
  ) throws -> Suggestion where Records.Element: FindingRecord, Records.Index == Int {
    try validate(options)
    var selection = try ExpectedSelection(records, expected: expected, release: release)
    let table = SuggestTable(
      records, expected: selection.rows, conditionKeys: conditionKeys, release: release, id: id,
      value: value)
    var search: [String] = []
    selection.assignFamilies(table, family: options.family, log: &search)
    var ruleSets: [SuggestedRuleSet] = []
    var gaps: [Int: Gap] = [:]
    var keptCount = 0
    var archivedRows = Set<Int>()
    for family in AnalyzerFamily.allCases {
      let expectedRows = selection.rows(of: family)
      let kept = selection.kept.filter { table.families[$0] == family || table.families[$0] == nil }
      if options.family == nil || options.family == family { keptCount += kept.count }
      guard !expectedRows.isEmpty else { continue }
      let problem = FamilyProblem(
        family: family, table: table, options: options, expected: expectedRows, kept: kept)
      for (row, detail) in problem.unsafe {
        gaps[row] = Gap(row: row, family: family, kind: .isPublic, detail: detail)
      }
      var familySearch = FamilySearch(problem: problem)
      let outcome = familySearch.run()
      search += familySearch.log
      for (position, kind) in outcome.uncovered {
        let row = problem.expected[position]
        gaps[row] = Gap(row: row, family: family, kind: kind)
      }
      var verifier = RuleVerifier(problem: problem, selection: selection)
      let verified = verifier.verify(outcome.rules, evaluate: evaluate)
      search += verifier.log
      archivedRows.formUnion(verified.archived)
      for (row, kind) in verified.failed where gaps[row] == nil {
        gaps[row] = Gap(row: row, family: family, kind: kind)
      }
      ruleSets.append(SuggestedRuleSet(family: family, rules: verified.rules))
    }
    uniqueNamesAcrossFamilies(&ruleSets)
    // A finding of no known family counts for every family: another family's rules may
    // archive it, and then it is covered. Coverage is by row, not by id: two records may
    // share an id (two snapshots concatenated), and a rule archiving one of them says nothing
    // of the other, which stays reported.
    let named = table.ids(
      gaps.values.flatMap { gap -> [Int] in
        if case .inseparable(let kept) = gap.kind { return [gap.row, kept] }
        return [gap.row]
      })
    let uncovered = gaps.filter { !archivedRows.contains($0.key) }.mapValues { $0.finding(named) }
    let ordered = selection.ordered(uncovered)
    return Suggestion(
      ruleSets: ruleSets, uncovered: ordered, expectedCount: selection.expectedCount,
      keptCount: keptCount, search: search, otherFamilyCount: selection.otherFamilyCount)
  }

  /// Numbers on a rule name another family's set already uses (`NAME-2`, ...), so that every
  /// family's set can share one rule file and each name says one rule.
  static func uniqueNamesAcrossFamilies(_ ruleSets: inout [SuggestedRuleSet]) {
    var used = Set<String>()
    for set in ruleSets.indices {
      for rule in ruleSets[set].rules.indices {
        let base = ruleSets[set].rules[rule].archiveRule.ruleName
        var name = base
        var number = 2
        while used.contains(name) {
          name = "\(base)-\(number)"
          number += 1
        }
        used.insert(name)
        ruleSets[set].rules[rule].archiveRule.ruleName = name
      }
    }
  }
}
