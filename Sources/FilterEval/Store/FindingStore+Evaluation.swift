import FilterDSL

extension FindingStore {
  /// The verdict of `filter` on every row, in order.
  public func evaluate(_ filter: FilterCriteriaMap) -> [Verdict] {
    ranks(FindingMatcher(filter)).map(Self.verdict(rank:))
  }

  /// Per row: 0 match, 1 undecidable, 2 no match; the worst verdict of any criterion, as
  /// `FindingMatcher.evaluate` combines them.
  ///
  /// Column at a time: each criterion answers once per distinct value through the single
  /// definition (`CompiledCriterion.verdict(text:)`, `whenAbsent`, `whenTrue`, `whenFalse`),
  /// and rows look the answer up.
  /// Rows the reference decoder read are evaluated by `FindingMatcher` itself.
  func ranks(_ matcher: FindingMatcher) -> [UInt8] {
    var state = [UInt8](repeating: 0, count: count)
    for criterion in matcher.criteria { apply(criterion, to: &state) }
    for (row, finding) in decoded { state[row] = Self.rank(matcher.evaluate(finding)) }
    return state
  }

  static func verdict(rank: UInt8) -> Verdict {
    rank == 0 ? .match : rank == 1 ? .undecidable : .noMatch
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

  private func apply(_ criterion: CompiledCriterion, to state: inout [UInt8]) {
    let absent = Self.rank(criterion.whenAbsent)
    let present = { (value: String) in Self.rank(criterion.verdict(text: value)) }
    func merge(_ row: Int, _ rank: UInt8) { if rank > state[row] { state[row] = rank } }
    func lacksDetails(_ row: Int) -> Bool {
      criterion.needsAccessDetails && !hasAccessDetails[row]
    }
    // A record without access details (whether it can decide depends on its family), or a
    // column the store did not keep: the definition reads the row itself.
    func byRow(_ row: Int) -> UInt8 { Self.rank(criterion.verdict(self[row])) }
    guard let attribute = criterion.attribute else {
      for row in 0..<count { merge(row, absent) }
      return
    }
    guard holds(attribute) else {
      for row in 0..<count where state[row] < 2 { merge(row, byRow(row)) }
      return
    }
    switch attribute {
    case .isPublic:
      let answers = [absent, Self.rank(criterion.whenFalse), Self.rank(criterion.whenTrue)]
      for row in 0..<count {
        merge(row, lacksDetails(row) ? byRow(row) : answers[Int(isPublic[row])])
      }
    case .id, .resource:
      let spans = attribute == .id ? ids : resources
      for row in 0..<count where state[row] < 2 {
        merge(row, bytes(spans[row]) { Self.rank(criterion.verdict(bytes: $0)) } ?? absent)
      }
    case .principal(let key), .condition(let key):
      let isPrincipal = if case .principal = attribute { true } else { false }
      let starts = isPrincipal ? principalStarts : conditionStarts
      let entries = isPrincipal ? principals : conditions
      var key = key
      let keyID = key.withUTF8 { table.existingID($0) }
      var verdicts = ValueVerdicts(table)
      for row in 0..<count where state[row] < 2 {
        if lacksDetails(row) {
          merge(row, byRow(row))
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
      guard let field = ScalarField(attribute) else {
        // Attributes only the reference decoder reads (its rows are evaluated apart): absent.
        for row in 0..<count { merge(row, lacksDetails(row) ? byRow(row) : absent) }
        return
      }
      var verdicts = ValueVerdicts(table)
      for row in 0..<count where state[row] < 2 {
        if lacksDetails(row) {
          merge(row, byRow(row))
          continue
        }
        let id = scalars[row * Self.scalarCount + field.rawValue]
        merge(row, id == 0 ? absent : verdicts.rank(id, table, present))
      }
    }
  }

  /// `action`, through the single definition: per operator, whether some element hits
  /// (`CompiledCriterion.hit`, answered once per distinct action), then the operator's
  /// verdict (`CompiledCriterion.verdict(_:present:anyHit:)`).
  private func applyList(_ criterion: CompiledCriterion, absent: UInt8, to state: inout [UInt8]) {
    var hits = criterion.operators.map { _ in ValueVerdicts(table) }
    for row in 0..<count where state[row] < 2 {
      if !hasAccessDetails[row] {
        state[row] = max(state[row], Self.rank(criterion.verdict(self[row])))
        continue
      }
      let elements = actions[Int(actionStarts[row])..<Int(actionStarts[row + 1])]
      guard !elements.isEmpty else {
        state[row] = max(state[row], absent)
        continue
      }
      for (index, op) in criterion.operators.enumerated() {
        let anyHit = elements.contains { id in
          hits[index].rank(id, table) { value in
            var value = value
            return value.withUTF8 { criterion.hit(op, $0) } ? 1 : 0
          } == 1
        }
        if criterion.verdict(op, present: true, anyHit: anyHit) == .noMatch {
          state[row] = 2
          break
        }
      }
    }
  }
}
