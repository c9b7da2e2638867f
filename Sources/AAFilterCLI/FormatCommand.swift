import Foundation
import FilterDSL

/// `aafilter format [EXPR | -f FILE | --from-json FILE | -]`
struct FormatCommand: Command {
  static let name = "format"
  static let summary = "print a rule, rule set or filter map JSON as canonical rule text"
  static let usage = "aafilter format [EXPR | -f FILE | --from-json FILE | -]"
  static let help = """
    Prints the canonical text of a rule: keys in byte order, one predicate per operator.
    --from-json accepts a filter map, an array of filter maps, or the output of
    'aws accessanalyzer get-archive-rule' or 'list-archive-rules' ('-' reads standard input).

    Options:
      -f, --file FILE       read the rule from FILE
      --from-json FILE      read filter map JSON instead of rule text
    """
  static let options = OptionSpec(
    names: ["--file": .value, "--from-json": .value], aliases: ["-f": "--file"])

  static func run(_ arguments: Arguments, console: Console) throws {
    if let path = arguments.value("--from-json") {
      guard arguments.positionals.isEmpty, arguments.value("--file") == nil else {
        throw UsageError(message: "--from-json takes the only input")
      }
      let bytes = path == "-" ? console.readInput() : try readFile(path, console: console)
      console.write(
        try formatJSON(bytes, name: path == "-" ? "<stdin>" : path, console: console) + "\n")
      return
    }
    let input = try RuleInput.load(
      positional: arguments.positionals.first, file: arguments.value("--file"), console: console)
    // Formatting is about text, so any valid expression prints; long lists stay whole.
    var options = CompileOptions(split: true)
    options.limits.maxValuesPerOperator = .max
    options.limits.maxFilterMaps = .max
    options.limits.maxRules = .max
    let printer = FilterPrinter()
    switch try input.parse(console: console) {
    case .expression(let expression):
      let (maps, diagnostics) = expression.compile(options: options)
      guard !diagnostics.hasErrors else {
        input.report(diagnostics, console: console)
        throw Reported()
      }
      var text = printer.print(maps)
      if let sort = expression.sort { text += (text.isEmpty ? "" : " ") + printer.print(sort) }
      console.write(text + "\n")
    case .ruleSet(let ruleSet):
      let (rules, diagnostics) = ruleSet.compile(options: options)
      guard !diagnostics.hasErrors else {
        input.report(diagnostics, console: console)
        throw Reported()
      }
      console.write(printer.print(rules) + "\n")
    }
  }

  private static func formatJSON(_ bytes: [UInt8], name: String, console: Console) throws -> String
  {
    do {
      switch try RuleJSON.decode(bytes) {
      case .filterMap(let map, let sort): return FilterPrinter().print(map, sort: sort)
      case .filterMaps(let maps): return FilterPrinter().print(maps)
      case .rules(let rules): return FilterPrinter().print(rules)
      }
    } catch let error as RuleJSONError {
      console.writeErrorLine("error: \(name): \(error.message)")
      throw Reported()
    }
  }
}
