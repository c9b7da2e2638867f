import FilterDSL
import FilterFormats
import FilterSuggest

/// `suggest`'s standard output: the rule sets, and nothing else, through the writers `convert`
/// uses, so that `convert`, `compile`, `check` and `preview` read them back.
///
/// Rule text holds every family: each set follows a `# aafilter: analyzer=FAMILY` line and a
/// blank line (a comment to the parser; `check` and `compile` read it as the family). Every
/// other format holds one analyzer's rules, so it takes exactly one family with rules; the
/// CloudFormation analyzer `Type` is that family's account-level type.
enum SuggestOutput {
  /// The directive line that names the family of the rules after it.
  static func directive(_ family: AnalyzerFamily) -> String {
    "# aafilter: analyzer=\(family.rawValue)"
  }

  /// - Throws: `Reported` (exit status 2) when the rules cannot be written in `format`.
  static func text(
    _ suggestion: FilterSuggest.Suggestion, format: RuleOutputFormat, analyzerName: String?,
    console: Console
  ) throws -> String {
    let sets = suggestion.ruleSets.filter { !$0.rules.isEmpty }
    if format == .dsl {
      return try sets.map { set in
        let rules = try write(
          set.archiveRules, as: .dsl, options: ConversionOptions(), console: console)
        return directive(set.family) + "\n\n" + rules
      }.joined(separator: "\n")
    }
    guard sets.count <= 1 else {
      let families = sets.map(\.family.rawValue)
      console.writeErrorLine(
        "error: rules were suggested for \(families.count) analyzer families (\(families.joined(separator: ", "))), and \(format.rawValue) holds one analyzer's rules"
      )
      console.writeErrorLine(
        "help: give --analyzer \(families.joined(separator: " or --analyzer ")), or --output dsl for every family"
      )
      throw Reported(status: .usage)
    }
    guard let set = sets.first else { return "" }
    let options = ConversionOptions(
      analyzerName: analyzerName, analyzerType: set.family.apiTypes.first)
    return try write(set.archiveRules, as: format, options: options, console: console)
  }

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
