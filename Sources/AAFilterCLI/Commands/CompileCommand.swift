import FilterDSL
import FilterFormats

/// `aafilter compile [--split] [EXPR | -f FILE | -]`
struct CompileCommand: Command {
  static let name = "compile"
  static let summary = "compile a rule or rule set to the API's filter map JSON"
  static let about = """
    Prints the filter map JSON the API takes (for a rule set, {"archiveRules": [...]}).
    Reads every rule format: rule text, API JSON, CloudFormation, Terraform (see 'convert').
    With --split, prints a JSON array of filter maps. With --analyzer (or the file's
    '# aafilter: analyzer=FAMILY' directive), a rule naming finding types of another family is
    an error. On any error, prints diagnostics on standard error
    and nothing on standard output.
    """
  static let operand: String? = "[EXPR | -]"
  static let options: [Option] =
    OptionGroup.ruleFile + [.split, .maxMaps, .analyzer]

  static func run(_ arguments: Arguments, console: Console) throws {
    let input = try RuleInput.load(
      positional: arguments.positionals.first, file: arguments.value(.rules), console: console)
    var options = CompileOptions(split: arguments.has(.split))
    if let cap = arguments.integer(.maxMaps) {
      options.limits.maxFilterMaps = cap
      options.limits.maxRules = cap
    }
    let document = input.read(
      format: RuleSources.format(arguments), analyzer: arguments.value(.analyzerName))
    let compiled = try input.compile(document, options: options, console: console)
    try AnalyzerOption.warnIfOverridden(
      arguments, document: document, input: input, console: console)
    let directive = document.analyzerDirective
    switch compiled {
    case .filters(let maps, let sort):
      _ = try AnalyzerOption.resolve(
        arguments, maps: maps, directive: directive, console: console)
      let json: JSONValue =
        options.split || maps.count > 1
        ? .array(maps.map(\.json)) : (maps.first?.json ?? .object([]))
      console.write(json.serialized() + "\n")
      if let sort {
        console.writeError(
          "note: a filter map has no sort; pass it separately: --sort attributeName=\(sort.attributeName),orderBy=\(sort.orderBy.rawValue)\n"
        )
      }
    case .rules(let rules):
      _ = try AnalyzerOption.resolve(
        arguments, maps: rules.map(\.filter), directive: directive, console: console)
      console.write(
        JSONValue.object([("archiveRules", .array(rules.map(\.json)))]).serialized() + "\n")
    }
  }
}
