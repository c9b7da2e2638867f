import FilterDSL

/// Why a filter did or did not match one finding: every criterion and operator with its
/// verdict and the finding's actual value.
public struct Explanation: Hashable, Sendable {
  public struct OperatorResult: Hashable, Sendable {
    public var op: ComparisonOperator
    /// The operator's values (`exists` has none).
    public var values: [String]
    public var exists: Bool?
    public var verdict: Verdict
    /// In words: "equals 'AWS::S3::Bucket'", "absent, so no value to equal".
    public var reason: String
  }

  public struct CriterionResult: Hashable, Sendable {
    public var key: String
    public var value: AttributeValue
    public var verdict: Verdict
    public var operators: [OperatorResult]
    /// Why the value is what it is, when the finding's family or shape decides it:
    /// "unused-access findings never carry 'isPublic'".
    public var note: String?
  }

  public var verdict: Verdict
  public var criteria: [CriterionResult]
}

extension FindingMatcher {
  public func explain(_ finding: Finding) -> Explanation {
    let results = criteria.map { criterion -> Explanation.CriterionResult in
      let value = criterion.accessor.value(of: finding)
      let note = Self.familyNote(criterion, value, finding)
      let operators = criterion.operatorVerdicts(value).map { op, verdict in
        Explanation.OperatorResult(
          op: op, values: values(of: criterion.criterion, op),
          exists: op == .exists ? criterion.exists : nil,
          verdict: verdict,
          reason: value == .undecidable && finding.detailsArePartial
            ? "this get-finding-v2 page does not settle it (more details follow its nextToken)"
            : reason(op, verdict, value, criterion.criterion))
      }
      return Explanation.CriterionResult(
        key: criterion.key, value: value, verdict: Verdict.all(operators.map(\.verdict)),
        operators: operators, note: note)
    }
    return Explanation(verdict: Verdict.all(results.map(\.verdict)), criteria: results)
  }

  /// Says when the finding's family, not its data, makes the key absent.
  private static func familyNote(
    _ criterion: CompiledCriterion, _ value: AttributeValue, _ finding: Finding
  ) -> String? {
    guard value == .absent, let family = finding.family,
      !criterion.accessor.carriedBy.contains(family)
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

  private func reason(
    _ op: ComparisonOperator, _ verdict: Verdict, _ value: AttributeValue, _ criterion: Criterion
  ) -> String {
    let elements: [String]
    switch value {
    case .undecidable: return "this record has no access details to decide it"
    case .absent: elements = []
    case .scalar(let element): elements = [element]
    case .list(let list): elements = list
    }
    let quoted = { (text: String) in "'\(text)'" }
    switch op {
    case .eq:
      if elements.isEmpty { return "absent, so it equals nothing" }
      let hit = elements.first { element in
        (criterion.eq ?? []).contains { $0.utf8.elementsEqual(element.utf8) }
      }
      return hit.map { "\(quoted($0)) is one of the values" }
        ?? "no value equals \(elements.map(quoted).joined(separator: ", "))"
    case .neq:
      if elements.isEmpty { return "absent, so it equals none of the values" }
      let hit = elements.first { element in
        (criterion.neq ?? []).contains { $0.utf8.elementsEqual(element.utf8) }
      }
      return hit.map { "\(quoted($0)) is excluded" } ?? "equals none of the values"
    case .contains:
      if elements.isEmpty { return "absent, so it contains nothing" }
      for element in elements {
        if let needle = (criterion.contains ?? []).first(where: { ByteSearch.contains(element, $0) }
        ) {
          return "\(quoted(element)) contains \(quoted(needle))"
        }
      }
      return "no value contains any of them"
    case .exists:
      let present = !elements.isEmpty
      return present ? "present" : "absent"
    }
  }
}
