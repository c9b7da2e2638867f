import FilterDSL
import FilterFormats

/// `aafilter check [EXPR | -f FILE | -] [--context ...] [--output ...] [--strict]`
struct CheckCommand: Command {
  static let name = "check"
  static let summary =
    "validate and lint rules: what AWS would reject, and what it silently accepts"
  static let about = """
    Errors: what the API or a deploy would reject, or a rule that cannot mean what it says.
    Warnings: accepted by AWS, almost certainly wrong (unknown keys and values, malformed ids).
    Risks: rules that can hide real exposure (public findings, empty filters, shadowed rules).
    Every check is listed with an example in docs/checks.md.

    Exit status: 0 when there are no errors (with --strict: no warnings or risks either),
    1 otherwise, 2 on usage errors.
    """
  static let operand: String? = "[EXPR | -]"
  static let output = Option.output(["text", "json", "sarif"], default: "text").also("--format")
  static let options: [Option] =
    OptionGroup.ruleFile + [.context, .analyzer, output, .strict, .split, .maxRules]

  static func run(_ arguments: Arguments, console: Console) throws {
    let context = arguments.choice(.context).flatMap(FilterContext.init(rawValue:))
    let format = arguments.choice(output)
    var options = LintOptions(context: context ?? .archiveRule, split: arguments.has(.split))
    options.analyzer = try AnalyzerOption.given(arguments)
    if let quota = arguments.integer(.maxRules) {
      options.limits.maxRules = quota
    }
    let input = try RuleInput.load(
      positional: arguments.positionals.first, file: arguments.value(.rules), console: console)
    let document = input.read(
      format: RuleSources.format(arguments), analyzer: arguments.value(.analyzerName))
    let report = Linter.lint(document, options: options)
    switch format {
    case "json": console.write(report.json(file: input.name).serialized() + "\n")
    case "sarif":
      console.write(
        report.sarif(file: input.name, toolVersion: AAFilter.version).serialized() + "\n")
    default:
      console.write(report.rendered(name: input.name, colored: console.colored))
      AnalyzerOption.note(report.family, console: console)
    }
    let failing =
      report.count(.error) > 0 || (arguments.has(.strict) && !report.diagnostics.isEmpty)
    if failing { throw Reported() }
  }
}
