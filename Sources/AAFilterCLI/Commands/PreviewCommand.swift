import FilterDSL
import FilterEval

/// `aafilter preview --findings FILE|- (--rule [NAME=]EXPR ... | --rules FILE) [--output ...]`
struct PreviewCommand: Command {
  static let name = "preview"
  static let summary = "show which findings archive rules would archive, and why"
  static let about = """
    Rules (--rule, repeatable, then the rules of --rules) archive ACTIVE findings they match;
    RESOLVED findings are never archived. The text report speaks the analyzer family's
    language: public findings first for external access; counts per finding type and the stale
    credentials for unused access; resource types and principals for internal access. ids
    lists the ids that would be archived; the family is --analyzer, else the rule file's
    '# aafilter: analyzer=FAMILY' directive, else inferred from the rules, then the findings.
    When the family is stated (--analyzer or the directive), findings of another family are
    never archived, as that family's analyzer never reports them; they are counted apart
    (json: otherFamilyFindings). Findings of unknown family are considered. --max-rules
    raises the quota a rule set is checked against.
    """
  static let output = Option.output(["text", "json", "ids", "table"], default: "text")
  static let required = [Option.findings.name]
  static let options: [Option] =
    OptionGroup.findingsInput + [.rule] + OptionGroup.ruleFile + [
      output, .split, .analyzer, .maxRules,
    ]

  static func run(_ arguments: Arguments, console: Console) throws {
    guard let path = arguments.value(.findings) else {
      throw UsageError(message: "--findings is required")
    }
    let output = arguments.choice(output)
    let ruleSet = try RuleSources.rules(arguments, console: console, emptySet: true)
    let rules = ruleSet.rules
    // The summary and table show a bounded sample, so any input size previews in bounded
    // memory; ids and json list every finding. A stated family scopes the preview before any
    // finding is read; an inferred one only shapes the report.
    var preview = ArchivePreview(
      rules: rules,
      family: try AnalyzerOption.stated(arguments, directive: ruleSet.directive),
      entryLimit: output == "text" || output == "table" ? 1_000 : .max)
    var input = try FindingsInput(arguments, path: path, console: console)
    input.columns = preview.columns
    let summary = try input.readStores(console: console) { preview.add($0) }
    let family = try AnalyzerOption.resolve(
      arguments, maps: rules.map(\.filter), findings: summary.families,
      directive: ruleSet.directive, console: console)
    switch output {
    case "ids":
      console.write(
        preview.entries(.archived).map { DisplayText.escape($0.id ?? "") + "\n" }.joined())
    case "json": console.write(preview.json.serialized() + "\n")
    case "table":
      console.write(PreviewTable.render(preview))
      if let line = PreviewSummary.otherFamilyLine(preview) {
        console.writeErrorLine("note: \(line)")
      }
      AnalyzerOption.note(family, console: console)
    default:
      console.write(PreviewSummary.render(preview, family: family.family))
      AnalyzerOption.note(family, console: console)
    }
  }

}
