import FilterDSL

/// `aafilter check [EXPR | -f FILE | --rules FILE | -] [--context ...] [--format ...] [--strict]`
struct CheckCommand: Command {
  static let name = "check"
  static let summary =
    "validate and lint rules: what AWS would reject, and what it silently accepts"
  static let usage =
    "aafilter check [EXPR | -f FILE | --rules FILE | -] [--context archive-rule|list-findings|access-preview] [--analyzer external|internal|unused] [--format human|json|sarif] [--strict]"
  static let help = """
    Errors: what the API or a deploy would reject, or a rule that cannot mean what it says.
    Warnings: accepted by AWS, almost certainly wrong (unknown keys and values, malformed ids).
    Risks: rules that can hide real exposure (public findings, empty filters, shadowed rules).
    Every check is listed with an example in docs/checks.md.

    Exit status: 0 when there are no errors (with --strict: no warnings or risks either),
    1 otherwise, 2 on usage errors.

    Options:
      -f, --file FILE, --rules FILE   rule text or rule JSON from FILE
      --context C      archive-rule (default), list-findings or access-preview
    \(AnalyzerOption.help)
      --format F       human (default), json or sarif
      --strict         fail on warnings and risks too
      --split          check as compiled with --split
      --max-rules N    the archive-rule quota to check against (default 100)
    """
  static let options = OptionSpec(
    names: [
      "--file": .value, "--rules": .value, "--context": .value, "--format": .value,
      "--strict": .flag, "--split": .flag,
      "--max-rules": .value, AnalyzerOption.name: .value,
    ], aliases: ["-f": "--file"])

  static func run(_ arguments: Arguments, console: Console) throws {
    let contextName = try arguments.choice(
      "--context", FilterContext.allCases.map(\.rawValue), default: "archive-rule")
    let format = try arguments.choice("--format", ["human", "json", "sarif"], default: "human")
    var options = LintOptions(
      context: FilterContext(rawValue: contextName) ?? .archiveRule, split: arguments.has("--split")
    )
    options.analyzer = try AnalyzerOption.given(arguments)
    if let quota = try arguments.integer("--max-rules", range: 1...10_000) {
      options.limits.maxRules = quota
    }
    if arguments.value("--file") != nil, arguments.value("--rules") != nil {
      throw UsageError(message: "give either -f or --rules, not both")
    }
    let file = arguments.value("--file") ?? arguments.value("--rules")
    let input = try RuleInput.load(
      positional: arguments.positionals.first, file: file, console: console)
    let bytes = Array(input.text.utf8)
    let report =
      RuleJSON.looksLikeJSON(bytes)
      ? Linter.lint(json: bytes, options: options) : Linter.lint(input.text, options: options)
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
      report.count(.error) > 0 || (arguments.has("--strict") && !report.diagnostics.isEmpty)
    if failing { throw Reported() }
  }
}
