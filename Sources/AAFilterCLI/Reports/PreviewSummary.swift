import FilterDSL
import FilterEval

/// The report a security engineer reads before creating or applying rules.
enum PreviewSummary {
  static func render(_ preview: ArchivePreview, family: AnalyzerFamily = .external) -> String {
    // The counts below are of the findings considered: another family's are counted apart.
    let names = preview.rules.map { DisplayText.escape($0.ruleName) }
    func ruleList(_ indices: [Int]) -> String { indices.map { names[$0] }.joined(separator: ", ") }
    func describe(_ entry: ArchivePreview.Entry) -> String {
      DisplayText.escape(
        "\(entry.id ?? "(no id)")  \(entry.resourceType ?? "-")  \(entry.resource ?? "-")")
    }
    let active = preview.statusCounts["ACTIVE", default: 0]
    let statuses = preview.statusCounts.sorted { $0.key < $1.key }
      .map { "\($0.value) \(DisplayText.escape($0.key))" }
      .joined(separator: ", ")
    var lines: [String] = []
    lines.append(
      "Archive preview: \(names.count) rule\(names.count == 1 ? "" : "s"), \(preview.findingCount) findings (\(statuses))"
    )
    func more(_ shown: Int, _ total: Int) {
      if total > shown { lines.append("  ... and \(total - shown) more") }
    }
    let counts = preview.outcomeCounts
    if let line = otherFamilyLine(preview) { lines.append(line) }
    lines.append("Would archive \(counts[.archived, default: 0]) of \(active) active findings.")
    switch family {
    case .external:
      let exposed = preview.archivedPublic
      lines.append("")
      if preview.archivedPublicCount == 0 {
        lines.append("Public findings that would be archived: none")
      } else {
        let count = preview.archivedPublicCount
        lines.append("WARNING: \(count) PUBLIC finding\(count == 1 ? "" : "s") would be archived:")
        for entry in exposed {
          lines.append("  \(describe(entry))  [\(ruleList(entry.matchedRules))]")
        }
        more(exposed.count, count)
      }
    case .unused: lines += FamilyPreviewSections.unused(preview.families, ruleNames: names)
    case .internal: lines += FamilyPreviewSections.internal(preview.families)
    }
    lines.append("")
    lines.append("Per rule (active findings it would archive):")
    let width = names.map(\.count).max() ?? 0
    for (index, name) in names.enumerated() {
      let count = preview.archiveCounts[index]
      lines.append(
        "  \(name.padding(toLength: width, withPad: " ", startingAt: 0))  \(count)\(count == 0 ? "  (matches nothing)" : "")"
      )
    }
    let several = preview.matchedBySeveralRules
    if preview.matchedBySeveralRulesCount > 0 {
      lines.append("")
      lines.append("Matched by several rules: \(preview.matchedBySeveralRulesCount)")
      for entry in several {
        lines.append(
          "  \(DisplayText.escape(entry.id ?? "(no id)"))  [\(ruleList(entry.matchedRules))]")
      }
      more(several.count, preview.matchedBySeveralRulesCount)
    }
    if let already = counts[.alreadyArchived] {
      lines.append("")
      lines.append("Already archived, and matched by the rules: \(already)")
    }
    if let undecidableCount = counts[.undecidable] {
      let undecidable = preview.entries(.undecidable)
      lines.append("")
      lines.append("Undecidable (records without access details): \(undecidableCount)")
      for entry in undecidable {
        lines.append(
          "  \(DisplayText.escape(entry.id ?? "(no id)"))  [\(ruleList(entry.undecidableRules))]")
      }
      more(undecidable.count, undecidableCount)
    }
    if let resolved = counts[.resolvedMatched] {
      lines.append("")
      lines.append("Resolved findings the rules match (never archived): \(resolved)")
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// `2 findings belong to another analyzer family than unused-access and were not
  /// considered.`; `nil` when there are none.
  static func otherFamilyLine(_ preview: ArchivePreview) -> String? {
    let count = preview.otherFamilyCount
    guard count > 0, let family = preview.family else { return nil }
    let verbs = count == 1 ? ("finding belongs", "was") : ("findings belong", "were")
    return
      "\(count) \(verbs.0) to another analyzer family than \(family.displayName) and \(verbs.1) not considered."
  }
}
