import FilterDSL
import FilterFormats
import FilterSuggest

/// `suggest`'s standard output: one family's rule set, and nothing else, through the writers
/// `convert` uses, so that `convert`, `compile`, `check` and `preview` read it back.
///
/// Rules belong to an analyzer, and a rule file to one family: rule text starts with the
/// analyzer directive `# aafilter: analyzer=FAMILY` and a blank line (the file's header, where
/// the directive counts); a template's analyzer `Type` is `--analyzer-type`, which must be
/// of the family, else the family's account-level type.
/// When several families have rules, nothing is written and the user picks a family with
/// `--analyzer`, in every format: a rule file's directive counts only in its header, so a file
/// holding two families' sets would be checked, compiled and previewed as the first family's.
///
/// When no rule was suggested, the output is still a rule set, the empty one: rule text with
/// no rule would be the empty query, which every command reads as `{}`, the filter that
/// matches every finding. So rule text (`dsl`) gives way to the JSON form `{"archiveRules": []}`,
/// which `compile`, `check`, `preview` and `convert` read as zero rules, and every other
/// format writes its own empty form.
enum SuggestOutput {
  /// The directive line that names the family of the rules after it.
  static func directive(_ family: AnalyzerFamily) -> String {
    "# aafilter: analyzer=\(family.rawValue)"
  }

  /// - Throws: `Reported` (exit status 2) when rules of several families were suggested or the
  ///   rules cannot be written in `format`.
  static func text(
    _ suggestion: FilterSuggest.Suggestion, format: RuleOutputFormat, analyzerName: String?,
    analyzerType: String? = nil, console: Console
  ) throws -> String {
    let sets = suggestion.ruleSets.filter { !$0.rules.isEmpty }
    guard sets.count <= 1 else {
      let families = sets.map(\.family.rawValue)
      console.writeErrorLine(
        "error: rules were suggested for \(families.count) analyzer families (\(families.joined(separator: ", "))), and a rule set holds one analyzer's rules"
      )
      console.writeErrorLine(
        "help: run once per family: --analyzer \(families.joined(separator: ", --analyzer "))"
      )
      throw Reported(status: .usage)
    }
    guard let set = sets.first else {
      let family = suggestion.ruleSets.first?.family ?? .external
      let empty = SuggestedRuleSet(family: family, rules: [])
      // Rule text has no analyzer type to check, so neither has its stand-in.
      let written = try text(
        empty, format: format == .dsl ? .rulesJSON : format, analyzerName: analyzerName,
        analyzerType: format == .dsl ? nil : analyzerType, console: console)
      // Terraform with no resource is empty too; an empty `locals` block keeps it Terraform.
      if format == .terraform, written.allSatisfy(\.isWhitespace) { return emptyTerraform }
      return written
    }
    return try text(
      set, format: format, analyzerName: analyzerName, analyzerType: analyzerType,
      console: console)
  }

  /// A Terraform file with no archive rule that `convert` and `preview` still read as
  /// Terraform (zero rules), not as the empty rule text.
  static let emptyTerraform = "# No archive rule was suggested.\nlocals {}\n"

  /// One family's rules in `format`.
  private static func text(
    _ set: SuggestedRuleSet, format: RuleOutputFormat, analyzerName: String?,
    analyzerType: String?, console: Console
  ) throws -> String {
    if format == .dsl {
      let rules = try write(
        set.archiveRules, as: .dsl, options: ConversionOptions(), console: console)
      return directive(set.family) + "\n\n" + rules
    }
    // A template's analyzer must be of the rules' family: another type would deploy them
    // where no finding they name can arise.
    if let analyzerType, !set.family.apiTypes.contains(analyzerType) {
      console.writeErrorLine(
        "error: the \(set.family.displayName) rules need an analyzer Type of \(set.family.apiTypes.joined(separator: " or ")), not '\(analyzerType)'"
      )
      throw Reported(status: .usage)
    }
    let options = ConversionOptions(
      analyzerName: analyzerName, analyzerType: analyzerType ?? set.family.apiTypes.first)
    return try write(set.archiveRules, as: format, options: options, console: console)
  }

  /// The rules in `format`; what the format cannot say is reported, and nothing written.
  private static func write(
    _ rules: [ArchiveRule], as format: RuleOutputFormat, options: ConversionOptions,
    console: Console
  ) throws -> String {
    do {
      let result = try RuleWriter.write(rules, as: format, options: options)
      for warning in result.warnings { console.writeErrorLine("warning: \(warning)") }
      return result.text
    } catch {
      console.writeErrorLine("error: cannot write \(format.rawValue): \(error.message)")
      if let help = error.help { console.writeErrorLine("help: \(help)") }
      throw Reported(status: .usage)
    }
  }
}
