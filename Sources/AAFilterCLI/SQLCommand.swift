import FilterDSL
import FilterSQL

/// `aafilter sql --dialect D [--layout L] (--filter EXPR | --rules FILE | --rule ...)`
struct SQLCommand: Command {
  static let name = "sql"
  static let summary =
    "write a filter or rule set as SQL for SQLite, PostgreSQL, DuckDB, Trino or Spark"
  static let usage =
    "aafilter sql --dialect sqlite|postgres|duckdb|trino|spark [--layout L] (--filter EXPR [--sort ATTR[:ORDER]] [--max-results N] | --rules FILE | --rule [NAME=]EXPR ...) [--where-only]"
  static let help = """
    For a filter, prints a SELECT of the matching findings in the filter's order, cut to
    --max-results rows. For rules, prints the archive preview: every ACTIVE finding some rule
    matches, with the names of the rules that match it. The semantics are grammar.md's; the
    layouts and their tables are in docs/sql.md.

    Options:
      --dialect D           sqlite, postgres, duckdb, trino or spark
      --layout L            aafilter (default; the table 'aafilter export' writes), cloudquery,
                            steampipe (PostgreSQL) or athena-eventbridge (Trino, Spark)
      --filter EXPR         rule text, or a JSON filter map (detected)
      --sort ATTR[:ORDER]   sort by ATTR, ORDER ASC (default) or DESC; overrides 'order by'
      --max-results N       the most rows to return
      --rules FILE          a rule-set file, or list-archive-rules / get-archive-rule JSON
      --rule [NAME=]EXPR    a rule (repeatable)
      --split               split rules that need 'or' across keys into several rules
      --where-only          print only the predicate (one per rule, named in a comment)
      --rule-format F       auto (default), dsl or json
    """
  static let options = OptionSpec(
    names: [
      "--dialect": .value, "--layout": .value, "--filter": .value, "--sort": .value,
      "--max-results": .value, "--rules": .value, "--rule": .repeated, "--split": .flag,
      "--where-only": .flag, "--rule-format": .value,
    ], maxPositionals: 0)

  static func run(_ arguments: Arguments, console: Console) throws {
    guard let dialectName = arguments.value("--dialect") else {
      throw UsageError(message: "--dialect is required")
    }
    let dialect: SQLDialect = try choice("--dialect", dialectName)
    let layout: SQLLayout = try choice("--layout", arguments.value("--layout") ?? "aafilter")
    let hasRules = arguments.value("--rules") != nil || !arguments.all("--rule").isEmpty
    guard (arguments.value("--filter") != nil) != hasRules else {
      throw UsageError(message: "give either --filter or rules (--rules, --rule), not both")
    }
    do {
      let generator = try SQLGenerator(dialect: dialect, layout: layout)
      if let text = arguments.value("--filter") {
        var (filter, sort) = try RuleSources.filter(
          text, format: try RuleSources.format(arguments), console: console)
        if let text = arguments.value("--sort") { sort = try QueryCommand.parseSort(text) }
        let limit = try arguments.integer("--max-results", range: 1...1_000_000)
        console.write(
          (arguments.has("--where-only")
            ? try generator.predicate(filter)
            : try generator.select(filter, sort: sort, limit: limit)) + ";\n")
        return
      }
      let rules = try RuleSources.rules(arguments, console: console)
      if arguments.has("--where-only") {
        for rule in rules {
          console.write("-- \(rule.ruleName)\n\(try generator.predicate(rule.filter))\n\n")
        }
      } else {
        console.write(try generator.preview(rules) + ";\n")
      }
    } catch let error as SQLError {
      console.writeErrorLine("error: \(error.message)")
      throw Reported()
    }
  }

  private static func choice<T: RawRepresentable & CaseIterable>(_ option: String, _ text: String)
    throws -> T where T.RawValue == String
  {
    guard let value = T.allCases.first(where: { $0.rawValue == text }) else {
      let names = T.allCases.map(\.rawValue)
      let hint = Suggestion.closest(to: text, among: names).map { " (did you mean '\($0)'?)" } ?? ""
      throw UsageError(
        message:
          "option '\(option)' takes one of \(names.joined(separator: ", ")), not '\(text)'\(hint)")
    }
    return value
  }
}
