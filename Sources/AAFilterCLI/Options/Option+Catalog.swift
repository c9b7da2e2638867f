import FilterDSL
import FilterFormats
import FilterSQL

/// Every option of the tool, each declared once. A command's list is made of these (and of
/// the groups below), so a name means the same thing in every command that takes it.
extension Option {
  // MARK: Rules in

  static let rules = Option(
    name: "--rules", aliases: ["-f", "--file"], value: .text("FILE"),
    help: "rules from FILE in any format ('-' reads standard input)")
  static let rule = Option(
    name: "--rule", value: .text("[NAME=]EXPR"), repeated: true,
    help: "a rule given inline, rule text or JSON (repeatable)")
  static let from = Option(
    name: "--from", aliases: ["--rule-format"],
    value: .choice("FORMAT", ["auto"] + RuleFormat.allCases.map(\.rawValue)),
    defaultValue: "auto", help: "the format of the rules read")
  static let analyzerName = Option(
    name: "--analyzer-name", value: .text("NAME"),
    help:
      "the analyzer's name: picks one in a source with several; convert, plan and suggest write it")
  static let split = Option(
    name: "--split", value: .flag,
    help: "split 'or' across keys into several filter maps or rules")
  /// `format`'s old way to read API JSON: `--from json -f FILE`.
  static let fromJSON = Option(
    name: "--from-json", value: .text("FILE"),
    help: "read FILE as API JSON: the same as '--from json -f FILE'")

  // MARK: Findings in

  static let findings = Option(
    name: "--findings", value: .text("FILE"),
    help: "findings JSON or JSON Lines ('-' reads standard input)")
  static let lenient = Option(
    name: "--lenient", value: .flag, help: "skip malformed finding records, reporting them")
  static let threads = Option(
    name: "--threads", value: .integer("N", 1...256),
    help: "decode with N threads (default: one per core)")
  static let progress = Option(
    name: "--progress", value: .flag,
    help: "show progress on standard error even when it is not a terminal")
  static let quiet = Option(
    name: "--quiet", value: .flag, help: "show no progress")

  // MARK: Rule checks and compilation

  static let analyzer = Option(
    name: AnalyzerOption.name, value: .text("FAMILY"),
    help: "the analyzer family: external, internal, unused or an API type such as "
      + "ACCOUNT_UNUSED_ACCESS; inferred when absent")
  static let maxMaps = Option(
    name: "--max-maps", value: .integer("N", 1...10_000),
    help: "the most filter maps or rules to produce (default 100)")
  static let maxRules = Option(
    name: "--max-rules", value: .integer("N", 1...10_000),
    help: "the archive-rule quota to check against (default 100)")
  static let context = Option(
    name: "--context", value: .choice("CONTEXT", FilterContext.allCases.map(\.rawValue)),
    defaultValue: FilterContext.archiveRule.rawValue, help: "where the filter is used")
  static let strict = Option(
    name: "--strict", value: .flag, help: "fail on warnings and risks too")

  // MARK: Queries

  static let filter = Option(
    name: "--filter", value: .text("EXPR"), help: "rule text, or a JSON filter map (detected)")
  static let sort = Option(
    name: "--sort", value: .text("ATTR[:ORDER]"),
    help: "sort by ATTR, ORDER ASC (default) or DESC; overrides 'order by'")
  static let maxResults = Option(
    name: "--max-results", value: .integer("N", 1...1_000_000), help: "the most results to return")
  static let nextToken = Option(
    name: "--next-token", value: .text("TOKEN"), help: "the page after the one that returned TOKEN")
  static let id = Option(name: "--id", value: .text("ID"), help: "the finding to explain")

  // MARK: Rule sets

  static let deployed = Option(
    name: "--deployed", value: .text("FILE"),
    help: "the deployed rules in any format (list-archive-rules output, a template, state)")
  static let deployedFrom = Option(
    name: "--deployed-from", aliases: ["--deployed-format"],
    value: .choice("FORMAT", ["auto"] + RuleFormat.allCases.map(\.rawValue)),
    defaultValue: "auto", help: "the format of the deployed rules")

  // MARK: Conversion

  static let analyzerType = Option(
    name: "--analyzer-type", value: .text("TYPE"),
    help: "the CloudFormation analyzer Type (default: the source's or the family's, else ACCOUNT)")
  static let ruleName = Option(
    name: "--rule-name", value: .text("NAME"),
    help: "the name of an unnamed filter (default Rule1)")

  // MARK: Suggestions

  static let expected = Option(
    name: "--expected", value: .text("IDS_FILE"),
    help: "the ids of the findings to archive, one a line, '#' comments ('-' reads standard input)")
  static let fromStatus = Option(
    name: "--from-status", value: .choice("STATUS", ["ARCHIVED"]),
    valueAliases: [("archived", "ARCHIVED")],
    help: "expect the findings with this status: learn from what was archived by hand")
  static let namePrefix = Option(
    name: "--name-prefix", value: .text("PREFIX"),
    help: "the start of each suggested rule's name (default suggested)")
  static let allowPublic = Option(
    name: "--allow-public", value: .flag, help: "let suggested rules archive public findings")
  static let explainSearch = Option(
    name: "--explain", value: .flag, help: "add the search to the report")

  // MARK: SQL

  static let dialect = Option(
    name: "--dialect", value: .choice("DIALECT", SQLDialect.allCases.map(\.rawValue)),
    help: "the SQL dialect")
  static let layout = Option(
    name: "--layout", value: .choice("LAYOUT", SQLLayout.allCases.map(\.rawValue)),
    defaultValue: SQLLayout.aafilter.rawValue,
    help: "the findings table's layout (see docs/sql.md)")
  static let whereOnly = Option(
    name: "--where-only", value: .flag,
    help: "print only the predicate (one per rule, named in a comment)")
  static let noCreate = Option(
    name: "--no-create", value: .flag,
    help: "print only the inserts (to append to an existing table)")

  // MARK: Language server

  /// Clients start servers with `--stdio`; standard input and output are the only transport.
  static let stdio = Option(
    name: "--stdio", value: .flag,
    help: "talk on standard input and output (the only transport; accepted for clients)")

  // MARK: Output

  /// `--output`: the output shapes a command writes. The form for people is `text` in every
  /// command, its older names stay accepted, and where a table is that form (`query`), `text`
  /// names the table.
  static func output(_ shapes: [String], default fallback: String?) -> Option {
    let people = ["text", "human", "summary"]
    let aliases: [(String, String)] =
      if shapes.contains("text") {
        people.dropFirst().map { ($0, "text") }
      } else if shapes.contains("table") {
        people.map { ($0, "table") }
      } else {
        []
      }
    return Option(
      name: "--output", value: .choice("FORMAT", shapes), valueAliases: aliases,
      defaultValue: fallback, help: "the output's shape")
  }
}

/// Options that travel together.
enum OptionGroup {
  /// Rules from a file in any format: every command that reads rules.
  static let ruleFile: [Option] = [.rules, .from, .analyzerName]
  /// Findings from a file or standard input, read in bulk.
  static let findingsInput: [Option] = [.findings, .lenient, .threads, .progress, .quiet]
}
