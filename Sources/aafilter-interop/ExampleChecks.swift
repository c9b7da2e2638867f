import FilterDSL
import FilterFormats
import Foundation

/// The shipped examples through the tools that consume aafilter's output: compiled filters
/// through botocore's parameter validation, every conversion of Examples/rules.aaf through its
/// reader, and the SQL preview through the real sqlite3 shell against the offline preview.
struct ExampleChecks {
  var settings: Settings
  var tally: Tally

  func run(in directory: URL) throws {
    try compiledFilters(in: directory.appendingPathComponent("compiled"))
    try conversions(in: directory.appendingPathComponent("convert"))
    try sqlitePreview(in: directory.appendingPathComponent("sqlite"))
  }

  /// Runs the tool in-process; a failed run is a failed check and gives `nil`.
  private func output(_ arguments: [String]) -> String? {
    let run = aafilter(arguments, root: settings.root)
    tally.check(
      run.status == 0, "examples",
      "aafilter \(arguments.joined(separator: " ")) ended with \(run.status): \(run.stderr)")
    return run.status == 0 ? run.stdout : nil
  }

  /// What compile prints must pass botocore's validation (local, no network).
  private func compiledFilters(in directory: URL) throws {
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let runs: [(String, [String])] = [
      ("rules", ["-f", "Examples/rules.aaf"]),
      ("unused-rules", ["--analyzer", "unused", "-f", "Examples/unused/rules.aaf"]),
      ("internal-rules", ["--analyzer", "internal", "-f", "Examples/internal/rules.aaf"]),
      (
        "split",
        [
          "--split",
          "principal.AWS eq 111122223333 or (isPublic eq false and resource contains prod-)",
        ]
      ),
      (
        "map",
        [
          "resourceType in [AWS::S3::Bucket, AWS::KMS::Key] and principal.AWS not in [111122223333] and error not exists"
        ]
      ),
      (
        "long",
        [
          "--split",
          "resourceType in [" + (1...22).map { "A\($0)" }.joined(separator: ",") + "]",
        ]
      ),
    ]
    var files: [String] = []
    for (name, arguments) in runs {
      guard let text = output(["compile"] + arguments) else { continue }
      let file = directory.appendingPathComponent("\(name).json")
      try Data(text.utf8).write(to: file)
      files.append(file.path)
    }
    runChecker(settings, tally, group: "botocore", script: "botocore-validation.py", files)
  }

  /// What convert writes from the example rules must be read back exactly by the tools that
  /// consume it.
  private func conversions(in directory: URL) throws {
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let rulesFile = ["-f", "Examples/rules.aaf"]
    guard let json = output(["convert", "--output", "rules-json"] + rulesFile) else { return }
    let (rules, diagnostics) = RuleReader.read(Array(json.utf8)).archiveRules()
    tally.check(
      !diagnostics.hasErrors && !rules.isEmpty, "examples",
      "convert's rules-json does not read back: \(diagnostics.prefix(3))")
    var cases = ConversionCases(directory: directory)
    let formats: [RuleOutputFormat] = [
      .cloudFormation, .cloudFormationYAML, .terraform, .cliCommands,
    ]
    for format in formats {
      let arguments =
        ["convert", "--output", format.rawValue, "--analyzer-name", "Main"] + rulesFile
      guard let text = output(arguments) else { continue }
      try cases.add("rules.\(format.rawValue)", format, text, rules)
    }
    // One rule a line: its name, a tab, its filter in the CLI's shorthand.
    if let text = output(["convert", "--output", "cli-shorthand"] + rulesFile) {
      let filters = text.split(separator: "\n").map { line in
        JSONValue.string(line.split(separator: "\t", maxSplits: 1).last.map(String.init) ?? "")
      }
      try cases.add("shorthand.json", .cliShorthand, JSONValue.array(filters).serialized(), rules)
    }
    try cases.write()
    runChecker(
      settings, tally, group: "example conversions", script: "conversions.py", [directory.path])
  }

  /// The SQL preview, run by the real sqlite3 over the exported example findings, archives
  /// exactly what the offline preview archives.
  private func sqlitePreview(in directory: URL) throws {
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let findings = ["--findings", "Examples/findings.jsonl"]
    let rules = ["--rules", "Examples/rules.aaf"]
    guard
      let setup = output(["export", "--output", "sql", "--dialect", "sqlite"] + findings),
      let preview = output(["sql", "--dialect", "sqlite"] + rules),
      let expected = output(["preview", "--output", "ids"] + findings + rules)
    else { return }
    let setupFile = directory.appendingPathComponent("findings.sql")
    let previewFile = directory.appendingPathComponent("preview.sql")
    let database = directory.appendingPathComponent("db.sqlite").path
    try Data(setup.utf8).write(to: setupFile)
    try Data(preview.utf8).write(to: previewFile)
    let load = try runTool("sqlite3", ["-batch", database], stdin: setupFile)
    tally.check(load.status == 0, "sqlite3", "loading the findings: \(load.stderr)")
    let query = try runTool("sqlite3", ["-batch", "-separator", " ", database], stdin: previewFile)
    tally.check(query.status == 0, "sqlite3", "the preview query: \(query.stderr)")
    let ids = query.stdout.split(separator: "\n").map {
      $0.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
    }
    let wanted = expected.split(separator: "\n")
    tally.check(
      !wanted.isEmpty && ids == wanted, "sqlite3",
      "sqlite3 archives \(ids), the offline preview \(wanted)")
  }
}
