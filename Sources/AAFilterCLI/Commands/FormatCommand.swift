import FilterDSL
import FilterFormats

/// `aafilter format [EXPR | -f FILE | --from-json FILE | -]`
struct FormatCommand: Command {
  static let name = "format"
  static let summary = "print rules in any format as canonical rule text"
  static let about = """
    Prints the canonical text of a rule: keys in byte order, one predicate per operator.
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
    // Formatting is about text, so any valid expression prints; long lists stay whole.
    var options = CompileOptions(split: true)
    options.limits.maxValuesPerOperator = .max
    options.limits.maxFilterMaps = .max
    options.limits.maxRules = .max
    let document = input.read(format: format, analyzer: arguments.value(.analyzerName))
    let printer = FilterPrinter()
    switch try input.compile(document, options: options, console: console) {
    case .filters(let maps, let sort):
      var text = printer.print(maps)
      if let sort { text += (text.isEmpty ? "" : " ") + printer.print(sort) }
      console.write(text + "\n")
    case .rules(let rules):
      console.write(printer.print(rules) + "\n")
    }
  }
}
