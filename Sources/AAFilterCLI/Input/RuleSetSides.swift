import FilterDSL
import FilterFormats

/// The two sides of `diff` and `plan`, read in any format. Unreadable input is trouble:
/// exit status 2, as `diff` has it.
struct RuleSetSides {
  var desired: [ArchiveRule]
  var deployed: [ArchiveRule]
  var desiredDocument: RuleDocument
  var deployedDocument: RuleDocument

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
    func side(_ path: String, format: RuleFormat?) throws -> ([ArchiveRule], RuleDocument) {
      do {
        let input = try RuleInput.file(path, console: console)
        let document = input.read(format: format, analyzer: analyzer)
        return (
          try input.rules(document, options: options, defaultName: "Rule1", console: console),
          document
        )
      } catch is Reported {
        throw Reported(status: .usage)
      }
    }
    let (desired, desiredDocument) = try side(desiredPath, format: RuleSources.format(arguments))
    let (deployed, deployedDocument) = try side(
      deployedPath, format: RuleSources.format(arguments, option: .deployedFrom))
    return RuleSetSides(
      desired: desired, deployed: deployed, desiredDocument: desiredDocument,
      deployedDocument: deployedDocument)
  }
}
