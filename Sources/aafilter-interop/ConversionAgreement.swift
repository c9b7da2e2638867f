import AAFilterTestSupport
import FilterDSL
import FilterFormats
import Foundation

/// The tools that consume `convert`'s output accept it and read back exactly the rules:
/// cfn-lint (and its template decoder) for CloudFormation JSON and YAML, the AWS CLI's
/// shorthand parser plus botocore's validation for `cli-shorthand`, a POSIX word splitter plus
/// botocore for `cli-commands`, python-hcl2 for Terraform (Tests/Interop/conversions.py); and
/// mutated YAML and shorthand that aafilter reads, those tools read the same (`ReaderAgreement`).
struct ConversionAgreement {
  static let seed: UInt64 = 0x700_15
  static let ruleCount = 700
  /// Each of the formats that cannot hold every rule still gets at least this many.
  static let minimumPerFormat = 500

  var settings: Settings
  var tally: Tally

  func run(in directory: URL) throws {
    var generator = RuleSetGenerator(seed: Self.seed)
    let rules = generator.rules(Self.ruleCount)
    var cases = ConversionCases(directory: directory)
    let options = ConversionOptions(analyzerName: "Main")
    // CloudFormation: an analyzer holds 100 rules by default, so 100 per template.
    for (index, start) in stride(from: 0, to: rules.count, by: 100).enumerated() {
      let chunk = Array(rules[start..<min(start + 100, rules.count)])
      for format in [RuleOutputFormat.cloudFormation, .cloudFormationYAML] {
        let text = try RuleWriter.write(chunk, as: format, options: options).text
        let name = "template\(index).\(format == .cloudFormation ? "json" : "yaml")"
        try cases.add(name, format, text, chunk)
      }
    }
    let terraform = rules.filter(RuleExpressibility.terraform)
    try cases.add(
      "rules.tf", .terraform,
      try RuleWriter.write(terraform, as: .terraform, options: options).text, terraform)
    let shorthand = rules.filter(RuleExpressibility.cliShorthand)
    let lines = try shorthand.map {
      JSONValue.string(
        try RuleWriter.write([$0], as: .cliShorthand, single: true).text.droppingFinalNewline)
    }
    try cases.add("shorthand.json", .cliShorthand, JSONValue.array(lines).serialized(), shorthand)
    try cases.add(
      "commands.sh", .cliCommands,
      try RuleWriter.write(rules, as: .cliCommands, options: options).text, rules)
    tally.check(
      terraform.count >= Self.minimumPerFormat, "conversions",
      "only \(terraform.count) rules fit Terraform")
    tally.check(
      shorthand.count >= Self.minimumPerFormat, "conversions",
      "only \(shorthand.count) rules fit the CLI's shorthand")
    try ReaderAgreement.cases(&cases)
    try cases.write()
    runChecker(
      settings, tally, group: "conversions", script: "conversions.py", [directory.path])
  }
}

/// The files conversions.py reads and the rules each must hold, as its `cases.json`.
struct ConversionCases {
  var directory: URL
  var cases: [JSONValue] = []

  mutating func add(
    _ name: String, _ format: RuleOutputFormat, _ text: String, _ expected: [ArchiveRule]
  ) throws {
    try Data(text.utf8).write(to: directory.appendingPathComponent(name))
    cases.append(
      .object([
        ("file", .string(name)), ("format", .string(format.rawValue)),
        ("rules", .array(expected.map(\.json))),
      ]))
  }

  func write() throws {
    try Data(JSONValue.array(cases).serialized().utf8).write(
      to: directory.appendingPathComponent("cases.json"))
  }
}

extension String {
  var droppingFinalNewline: String { hasSuffix("\n") ? String(dropLast()) : self }
}
