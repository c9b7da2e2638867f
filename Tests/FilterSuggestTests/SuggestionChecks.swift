import FilterDSL
import FilterEval
import FilterSuggest
import XCTest

/// What every suggestion must be, checked independently of the search with the matcher and
/// the linter: exact on what it claims, uncovered ids exactly the unmatched expected ones, no
/// kept (or, unless allowed, public) finding matched, valid rules within the limits.
func assertSound(
  _ suggestion: FilterSuggest.Suggestion, findings: [Finding], expected: Set<String>,
  options: SuggestOptions = SuggestOptions(), context: String = "",
  file: StaticString = #filePath, line: UInt = #line
) {
  var matchedExpected = Set<String>()
  for ruleSet in suggestion.ruleSets {
    let rules = ruleSet.archiveRules
    XCTAssertLessThanOrEqual(rules.count, options.maxRules, file: file, line: line)
    var lintOptions = LintOptions(analyzer: ruleSet.family)
    lintOptions.limits.maxRules = max(100, options.maxRules)
    let report = Linter.lint(rules, options: lintOptions)
    XCTAssertEqual(
      report.count(.error), 0, "\(report.diagnostics.map(\.message))", file: file, line: line)
    XCTAssertEqual(
      Set(rules.map(\.ruleName)).count, rules.count, "names unique", file: file, line: line)
    for rule in ruleSet.rules {
      let name = rule.archiveRule.ruleName
      XCTAssertTrue(ArchiveRule.isValidName(name), name, file: file, line: line)
      XCTAssertTrue(name.hasPrefix(options.namePrefix), name, file: file, line: line)
      for criterion in rule.archiveRule.filter.criteria.values {
        for list in [criterion.eq, criterion.neq, criterion.contains] {
          XCTAssertLessThanOrEqual(
            list?.count ?? 0, options.maxValuesPerOperator, file: file, line: line)
        }
      }
      let matcher = FindingMatcher(rule.archiveRule.filter)
      var archived = Set<String>()
      for finding in findings {
        let family = finding.analyzerFamily
        guard family == nil || family == ruleSet.family else { continue }
        let verdict = matcher.evaluate(finding)
        guard verdict != .noMatch, let id = finding.id else { continue }
        let isExpected = expected.contains(id)
        let isKept = !isExpected && (finding.status == "ACTIVE" || finding.status == nil)
        XCTAssertFalse(isKept, "rule \(name) matches kept \(id)", file: file, line: line)
        // Public: as the matcher reads it (a record without details cannot say).
        if !options.allowPublic, verdict == .match {
          XCTAssertNotEqual(
            finding.isPublic, true, "\(context): rule \(name) matches public \(id)", file: file,
            line: line)
        }
        if verdict == .match, isExpected { archived.insert(id) }
      }
      XCTAssertEqual(Set(rule.covered), archived, "rule \(name) claims", file: file, line: line)
      matchedExpected.formUnion(archived)
    }
  }
  let uncovered = Set(suggestion.uncovered.map(\.id))
  XCTAssertEqual(
    uncovered, expected.subtracting(matchedExpected),
    "\(context): uncovered is exactly the unmatched",
    file: file, line: line)
  XCTAssertEqual(suggestion.isExact, uncovered.isEmpty, file: file, line: line)
}
