import FilterDSL
import FilterEval
import FilterSQL

/// `aafilter export --format sql --dialect D --findings FILE|-`
struct ExportCommand: Command {
  static let name = "export"
  static let summary = "write findings as SQL: the aafilter table's DDL and inserts"
  static let usage =
    "aafilter export --format sql --dialect sqlite|postgres|duckdb|trino|spark --findings FILE|- [--no-create] [--lenient]"
  static let help = """
    Reads findings in any shape 'query' reads and prints CREATE TABLE aafilter_findings and
    INSERT statements for one SQL dialect, so 'aafilter sql --layout aafilter' runs on them.
    Columns and types are in docs/sql.md. Streams: JSON Lines of any length is fine.

    Options:
      --format sql          the output format (only sql)
      --dialect D           sqlite, postgres, duckdb, trino or spark
      --findings FILE       findings JSON or JSON Lines ('-' for standard input)
      --no-create           print only the inserts (to append to an existing table)
      --lenient             skip malformed finding records, reporting them
    """
  static let options = OptionSpec(
    names: [
      "--format": .value, "--dialect": .value, "--findings": .value, "--no-create": .flag,
      "--lenient": .flag,
    ], maxPositionals: 0)

  /// Rows written per batch of INSERT statements, so memory stays bounded on any input.
  private static let rowsPerFlush = 8_192

  static func run(_ arguments: Arguments, console: Console) throws {
    _ = try arguments.choice("--format", ["sql"], default: "sql")
    guard let path = arguments.value("--findings") else {
      throw UsageError(message: "--findings is required")
    }
    let dialectName = try arguments.choice(
      "--dialect", SQLDialect.allCases.map(\.rawValue), default: "")
    guard let dialect = SQLDialect(rawValue: dialectName) else {
      throw UsageError(message: "--dialect is required")
    }
    let table = FindingsTable(dialect: dialect)
    if !arguments.has("--no-create") { console.write(table.createStatement()) }
    var position = 0
    var rows: [FindingRow] = []
    // Inserts go out in batches of the reader's size, so memory stays bounded on any input.
    func flush() throws {
      for statement in try table.insertStatements(rows) { console.write(statement) }
      rows.removeAll(keepingCapacity: true)
    }
    do {
      _ = try FindingsInput(path: path, lenient: arguments.has("--lenient")).read(
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

extension FindingRow {
  /// The row for one finding read by FilterEval.
  init(_ finding: Finding, position: Int) {
    self.init(
      position: position, json: finding.json.text, hasAccessDetails: finding.hasAccessDetails)
    let scalars: [(String, String?)] = [
      ("id", finding.id), ("resource", finding.resource), ("resourceType", finding.resourceType),
      ("resourceOwnerAccount", finding.resourceOwnerAccount), ("status", finding.status),
      ("error", finding.error), ("findingType", finding.findingType),
      ("resourceControlPolicyRestriction", finding.resourceControlPolicyRestriction),
      ("changeType", finding.changeType), ("existingFindingId", finding.existingFindingId),
      ("existingFindingStatus", finding.existingFindingStatus),
      ("accessType", finding.accessType), ("principalType", finding.principalType),
      ("principalOwnerAccount", finding.principalOwnerAccount),
      ("serviceControlPolicyRestriction", finding.serviceControlPolicyRestriction),
    ]
    for case (let key, let value?) in scalars { values[key] = value }
    isPublic = finding.isPublic
    analyzerFamily = finding.analyzerFamily?.rawValue
    let stamps: [(String, Timestamp?)] = [
      ("createdAt", finding.createdAt), ("analyzedAt", finding.analyzedAt),
      ("updatedAt", finding.updatedAt),
    ]
    for case (let key, let stamp?) in stamps { timestamps[key] = Self.sortableText(stamp) }
    principal = finding.principal.map { $0.entries.map { ($0.key, $0.value) } }
    condition = finding.condition.map { $0.entries.map { ($0.key, $0.value) } }
    action = finding.action
  }

  /// UTC with nine fraction digits, so that byte order is instant order for the years 0000
  /// to 9999: `2024-02-15T00:49:27.120000000Z`.
  static func sortableText(_ stamp: Timestamp) -> String {
    let utc = Timestamp(secondsSince1970: stamp.seconds, nanoseconds: stamp.nanoseconds).text
    let parts = utc.dropLast().split(separator: ".", maxSplits: 1)
    let fraction = parts.count > 1 ? String(parts[1]) : ""
    return String(parts[0]) + "." + fraction
      + String(repeating: "0", count: max(0, 9 - fraction.count)) + "Z"
  }
}
