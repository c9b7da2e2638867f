import FilterDSL
import FilterEval

/// `aafilter explain --findings FILE --id ID (--rule EXPR | --rules FILE)`
struct ExplainCommand: Command {
  static let name = "explain"
  static let summary = "show, criterion by criterion, why rules match a finding or not"
  static let about = """
    For each rule (--rule, repeatable, then the rules of --rules): every criterion and
    operator with its verdict and the finding's value. The analyzer family is --analyzer, else
    the rule file's directive, else inferred from the rules, then the findings. When the family
    is stated and the finding's is another, the rules still match as shown, but that analyzer
    never reports the finding, so they never archive it: said under the finding, and as
    "consideredByAnalyzer": false in json.
    """
  static let output = Option.output(["text", "json"], default: "text")
  static let required = [Option.findings.name, Option.id.name]
  static let options: [Option] =
    OptionGroup.findingsInput + [.id, .rule] + OptionGroup.ruleFile
    + [output, .split, .analyzer, .maxRules]

  static func run(_ arguments: Arguments, console: Console) throws {
    guard let path = arguments.value(.findings), let id = arguments.value(.id) else {
      throw UsageError(message: "--findings and --id are required")
    }
    let output = arguments.choice(output)
    let ruleSet = try RuleSources.rules(arguments, console: console)
    let rules = ruleSet.rules
    let stated = try AnalyzerOption.stated(arguments, directive: ruleSet.directive)
    var found: Finding?
    var ids: [String] = []
    let summary = try FindingsInput(arguments, path: path, console: console).read(
      console: console
    ) { finding in
      if found == nil, let findingID = finding.id, findingID.utf8.elementsEqual(id.utf8) {
        found = finding
      }
      if found == nil, ids.count < 10_000, let findingID = finding.id { ids.append(findingID) }
    }
    guard let finding = found else {
      let hint = Suggestion.closest(to: id, among: ids).map { " (did you mean '\($0)'?)" } ?? ""
      console.writeErrorLine("error: no finding with id '\(id)'\(hint)")
      throw Reported()
    }
    let family = try AnalyzerOption.resolve(
      arguments, maps: rules.map(\.filter), findings: summary.families,
      directive: ruleSet.directive, console: console)
    let explanations = rules.map { ($0.ruleName, FindingMatcher($0.filter).explain(finding)) }
    let considered = !finding.isOutside(analyzer: stated)
    if output == "json" {
      let elements = explanations.map { name, explanation -> JSONValue in
        guard case .object(let members) = explanation.json(ruleName: name) else {
          return explanation.json(ruleName: name)
        }
        return .object(members + [("consideredByAnalyzer", .bool(considered))])
      }
      console.write(JSONValue.array(elements).serialized() + "\n")
      return
    }
    console.write(
      ExplanationText.render(
        id: id, finding: finding, explanations: explanations,
        outsideOf: considered ? nil : stated))
    AnalyzerOption.note(family, console: console)
  }

}
