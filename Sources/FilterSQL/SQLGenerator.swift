import FilterDSL

/// Turns filter maps, sorts and archive rules into SQL over a findings table, with exactly the
/// matching semantics of grammar.md.
///
/// ```swift
/// import FilterDSL
/// import FilterSQL
///
/// let filter: FilterCriteriaMap = ["isPublic": Criterion(eq: ["true"])]
/// let sql = try SQLGenerator(dialect: .postgres, layout: .cloudquery)
/// print(try sql.select(filter, sort: SortCriteria(attributeName: "updatedAt"), limit: 50))
/// ```
///
/// Every value is written as a literal escaped for the dialect; a value no engine can hold
/// (NUL) is an error. Every predicate is two-valued: it is `TRUE` or `FALSE`, never `NULL`, so
/// `NOT`, `OR` and `CASE` around it mean what they say.
public struct SQLGenerator: Hashable, Sendable {
  /// The engine the SQL is written for.
  public let dialect: SQLDialect
  /// The table shape the SQL reads.
  public let layout: SQLLayout

  /// A generator for one dialect and layout.
  /// - Throws: `SQLError` (`unsupported-layout`) when the layout does not exist in the dialect.
  public init(dialect: SQLDialect, layout: SQLLayout) throws {
    guard layout.dialects.contains(dialect) else {
      let names = layout.dialects.map(\.rawValue).joined(separator: ", ")
      throw SQLError(
        .unsupportedLayout,
        "the '\(layout.rawValue)' layout exists only in \(names), not in '\(dialect.rawValue)'")
    }
    self.dialect = dialect
    self.layout = layout
  }

  /// The `FROM` clause: the table as `f`; for event streams, the latest event of each finding
  /// that is not deleted.
  var from: String {
    switch layout {
    case .athenaEventBridge:
      let events = layout.tableName
      return """
        FROM (
          SELECT e.detail
          FROM (
            SELECT detail, row_number() OVER (PARTITION BY detail.id ORDER BY time DESC) AS n
            FROM \(events)
            WHERE source = 'aws.access-analyzer' AND detail.id IS NOT NULL
          ) AS e
          WHERE e.n = 1 AND coalesce(e.detail.isDeleted, false) = false
        ) AS f
        """
    default:
      return "FROM \(dialect.identifier(layout.tableName)) AS f"
    }
  }

  /// Just the predicate for `filter`, for embedding in a query of one's own; it reads the
  /// layout's columns through the table alias `f`.
  /// - Throws: `SQLError` (`nul-in-value`) for a key or value holding NUL.
  public func predicate(_ filter: FilterCriteriaMap) throws -> String {
    let tests = try filter.sortedKeys.compactMap { key -> String? in
      guard let criterion = filter[key] else { return nil }
      return try self.criterion(key, criterion)
    }
    return tests.isEmpty ? dialect.alwaysTrue : tests.joined(separator: "\n  AND ")
  }

  /// A query for the findings `filter` matches, ordered as `sort` says (grammar.md: missing
  /// values last in both directions, ties in input order) and cut to `limit` rows.
  /// - Parameters:
  ///   - filter: the filter map the rows must match.
  ///   - sort: the attribute and direction to order by; nil keeps input order.
  ///   - limit: the most rows to return (ListFindings' `maxResults`); nil for all.
  /// - Throws: `SQLError` for NUL in a value or an attribute that cannot be sorted by.
  public func select(_ filter: FilterCriteriaMap, sort: SortCriteria? = nil, limit: Int? = nil)
    throws -> String
  {
    var text = "SELECT \(columns)\n\(from)\nWHERE \(try predicate(filter))\n"
    text += "ORDER BY " + (try order(sort)).joined(separator: ", ")
    if let limit { text += "\nLIMIT \(max(1, limit))" }
    return text
  }

  /// The archive preview: every `ACTIVE` finding some rule matches, with the names of the
  /// rules that match it (in rule order, comma-separated) computed in SQL, one `CASE` per rule.
  /// - Throws: `SQLError` for NUL in a value or a rule name outside the service's name shape.
  public func preview(_ rules: [ArchiveRule]) throws -> String {
    var cases: [String] = []
    for rule in rules {
      guard ArchiveRule.isValidName(rule.ruleName) else {
        throw SQLError(
          .invalidRuleName,
          "the rule name \(SQLError.shown(rule.ruleName)) is not a valid archive rule name")
      }
      let test = try predicate(rule.filter).replacingBytes("\n", with: "\n    ")
      // Names hold no comma (the name shape), so a comma separates them unambiguously.
      cases.append(
        "CASE WHEN \(test)\n    THEN \(try dialect.literal("," + rule.ruleName)) ELSE '' END")
    }
    let names = cases.isEmpty ? "''" : cases.joined(separator: "\n  || ")
    let status = try dialect.literal("ACTIVE")
    return """
      SELECT p.id, substr(p.matched_rules, 2) AS matched_rules
      FROM (
        SELECT \(previewColumns)
        \(names)
        AS matched_rules
      \(from)
      WHERE \(statusColumn) = \(status)
      ) AS p
      WHERE p.matched_rules <> ''
      ORDER BY \(tieBreak("p."))
      """
  }

  /// The columns a query returns: the id first, then the whole finding where the layout
  /// keeps it.
  var columns: String {
    switch layout {
    case .aafilter: "f.\(dialect.identifier("id")), f.\(dialect.identifier("finding"))"
    case .athenaEventBridge: "f.detail.id AS id, f.detail"
    default: "f.\(dialect.identifier("id")) AS id, f.*"
    }
  }

  /// The preview's inner select: the id, and what the outer order needs.
  private var previewColumns: String {
    switch layout {
    case .aafilter: "f.\(dialect.identifier("id")) AS id, f.\(dialect.identifier("seq")) AS seq,"
    case .athenaEventBridge: "f.detail.id AS id,"
    default: "f.\(dialect.identifier("id")) AS id,"
    }
  }

  private var statusColumn: String {
    layout == .athenaEventBridge ? "f.detail.status" : "f.\(dialect.identifier("status"))"
  }

  /// Input order where the table keeps it, else the id.
  private func tieBreak(_ prefix: String) -> String {
    layout == .aafilter ? "\(prefix)seq" : dialect.bytewise("\(prefix)id")
  }
}
