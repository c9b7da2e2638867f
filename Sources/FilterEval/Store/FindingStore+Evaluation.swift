import FilterDSL

extension FindingStore {
  /// The verdict of `filter` on every row, in order.
  public func evaluate(_ filter: FilterCriteriaMap) -> [Verdict] {
    ranks(FindingMatcher(filter)).verdicts
  }

  /// Per row, the worst verdict of any criterion, as `FindingMatcher.evaluate` combines them,
  /// worked out column by column (`ColumnVerdicts`). Rows the reference decoder read are
  /// evaluated by `FindingMatcher` itself.
  func ranks(_ matcher: FindingMatcher) -> ColumnVerdicts {
    var ranks = ColumnVerdicts(count: count)
    for criterion in matcher.criteria { apply(criterion, to: &ranks) }
    ranks.replace(decoded.lazy.map { ($0.key, matcher.evaluate($0.value)) })
    return ranks
  }

  private func apply(_ criterion: CompiledCriterion, to ranks: inout ColumnVerdicts) {
    let absent = ColumnVerdicts.rank(criterion.whenAbsent)
    // A record without access details (whether it can decide depends on its family), or a
    // column the store did not keep: the definition reads the row itself.
    func byRow(_ row: Int) -> UInt8 { ColumnVerdicts.rank(criterion.verdict(self[row])) }
    func lacksDetails(_ row: Int) -> Bool {
      criterion.needsAccessDetails && !hasAccessDetails[row]
    }
    guard let attribute = criterion.attribute else {
      ranks.merge(byRow: { _ in absent })
      return
    }
    guard holds(attribute) else {
      ranks.merge(byRow: byRow)
      return
    }
    let byRowID = ColumnVerdicts.decidedByRow
    switch attribute {
    case .isPublic:
      ranks.merge(
        criterion, values: 2, id: { lacksDetails($0) ? byRowID : UInt32(isPublic[$0]) },
        present: { ColumnVerdicts.rank($0 == 2 ? criterion.whenTrue : criterion.whenFalse) },
        byRow: byRow)
    case .id, .resource:
      let spans = attribute == .id ? ids : resources
      ranks.merge(byRow: { row in
        bytes(spans[row]) { ColumnVerdicts.rank(criterion.verdict(bytes: $0)) } ?? absent
      })
    case .principal(let key), .condition(let key):
      let isPrincipal = if case .principal = attribute { true } else { false }
      let starts = isPrincipal ? principalStarts : conditionStarts
      let entries = isPrincipal ? principals : conditions
      var key = key
      let keyID = key.withUTF8 { table.existingID($0) }
      ranks.merge(
        criterion, in: table,
        id: { row in
          if lacksDetails(row) { return byRowID }
          guard let keyID else { return 0 }
          return Self.lastEntry(keyID, entries, starts, row) ?? 0
        }, byRow: byRow)
    case .action:
      ranks.merge(
        list: criterion, in: table, elements: actions,
        range: { row in
          hasAccessDetails[row] ? Int(actionStarts[row])..<Int(actionStarts[row + 1]) : nil
        }, byRow: byRow)
    default:
      guard let field = ScalarField(attribute) else {
        // Attributes only the reference decoder reads (its rows are evaluated apart): absent.
        ranks.merge(byRow: { lacksDetails($0) ? byRow($0) : absent })
        return
      }
      ranks.merge(
        criterion, in: table,
        id: { lacksDetails($0) ? byRowID : scalars[$0 * Self.scalarCount + field.rawValue] },
        byRow: byRow)
    }
  }
}
