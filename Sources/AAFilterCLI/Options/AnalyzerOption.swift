import FilterDSL
import FilterFormats

/// `--analyzer external|internal|unused` (or one of the six API `type` names, any case), shared
/// by check, compile, query, preview and explain.
enum AnalyzerOption {
  static let name = "--analyzer"

  /// The family given on the command line, if any.
  static func given(_ arguments: Arguments) throws -> AnalyzerFamily? {
    guard let text = arguments.value(name) else { return nil }
    guard let family = AnalyzerFamily(name: text) else {
      throw UsageError(
        message:
          "option '--analyzer' takes external, internal, unused or an analyzer type (\(AnalyzerFamily.allCases.flatMap(\.apiTypes).joined(separator: ", "))), not '\(text)'"
      )
    }
    return family
  }

  /// The family stated for the rules: `--analyzer`, else the rule file's directive. An
  /// inferred family is not a statement: plain rule files keep considering every finding.
  static func stated(_ arguments: Arguments, directive: AnalyzerDirective?) throws
    -> AnalyzerFamily?
  {
    try given(arguments) ?? directive?.family
  }

  /// Settles the family from the option, the rule file's analyzer directive, the rules' maps
  /// and the findings' families; a conflict is reported as an error and ends the command.
  static func resolve(
    _ arguments: Arguments, maps: [FilterCriteriaMap], findings: Set<AnalyzerFamily> = [],
    directive: AnalyzerDirective? = nil, console: Console
  ) throws -> FamilyResolution {
    do {
      return try FamilyResolution.resolve(
        given: try given(arguments), directive: directive?.family,
        ruleFindingTypes: FamilyResolution.findingTypeFamilies(maps), findings: findings,
        ruleKeys: FamilyResolution.keyFamilies(maps))
    } catch let conflict as FamilyConflict {
      console.writeErrorLine("error: \(conflict.message)")
      throw Reported()
    }
  }

  /// Prints how the family was settled, on standard error, when it was not given and it
  /// matters: it was assumed, or it is not the external access every user knows.
  static func note(_ resolution: FamilyResolution, console: Console) {
    guard resolution.source == .default || resolution.family != .external,
      let note = resolution.note
    else { return }
    console.writeErrorLine("note: \(note)")
  }

  /// Warns on standard error when `--analyzer` names another family than the rule file's
  /// directive (the option wins), as `check` reports it.
  static func warnIfOverridden(
    _ arguments: Arguments, document: RuleDocument, input: RuleInput, console: Console
  ) throws {
    guard let given = try given(arguments),
      let warning = document.analyzerDirective?.overridden(by: given)
    else { return }
    input.report([warning], source: document.source, console: console)
  }
}
