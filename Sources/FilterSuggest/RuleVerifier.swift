import FilterDSL
import FilterEval

/// The last step before rules are returned: each rule is checked by `check` and evaluated
/// with the one matching definition over every finding. A rule that lints with an error,
/// lists too many values, or matches (or cannot decide) a kept finding, or a public one
/// unless allowed, is dropped and its findings reported; what every returned rule covers is
/// what the matcher says it archives.
struct RuleVerifier {
  let problem: FamilyProblem
  let selection: ExpectedSelection
  var log: [String] = []

  struct Result {
    var rules: [SuggestedRule]
    /// Expected rows a dropped rule would have archived, with the reason.
    var failed: [(row: Int, kind: Gap.Kind)]
    /// Expected rows the returned rules archive, as the matcher says.
    var archived: Set<Int>
  }

  mutating func verify(_ candidates: [Candidate], evaluate: RuleSuggester.Evaluate) -> Result {
    var reporter = RuleReporter(problem: problem, naming: candidates)
    let table = problem.table
    var rules = candidates.map { reporter.report($0, covered: []) }
    let matches = evaluate(rules.map(\.archiveRule.filter))
    var lintOptions = LintOptions(analyzer: problem.family)
    lintOptions.limits.maxRules = max(lintOptions.limits.maxRules, problem.options.maxRules)
    let lint = Linter.lint(rules.map(\.archiveRule), options: lintOptions)
    let lintErrors = Set(
      lint.rules.filter { $0.diagnostics.contains { $0.severity == .error } }.compactMap(\.name))
    let keptRows = Set(problem.allKept)
    var failed: [(row: Int, kind: Gap.Kind)] = []
    var kept: [SuggestedRule] = []
    var claimed = Set<Int>()
    for (index, var rule) in rules.enumerated() {
      let map = rule.archiveRule.filter
      let candidate = candidates[index]
      var offender: Int? = nil
      var problems: [String] = []
      if lintErrors.contains(rule.archiveRule.ruleName) { problems.append("check reports errors") }
      if map.criteria.values.contains(where: {
        ($0.eq?.count ?? 0) > problem.options.maxValuesPerOperator
      }) {
        problems.append("too many values")
      }
      var archived: [Int] = []
      for (row, verdict) in matches[index] where verdict != .noMatch {
        let family = table.families[row]
        guard family == nil || family == problem.family else { continue }
        if keptRows.contains(row) {
          offender = offender ?? row
        } else if !problem.options.allowPublic, table.publicFlags[row] == .yes {
          offender = offender ?? row
        } else if verdict == .match, selection.isExpected(row) {
          archived.append(row)
        }
      }
      if let offender { problems.append("it matches '\(table.id(offender))'") }
      guard problems.isEmpty else {
        log.append(
          "  dropped rule '\(rule.archiveRule.ruleName)': " + problems.joined(separator: "; "))
        for position in candidate.rows {
          let row = problem.expected[Int(position)]
          failed.append(
            (row, offender.map { .inseparable(keptRow: $0) } ?? .ruleLimit))
        }
        continue
      }
      let ordered = archived.sorted { selection.place($0) < selection.place($1) }
      claimed.formUnion(archived)
      let ids = table.ids(archived)
      var seen = Set<ByteString>()
      rule.covered = ordered.compactMap { ids[$0] }.filter {
        seen.insert(ByteString(text: $0)).inserted
      }
      kept.append(rule)
      rules[index] = rule
    }
    failed = failed.filter { !claimed.contains($0.row) }
    log.append(
      "  verified \(kept.count) rules with the matcher: \(claimed.count) expected findings "
        + "archived, no kept finding matched")
    return Result(rules: kept, failed: failed, archived: claimed)
  }
}
