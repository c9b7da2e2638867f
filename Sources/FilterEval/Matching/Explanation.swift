import FilterDSL

/// Why a filter did or did not match one finding: every criterion and operator with its
/// verdict and the finding's actual value.
public struct Explanation: Hashable, Sendable {
  /// One operator of a criterion (`eq`, `neq`, `contains`, `exists`) and how it fared.
  public struct OperatorResult: Hashable, Sendable {
    /// The operator.
    public var op: ComparisonOperator
    /// The operator's values (`exists` has none).
    public var values: [String]
    /// The operand of `exists` (`false` for `not exists`); `nil` for other operators.
    public var exists: Bool?
    /// The operator's verdict on the finding's value.
    public var verdict: Verdict
    /// In words: "equals 'AWS::S3::Bucket'", "absent, so no value to equal".
    public var reason: String
  }

  /// One criterion (one filter key) and how it fared.
  public struct CriterionResult: Hashable, Sendable {
    /// The filter key.
    public var key: String
    /// The finding's value for the key.
    public var value: AttributeValue
    /// The AND of the operators' verdicts.
    public var verdict: Verdict
    /// Each operator the criterion sets, in the order eq, neq, contains, exists.
    public var operators: [OperatorResult]
    /// Why the value is what it is, when the finding's family decides it:
    /// "unused-access findings never carry 'isPublic'".
    public var note: String?
  }

  /// The filter's verdict: the same as ``FindingMatcher/evaluate(_:)``.
  public var verdict: Verdict
  /// Each criterion, in key byte order.
  public var criteria: [CriterionResult]
}

extension FindingMatcher {
  /// Explains the verdict on one finding, criterion by criterion and operator by operator.
  /// - Parameter record: a ``Finding`` or any other ``FindingRecord``.
  /// - Returns: the explanation; its verdict equals ``evaluate(_:)``'s.
  public func explain(_ record: some FindingRecord) -> Explanation {
    let results = criteria.map { criterion -> Explanation.CriterionResult in
      let value = AttributeValue(criterion.attribute, of: record)
      let operators = criterion.operatorVerdicts(value).map { op, verdict in
        Explanation.OperatorResult(
          op: op, values: values(of: criterion.criterion, op),
          exists: op == .exists ? criterion.criterion.exists : nil,
          verdict: verdict,
          reason: value == .undecidable && record.detailsArePartial
            ? "this get-finding-v2 page does not settle it (more details follow its nextToken)"
            : reason(op, value, criterion))
      }
      return Explanation.CriterionResult(
        key: criterion.key, value: value, verdict: Verdict.all(operators.map(\.verdict)),
        operators: operators, note: Self.familyNote(criterion, value, record))
    }
    return Explanation(verdict: Verdict.all(results.map(\.verdict)), criteria: results)
  }

  /// Says when the record's family, not its data, makes the key absent.
  private static func familyNote(
    _ criterion: CompiledCriterion, _ value: AttributeValue, _ record: some FindingRecord
  ) -> String? {
    guard value == .absent, let family = record.analyzerFamily,
      let attribute = criterion.attribute, !attribute.carriedBy.contains(family)
    else { return nil }
    return "\(family.displayName) findings never carry '\(criterion.key)'"
  }

  private func values(of criterion: Criterion, _ op: ComparisonOperator) -> [String] {
    switch op {
    case .eq: criterion.eq ?? []
    case .neq: criterion.neq ?? []
    case .contains: criterion.contains ?? []
    case .exists: []
    }
  }

  /// Words only: the verdict itself comes from the criterion's definition.
  private func reason(
    _ op: ComparisonOperator, _ value: AttributeValue, _ criterion: CompiledCriterion
  )
    -> String
  {
    let elements: [String]
    switch value {
    case .undecidable: return "this record has no access details to decide it"
    case .absent: elements = []
    case .scalar(let element): elements = [element]
    case .list(let list): elements = list
    }
    let quoted = { (text: String) in "'\(text)'" }
    let hit = elements.first { element in
      var element = element
      return element.withUTF8 { criterion.hit(op, $0) }
    }
    switch op {
    case .eq:
      if elements.isEmpty { return "absent, so it equals nothing" }
      return hit.map { "\(quoted($0)) is one of the values" }
        ?? "no value equals \(elements.map(quoted).joined(separator: ", "))"
    case .neq:
      if elements.isEmpty { return "absent, so it equals none of the values" }
      return hit.map { "\(quoted($0)) is excluded" } ?? "equals none of the values"
    case .contains:
      if elements.isEmpty { return "absent, so it contains nothing" }
      guard let hit else { return "no value contains any of them" }
      let needle = (criterion.criterion.contains ?? []).first { ByteSearch.contains(hit, $0) }
      return "\(quoted(hit)) contains \(quoted(needle ?? ""))"
    case .exists:
      return elements.isEmpty ? "absent" : "present"
    }
  }
}
