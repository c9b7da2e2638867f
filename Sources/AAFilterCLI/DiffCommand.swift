import FilterDSL
import FilterFormats

/// `aafilter diff --rules DESIRED --deployed DEPLOYED [--output human|json]`
struct DiffCommand: Command {
  static let name = "diff"
  static let summary = "compare desired rules with deployed ones, by meaning"
  static let usage =
    "aafilter diff --rules DESIRED --deployed DEPLOYED [--output human|json] [--analyzer-name A] [--split]"
  static let help = """
    Prints the rules added, removed, renamed (same filter, new name) and changed, and for a
    changed rule each key and operator that differs. Filters that mean the same are equal:
    the order of values, repeated values, and 'eq' against 'in' with one value do not count.
    Either side may be in any rule format (see 'convert'); '-' reads standard input.

    Exit status (as diff): 0 the same, 1 different, 2 trouble (unreadable input, usage).

    Options:
      --rules FILE          the desired rules (a repository)
      --deployed FILE       the deployed rules (list-archive-rules output, a template, state)
      --output FORMAT       human (default) or json
      --analyzer-name A     the analyzer to read when a source has several
      --split               split 'or' across keys in rule text into several rules
      --rule-format F       how to read --rules: auto (default) or a format 'convert' reads
      --deployed-format F   how to read --deployed
    """
  static let options = OptionSpec(
    names: [
      "--rules": .value, "--deployed": .value, "--output": .value, "--analyzer-name": .value,
      "--split": .flag, "--rule-format": .value, "--deployed-format": .value,
    ], maxPositionals: 0)

  static func run(_ arguments: Arguments, console: Console) throws {
    let output = try arguments.choice("--output", ["human", "json"], default: "human")
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

  static func read(_ arguments: Arguments, console: Console) throws -> RuleSetSides {
    guard let desiredPath = arguments.value("--rules") else {
      throw UsageError(message: "--rules is required (the desired rules)")
    }
    guard let deployedPath = arguments.value("--deployed") else {
      throw UsageError(message: "--deployed is required (the deployed rules)")
    }
    guard desiredPath != "-" || deployedPath != "-" else {
      throw UsageError(message: "only one side can be standard input")
    }
    let analyzer = arguments.value("--analyzer-name")
    let options = CompileOptions(split: arguments.has("--split"))
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
    let (desired, desiredDocument) = try side(
      desiredPath, format: try RuleSources.format(arguments))
    let (deployed, deployedDocument) = try side(
      deployedPath, format: try RuleSources.format(arguments, option: "--deployed-format"))
    return RuleSetSides(
      desired: desired, deployed: deployed, desiredDocument: desiredDocument,
      deployedDocument: deployedDocument)
  }
}
