import FilterDSL
import FilterEval
import FilterSQL

/// `aafilter export --dialect D --findings FILE|- [--output sql]`
struct ExportCommand: Command {
  static let name = "export"
  static let summary = "write findings as SQL: the aafilter table's DDL and inserts"
  static let about = """
    Reads findings in any shape 'query' reads and prints CREATE TABLE aafilter_findings and
    INSERT statements for one SQL dialect, so 'aafilter sql --layout aafilter' runs on them.
    Columns and types are in docs/sql.md. Streams: JSON Lines of any length is fine.
    """
  static let output = Option.output(["sql"], default: "sql").also("--format")
  static let required = [Option.findings.name, Option.dialect.name]
  static let options: [Option] =
    [output, .dialect, .noCreate] + OptionGroup.findingsInput

  /// Rows written per batch of INSERT statements, so memory stays bounded on any input.
  private static let rowsPerFlush = 8_192

  static func run(_ arguments: Arguments, console: Console) throws {
    guard let path = arguments.value(.findings),
      let dialect = arguments.choice(.dialect).flatMap(SQLDialect.init(rawValue:))
    else { throw UsageError(message: "--findings and --dialect are required") }
    let table = FindingsTable(dialect: dialect)
    if !arguments.has(.noCreate) { console.write(table.createStatement()) }
    var position = 0
    var rows: [FindingRow] = []
    // Inserts go out in batches of the reader's size, so memory stays bounded on any input.
    func flush() throws {
      for statement in try table.insertStatements(rows) { console.write(statement) }
      rows.removeAll(keepingCapacity: true)
    }
    do {
      _ = try FindingsInput(arguments, path: path, console: console).read(
        console: console
      ) { (finding: Finding) in
        rows.append(FindingRow(finding, position: position))
        position += 1
        if rows.count >= Self.rowsPerFlush { try flush() }
      }
      try flush()
    } catch let error as SQLError {
      console.writeErrorLine("error: \(error.message)")
      throw Reported()
    }
  }
}
