extension FindingStore {
  /// The keys of row `row`'s `principal` (or `condition`) map, in input order: which
  /// `principal.X` and `condition.X` filter keys could name it. `FindingRecord` answers one
  /// entry at a time by name, so tools that propose filters ask the store instead.
  /// - Parameters:
  ///   - row: the row, from 0.
  ///   - principal: `true` for the `principal` map, `false` for `condition`.
  /// - Returns: the entry keys; empty when the map is absent.
  package func entryKeys(at row: Int, principal: Bool) -> [String] {
    if let finding = decoded[row] {
      return ((principal ? finding.principal : finding.condition)?.entries ?? []).map(\.key)
    }
    guard holds(principal ? .principal("") : .condition("")) else {
      let finding = finding(at: row)
      return ((principal ? finding.principal : finding.condition)?.entries ?? []).map(\.key)
    }
    let starts = principal ? principalStarts : conditionStarts
    let entries = principal ? principals : conditions
    guard row + 1 < starts.count else { return [] }
    return entries[Int(starts[row])..<Int(starts[row + 1])].map { table.value($0.key) }
  }
}
