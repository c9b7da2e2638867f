extension PredicateChecks {
  /// Predicates of one conjunction that the others on their key already imply
  /// (`redundant-criterion`), such as `isPublic neq true` beside `isPublic eq false`.
  ///
  /// A predicate is implied when the key's criterion means the same with and without it, in
  /// the sense of ``FilterMeaning``, the comparison `diff` makes, so the two never disagree.
  /// Predicates are taken from the last, and a flagged one no longer counts, so of two equal
  /// predicates only the second is reported. Those `redundancy` already reported are left to it
  /// and count as removed. The work is quadratic in the conditions on one key, so a key with
  /// more than ``maxConditionsPerKey`` of them in one conjunction is not checked.
  func impliedCriteria(
    _ operands: [ExpressionNode], connective: Keyword, negated: Bool,
    alreadyReported: [SourceRange]
  ) -> [Diagnostic] {
    var keys: [ExactString] = []
    var byKey: [ExactString: [Int]] = [:]
    for (index, operand) in operands.enumerated() {
      guard case .predicate(let predicate) = operand else { continue }
      let key = ExactString(predicate.key.value)
      if byKey[key] == nil { keys.append(key) }
      byKey[key, default: []].append(index)
    }
    var diagnostics: [Diagnostic] = []
    for key in keys {
      guard let indices = byKey[key], (2...Self.maxConditionsPerKey).contains(indices.count)
      else { continue }
      let listValued = FilterKeyCatalog.listValuedKeys.contains(key.value)
      func meaning(_ indices: [Int]) -> CriterionMeaning? {
        let predicates = indices.compactMap { index -> Predicate? in
          if case .predicate(let predicate) = operands[index] { return predicate }
          return nil
        }
        return Self.criterion(predicates, negated: negated, listValued: listValued).flatMap {
          CriterionMeaning($0, listValued: listValued)
        }
      }
      var kept = indices
      // From the last: of two equal predicates, the second is the one reported.
      for index in indices.reversed() {
        guard case .predicate(let predicate) = operands[index] else { continue }
        // Reported by 'redundancy': counted as removed, so its twin is not reported too.
        if alreadyReported.contains(where: { predicate.range.contains($0) }) {
          kept.removeAll { $0 == index }
          continue
        }
        let others = kept.filter { $0 != index }
        guard !others.isEmpty, let whole = meaning(kept), whole == meaning(others) else { continue }
        kept = others
        let fix = removal(of: index, in: operands, connective: connective)
        diagnostics.append(
          Diagnostic(
            .warning, .redundantCriterion,
            "this condition on '\(key.value)' is implied by the others on it",
            at: predicate.range, label: "the rule matches the same findings without it",
            help: "remove it", fix: fix.map { .init(range: $0, replacement: "") }))
      }
    }
    return diagnostics
  }

  static let maxConditionsPerKey = 64

  /// The criterion the predicates on one key of a conjunction make together, or `nil` when one
  /// criterion cannot say it (a negated `contains`, two different `contains` lists or list
  /// `eq` lists, `exists` both ways): the compiler reports those.
  private static func criterion(_ predicates: [Predicate], negated: Bool, listValued: Bool)
    -> Criterion?
  {
    var eq: Set<ExactString>?
    var neq: Set<ExactString>?
    var contains: Set<ExactString>?
    var exists: Bool?
    for predicate in predicates {
      let flip = predicate.negated != negated
      let values = Set(predicate.values.map { ExactString($0.value) })
      switch (predicate.op, flip) {
      case (.eq, false), (.neq, true):
        if let current = eq {
          if listValued, current != values { return nil }
          eq = current.intersection(values)
        } else {
          eq = values
        }
      case (.neq, false), (.eq, true):
        neq = (neq ?? []).union(values)
      case (.contains, false):
        if let current = contains, current != values { return nil }
        contains = values
      case (.contains, true):
        return nil
      case (.exists, _):
        if let current = exists, current == flip { return nil }
        exists = !flip
      }
    }
    func list(_ values: Set<ExactString>?) -> [String]? { values.map { $0.map(\.value) } }
    return Criterion(eq: list(eq), neq: list(neq), contains: list(contains), exists: exists)
  }

  /// What to delete to remove operand `index` with the connective that joins it to its
  /// neighbour, when only blanks and that connective stand between them (no comment, no
  /// parenthesis of a neighbouring group).
  private func removal(of index: Int, in operands: [ExpressionNode], connective: Keyword)
    -> SourceRange?
  {
    let range = operands[index].range
    if index > 0, joins(operands[index - 1].range.end, range.start, connective) {
      return SourceRange(start: operands[index - 1].range.end, end: range.end)
    }
    if index + 1 < operands.count, joins(range.end, operands[index + 1].range.start, connective) {
      return SourceRange(start: range.start, end: operands[index + 1].range.start)
    }
    return nil
  }

  private func joins(_ start: Int, _ end: Int, _ connective: Keyword) -> Bool {
    guard 0 <= start, start <= end, end <= source.count else { return false }
    let blanks: Set<UInt8> = [
      UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), UInt8(ascii: "\n"),
    ]
    let gap = source[start..<end].drop { blanks.contains($0) }.reversed().drop {
      blanks.contains($0)
    }
    let word = Array(connective.rawValue.utf8)
    // Keywords are case-insensitive; ASCII letters differ from upper case by 0x20.
    return gap.count == word.count && zip(gap.reversed(), word).allSatisfy { $0 | 0x20 == $1 }
  }
}
