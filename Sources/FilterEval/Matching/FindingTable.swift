import FilterDSL
import Foundation

/// Findings laid out by column for evaluating filters in bulk (a preview with many rules, a
/// large query).
///
/// Each filterable field is interned: a column holds one small integer per finding, and a
/// criterion is decided once per distinct value, through the same definition the record
/// matcher uses (`CompiledCriterion`). Evaluating a criterion is then one table lookup per
/// finding over a compact array, instead of string comparisons over scattered records. A
/// property test checks that results equal `FindingMatcher`'s and `explain`'s.
package struct FindingTable<Record: FindingRecord> {
  package let records: [Record]
  private let scalarColumns: [FindingAttribute: Column]
  /// Columns built on first use (`principal.X`, `condition.X`, `action`), shared by copies.
  private let cache = ColumnCache()

  /// Interned values of one field: `rows[i]` is 0 when absent, `undecidable` when the record
  /// cannot say, else 1 + an index into `values`.
  struct Column: Sendable {
    var rows: [UInt32]
    var values: [String]
    static var undecidable: UInt32 { .max }
  }

  /// A list field: row `i` holds `elements[starts[i]..<starts[i + 1]]`, value ids as above;
  /// `undecidable` rows hold no elements.
  struct ListColumn: Sendable {
    var starts: [Int]
    var elements: [UInt32]
    var values: [String]
    var undecidable: [Bool]
  }

  final class ColumnCache: @unchecked Sendable {
    private let lock = NSLock()
    private var columns: [FindingAttribute: Column?] = [:]
    private var lists: [FindingAttribute: ListColumn] = [:]

    func column(_ attribute: FindingAttribute, _ build: () -> Column?) -> Column? {
      memo(&columns, attribute, build)
    }

    func list(_ attribute: FindingAttribute, _ build: () -> ListColumn) -> ListColumn {
      memo(&lists, attribute, build)
    }

    private func memo<Value>(
      _ table: inout [FindingAttribute: Value], _ attribute: FindingAttribute,
      _ build: () -> Value
    ) -> Value {
      lock.lock()
      defer { lock.unlock() }
      if let value = table[attribute] { return value }
      let value = build()
      table[attribute] = value
      return value
    }
  }

  package init(_ records: [Record]) {
    self.records = records
    let attributes: [FindingAttribute] = [
      .resourceType, .resourceOwnerAccount, .status, .error, .findingType,
      .resourceControlPolicyRestriction, .changeType, .existingFindingId, .existingFindingStatus,
      .isPublic,
    ]
    var columns: [FindingAttribute: Column] = [:]
    for attribute in attributes { columns[attribute] = Self.column(records, attribute) }
    scalarColumns = columns
  }

  package var count: Int { records.count }

  /// The verdict of `filter` on every finding, in order.
  package func evaluate(_ filter: FilterCriteriaMap) -> [Verdict] {
    // Column at a time, keeping the worst verdict per row: match < undecidable < no match.
    // Interned columns go first; the criteria read row by row (lists, per-finding text) go
    // last, so they skip the rows already ruled out. A fixed order also keeps timings steady.
    let criteria = FindingMatcher(filter).criteria
    let ordered =
      criteria.filter { !Self.isRowByRow($0.attribute) }
      + criteria.filter { Self.isRowByRow($0.attribute) }
    var state = [UInt8](repeating: 0, count: records.count)
    for compiled in ordered {
      guard let attribute = compiled.attribute else {
        let verdict = Self.rank(compiled.whenAbsent)
        for row in state.indices where verdict > state[row] { state[row] = verdict }
        continue
      }
      if attribute == .action {
        let list = cache.list(.action) { Self.listColumn(records, .action) }
        Self.apply(compiled, list, to: &state)
      } else if let column = scalarColumns[attribute]
        ?? cache.column(attribute, { Self.column(records, attribute) })
      {
        let verdicts = Self.verdictTable(compiled, column)
        column.rows.withUnsafeBufferPointer { rows in
          verdicts.withUnsafeBufferPointer { verdicts in
            state.withUnsafeMutableBufferPointer { state in
              for row in rows.indices {
                let id = rows[row]
                let verdict = id == Column.undecidable ? 1 : verdicts[Int(id)]
                if verdict > state[row] { state[row] = verdict }
              }
            }
          }
        }
      } else {
        // Per-finding text (ids, ARNs): the record matcher, row by row.
        for row in records.indices where state[row] < 2 {
          let verdict = Self.rank(Self.verdict(compiled, records[row]))
          if verdict > state[row] { state[row] = verdict }
        }
      }
    }
    return state.map { $0 == 0 ? .match : $0 == 1 ? .undecidable : .noMatch }
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

  private static func rank(_ verdict: Verdict) -> UInt8 {
    switch verdict {
    case .match: 0
    case .undecidable: 1
    case .noMatch: 2
    }
  }

  /// One verdict rank per value id (index 0: absent), each from the criterion's definition.
  private static func verdictTable(_ criterion: CompiledCriterion, _ column: Column) -> [UInt8] {
    [rank(criterion.whenAbsent)] + column.values.map { rank(criterion.verdict(text: $0)) }
  }

  /// A list criterion: the definition's per-element test once per distinct value, then its
  /// per-operator verdict per row from "present" and "some element hits".
  private static func apply(
    _ criterion: CompiledCriterion, _ list: ListColumn, to state: inout [UInt8]
  ) {
    let hits = criterion.operators.map { op in
      list.values.map { value in
        var value = value
        return value.withUTF8 { criterion.hit(op, $0) }
      }
    }
    for row in state.indices where state[row] < 2 {
      if list.undecidable[row] {
        state[row] = max(state[row], 1)
        continue
      }
      let range = list.starts[row]..<list.starts[row + 1]
      for (index, op) in criterion.operators.enumerated() {
        let anyHit = list.elements[range].contains { hits[index][Int($0) - 1] }
        if criterion.verdict(op, present: !range.isEmpty, anyHit: anyHit) == .noMatch {
          state[row] = 2
          break
        }
      }
    }
  }

  private static func listColumn(_ records: [Record], _ attribute: FindingAttribute)
    -> ListColumn
  {
    var ids: [ExactString: UInt32] = [:]
    var list = ListColumn(starts: [0], elements: [], values: [], undecidable: [])
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
        let key = ExactString(element)
        if let id = ids[key] {
          list.elements.append(id)
        } else {
          list.values.append(element)
          let id = UInt32(list.values.count)
          ids[key] = id
          list.elements.append(id)
        }
      }
      list.starts.append(list.elements.count)
    }
    return list
  }

  /// Builds the column for a scalar attribute; `nil` for lists and per-finding text.
  private static func column(_ records: [Record], _ attribute: FindingAttribute) -> Column? {
    guard !isRowByRow(attribute) else { return nil }
    var ids: [ExactString: UInt32] = [:]
    var values: [String] = []
    var rows = [UInt32](repeating: 0, count: records.count)
    for (row, record) in records.enumerated() {
      let value: String
      switch AttributeValue(attribute, of: record) {
      case .absent: continue
      case .undecidable:
        rows[row] = Column.undecidable
        continue
      case .scalar(let text): value = text
      case .list:
        // A record answered a list for a single-valued attribute: decide it row by row.
        return nil
      }
      let key = ExactString(value)
      if let id = ids[key] {
        rows[row] = id
      } else {
        values.append(value)
        let id = UInt32(values.count)
        ids[key] = id
        rows[row] = id
      }
    }
    return Column(rows: rows, values: values)
  }
}

extension FindingTable: Sendable where Record: Sendable {}
