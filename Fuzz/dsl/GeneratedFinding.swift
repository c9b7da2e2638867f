import Foundation
@testable import FilterDSL
@testable import FilterEval

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
