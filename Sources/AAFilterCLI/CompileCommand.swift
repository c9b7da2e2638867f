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
    let result = FilterCompiler.compile(input.text, options: options)
    input.report(result.diagnostics, console: console)
    guard !result.hasErrors else { throw Reported() }
    _ = try AnalyzerOption.resolve(arguments, maps: result.maps, console: console)
    console.write(result.json.serialized() + "\n")
    if let sort = result.sort {
      console.writeErrorLine(
        "note: a filter map has no sort; pass it separately: --sort attributeName=\(sort.attributeName),orderBy=\(sort.orderBy.rawValue)"
      )
    }
  }
}
