import FilterDSL
import FilterEval

/// The first sections of a preview summary for internal and unused access analyzers, whose
/// findings are never public: what matters there is which kinds of finding and which
/// credentials or principals would be silenced. Types, ids and principals come from findings:
/// shown through `DisplayText.escape`.
enum FamilyPreviewSections {
  /// Per finding type, then the unused access keys and passwords that would be archived.
  static func unused(_ tally: FamilyTally, ruleNames: [String]) -> [String] {
    var lines = ["", "Per finding type (active findings that would be archived):"]
    lines += counts(tally.archivedByFindingType)
    lines.append("")
    let count = tally.staleCredentialCount
    if count == 0 {
      lines.append("Stale credentials that would be archived: none")
      return lines
    }
    lines.append(
      "WARNING: \(count) STALE CREDENTIAL\(count == 1 ? "" : "S") (unused access keys and passwords) would be archived:"
    )
    for credential in tally.staleCredentials {
      let key = credential.accessKeyId.map { "  key \($0)" } ?? ""
      let last =
        credential.detailsKnown ? "  last used \(credential.lastAccessed ?? "never")" : ""
      let rules = credential.matchedRules.map { ruleNames[$0] }.joined(separator: ", ")
      lines.append(
        DisplayText.escape(
          "  \(credential.id ?? "(no id)")  \(credential.findingType)  \(credential.resource ?? "-")\(key)\(last)  [\(rules)]"
        ))
    }
    if count > tally.staleCredentials.count {
      lines.append("  ... and \(count - tally.staleCredentials.count) more")
    }
    return lines
  }

  /// Per resource type, then per principal whose internal access would be archived.
  static func `internal`(_ tally: FamilyTally) -> [String] {
    var lines = ["", "Internal access that would be archived, per resource type:"]
    lines += counts(tally.archivedByResourceType)
    lines.append("")
    lines.append("Principals whose access would be archived:")
    lines += counts(tally.archivedByPrincipal)
    return lines
  }

  /// `  NAME  COUNT` lines, largest first, then by name; `  none` when empty.
  private static func counts(_ table: [String: Int]) -> [String] {
    guard !table.isEmpty else { return ["  none"] }
    let rows = table.sorted { ($1.value, $0.key) < ($0.value, $1.key) }
      .map { (key: DisplayText.escape($0.key), value: $0.value) }
    let width = rows.map(\.key.count).max() ?? 0
    return rows.map {
      "  \($0.key.padding(toLength: width, withPad: " ", startingAt: 0))  \($0.value)"
    }
  }
}
