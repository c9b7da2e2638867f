import Foundation

// The columns of a `FindingTable`, apart from the generic table so that evaluating them is
// compiled once, whatever the record type.

/// Interned values of one field: `rows[i]` is 0 when absent, `ColumnVerdicts.decidedByRow`
/// when the record cannot say (undecidable), else an id in `values`.
struct InternedColumn: Sendable {
  var rows: [UInt32]
  var values: ValueTable

  /// Merges `criterion`'s verdict on every row; a row that cannot say is undecidable.
  func merge(_ criterion: CompiledCriterion, into ranks: inout ColumnVerdicts) {
    rows.withUnsafeBufferPointer { rows in
      ranks.merge(
        criterion, in: values, id: { rows[$0] },
        byRow: { _ in ColumnVerdicts.rank(.undecidable) })
    }
  }
}

/// A list field: row `i` holds `elements[starts[i]..<starts[i + 1]]`, ids in `values`;
/// `undecidable` rows hold no elements.
struct InternedList: Sendable {
  var starts: [Int]
  var elements: [UInt32]
  var values: ValueTable
  var undecidable: [Bool]

  /// Merges `criterion`'s verdict on every row; a row that cannot say is undecidable.
  func merge(_ criterion: CompiledCriterion, into ranks: inout ColumnVerdicts) {
    ranks.merge(
      list: criterion, in: values, elements: elements,
      range: { row in undecidable[row] ? nil : starts[row]..<starts[row + 1] },
      byRow: { _ in ColumnVerdicts.rank(.undecidable) })
  }
}

/// Columns a table builds on first use (`principal.X`, `condition.X`, `action`), shared by
/// copies of the table and safe to fill from several threads.
final class InternedColumnCache: @unchecked Sendable {
  private let lock = NSLock()
  private var columns: [FindingAttribute: InternedColumn?] = [:]
  private var lists: [FindingAttribute: InternedList] = [:]

  func column(_ attribute: FindingAttribute, _ build: () -> InternedColumn?) -> InternedColumn? {
    memo(&columns, attribute, build)
  }

  func list(_ attribute: FindingAttribute, _ build: () -> InternedList) -> InternedList {
    memo(&lists, attribute, build)
  }

  private func memo<Value>(
    _ table: inout [FindingAttribute: Value], _ attribute: FindingAttribute, _ build: () -> Value
  ) -> Value {
    lock.lock()
    defer { lock.unlock() }
    if let value = table[attribute] { return value }
    let value = build()
    table[attribute] = value
    return value
  }
}
