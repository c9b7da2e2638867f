import FilterDSL

/// `aafilter compile [--split] [EXPR | -f FILE | -]`
struct CompileCommand: Command {
  static let name = "compile"
  static let summary = "compile a rule or rule set to the API's filter map JSON"
  static let usage =
    "aafilter compile [--split] [--max-maps N] [--analyzer external|internal|unused] [EXPR | -f FILE | -]"
  static let help = """
    Prints the filter map JSON the API takes (for a rule-set file, {"archiveRules": [...]}).
    On any error, prints diagnostics on standard error and nothing on standard output.

    Options:
      -f, --file FILE   read the rule from FILE ('-' as EXPR reads standard input)
      --split           split 'or' across keys into several filter maps (a JSON array)
      --max-maps N      the most filter maps or rules to produce (default 100)
      --analyzer A      the analyzer family (external, internal, unused, or an API type);
                        a rule naming finding types of another family is an error
    """
  static let options = OptionSpec(
    names: [
      "--file": .value, "--split": .flag, "--max-maps": .value, AnalyzerOption.name: .value,
    ], aliases: ["-f": "--file"])

  static func run(_ arguments: Arguments, console: Console) throws {
    let input = try RuleInput.load(
      positional: arguments.positionals.first, file: arguments.value("--file"), console: console)
    var options = CompileOptions(split: arguments.has("--split"))
    if let cap = try arguments.integer("--max-maps", range: 1...10_000) {
      options.limits.maxFilterMaps = cap
      options.limits.maxRules = cap
    }
    switch try input.parse(console: console) {
    case .expression(let expression):
      let (maps, diagnostics) = expression.compile(options: options)
      guard !diagnostics.hasErrors else {
        input.report(diagnostics, console: console)
        throw Reported()
      }
      input.report(diagnostics, console: console)
      _ = try AnalyzerOption.resolve(arguments, maps: maps, console: console)
      let json: JSONValue =
        options.split ? .array(maps.map(\.json)) : (maps.first?.json ?? .object([]))
      console.write(json.serialized() + "\n")
      if let sort = expression.sort {
        console.writeError(
          "note: a filter map has no sort; pass it separately: --sort attributeName=\(sort.attributeName),orderBy=\(sort.orderBy.rawValue)\n"
        )
      }
    case .ruleSet(let ruleSet):
      let (rules, diagnostics) = ruleSet.compile(options: options)
      guard !diagnostics.hasErrors else {
        input.report(diagnostics, console: console)
        throw Reported()
      }
      input.report(diagnostics, console: console)
      _ = try AnalyzerOption.resolve(arguments, maps: rules.map(\.filter), console: console)
      console.write(
        JSONValue.object([("archiveRules", .array(rules.map(\.json)))]).serialized() + "\n")
    }
  }
}
