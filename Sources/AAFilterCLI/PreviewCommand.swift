import FilterDSL
import FilterEval

/// `aafilter preview --findings FILE|- (--rule [NAME=]EXPR ... | --rules FILE) [--output ...]`
struct PreviewCommand: Command {
  static let name = "preview"
  static let summary = "show which findings archive rules would archive, and why"
  static let about = """
    Rules (--rule, repeatable, then the rules of --rules) archive ACTIVE findings they match;
    RESOLVED findings are never archived. The text report speaks the analyzer family's
    language: public findings first for external access; counts per finding type and the stale
    credentials for unused access; resource types and principals for internal access. ids
    lists the ids that would be archived; the family is --analyzer, else inferred from the
    rules, then the findings.
    """
  static let output = Option.output(["text", "json", "ids", "table"], default: "text")
  static let required = [Option.findings.name]
  static let options: [Option] =
    [.findings, .rule] + OptionGroup.ruleFile + [output, .split, .analyzer]
    + [.lenient, .threads, .progress, .quiet]

  static func run(_ arguments: Arguments, console: Console) throws {
    guard let path = arguments.value(.findings) else {
      throw UsageError(message: "--findings is required")
    }
    let output = arguments.choice(output)
    let rules = try RuleSources.rules(arguments, console: console)
    // The summary and table show a bounded sample, so any input size previews in bounded
    // memory; ids and json list every finding.
    var preview = ArchivePreview(
      rules: rules, entryLimit: output == "text" || output == "table" ? 1_000 : .max)
    var input = try FindingsInput(arguments, path: path, console: console)
    input.columns = preview.columns
    _ = try AnalyzerOption.given(arguments)
    let summary = try input.readStores(console: console) { preview.add($0) }
    let family = try AnalyzerOption.resolve(
      arguments, maps: rules.map(\.filter), findings: summary.families, console: console)
    switch output {
    case "ids":
      console.write(
        preview.entries(.archived).map { DisplayText.escape($0.id ?? "") + "\n" }.joined())
    case "json": console.write(preview.json.serialized() + "\n")
    case "table":
      console.write(table(preview))
      AnalyzerOption.note(family, console: console)
    default:
      console.write(PreviewSummary.render(preview, family: family.family))
      AnalyzerOption.note(family, console: console)
    }
  }

  private static func table(_ preview: ArchivePreview) -> String {
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

/// The report a security engineer reads before creating or applying rules.
enum PreviewSummary {
  static func render(_ preview: ArchivePreview, family: AnalyzerFamily = .external) -> String {
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
}
