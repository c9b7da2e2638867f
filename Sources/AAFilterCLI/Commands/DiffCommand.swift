import FilterDSL
import FilterFormats

/// `aafilter diff --rules DESIRED --deployed DEPLOYED [--output text|json]`
struct DiffCommand: Command {
  static let name = "diff"
  static let summary = "compare desired rules with deployed ones, by meaning"
  static let about = """
    Prints the rules added, removed, renamed (same filter, new name) and changed, and for a
    changed rule each key and operator that differs. Filters that mean the same are equal:
    the order of values, repeated values, 'eq' against 'in' with one value, and a condition the
    others on its key imply ('isPublic eq false and isPublic neq true' is 'isPublic eq false')
    do not count (grammar.md, Equal meaning).
    --rules names the desired rules (a repository), --deployed the deployed ones; either side
    may be in any rule format (see 'convert'); '-' reads standard input. A warning says when
    the sides declare different analyzer families (directive or template analyzer type).

    Exit status (as diff): 0 the same, 1 different, 2 trouble (unreadable input, usage).
    """
  static let output = Option.output(["text", "json"], default: "text")
  static let required = [Option.rules.name, Option.deployed.name]
  static let options: [Option] = RuleSetSides.options + [output]

  static func run(_ arguments: Arguments, console: Console) throws {
    let output = arguments.choice(output)
    let sides = try RuleSetSides.read(arguments, console: console)
    // Rules of two analyzer families are rarely meant to be compared; the diff still runs.
    if let mismatch = sides.familyMismatch { console.writeErrorLine("warning: \(mismatch)") }
    let diff = RuleSetDiff(desired: sides.desired, deployed: sides.deployed)
    console.write(output == "json" ? diff.json.serialized() + "\n" : diff.rendered())
    if !diff.isEmpty { throw Reported(status: .invalidInput) }
  }
}
