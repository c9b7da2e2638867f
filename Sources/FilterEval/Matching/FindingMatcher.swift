import FilterDSL

/// A filter map compiled for evaluation: keys resolved to attributes and value lists held as
/// UTF-8, so evaluating a finding parses and splits nothing.
///
/// Implements the matching semantics of grammar.md: a map matches when every criterion does;
/// a criterion when all its operators do; absent attributes fail `eq` and `contains` and
/// pass `neq`; list attributes match element-wise; comparison is byte-exact. The empty map
/// matches every finding.
///
/// ```swift
/// import FilterDSL
/// import FilterEval
///
/// let findings = [Finding(id: "f-1", isPublic: true), Finding(id: "f-2", isPublic: false)]
/// let matcher = FindingMatcher(try FilterCompiler.compile("isPublic eq true").checked().maps[0])
/// let publicOnes = findings.filter(matcher.matches)  // f-1
/// ```
public struct FindingMatcher: Sendable {
  /// The filter this matcher evaluates.
  public let filter: FilterCriteriaMap
  let criteria: [CompiledCriterion]

  /// Compiles `filter` once, for evaluating any number of findings.
  /// - Parameter filter: the filter map, as compiled from rule text or decoded from JSON.
  public init(_ filter: FilterCriteriaMap) {
    self.filter = filter
    criteria = filter.sortedKeys.compactMap { key in
      filter[key].map { CompiledCriterion(key: key, criterion: $0) }
    }
  }

  /// Whether the filter matches; records it cannot decide count as not matching.
  /// - Parameter record: a ``Finding`` or any other ``FindingRecord``.
  /// - Returns: `true` only for a definite match.
  @inline(__always)
  public func matches(_ record: some FindingRecord) -> Bool {
    evaluate(record) == .match
  }

  /// The filter's verdict on one finding: match, no match, or undecidable when the record
  /// lacks the access details a criterion needs.
  /// - Parameter record: a ``Finding`` or any other ``FindingRecord``.
  /// - Returns: the three-valued AND of every criterion's verdict.
  public func evaluate(_ record: some FindingRecord) -> Verdict {
    // A decoded finding is read in place, without building values (same definition).
    if let finding = record as? Finding { return evaluate(finding: finding) }
    var result = Verdict.match
    for criterion in criteria {
      switch criterion.verdict(record) {
      case .noMatch: return .noMatch
      case .undecidable: result = .undecidable
      case .match: break
      }
    }
    return result
  }

  /// Whether the filter matches a decoded finding. The same answer as the generic
  /// `matches(_:)`, without generic dispatch: callers in other modules
  /// reach this specialised path directly.
  /// - Parameter finding: the finding.
  /// - Returns: `true` only for a definite match.
  public func matches(_ finding: Finding) -> Bool {
    evaluate(finding: finding) == .match
  }

  /// The filter's verdict on a decoded finding, read in place: the same answer as the generic
  /// `evaluate(_:)`, without generic dispatch.
  /// - Parameter finding: the finding.
  /// - Returns: the three-valued AND of every criterion's verdict.
  public func evaluate(_ finding: Finding) -> Verdict {
    evaluate(finding: finding)
  }

  @inline(__always)
  func evaluate(finding: Finding) -> Verdict {
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

extension CompiledCriterion {
  /// The hot path for decoded findings: reads fields in place, with no allocation, and
  /// decides through the same definition as every other path.
  @inline(__always)
  func verdict(_ storage: Finding.Storage) -> Verdict {
    guard let attribute else { return whenAbsent }
    if needsAccessDetails, !storage.fields.hasAccessDetails, isUndecidable(storage) {
      return .undecidable
    }
    switch attribute {
    case .id: return text(storage, storage.fields.id)
    case .resource: return text(storage, storage.fields.resource)
    case .isPublic:
      switch storage.fields.isPublic {
      case nil: return whenAbsent
      case true?: return whenTrue
      case false?: return whenFalse
      }
    case .action:
      guard let elements = storage.fields.action else { return whenAbsent }
      return verdict(list: elements)
    default:
      guard let value = storage.scalar(attribute) else { return whenAbsent }
      return verdict(text: value)
    }
  }

  /// Records without complete details are rare: settled out of line, so the hot path stays
  /// small, through the one definition.
  @inline(never)
  private func isUndecidable(_ storage: Finding.Storage) -> Bool {
    attribute?.isUndecidable(on: Finding(storage: storage)) ?? false
  }

  @inline(__always)
  private func text(_ storage: Finding.Storage, _ reference: Finding.TextRef?) -> Verdict {
    guard let reference else { return whenAbsent }
    return storage.withBytes(reference) { verdict(bytes: $0) }
  }
}
