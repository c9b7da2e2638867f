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
