import FilterDSL

/// One criterion compiled for evaluation, and the single definition of what it means.
///
/// Everything that decides a verdict (the record matcher, explain, the columnar table) goes
/// through two functions: ``hit(_:_:)``, which compares one element of a value with one
/// operator's values, and ``verdict(_:present:anyHit:)``, which turns "is the attribute
/// present" and "does some element hit" into the operator's verdict. A criterion's verdict is
/// the three-valued AND of its operators' verdicts (grammar.md, "Matching").
struct CompiledCriterion: Sendable {
  var key: String
  /// `nil` for a key no finding carries: always absent.
  var attribute: FindingAttribute?
  var criterion: Criterion
  /// The operators the criterion sets, in the order eq, neq, contains, exists.
  var operators: [ComparisonOperator]
  var eq: ByteValueSet?
  var neq: ByteValueSet?
  var needles: [[UInt8]]
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
    attribute = FindingAttribute(filterKey: key)
    eq = criterion.eq.map(ByteValueSet.init)
    neq = criterion.neq.map(ByteValueSet.init)
    needles = (criterion.contains ?? []).map { Array($0.utf8) }
    operators = [
      criterion.eq.map { _ in .eq }, criterion.neq.map { _ in .neq },
      criterion.contains.map { _ in .contains }, criterion.exists.map { _ in .exists },
    ].compactMap { $0 }
    needsAccessDetails = attribute?.needsAccessDetails ?? false
    whenAbsent = verdictWhenAbsent()
    whenTrue = verdict(text: "true")
    whenFalse = verdict(text: "false")
  }

  // MARK: The definition

  /// Whether one element of a present value satisfies `op`'s comparison: equals one of the
  /// `eq` values, equals one of the `neq` values, contains one of the `contains` values.
  /// Always true for `exists`. Bytes are compared exactly.
  @inline(__always)
  func hit(_ op: ComparisonOperator, _ element: UnsafeBufferPointer<UInt8>) -> Bool {
    switch op {
    case .eq: return eq?.contains(element) ?? false
    case .neq: return neq?.contains(element) ?? false
    case .contains:
      for needle in needles {
        let found = needle.withUnsafeBufferPointer { ByteSearch.contains(element, $0) }
        if found { return true }
      }
      return false
    case .exists: return true
    }
  }

  /// The verdict of `op` on a decidable value: `eq` and `contains` need a present value with
  /// some element that hits; `neq` fails only when some element hits (so an absent value
  /// passes); `exists` compares presence with the operand.
  @inline(__always)
  func verdict(_ op: ComparisonOperator, present: Bool, anyHit: Bool) -> Verdict {
    switch op {
    case .eq, .contains: return present && anyHit ? .match : .noMatch
    case .neq: return present && anyHit ? .noMatch : .match
    case .exists: return present == (criterion.exists ?? true) ? .match : .noMatch
    }
  }

  // MARK: Verdicts on values, all through the definition

  /// The verdict of `op` on a list value; an empty list is absent.
  func verdict(_ op: ComparisonOperator, list elements: [String]) -> Verdict {
    let anyHit = elements.contains { element in
      var element = element
      return element.withUTF8 { hit(op, $0) }
    }
    return verdict(op, present: !elements.isEmpty, anyHit: anyHit)
  }

  /// The criterion's verdict on a present single value: every operator must match.
  @inline(__always)
  func verdict(bytes: UnsafeBufferPointer<UInt8>) -> Verdict {
    for op in operators where verdict(op, present: true, anyHit: hit(op, bytes)) == .noMatch {
      return .noMatch
    }
    return .match
  }

  func verdict(text: String) -> Verdict {
    var text = text
    return text.withUTF8 { verdict(bytes: $0) }
  }

  /// The criterion's verdict on a list value.
  func verdict(list elements: [String]) -> Verdict {
    if elements.isEmpty { return whenAbsent }
    for op in operators where verdict(op, list: elements) == .noMatch { return .noMatch }
    return .match
  }

  private func verdictWhenAbsent() -> Verdict {
    for op in operators where verdict(op, present: false, anyHit: false) == .noMatch {
      return .noMatch
    }
    return .match
  }

  /// The criterion's verdict on any record, read through ``FindingRecord``.
  func verdict(_ record: some FindingRecord) -> Verdict {
    guard let attribute else { return whenAbsent }
    if needsAccessDetails, !record.hasAccessDetails, attribute.isUndecidable(on: record) {
      return .undecidable
    }
    switch record.value(for: attribute) {
    case nil: return whenAbsent
    case .text(let text)?: return verdict(text: text)
    case .utf8(let bytes)?: return bytes.withUnsafeBufferPointer { verdict(bytes: $0) }
    case .bool(let flag)?: return flag ? whenTrue : whenFalse
    case .list(let elements)?: return verdict(list: elements)
    case .timestamp(let timestamp)?: return verdict(text: timestamp.text)
    }
  }

  /// Each operator with its verdict on `value`, for explain.
  func operatorVerdicts(_ value: AttributeValue) -> [(op: ComparisonOperator, verdict: Verdict)] {
    operators.map { op in
      switch value {
      case .undecidable: (op, .undecidable)
      case .absent: (op, verdict(op, present: false, anyHit: false))
      case .scalar(let element): (op, verdict(op, list: [element]))
      case .list(let elements): (op, verdict(op, list: elements))
      }
    }
  }
}
