import Foundation
@testable import FilterDSL
@testable import FilterEval

/// grammar.md's semantics table applied to the tree, independently of the compiler.
func evaluate(_ node: ExpressionNode, _ finding: Finding) -> Bool {
  switch node {
  case .and(let operands, _): return operands.allSatisfy { evaluate($0, finding) }
  case .or(let operands, _): return operands.contains { evaluate($0, finding) }
  case .not(let operand, _): return !evaluate(operand, finding)
  case .predicate(let predicate):
    let elements: [[UInt8]]
    switch AttributeValue(FindingAttribute(filterKey: predicate.key.value), of: finding) {
    case .absent, .undecidable: elements = []
    case .scalar(let text): elements = [Array(text.utf8)]
    case .list(let list): elements = list.map { Array($0.utf8) }
    }
    let values = predicate.values.map { Array($0.value.utf8) }
    let result: Bool
    switch predicate.op {
    case .eq: result = elements.contains { values.contains($0) }
    case .neq: result = !elements.contains { values.contains($0) }
    case .contains:
      result = elements.contains { element in values.contains { isSubstring($0, of: element) } }
    case .exists: result = !elements.isEmpty
    }
    return predicate.negated ? !result : result
  }
}

private func isSubstring(_ needle: [UInt8], of haystack: [UInt8]) -> Bool {
  guard needle.count <= haystack.count else { return false }
  if needle.isEmpty { return true }
  for start in 0...(haystack.count - needle.count)
  where haystack[start..<(start + needle.count)].elementsEqual(needle) {
    return true
  }
  return false
}

/// A full finding (access details present) holding, for each key the expression names, one of
/// its values, a near miss of one, or nothing.
func generatedFinding(_ values: [String: [String]], _ random: inout InputSeededGenerator)
  -> Finding?
{
  var object: [String: Any] = ["id": "generated", "isPublic": Bool.random(using: &random)]
  var principal: [String: String] = [:]
  var condition: [String: String] = [:]
  func pick(_ candidates: [String]) -> String {
    guard let value = candidates.randomElement(using: &random) else { return "" }
    switch random.next() % 5 {
    case 0: return value + "x"
    case 1: return String(value.dropFirst())
    case 2: return ""
    default: return value
    }
  }
  for (key, candidates) in values.sorted(by: { $0.key < $1.key }) where random.next() % 4 != 0 {
    switch FindingAttribute(filterKey: key) {
    case .principal(let entry): principal[entry] = pick(candidates)
    case .condition(let entry): condition[entry] = pick(candidates)
    case .action: object["action"] = (0..<(random.next() % 3)).map { _ in pick(candidates) }
    case .isPublic: object["isPublic"] = pick(candidates) == "true"
    case nil, .createdAt, .analyzedAt, .updatedAt: break
    default: object[key] = pick(candidates)
    }
  }
  if !principal.isEmpty { object["principal"] = principal }
  if !condition.isEmpty { object["condition"] = condition }
  guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
  else { return nil }
  return try? FindingsDecoder.decode(Array(data)).findings.first
}
