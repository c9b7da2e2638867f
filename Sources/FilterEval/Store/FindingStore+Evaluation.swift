import FilterDSL

extension FindingStore {
  /// The verdict of `filter` on every row, in order.
  public func evaluate(_ filter: FilterCriteriaMap) -> [Verdict] {
    ranks(FindingMatcher(filter)).verdicts
  }

  /// The verdict of `filter` on the rows `rows`, in order: the same answers as `evaluate`
  /// gives for them. A tool that evaluates a large store piece by piece can hand each
  /// piece's input pages back (`releaseInput`) before the next, so ids and ARNs read from
  /// the input do not keep the whole file resident.
  package func evaluate(_ filter: FilterCriteriaMap, rows: Range<Int>) -> [Verdict] {
    let rows = rows.clamped(to: 0..<count)
    return ranks(FindingMatcher(filter), rows: rows).verdicts
  }

  /// Hands the input pages that hold rows `rows` back to the kernel; they are read again from
  /// the file if a span in them is used later (nothing changes but the cost).
  package func releaseInput(rows: Range<Int>) {
    let rows = rows.clamped(to: 0..<count)
    var lower = Int.max
    var upper = 0
    for row in rows where records[row].start >= 0 && records[row].length >= 0 {
      lower = min(lower, records[row].start)
      upper = max(upper, records[row].start + Int(records[row].length))
    }
    if lower < upper { input.release(lower..<upper) }
  }

  /// Per row, the worst verdict of any criterion, as `FindingMatcher.evaluate` combines them,
  /// worked out column by column (`ColumnVerdicts`). Rows the reference decoder read are
  /// evaluated by `FindingMatcher` itself.
  func ranks(_ matcher: FindingMatcher) -> ColumnVerdicts {
    ranks(matcher, rows: 0..<count)
  }

  /// `ranks` for the rows `rows` only: the verdict at index `i` is row `rows.lowerBound + i`'s.
  private func ranks(_ matcher: FindingMatcher, rows: Range<Int>) -> ColumnVerdicts {
    var ranks = ColumnVerdicts(count: rows.count)
    for criterion in matcher.criteria { apply(criterion, to: &ranks, base: rows.lowerBound) }
    ranks.replace(
      decoded.lazy.filter { rows.contains($0.key) }.map {
        ($0.key - rows.lowerBound, matcher.evaluate($0.value))
      })
    return ranks
  }

  private func apply(_ criterion: CompiledCriterion, to ranks: inout ColumnVerdicts, base: Int) {
    let absent = ColumnVerdicts.rank(criterion.whenAbsent)
    // A record without access details (whether it can decide depends on its family), or a
    // column the store did not keep: the definition reads the row itself.
    // Closures below get the index within the piece; `base` makes it the store's row.
    func byRow(_ index: Int) -> UInt8 {
      ColumnVerdicts.rank(criterion.verdict(self[index + base]))
    }
    func lacksDetails(_ index: Int) -> Bool {
      criterion.needsAccessDetails && !hasAccessDetails[index + base]
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
        criterion, values: 2,
        id: { lacksDetails($0) ? byRowID : UInt32(isPublic[$0 + base]) },
        present: { ColumnVerdicts.rank($0 == 2 ? criterion.whenTrue : criterion.whenFalse) },
        byRow: byRow)
    case .id, .resource:
      let spans = attribute == .id ? ids : resources
      ranks.merge(byRow: { index in
        bytes(spans[index + base]) { ColumnVerdicts.rank(criterion.verdict(bytes: $0)) } ?? absent
      })
    case .principal(let key), .condition(let key):
      let isPrincipal = if case .principal = attribute { true } else { false }
      let starts = isPrincipal ? principalStarts : conditionStarts
      let entries = isPrincipal ? principals : conditions
      var key = key
      let keyID = key.withUTF8 { table.existingID($0) }
      ranks.merge(
        criterion, in: table,
        id: { index in
          if lacksDetails(index) { return byRowID }
          guard let keyID else { return 0 }
          return Self.lastEntry(keyID, entries, starts, index + base) ?? 0
        }, byRow: byRow)
    case .action:
      ranks.merge(
        list: criterion, in: table, elements: actions,
        range: { index in
          let row = index + base
          return hasAccessDetails[row]
            ? Int(actionStarts[row])..<Int(actionStarts[row + 1]) : nil
        }, byRow: byRow)
    default:
      guard let field = ScalarField(attribute) else {
        // Attributes only the reference decoder reads (its rows are evaluated apart): absent.
        ranks.merge(byRow: { lacksDetails($0) ? byRow($0) : absent })
        return
      }
      ranks.merge(
        criterion, in: table,
        id: {
          lacksDetails($0) ? byRowID : scalars[($0 + base) * Self.scalarCount + field.rawValue]
        },
        byRow: byRow)
    }
  }
}
