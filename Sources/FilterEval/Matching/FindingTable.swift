import FilterDSL
import Foundation

/// Findings laid out by column for evaluating filters in bulk (a preview with many rules, a
/// large query).
///
/// Each filterable field is interned: a column holds one small integer per finding, and a
/// criterion is decided once per distinct value, through the same definition the record
/// matcher uses (`CompiledCriterion`) and the same column evaluation as `FindingStore`
/// (`ColumnVerdicts`). Evaluating a criterion is then one table lookup per finding over a
/// compact array, instead of string comparisons over scattered records. A property test
/// checks that results equal `FindingMatcher`'s and `explain`'s.
package struct FindingTable<Record: FindingRecord> {
  package let records: [Record]
  private let scalarColumns: [FindingAttribute: InternedColumn]
  /// Columns built on first use (`principal.X`, `condition.X`, `action`), shared by copies.
  private let cache = InternedColumnCache()

  package init(_ records: [Record]) {
    self.records = records
    let attributes: [FindingAttribute] = [
      .resourceType, .resourceOwnerAccount, .status, .error, .findingType,
      .resourceControlPolicyRestriction, .changeType, .existingFindingId, .existingFindingStatus,
      .isPublic,
    ]
    var columns: [FindingAttribute: InternedColumn] = [:]
    for attribute in attributes { columns[attribute] = Self.column(records, attribute) }
    scalarColumns = columns
  }

  package var count: Int { records.count }

  /// The verdict of `filter` on every finding, in order.
  package func evaluate(_ filter: FilterCriteriaMap) -> [Verdict] {
    // Interned columns go first; the criteria read row by row (lists, per-finding text) go
    // last, so they skip the rows already ruled out. A fixed order also keeps timings steady.
    let criteria = FindingMatcher(filter).criteria
    let ordered =
      criteria.filter { !Self.isRowByRow($0.attribute) }
      + criteria.filter { Self.isRowByRow($0.attribute) }
    var ranks = ColumnVerdicts(count: records.count)
    for compiled in ordered {
      guard let attribute = compiled.attribute else {
        ranks.merge(byRow: { _ in ColumnVerdicts.rank(compiled.whenAbsent) })
        continue
      }
      if attribute == .action {
        cache.list(.action) { Self.listColumn(records, .action) }.merge(compiled, into: &ranks)
      } else if let column = scalarColumns[attribute]
        ?? cache.column(attribute, { Self.column(records, attribute) })
      {
        column.merge(compiled, into: &ranks)
      } else {
        // Per-finding text (ids, ARNs): the record matcher, row by row.
        ranks.merge(byRow: { ColumnVerdicts.rank(Self.verdict(compiled, records[$0])) })
      }
    }
    return ranks.verdicts
  }

  /// Indices of the findings `filter` matches, in order.
  package func matchingRows(_ filter: FilterCriteriaMap) -> [Int] {
    evaluate(filter).enumerated().compactMap { $0.element == .match ? $0.offset : nil }
  }

  @inline(__always)
  private static func verdict(_ criterion: CompiledCriterion, _ record: Record) -> Verdict {
    if let finding = record as? Finding { return criterion.verdict(finding.storage) }
    return criterion.verdict(record)
  }

  /// Keys with no interned column: a list, or text unique to each finding.
  private static func isRowByRow(_ attribute: FindingAttribute?) -> Bool {
    attribute == .action || attribute == .id || attribute == .resource
  }

  private static func listColumn(_ records: [Record], _ attribute: FindingAttribute)
    -> InternedList
  {
    var list = InternedList(starts: [0], elements: [], values: ValueTable(), undecidable: [])
    list.starts.reserveCapacity(records.count + 1)
    for record in records {
      let value = AttributeValue(attribute, of: record)
      list.undecidable.append(value == .undecidable)
      let elements: [String]
      switch value {
      case .list(let all): elements = all
      case .scalar(let one): elements = [one]
      case .absent, .undecidable: elements = []
      }
      for element in elements {
        var element = element
        list.elements.append(element.withUTF8 { list.values.id($0) })
      }
      list.starts.append(list.elements.count)
    }
    return list
  }

  /// Builds the column for a scalar attribute; `nil` for lists and per-finding text.
  private static func column(_ records: [Record], _ attribute: FindingAttribute)
    -> InternedColumn?
  {
    guard !isRowByRow(attribute) else { return nil }
    var column = InternedColumn(
      rows: [UInt32](repeating: 0, count: records.count), values: ValueTable())
    for (row, record) in records.enumerated() {
      switch AttributeValue(attribute, of: record) {
      case .absent: continue
      case .undecidable: column.rows[row] = ColumnVerdicts.decidedByRow
      case .scalar(var text): column.rows[row] = text.withUTF8 { column.values.id($0) }
      case .list:
        // A record answered a list for a single-valued attribute: decide it row by row.
        return nil
      }
    }
    return column
  }
}

extension FindingTable: Sendable where Record: Sendable {}
