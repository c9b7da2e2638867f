import AAFilterTestSupport
import FilterDSL

/// Linting whole rule files, as `aafilter check` and an editor do on every change: the time
/// for a 200-rule and a 2,000-rule file beside compiling the same file (the work any reader of
/// it does), and the set-level checks beside comparing every pair of rules.
extension Benchmarks {
  /// Rule files of `count` rules shaped like real ones, the same on every run.
  static func ruleFile(_ count: Int) -> String {
    var generator = RuleFileGenerator(seed: 7)
    return generator.text(rules: count)
  }

  func ruleSets() {
    // Past the default quota of 100, so the whole set is checked and compiled as a deploy
    // after a quota increase would be.
    var limits = Limits.default
    limits.maxRules = 10_000
    for count in [200, 2_000] {
      let text = Self.ruleFile(count)
      let lint = Measure.median(runs: options.runs) {
        _ = Linter.lint(text, options: LintOptions(limits: limits))
      }
      let compile = Measure.median(runs: options.runs) {
        _ = FilterCompiler.compile(text, options: CompileOptions(limits: limits))
      }
      report.row(
        "lint a \(count)-rule file (Linter.lint)", ours: milliseconds(lint),
        baseline: "compile it " + milliseconds(compile), ratio: compile / lint)
    }
    // The pairwise comparison, kept as the tests' reference, is quadratic: 200 rules only.
    let text = Self.ruleFile(200)
    guard case .ruleSet(let definitions) = FilterSource.parse(text).0 else { return }
    let compiled = FilterCompiler.compile(text, options: CompileOptions(limits: limits)).rules
    let rules = zip(definitions, compiled).map { ComparedRule(name: $0.name, maps: [$1.filter]) }
    let indexed = Measure.median(runs: options.runs) { _ = RuleComparison.compare(rules) }
    let pairwise = Measure.median(runs: options.runs) {
      _ = PairwiseRuleComparison.compare(rules)
    }
    report.row(
      "shadowed/overlapping rules, 200 rules", ours: milliseconds(indexed),
      baseline: "every pair " + milliseconds(pairwise), ratio: pairwise / indexed)
  }
}

func milliseconds(_ seconds: Double) -> String { String(format: "%.1f ms", seconds * 1e3) }
