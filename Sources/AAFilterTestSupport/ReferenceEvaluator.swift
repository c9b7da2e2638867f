import FilterDSL
import FilterEval

// The compiled maps and the matchers are proved against this, so it follows grammar.md's
// matching semantics literally and shares nothing with the compiler or the matchers beyond
// reading an attribute off a record. `scripts/fuzz` compiles this file into the `dsl` target,
// so it uses no other file of this target.

/// Whether `node` matches `record`, by grammar.md's semantics table applied to the tree.
/// Comparison is on UTF-8 bytes (no case folding, no Unicode equivalence); a value the record
/// cannot decide counts as absent, so callers skip verdicts the matchers call undecidable.
package func referenceEvaluate(_ node: ExpressionNode, _ record: some FindingRecord) -> Bool {
  switch node {
  case .and(let operands, _): return operands.allSatisfy { referenceEvaluate($0, record) }
  case .or(let operands, _): return operands.contains { referenceEvaluate($0, record) }
  case .not(let operand, _): return !referenceEvaluate(operand, record)
  case .predicate(let predicate):
    let elements = referenceElements(predicate.key.value, record)
    let values = predicate.values.map { Array($0.value.utf8) }
    let result: Bool
    switch predicate.op {
    case .eq: result = elements.contains { values.contains($0) }
    case .neq: result = !elements.contains { values.contains($0) }
    case .contains:
      result = elements.contains { element in
        values.contains { referenceIsSubstring($0, of: element) }
      }
    case .exists: result = !elements.isEmpty
    }
    return predicate.negated ? !result : result
  }
}

/// The attribute's values as bytes: one for a scalar, the elements of a list, none when absent
/// (an empty list, `null` and an unknown key are absent).
private func referenceElements(_ key: String, _ record: some FindingRecord) -> [[UInt8]] {
  guard let attribute = FindingAttribute(filterKey: key), !attribute.isUndecidable(on: record)
  else { return [] }
  switch record.value(for: attribute) {
  case nil: return []
  case .text(let text): return [Array(text.utf8)]
  case .utf8(let bytes): return [Array(bytes)]
  case .bool(let value): return [Array((value ? "true" : "false").utf8)]
  case .list(let list): return list.map { Array($0.utf8) }
  case .timestamp(let timestamp): return [Array(timestamp.text.utf8)]
  }
}

private func referenceIsSubstring(_ needle: [UInt8], of haystack: [UInt8]) -> Bool {
  guard needle.count <= haystack.count else { return false }
  if needle.isEmpty { return true }
  for start in 0...(haystack.count - needle.count)
  where haystack[start..<(start + needle.count)].elementsEqual(needle) {
    return true
  }
  return false
}
