import FilterDSL
import FilterEval
import FilterFormats

/// `aafilter plan --rules DESIRED --deployed DEPLOYED [--analyzer-name A] [--findings FILE]`
struct PlanCommand: Command {
  static let name = "plan"
  static let summary = "print the AWS CLI commands that make deployed rules equal to desired ones"
  static let about = """
    Compares as 'diff' does, then prints the create-archive-rule, update-archive-rule and
    delete-archive-rule commands that make the deployed side equal to the desired side,
    quoted for POSIX shells: creates first, then updates, then deletes. A renamed rule is
    created under its new name and its old name deleted. The analyzer is --analyzer-name, else
    the one either source names.

    With --findings, each created or changed rule is preceded by how many ACTIVE findings
    'apply-archive-rule' would archive now, the ones that matter most first: public findings
    for external access, stale credentials (unused access keys and passwords) for unused
    access; internal access findings are counted whole. The family is --analyzer, else the
    template's analyzer type or the rule file's '# aafilter: analyzer=FAMILY' directive (an
    error when the two sides name different families), else inferred from the rules.

    Exit status (as diff): 0 nothing to do, 1 commands printed, 2 trouble.
    """
  static let required = [Option.rules.name, Option.deployed.name]
  static let options: [Option] = RuleSetSides.options + OptionGroup.findingsInput + [.analyzer]

  static func run(_ arguments: Arguments, console: Console) throws {
    let sides = try RuleSetSides.read(arguments, console: console)
    let named = [
      arguments.value(.analyzerName), sides.desiredDocument.analyzerName,
      sides.deployedDocument.analyzerName,
    ].compactMap { $0 }
    guard let analyzer = named.first else {
      throw UsageError(message: "plan needs the analyzer's name: give --analyzer-name")
    }
    // The API's analyzer names: a letter, then letters, digits, '_', '.' or '-'. Checked so
    // that the commands printed are the ones that run, with nothing to escape.
    let letters = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ".utf8)
    let others = letters.union("0123456789_.-".utf8)
    guard let first = analyzer.utf8.first, letters.contains(first), analyzer.utf8.count <= 1024,
      analyzer.utf8.allSatisfy(others.contains)
    else {
      throw UsageError(message: "'\(DisplayText.escape(analyzer))' is not a valid analyzer name")
    }
    if arguments.value(.analyzerName) == nil, Set(named).count > 1 {
      console.writeErrorLine(
        "error: the desired rules are for analyzer '\(named[0])' and the deployed ones for '\(named[1])'; give --analyzer-name"
      )
      throw Reported(status: .usage)
    }
    let plan = ArchiveRulePlan(
      RuleSetDiff(desired: sides.desired, deployed: sides.deployed), analyzerName: analyzer)
    let family = try planFamily(arguments, sides: sides, console: console)
    let counts = try arguments.value(.findings).map {
      try archiveCounts(
        plan, findings: FindingsInput(arguments, path: $0, console: console), family: family,
        console: console)
    }
    console.write(PlanText.render(plan, analyzer: analyzer, family: family, counts: counts))
    if !plan.steps.isEmpty { throw Reported(status: .invalidInput) }
  }

  /// The analyzer family: given, else the one the sides declare (a template's analyzer type,
  /// rule text's analyzer directive), else inferred from the rules. Sides declaring different
  /// families are an error unless `--analyzer` settles it.
  private static func planFamily(_ arguments: Arguments, sides: RuleSetSides, console: Console)
    throws -> AnalyzerFamily
  {
    try sides.warnIfOverridden(arguments, console: console)
    if arguments.value(AnalyzerOption.name) == nil {
      if let mismatch = sides.familyMismatch {
        console.writeErrorLine("error: \(mismatch); give --analyzer")
        throw Reported(status: .usage)
      }
      if let type = sides.desiredDocument.analyzerType ?? sides.deployedDocument.analyzerType,
        let family = AnalyzerFamily(name: type)
      {
        return family
      }
    }
    let directive =
      sides.desiredDocument.analyzerDirective ?? sides.deployedDocument.analyzerDirective
    do {
      return try AnalyzerOption.resolve(
        arguments, maps: sides.desired.map(\.filter), directive: directive, console: console
      )
      .family
    } catch is Reported {
      throw Reported(status: .usage)
    }
  }

  /// Per create or update step, the ACTIVE findings its rule matches (what
  /// `apply-archive-rule` archives), public ones apart; `nil` for deletes.
  private static func archiveCounts(
    _ plan: ArchiveRulePlan, findings input: FindingsInput, family: AnalyzerFamily,
    console: Console
  ) throws -> [(first: Int, other: Int)?] {
    var previews = plan.steps.map { step in
      step.action == .delete ? nil : ArchivePreview(rules: [step.rule], entryLimit: 0)
    }
    do {
      _ = try input.readStores(console: console) { store in
        for index in previews.indices { previews[index]?.add(store) }
      }
    } catch is Reported {
      throw Reported(status: .usage)
    }
    return previews.map { preview in
      preview.map {
        let total = $0.archiveCounts.first ?? 0
        let first =
          family == .unused ? $0.families.staleCredentialCount : $0.archivedPublicCount
        return (first: first, other: total - first)
      }
    }
  }
}
