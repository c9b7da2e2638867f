import FilterEval

/// `preview --output table`: one row per finding the preview kept, with its outcome and the
/// rules that decided it.
enum PreviewTable {
  static func render(_ preview: ArchivePreview) -> String {
    var table = TextTable(headers: ["ID", "OUTCOME", "PUBLIC", "TYPE", "RULES"])
    for entry in preview.entries {
      let rules = entry.outcome == .undecidable ? entry.undecidableRules : entry.matchedRules
      table.rows.append([
        entry.id ?? "-", entry.outcome.rawValue, entry.isPublic.map { $0 ? "yes" : "no" } ?? "-",
        entry.resourceType ?? "-", rules.map { preview.rules[$0].ruleName }.joined(separator: ","),
      ])
    }
    return table.render()
  }
}
