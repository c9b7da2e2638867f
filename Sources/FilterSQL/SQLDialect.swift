/// A SQL engine whose syntax and functions the generated text uses.
///
/// Each dialect differs in how a string literal escapes, how identifiers are quoted, how a
/// column is forced to compare bytes, and how lists and maps are read; the semantics are the
/// same in all of them (docs/sql.md).
public enum SQLDialect: String, CaseIterable, Hashable, Sendable {
  /// SQLite 3.38 or later (JSON functions built in).
  case sqlite
  /// PostgreSQL 12 or later, database encoding UTF8.
  case postgres
  /// DuckDB 1.2 or later.
  case duckdb
  /// Trino, and Amazon Athena engine version 3.
  case trino
  /// Spark SQL 3.4 or later.
  case spark

  /// `value` as a string literal that the engine reads back as exactly these bytes.
  ///
  /// Never interpolates raw text: quotes are doubled, and Spark's (and PostgreSQL's `E''`)
  /// backslash escapes are escaped. NUL cannot be held by PostgreSQL text and truncates
  /// strings in others, so it is rejected.
  /// - Throws: `SQLError` with code `nul-in-value` when `value` holds U+0000.
  public func literal(_ value: String) throws -> String {
    if value.utf8.contains(0) {
      throw SQLError(
        .nulInValue,
        "the value \(SQLError.shown(value)) holds a NUL character, which SQL text cannot hold")
    }
    switch self {
    case .spark:
      // Spark reads backslash escapes in every string literal.
      var text = "'"
      for scalar in value.unicodeScalars {
        switch scalar {
        case "\\": text += "\\\\"
        case "'": text += "\\'"
        default: text.unicodeScalars.append(scalar)
        }
      }
      return text + "'"
    case .postgres where value.utf8.contains(UInt8(ascii: "\\")):
      // An E'' literal means the same whatever `standard_conforming_strings` says.
      return "E'" + value.replacingBytes("\\", with: "\\\\").replacingBytes("'", with: "''") + "'"
    default:
      return "'" + value.replacingBytes("'", with: "''") + "'"
    }
  }

  /// `name` as a quoted identifier.
  public func identifier(_ name: String) -> String {
    switch self {
    case .spark: return "`" + name.replacingBytes("`", with: "``") + "`"
    default: return "\"" + name.replacingBytes("\"", with: "\"\"") + "\""
    }
  }

  /// The boolean constants, spelled so every engine accepts them.
  var alwaysTrue: String { "(1 = 1)" }
  var alwaysFalse: String { "(1 = 0)" }

  /// `expression` forced to compare and order by UTF-8 bytes, whatever collation the column
  /// or database declares (SQLite `NOCASE` columns, PostgreSQL ICU or `en_US` collations).
  func bytewise(_ expression: String) -> String {
    switch self {
    case .sqlite: return "\(expression) COLLATE BINARY"
    case .postgres: return "\(expression) COLLATE \"C\""
    case .duckdb: return "(\(expression) COLLATE \"binary\")"
    // Trino and Spark compare strings by their UTF-8 bytes and have no per-query override
    // that both accept.
    case .trino, .spark: return expression
    }
  }

  /// A test that `needle` (a literal) occurs in `haystack`, without `LIKE` and its wildcards.
  func substring(_ haystack: String, _ needle: String) -> String {
    switch self {
    case .sqlite, .spark: return "instr(\(haystack), \(needle)) > 0"
    case .postgres: return "strpos(\(haystack) COLLATE \"C\", \(needle)) > 0"
    case .duckdb, .trino: return "strpos(\(haystack), \(needle)) > 0"
    }
  }
}

extension String {
  /// Replaces every occurrence of one ASCII character, comparing bytes (never graphemes:
  /// `'` followed by a combining mark is still a quote to a SQL lexer).
  func replacingBytes(_ target: Character, with replacement: String) -> String {
    guard let byte = target.asciiValue, utf8.contains(byte) else { return self }
    var bytes: [UInt8] = []
    bytes.reserveCapacity(utf8.count + 8)
    for element in utf8 {
      if element == byte { bytes += replacement.utf8 } else { bytes.append(element) }
    }
    return String(decoding: bytes, as: UTF8.self)
  }
}
