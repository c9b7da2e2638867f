import FilterDSL
import FilterSQL

/// `aafilter sql --dialect D [--layout L] (--filter EXPR | --rules FILE | --rule ...)`
struct SQLCommand: Command {
  static let name = "sql"
  static let summary =
    "write a filter or rule set as SQL for SQLite, PostgreSQL, DuckDB, Trino or Spark"
  static let about = """
    For a filter (--filter), prints a SELECT of the matching findings in the filter's order,
    cut to --max-results rows. For rules (--rule, repeatable, and --rules, in any rule format),
    prints the archive preview: every ACTIVE finding some rule matches, with the names of the
    rules that match it. The semantics are grammar.md's; the layouts and their tables are in
    docs/sql.md: aafilter (the table 'aafilter export' writes), cloudquery, steampipe
    (PostgreSQL) or athena-eventbridge (Trino, Spark).
    """
  static let required = [Option.dialect.name]
  static let options: [Option] =
    [.dialect, .layout, .filter, .sort, .maxResults, .rule] + OptionGroup.ruleFile
    + [.split, .whereOnly]

  static func run(_ arguments: Arguments, console: Console) throws {
    guard let dialect = arguments.choice(.dialect).flatMap(SQLDialect.init(rawValue:)),
      let layout = arguments.choice(.layout).flatMap(SQLLayout.init(rawValue:))
    else { throw UsageError(message: "--dialect is required") }
    let hasRules = arguments.value(.rules) != nil || !arguments.all(.rule).isEmpty
    guard (arguments.value(.filter) != nil) != hasRules else {
      throw UsageError(message: "give either --filter or rules (--rules, --rule), not both")
    }
    do {
      let generator = try SQLGenerator(dialect: dialect, layout: layout)
      if arguments.value(.filter) != nil {
        var (filter, sort, _) = try RuleSources.filter(arguments, console: console)
        if let text = arguments.value(.sort) { sort = try QueryCommand.parseSort(text) }
        let limit = arguments.integer(.maxResults)
        console.write(
          (arguments.has(.whereOnly)
            ? try generator.predicate(filter)
            : try generator.select(filter, sort: sort, limit: limit)) + ";\n")
        return
      }
      let rules = try RuleSources.rules(arguments, console: console).rules
      if arguments.has(.whereOnly) {
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

}
