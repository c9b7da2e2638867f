import FilterDSL

extension FindingStore {
  /// The verdict of `filter` on every row, in order.
  public func evaluate(_ filter: FilterCriteriaMap) -> [Verdict] {
    ranks(FindingMatcher(filter)).map { $0 == 0 ? .match : $0 == 1 ? .undecidable : .noMatch }
  }

  /// Per row: 0 match, 1 undecidable, 2 no match; the worst verdict of any criterion, as
  /// `FindingMatcher.evaluate` combines them.
  ///
  /// Column at a time: each criterion answers once per distinct value (`CompiledCriterion`'s
  /// own `present`, `whenAbsent`, `whenTrue`, `whenFalse`), and rows look the answer up.
  /// Rows the reference decoder read are evaluated by `FindingMatcher` itself.
  func ranks(_ matcher: FindingMatcher) -> [UInt8] {
    var state = [UInt8](repeating: 0, count: count)
    for criterion in matcher.criteria { apply(criterion, to: &state) }
    for (row, finding) in decoded { state[row] = Self.rank(matcher.evaluate(finding)) }
    return state
  }

  static func rank(_ verdict: Verdict) -> UInt8 {
    switch verdict {
    case .match: 0
    case .undecidable: 1
    case .noMatch: 2
    }
  }

  /// Verdict ranks per value id, worked out on first use.
  private struct ValueVerdicts {
    var ranks: [UInt8]
    static let unknown: UInt8 = 0xFF

    init(_ table: ValueTable) {
      ranks = [UInt8](repeating: Self.unknown, count: table.count + 1)
    }

    mutating func rank(
      _ id: UInt32, _ table: ValueTable, _ answer: (String) -> UInt8
    ) -> UInt8 {
      let cached = ranks[Int(id)]
      if cached != Self.unknown { return cached }
      let value = answer(table.value(id))
      ranks[Int(id)] = value
      return value
    }
  }

  private func apply(_ criterion: FindingMatcher.CompiledCriterion, to state: inout [UInt8]) {
    let absent = Self.rank(criterion.whenAbsent)
    let present = { (value: String) in Self.rank(criterion.present(value)) }
    func merge(_ row: Int, _ rank: UInt8) { if rank > state[row] { state[row] = rank } }
    func lacksDetails(_ row: Int) -> Bool {
      criterion.needsAccessDetails && !hasAccessDetails[row]
    }
    switch criterion.accessor {
    case .unknown:
      for row in 0..<count { merge(row, absent) }
    case .isPublic:
      let answers = [absent, Self.rank(criterion.whenFalse), Self.rank(criterion.whenTrue)]
      for row in 0..<count { merge(row, lacksDetails(row) ? 1 : answers[Int(isPublic[row])]) }
    case .id, .resource:
      let spans = criterion.accessor == .id ? ids : resources
      for row in 0..<count where state[row] < 2 {
        merge(row, bytes(spans[row]) { Self.rank(criterion.present($0)) } ?? absent)
      }
    case .principal(let key), .condition(let key):
      let isPrincipal = if case .principal = criterion.accessor { true } else { false }
      let starts = isPrincipal ? principalStarts : conditionStarts
      let entries = isPrincipal ? principals : conditions
      var key = key
      let keyID = key.withUTF8 { table.existingID($0) }
      var verdicts = ValueVerdicts(table)
      for row in 0..<count where state[row] < 2 {
        if lacksDetails(row) {
          merge(row, 1)
          continue
        }
        var value: UInt32?
        if let keyID {
          // The last entry with the key wins, as in a JSON object.
          var index = Int(starts[row + 1])
          while index > Int(starts[row]) {
            index -= 1
            if entries[index].key == keyID {
              value = entries[index].value
              break
            }
          }
        }
        merge(row, value.map { verdicts.rank($0, table, present) } ?? absent)
      }
    case .action:
      applyList(criterion, absent: absent, to: &state)
    default:
      guard let field = ScalarField(criterion.accessor) else { return }
      var verdicts = ValueVerdicts(table)
      for row in 0..<count where state[row] < 2 {
        if lacksDetails(row) {
          merge(row, 1)
          continue
        }
        let id = scalars[row * Self.scalarCount + field.rawValue]
        merge(row, id == 0 ? absent : verdicts.rank(id, table, present))
      }
    }
  }

  /// `action`: element-wise, as `FindingMatcher` reads a list: some element equal to an `eq`
  /// value, none equal to a `neq` value, some containing a `contains` value.
  private func applyList(
    _ criterion: FindingMatcher.CompiledCriterion, absent: UInt8, to state: inout [UInt8]
  ) {
    var eqHits = ValueVerdicts(table)
    var neqHits = ValueVerdicts(table)
    var containsHits = ValueVerdicts(table)
    let eq = criterion.eq
    let neq = criterion.neq
    let contains = criterion.contains
    for row in 0..<count where state[row] < 2 {
      if !hasAccessDetails[row] {
        state[row] = max(state[row], 1)
        continue
      }
      let elements = actions[Int(actionStarts[row])..<Int(actionStarts[row + 1])]
      guard !elements.isEmpty else {
        state[row] = max(state[row], absent)
        continue
      }
      var matches = true
      if let eq {
        matches = elements.contains { eqHits.rank($0, table) { eq.contains($0) ? 1 : 0 } == 1 }
      }
      if matches, let neq {
        matches = !elements.contains { neqHits.rank($0, table) { neq.contains($0) ? 1 : 0 } == 1 }
      }
      if matches, let contains {
        matches = elements.contains { id in
          containsHits.rank(id, table) { value in
            contains.contains { ByteSearch.contains(value, $0) } ? 1 : 0
          } == 1
        }
      }
      if matches, criterion.exists == false { matches = false }
      if !matches { state[row] = 2 }
    }
  }
}
