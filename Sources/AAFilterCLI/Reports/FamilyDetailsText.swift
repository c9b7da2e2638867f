import FilterDSL
import FilterEval

/// The lines `explain` shows under a finding of internal or unused access: the family and
/// finding type, and what only those findings carry.
enum FamilyDetailsText {
  static func lines(_ finding: Finding) -> [String] {
    var lines: [String] = []
    // External access is what every user knows; the other families are named.
    if let family = finding.analyzerFamily, family != .external {
      lines.append(
        "\(family.displayName) finding" + (finding.findingType.map { ", type \($0)" } ?? ""))
    }
    if finding.detailsArePartial {
      lines.append("details incomplete: a get-finding-v2 page with a nextToken")
    }
    // Values from findings are data: JSON-quoted, so control characters show escaped.
    func quoted(_ text: String) -> String { JSONValue.string(text).serialized() }
    let internalFields: [(String, String?)] = [
      ("accessType", finding.accessType), ("principalType", finding.principalType),
      ("principalOwnerAccount", finding.principalOwnerAccount),
      ("serviceControlPolicyRestriction", finding.serviceControlPolicyRestriction),
    ]
    for (name, value) in internalFields {
      if let value { lines.append("\(name) = \(quoted(value))") }
    }
    if let unused = finding.unusedDetails {
      lines.append("lastAccessed = \(unused.lastAccessed.map(quoted) ?? "never")")
      if let key = unused.accessKeyId { lines.append("accessKeyId = \(quoted(key))") }
      if let namespace = unused.serviceNamespace {
        lines.append("serviceNamespace = \(quoted(namespace))")
      }
      if !unused.actions.isEmpty {
        lines.append("unused actions = \(unused.actions.map(quoted).joined(separator: ", "))")
      }
    }
    return lines
  }
}
