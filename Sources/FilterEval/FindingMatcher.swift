import FilterDSL

/// A filter map compiled for evaluation: keys resolved to accessors and value lists held as
/// UTF-8, so evaluating a finding parses and splits nothing.
///
/// Implements the matching semantics of grammar.md: a map matches when every criterion does;
/// a criterion when all its operators do; absent attributes fail `eq` and `contains` and
/// pass `neq`; list attributes match element-wise; comparison is byte-exact.
public struct FindingMatcher: Sendable {
  struct CompiledCriterion: Sendable {
    var key: String
    var accessor: AttributeAccessor
    var criterion: Criterion
    var eq: ByteValueSet?
    var neq: ByteValueSet?
    var contains: [String]?
    var exists: Bool?
  }

  public let filter: FilterCriteriaMap
  let criteria: [CompiledCriterion]

  public init(_ filter: FilterCriteriaMap) {
    self.filter = filter
    criteria = filter.sortedKeys.compactMap { key in
      guard let criterion = filter[key] else { return nil }
      return CompiledCriterion(
        key: key, accessor: AttributeAccessor(key: key), criterion: criterion,
        eq: criterion.eq.map(ByteValueSet.init), neq: criterion.neq.map(ByteValueSet.init),
        contains: criterion.contains, exists: criterion.exists)
    }
  }

  /// Whether the finding matches; undecidable records count as not matching.
  public func matches(_ finding: Finding) -> Bool {
    evaluate(finding) == .match
  }

  public func evaluate(_ finding: Finding) -> Verdict {
    var result = Verdict.match
    for criterion in criteria {
      switch criterion.evaluate(criterion.accessor.value(of: finding)) {
      case .noMatch: return .noMatch
      case .undecidable: result = .undecidable
      case .match: break
      }
    }
    return result
  }
}

extension FindingMatcher.CompiledCriterion {
  func evaluate(_ value: AttributeValue) -> Verdict {
    Verdict.all(operatorVerdicts(value).map(\.verdict))
  }

  /// Each set operator with its verdict, in the order eq, neq, contains, exists.
  func operatorVerdicts(_ value: AttributeValue) -> [(op: ComparisonOperator, verdict: Verdict)] {
    var verdicts: [(ComparisonOperator, Verdict)] = []
    if case .undecidable = value {
      if eq != nil { verdicts.append((.eq, .undecidable)) }
      if neq != nil { verdicts.append((.neq, .undecidable)) }
      if contains != nil { verdicts.append((.contains, .undecidable)) }
      if exists != nil { verdicts.append((.exists, .undecidable)) }
      return verdicts
    }
    if let eq { verdicts.append((.eq, anyElement(value) { eq.contains($0) } ? .match : .noMatch)) }
    if let neq { verdicts.append((.neq, anyElement(value) { neq.contains($0) } ? .noMatch : .match)) }
    if let contains {
      let found = anyElement(value) { element in contains.contains { ByteSearch.contains(element, $0) } }
      verdicts.append((.contains, found ? .match : .noMatch))
    }
    if let exists {
      let present: Bool
      switch value {
      case .absent, .undecidable: present = false
      case .scalar: present = true
      case .list(let elements): present = !elements.isEmpty
      }
      verdicts.append((.exists, present == exists ? .match : .noMatch))
    }
    return verdicts
  }

  private func anyElement(_ value: AttributeValue, _ predicate: (String) -> Bool) -> Bool {
    switch value {
    case .absent, .undecidable: false
    case .scalar(let element): predicate(element)
    case .list(let elements): elements.contains(where: predicate)
    }
  }
}

/// A small set of strings tested by UTF-8 bytes (never by canonical equivalence).
struct ByteValueSet: Sendable {
  private let values: Set<ExactString>

  init(_ values: [String]) {
    self.values = Set(values.map(ExactString.init))
  }

  func contains(_ value: String) -> Bool {
    values.contains(ExactString(value))
  }
}
