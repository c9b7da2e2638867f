import FilterDSL

/// `aafilter diff --rules DESIRED --deployed DEPLOYED [--output text|json]`
struct DiffCommand: Command {
  static let name = "diff"
  static let summary = "compare desired rules with deployed ones, by meaning"
  static let about = """
    Prints the rules added, removed, renamed (same filter, new name) and changed, and for a
    changed rule each key and operator that differs. Filters that mean the same are equal:
    the order of values, repeated values, and 'eq' against 'in' with one value do not count.
    --rules names the desired rules (a repository), --deployed the deployed ones; either side
    may be in any rule format (see 'convert'); '-' reads standard input.

    Exit status (as diff): 0 the same, 1 different, 2 trouble (unreadable input, usage).
    """
  static let output = Option.output(["text", "json"], default: "text")
  static let required = [Option.rules.name, Option.deployed.name]
  static let options: [Option] = RuleSetSides.options + [output]

  static func run(_ arguments: Arguments, console: Console) throws {
    let output = arguments.choice(output)
    let sides = try RuleSetSides.read(arguments, console: console)
    let diff = RuleSetDiff(desired: sides.desired, deployed: sides.deployed)
    console.write(output == "json" ? diff.json.serialized() + "\n" : diff.rendered())
    if !diff.isEmpty { throw Reported(status: .invalidInput) }
  }
}

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
