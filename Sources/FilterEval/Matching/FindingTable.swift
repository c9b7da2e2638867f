import FilterDSL
import Foundation

/// Findings laid out by column for evaluating filters in bulk (a preview with many rules, a
/// large query).
///
/// Each filterable field is interned: a column holds one small integer per finding, and a
/// criterion compiles to a verdict per distinct value. Evaluating a criterion is then one table
/// lookup per finding over a compact array, instead of string comparisons over scattered
/// records. Results are exactly those of `FindingMatcher` (a test checks it).
public struct FindingTable: Sendable {
  public let findings: [Finding]
  private let scalarColumns: [AttributeAccessor: Column]
  /// Columns built on first use (`principal.X`, `condition.X`, `action`), shared by copies.
  private let cache = ColumnCache()

  /// Interned values of one field: `rows[i]` is 0 when absent, `undecidable` when the record
  /// cannot say, else 1 + an index into `values`.
  struct Column: Sendable {
    var rows: [UInt32]
    var values: [String]
    static let undecidable = UInt32.max
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
    private var columns: [AttributeAccessor: Column?] = [:]
    private var lists: [AttributeAccessor: ListColumn] = [:]

    func column(_ accessor: AttributeAccessor, _ build: () -> Column?) -> Column? {
      memo(&columns, accessor, build)
    }

    func list(_ accessor: AttributeAccessor, _ build: () -> ListColumn) -> ListColumn {
      memo(&lists, accessor, build)
    }

    private func memo<Value>(
      _ table: inout [AttributeAccessor: Value], _ accessor: AttributeAccessor, _ build: () -> Value
    ) -> Value {
      lock.lock()
      defer { lock.unlock() }
      if let value = table[accessor] { return value }
      let value = build()
      table[accessor] = value
      return value
    }
  }

  public init(_ findings: [Finding]) {
    self.findings = findings
    let accessors: [AttributeAccessor] = [
      .resourceType, .resourceOwnerAccount, .status, .error, .findingType,
      .resourceControlPolicyRestriction, .changeType, .existingFindingId, .existingFindingStatus,
      .isPublic,
    ]
    var columns: [AttributeAccessor: Column] = [:]
    for accessor in accessors { columns[accessor] = Self.column(findings, accessor) }
    scalarColumns = columns
  }

  public var count: Int { findings.count }

  /// The verdict of `filter` on every finding, in order.
  public func evaluate(_ filter: FilterCriteriaMap) -> [Verdict] {
    // Column at a time, keeping the worst verdict per row: match < undecidable < no match.
    // Interned columns go first; the criteria read row by row (lists, per-finding text) go
    // last, so they skip the rows already ruled out. A fixed order also keeps timings steady.
    let criteria = FindingMatcher(filter).criteria
    let ordered =
      criteria.filter { !Self.isRowByRow($0.accessor) }
      + criteria.filter { Self.isRowByRow($0.accessor) }
    var state = [UInt8](repeating: 0, count: findings.count)
    for compiled in ordered {
      if compiled.accessor == .action {
        let list = cache.list(.action) { Self.actionColumn(findings) }
        Self.apply(compiled, list, to: &state)
      } else if let column = scalarColumns[compiled.accessor]
        ?? cache.column(compiled.accessor, { Self.column(findings, compiled.accessor) })
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
        for row in findings.indices where state[row] < 2 {
          let verdict = Self.rank(compiled.verdict(findings[row].storage))
          if verdict > state[row] { state[row] = verdict }
        }
      }
    }
    return state.map { $0 == 0 ? .match : $0 == 1 ? .undecidable : .noMatch }
  }

  /// Indices of the findings `filter` matches, in order.
  public func matchingRows(_ filter: FilterCriteriaMap) -> [Int] {
    evaluate(filter).enumerated().compactMap { $0.element == .match ? $0.offset : nil }
  }

  /// Keys with no interned column: a list, or text unique to each finding.
  private static func isRowByRow(_ accessor: AttributeAccessor) -> Bool {
    accessor == .action || accessor == .id || accessor == .resource
  }

  private static func rank(_ verdict: Verdict) -> UInt8 {
    switch verdict {
    case .match: 0
    case .undecidable: 1
    case .noMatch: 2
    }
  }

  /// One verdict rank per value id (index 0: absent).
  private static func verdictTable(_ criterion: FindingMatcher.CompiledCriterion, _ column: Column)
    -> [UInt8]
  {
    [rank(criterion.whenAbsent)] + column.values.map { rank(criterion.present($0)) }
  }

  /// A list criterion, from per-value answers: does a value equal an `eq` value, a `neq` value,
  /// contain a `contains` value.
  private static func apply(
    _ criterion: FindingMatcher.CompiledCriterion, _ list: ListColumn, to state: inout [UInt8]
  ) {
    let eqHits = list.values.map { value in criterion.eq.map { $0.contains(value) } ?? false }
    let neqHits = list.values.map { value in criterion.neq.map { $0.contains(value) } ?? false }
    let containsHits = list.values.map { value in
      criterion.contains.map { needles in needles.contains { ByteSearch.contains(value, $0) } }
        ?? false
    }
    let absent = rank(criterion.whenAbsent)
    for row in state.indices where state[row] < 2 {
      if list.undecidable[row] {
        state[row] = max(state[row], 1)
        continue
      }
      let range = list.starts[row]..<list.starts[row + 1]
      guard !range.isEmpty else {
        state[row] = max(state[row], absent)
        continue
      }
      var ok = true
      if criterion.eq != nil { ok = list.elements[range].contains { eqHits[Int($0) - 1] } }
      if ok, criterion.neq != nil { ok = !list.elements[range].contains { neqHits[Int($0) - 1] } }
      if ok, criterion.contains != nil {
        ok = list.elements[range].contains { containsHits[Int($0) - 1] }
      }
      if ok, criterion.exists == false { ok = false }
      if !ok { state[row] = 2 }
    }
  }

  private static func actionColumn(_ findings: [Finding]) -> ListColumn {
    var ids: [ExactString: UInt32] = [:]
    var list = ListColumn(starts: [0], elements: [], values: [], undecidable: [])
    list.starts.reserveCapacity(findings.count + 1)
    for finding in findings {
      let storage = finding.storage
      let undecidable =
        !storage.fields.hasAccessDetails && AttributeAccessor.action.isUndecidable(storage)
      list.undecidable.append(undecidable)
      if !undecidable, let actions = storage.fields.action {
        for action in actions {
          let key = ExactString(action)
          if let id = ids[key] {
            list.elements.append(id)
          } else {
            list.values.append(action)
            let id = UInt32(list.values.count)
            ids[key] = id
            list.elements.append(id)
          }
        }
      }
      list.starts.append(list.elements.count)
    }
    return list
  }

  /// Builds the column for a scalar accessor; `nil` for lists and per-finding text.
  private static func column(_ findings: [Finding], _ accessor: AttributeAccessor) -> Column? {
    guard !isRowByRow(accessor) else { return nil }
    var ids: [ExactString: UInt32] = [:]
    var values: [String] = []
    var rows = [UInt32](repeating: 0, count: findings.count)
    for (row, finding) in findings.enumerated() {
      let storage = finding.storage
      if accessor.needsAccessDetails, !storage.fields.hasAccessDetails,
        accessor.isUndecidable(storage)
      {
        rows[row] = Column.undecidable
        continue
      }
      guard let value = accessor.scalar(in: storage) else { continue }
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
