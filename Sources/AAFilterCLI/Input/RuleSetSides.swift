import FilterDSL
import FilterFormats

/// The two sides of `diff` and `plan`, read in any format. Unreadable input is trouble:
/// exit status 2, as `diff` has it.
struct RuleSetSides {
  var desired: [ArchiveRule]
  var deployed: [ArchiveRule]
  var desiredDocument: RuleDocument
  var deployedDocument: RuleDocument
  var desiredInput: RuleInput
  var deployedInput: RuleInput

  /// The options both commands read the two sides with.
  static let options: [Option] = OptionGroup.ruleFile + [.deployed, .deployedFrom, .split]

  static func read(_ arguments: Arguments, console: Console) throws -> RuleSetSides {
    guard let desiredPath = arguments.value(.rules), let deployedPath = arguments.value(.deployed)
    else {
      throw UsageError(message: "--rules (the desired rules) and --deployed are required")
    }
    guard desiredPath != "-" || deployedPath != "-" else {
      throw UsageError(message: "only one side can be standard input")
    }
    let analyzer = arguments.value(.analyzerName)
    let options = CompileOptions(split: arguments.has(.split))
    func side(_ path: String, format: RuleFormat?) throws -> (
      [ArchiveRule], RuleDocument, RuleInput
    ) {
      do {
        let input = try RuleInput.file(path, console: console)
        let document = input.read(format: format, analyzer: analyzer)
        return (
          try input.rules(document, options: options, defaultName: "Rule1", console: console),
          document, input
        )
      } catch is Reported {
        throw Reported(status: .usage)
      }
    }
    let (desired, desiredDocument, desiredInput) = try side(
      desiredPath, format: RuleSources.format(arguments))
    let (deployed, deployedDocument, deployedInput) = try side(
      deployedPath, format: RuleSources.format(arguments, option: .deployedFrom))
    return RuleSetSides(
      desired: desired, deployed: deployed, desiredDocument: desiredDocument,
      deployedDocument: deployedDocument, desiredInput: desiredInput,
      deployedInput: deployedInput)
  }

  /// The analyzer family each side declares: rule text's analyzer directive, a template's
  /// analyzer type; desired side first, sides that declare none left out.
  var declaredFamilies: [(side: String, family: AnalyzerFamily)] {
    [("desired", desiredDocument), ("deployed", deployedDocument)].compactMap { side, document in
      let family =
        document.analyzerDirective?.family
        ?? document.analyzerType.flatMap { AnalyzerFamily(name: $0) }
      return family.map { (side, $0) }
    }
  }

  /// An error message when the two sides declare different families, else `nil`.
  var familyMismatch: String? {
    let declared = declaredFamilies
    guard declared.count == 2, declared[0].family != declared[1].family else { return nil }
    return
      "the desired rules are for \(declared[0].family.displayName) and the deployed ones for \(declared[1].family.displayName)"
  }

  /// Warns on standard error, for each side, when `--analyzer` overrides its directive.
  func warnIfOverridden(_ arguments: Arguments, console: Console) throws {
    try AnalyzerOption.warnIfOverridden(
      arguments, document: desiredDocument, input: desiredInput, console: console)
    try AnalyzerOption.warnIfOverridden(
      arguments, document: deployedDocument, input: deployedInput, console: console)
  }
}
