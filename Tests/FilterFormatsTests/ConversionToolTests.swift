import FilterDSL
import FilterFormats
import Foundation
import XCTest

/// The tools that consume `convert`'s output accept it and read back exactly the rules:
/// cfn-lint (and its template decoder) for CloudFormation JSON and YAML, the AWS CLI's
/// shorthand parser plus botocore's validation for `cli-shorthand`, a POSIX word splitter plus
/// botocore for `cli-commands`, python-hcl2 for Terraform. `.ci/validate-conversions.py` does
/// the reading; `scripts/install-test-tools` installs the tools.
final class ConversionToolTests: XCTestCase {
  static var repositoryRoot: URL {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
  }

  func testRealTools_readEveryConversionBack() throws {
    var generator = RuleSetGenerator(seed: 0x700_15)
    let rules = generator.rules(700)
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "aafilter-conversions-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    var cases: [JSONValue] = []
    func add(_ name: String, _ format: RuleOutputFormat, _ text: String, _ expected: [ArchiveRule])
      throws
    {
      try Data(text.utf8).write(to: directory.appendingPathComponent(name))
      cases.append(
        .object([
          ("file", .string(name)), ("format", .string(format.rawValue)),
          ("rules", .array(expected.map(\.json))),
        ]))
    }
    let options = ConversionOptions(analyzerName: "Main")
    // CloudFormation: an analyzer holds 100 rules by default, so 100 per template.
    for (index, start) in stride(from: 0, to: rules.count, by: 100).enumerated() {
      let chunk = Array(rules[start..<min(start + 100, rules.count)])
      for format in [RuleOutputFormat.cloudFormation, .cloudFormationYAML] {
        let text = try RuleWriter.write(chunk, as: format, options: options).text
        try add(
          "template\(index).\(format == .cloudFormation ? "json" : "yaml")", format, text, chunk)
      }
    }
    let terraform = rules.filter { FormatRoundTripTests.expressible($0, in: .terraform) }
    try add(
      "rules.tf", .terraform,
      try RuleWriter.write(terraform, as: .terraform, options: options).text, terraform)
    let shorthand = rules.filter { FormatRoundTripTests.expressible($0, in: .cliShorthand) }
    let lines = try shorthand.map {
      JSONValue.string(
        try RuleWriter.write([$0], as: .cliShorthand, single: true).text.dropLastNewline)
    }
    try add("shorthand.json", .cliShorthand, JSONValue.array(lines).serialized(), shorthand)
    try add(
      "commands.sh", .cliCommands,
      try RuleWriter.write(rules, as: .cliCommands, options: options).text, rules)
    XCTAssertGreaterThanOrEqual(terraform.count, 500)
    XCTAssertGreaterThanOrEqual(shorthand.count, 500)
    try Data(JSONValue.array(cases).serialized().utf8).write(
      to: directory.appendingPathComponent("cases.json"))

    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [
      "python3", Self.repositoryRoot.appendingPathComponent(".ci/validate-conversions.py").path,
      directory.path,
    ]
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    do {
      try process.run()
    } catch {
      return XCTFail("python3 is missing: run scripts/install-test-tools (\(error))")
    }
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    XCTAssertNotEqual(
      process.terminationStatus, 3,
      "the conversion checks need tools: run scripts/install-test-tools\n\(output)")
    XCTAssertEqual(process.terminationStatus, 0, output)
    XCTAssertTrue(output.contains("0 failures"), output)
  }
}

extension String {
  fileprivate var dropLastNewline: String { hasSuffix("\n") ? String(dropLast()) : self }
}
