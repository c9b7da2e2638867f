import FilterDSL
import FilterFormats

/// `plan`'s output: a comment naming the analyzer and what changes, then the commands, each
/// created or changed rule preceded by what `apply-archive-rule` would archive now when the
/// findings were given. The comments start with `#`, so the whole text runs as a script.
enum PlanText {
  /// - Parameter counts: per step, the findings that matter most for the family and the
  ///   others; `nil` without findings, and `nil` for a delete.
  static func render(
    _ plan: ArchiveRulePlan, analyzer: String, family: AnalyzerFamily,
    counts: [(first: Int, other: Int)?]?
  ) -> String {
    var text = "# analyzer \(ShellWord.quote(analyzer)): \(plan.summary)\n"
    for (index, step) in plan.steps.enumerated() {
      if let count = counts?[index] {
        let what: String
        switch family {
        case .external: what = "\(count.first) public and \(count.other) other ACTIVE findings"
        case .unused:
          what = "\(count.first) stale credentials and \(count.other) other ACTIVE findings"
        case .internal: what = "\(count.first + count.other) ACTIVE findings"
        }
        text +=
          "# \(FilterPrinter.literal(step.rule.ruleName)): apply-archive-rule would archive \(what) now\n"
      }
      text += step.command + "\n"
    }
    return text
  }
}
