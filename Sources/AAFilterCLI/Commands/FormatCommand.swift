import FilterDSL
import FilterFormats

/// `aafilter format [EXPR | -f FILE | --from-json FILE | -]`
struct FormatCommand: Command {
  static let name = "format"
  static let summary = "print rules in any format as canonical rule text"
  static let about = """
    Prints the canonical text of a rule: keys in byte order, one predicate per operator.
    Comments in rule text are kept, the analyzer directive at the top.
    Reads every rule format: rule text, API JSON (a filter map, an array of maps, the output of
    'aws accessanalyzer get-archive-rule' or 'list-archive-rules'), CloudFormation, Terraform.
    """
  static let operand: String? = "[EXPR | -]"
  static let options: [Option] = OptionGroup.ruleFile + [.fromJSON]

  static func run(_ arguments: Arguments, console: Console) throws {
    let input: RuleInput
    var format = RuleSources.format(arguments)
    if let path = arguments.value(.fromJSON) {
      guard arguments.positionals.isEmpty, arguments.value(.rules) == nil else {
        throw UsageError(message: "--from-json takes the only input")
      }
      input = try RuleInput.file(path, console: console)
      format = .json
    } else {
      input = try RuleInput.load(
        positional: arguments.positionals.first, file: arguments.value(.rules), console: console)
    }
    let document = input.read(format: format, analyzer: arguments.value(.analyzerName))
    let (text, diagnostics) = document.formatted()
    input.report(diagnostics, source: document.source, console: console)
    guard let text, !diagnostics.hasErrors else { throw Reported() }
    console.write(text)
  }
}
