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
    /// Whether the key reads access details, which a list-findings-v2 summary lacks.
    var needsAccessDetails: Bool
    /// The verdict for an absent attribute, and for the two values a boolean can take,
    /// worked out once so most evaluations are a lookup.
    var whenAbsent = Verdict.match
    var whenTrue = Verdict.match
    var whenFalse = Verdict.match

    init(key: String, criterion: Criterion) {
      self.key = key
      self.criterion = criterion
      accessor = AttributeAccessor(key: key)
      eq = criterion.eq.map(ByteValueSet.init)
      neq = criterion.neq.map(ByteValueSet.init)
      needsAccessDetails = accessor.needsAccessDetails
      whenAbsent = Verdict.all(operatorVerdicts(.absent).map(\.verdict))
      whenTrue = present("true")
      whenFalse = present("false")
    }

    var contains: [String]? { criterion.contains }
    var exists: Bool? { criterion.exists }
  }

  public let filter: FilterCriteriaMap
  let criteria: [CompiledCriterion]

  public init(_ filter: FilterCriteriaMap) {
    self.filter = filter
    criteria = filter.sortedKeys.compactMap { key in
      filter[key].map { CompiledCriterion(key: key, criterion: $0) }
    }
  }

  /// Whether the finding matches; undecidable records count as not matching.
  @inline(__always)
  public func matches(_ finding: Finding) -> Bool {
    evaluate(finding) == .match
  }

  public func evaluate(_ finding: Finding) -> Verdict {
    let storage = finding.storage
    // Borrow each criterion in place; iterating by value would retain every list it holds.
    return criteria.withUnsafeBufferPointer { criteria in
      var result = Verdict.match
      for index in criteria.indices {
        switch criteria[index].verdict(storage) {
        case .noMatch: return .noMatch
        case .undecidable: result = .undecidable
        case .match: break
        }
      }
      return result
    }
  }
}

extension FindingMatcher.CompiledCriterion {
  /// The hot path: no allocation, no intermediate values.
  @inline(__always)
  func verdict(_ storage: Finding.Storage) -> Verdict {
    if needsAccessDetails, !storage.fields.hasAccessDetails, accessor.isUndecidable(storage) {
      return .undecidable
    }
    switch accessor {
    case .id: return text(storage, storage.fields.id)
    case .resource: return text(storage, storage.fields.resource)
    case .resourceType: return scalar(storage.fields.resourceType)
    case .resourceOwnerAccount: return scalar(storage.fields.resourceOwnerAccount)
    case .status: return scalar(storage.fields.status)
    case .error: return scalar(storage.fields.rare?.error)
    case .findingType: return scalar(storage.fields.rare?.findingType)
    case .changeType: return scalar(storage.fields.rare?.changeType)
    case .existingFindingId: return scalar(storage.fields.rare?.existingFindingId)
    case .existingFindingStatus: return scalar(storage.fields.rare?.existingFindingStatus)
    case .unknown: return whenAbsent
    case .isPublic:
      switch storage.fields.isPublic {
      case nil: return whenAbsent
      case true?: return whenTrue
      case false?: return whenFalse
      }
    case .resourceControlPolicyRestriction:
      return scalar(storage.fields.rare?.resourceControlPolicyRestriction)
    case .accessType, .principalType, .principalOwnerAccount, .serviceControlPolicyRestriction:
      return scalar(accessor.scalar(in: storage))
    case .principal(let entry):
      return scalar(storage.fields.principal?[entry])
    case .condition(let entry):
      return scalar(storage.fields.condition?[entry])
    case .action:
      guard let elements = storage.fields.action, !elements.isEmpty else { return whenAbsent }
      return list(elements)
    }
  }

  @inline(__always)
  private func text(_ storage: Finding.Storage, _ reference: Finding.TextRef?) -> Verdict {
    guard let reference else { return whenAbsent }
    return storage.withBytes(reference) { present($0) }
  }

  /// `present` on raw bytes, for values kept as spans of the input.
  func present(_ bytes: UnsafeBufferPointer<UInt8>) -> Verdict {
    if let eq, !eq.contains(bytes) { return .noMatch }
    if let neq, neq.contains(bytes) { return .noMatch }
    if let contains,
      !contains.contains(where: { needle in
        var needle = needle
        return needle.withUTF8 { ByteSearch.contains(bytes, $0) }
      })
    {
      return .noMatch
    }
    if exists == false { return .noMatch }
    return .match
  }

  @inline(__always)
  private func scalar(_ value: String?) -> Verdict {
    guard let value else { return whenAbsent }
    return present(value)
  }

  /// The verdict for one present value.
  func present(_ value: String) -> Verdict {
    var value = value
    return value.withUTF8 { present($0) }
  }

  private static func containsAny(_ element: String, _ needles: [String]) -> Bool {
    needles.contains { ByteSearch.contains(element, $0) }
  }

  /// A non-empty list: each operator asks about some element (none, for `neq`).
  private func list(_ elements: [String]) -> Verdict {
    if let eq, !elements.contains(where: eq.contains) { return .noMatch }
    if let neq, elements.contains(where: neq.contains) { return .noMatch }
    if let contains, !elements.contains(where: { element in Self.containsAny(element, contains) }) {
      return .noMatch
    }
    if exists == false { return .noMatch }
    return .match
  }
}

extension FindingMatcher.CompiledCriterion {
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
    if let neq {
      verdicts.append((.neq, anyElement(value) { neq.contains($0) } ? .noMatch : .match))
    }
    if let contains {
      let found = anyElement(value) { element in
        contains.contains { ByteSearch.contains(element, $0) }
      }
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
