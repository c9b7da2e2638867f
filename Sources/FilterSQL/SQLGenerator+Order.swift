import FilterDSL

extension SQLGenerator {
  /// The `ORDER BY` terms: grammar.md's sort (strings by bytes, timestamps by instant,
  /// `false` before `true`, missing values last both ways), then input order for ties.
  func order(_ sort: SortCriteria?) throws -> [String] {
    var terms: [String] = []
    if let sort {
      guard
        FilterKeyCatalog.sortableAttributes.contains(where: {
          $0.utf8.elementsEqual(sort.attributeName.utf8)
        })
      else {
        let names = FilterKeyCatalog.sortableAttributes.joined(separator: ", ")
        throw SQLError(
          .unknownSortAttribute,
          "cannot sort by \(SQLError.shown(sort.attributeName)); sortable attributes are \(names)")
      }
      if let value = sortValue(sort.attributeName) {
        let direction = sort.orderBy == .ascending ? "ASC" : "DESC"
        terms.append("CASE WHEN \(value) IS NULL THEN 1 ELSE 0 END")
        terms.append("\(value) \(direction)")
      }
    }
    terms.append(
      layout == .aafilter
        ? "f.\(dialect.identifier("seq"))" : dialect.bytewise(idColumn))
    return terms
  }

  private var idColumn: String {
    layout == .athenaEventBridge ? "f.detail.id" : "f.\(dialect.identifier("id"))"
  }

  /// The SQL to order by for a sortable attribute; nil when the layout has no such column.
  private func sortValue(_ attribute: String) -> String? {
    let timestamps = [
      "createdAt": "created_at", "analyzedAt": "analyzed_at", "updatedAt": "updated_at",
    ]
    if let column = timestamps[attribute] {
      switch layout {
      case .aafilter:
        // Canonical UTC text with nine fraction digits: byte order is instant order.
        return dialect.bytewise("f.\(dialect.identifier(column))")
      case .cloudquery, .steampipe:
        return "f.\(dialect.identifier(column))"
      case .athenaEventBridge:
        return dialect == .trino
          ? "try(from_iso8601_timestamp(f.detail.\(attribute)))"
          : "to_timestamp(f.detail.\(attribute))"
      }
    }
    switch layout.source(of: attribute, dialect) {
    case .text(let column): return dialect.bytewise(column)
    case .boolean(let column): return column
    default: return nil
    }
  }
}
