import FilterDSL

/// The `aafilter` layout's table, `aafilter_findings`: its DDL and its inserts in each
/// dialect (docs/sql.md lists the columns).
public struct FindingsTable: Hashable, Sendable {
  /// The engine the statements are written for.
  public let dialect: SQLDialect

  /// The table for one dialect.
  public init(dialect: SQLDialect) {
    self.dialect = dialect
  }

  private enum Kind { case text, integer, boolean, map, list }

  private static let timestampColumns = [
    ("createdAt", "created_at"), ("analyzedAt", "analyzed_at"), ("updatedAt", "updated_at"),
  ]

  /// Every column in table order, with its kind.
  private static let columns: [(name: String, kind: Kind)] =
    [("seq", .integer)] + SQLLayout.scalarColumns.map { ($0.column, Kind.text) }
    + [("is_public", .boolean)] + timestampColumns.map { ($0.1, Kind.text) }
    + [
      ("principal", .map), ("condition", .map), ("action", .list),
      ("has_access_details", .boolean), ("analyzer_family", .text), ("finding", .text),
    ]

  private var name: String { dialect.identifier(SQLLayout.aafilter.tableName) }

  /// `CREATE TABLE` for the findings table.
  public func createStatement() -> String {
    let definitions = Self.columns.map { "  \(dialect.identifier($0.name)) \(type($0.kind))" }
    let suffix = dialect == .spark ? " USING parquet" : ""
    return "CREATE TABLE \(name) (\n\(definitions.joined(separator: ",\n"))\n)\(suffix);\n"
  }

  private func type(_ kind: Kind) -> String {
    switch (dialect, kind) {
    case (.sqlite, .text), (.sqlite, .map), (.sqlite, .list): "TEXT"
    case (.sqlite, .integer), (.sqlite, .boolean): "INTEGER"
    case (_, .integer): "BIGINT"
    case (_, .boolean): "BOOLEAN"
    case (.postgres, .text): "text"
    case (.postgres, .map): "jsonb"
    case (.postgres, .list): "text[]"
    case (.duckdb, .text): "VARCHAR"
    case (.duckdb, .map): "MAP(VARCHAR, VARCHAR)"
    case (.duckdb, .list): "VARCHAR[]"
    case (.trino, .text): "varchar"
    case (.trino, .map): "map(varchar, varchar)"
    case (.trino, .list): "array(varchar)"
    case (.spark, .text): "STRING"
    case (.spark, .map): "MAP<STRING, STRING>"
    case (.spark, .list): "ARRAY<STRING>"
    }
  }

  /// `INSERT` statements for `rows`, `batchSize` rows per statement, each ending in `;` and
  /// a newline.
  /// - Throws: `SQLError` (`nul-in-value`) for a value holding NUL, which SQL text cannot hold.
  public func insertStatements(_ rows: [FindingRow], batchSize: Int = 200) throws -> [String] {
    let names = Self.columns.map { dialect.identifier($0.name) }.joined(separator: ", ")
    var statements: [String] = []
    var start = 0
    while start < rows.count {
      let batch = rows[start..<min(rows.count, start + max(1, batchSize))]
      let tuples = try batch.map { "(" + (try values($0)).joined(separator: ", ") + ")" }
      statements.append(
        "INSERT INTO \(name) (\(names)) VALUES\n" + tuples.joined(separator: ",\n") + ";\n")
      start += batch.count
    }
    return statements
  }

  private func values(_ row: FindingRow) throws -> [String] {
    var values = ["\(row.position)"]
    for (key, _) in SQLLayout.scalarColumns { values.append(try text(row.values[key])) }
    values.append(row.isPublic.map(boolean) ?? "NULL")
    for (key, _) in Self.timestampColumns { values.append(try text(row.timestamps[key])) }
    values.append(try map(row.principal))
    values.append(try map(row.condition))
    values.append(try list(row.action))
    values.append(boolean(row.hasAccessDetails))
    values.append(try text(row.analyzerFamily))
    values.append(try text(row.json))
    return values
  }

  private func text(_ value: String?) throws -> String {
    try value.map(dialect.literal) ?? "NULL"
  }

  private func boolean(_ value: Bool) -> String {
    dialect == .sqlite ? (value ? "1" : "0") : (value ? "TRUE" : "FALSE")
  }

  /// A map, its repeated keys resolved to their last value as a JSON object's would be.
  private func map(_ entries: [(key: String, value: String)]?) throws -> String {
    guard let entries else { return "NULL" }
    var unique: [(key: String, value: String)] = []
    for entry in entries {
      if let index = unique.firstIndex(where: { $0.key.utf8.elementsEqual(entry.key.utf8) }) {
        unique[index].value = entry.value
      } else {
        unique.append(entry)
      }
    }
    switch dialect {
    case .sqlite, .postgres:
      let json = JSONValue.object(unique.map { ($0.key, JSONValue.string($0.value)) })
      let literal = try dialect.literal(json.serialized(pretty: false))
      return dialect == .postgres ? "\(literal)::jsonb" : literal
    case .duckdb:
      let pairs = try unique.map {
        "\(try dialect.literal($0.key)): \(try dialect.literal($0.value))"
      }
      return "MAP {" + pairs.joined(separator: ", ") + "}"
    case .trino:
      if unique.isEmpty { return "CAST(MAP() AS map(varchar, varchar))" }
      let keys = try unique.map { try dialect.literal($0.key) }.joined(separator: ", ")
      let values = try unique.map { try dialect.literal($0.value) }.joined(separator: ", ")
      return "MAP(ARRAY[\(keys)], ARRAY[\(values)])"
    case .spark:
      if unique.isEmpty { return "CAST(map() AS MAP<STRING, STRING>)" }
      let pairs = try unique.map {
        "\(try dialect.literal($0.key)), \(try dialect.literal($0.value))"
      }
      return "map(" + pairs.joined(separator: ", ") + ")"
    }
  }

  private func list(_ elements: [String]?) throws -> String {
    guard let elements else { return "NULL" }
    let literals = try elements.map(dialect.literal).joined(separator: ", ")
    switch dialect {
    case .sqlite:
      return try dialect.literal(
        JSONValue.array(elements.map(JSONValue.string)).serialized(pretty: false))
    case .postgres: return elements.isEmpty ? "'{}'::text[]" : "ARRAY[\(literals)]::text[]"
    case .duckdb: return elements.isEmpty ? "[]::VARCHAR[]" : "[\(literals)]"
    case .trino:
      return elements.isEmpty ? "CAST(ARRAY[] AS array(varchar))" : "ARRAY[\(literals)]"
    case .spark:
      return elements.isEmpty ? "CAST(array() AS ARRAY<STRING>)" : "array(\(literals))"
    }
  }
}
