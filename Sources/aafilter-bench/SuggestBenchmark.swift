import AAFilterTestSupport
import FilterDSL
import FilterEval
import FilterSuggest
import Foundation

/// Rule suggestion at scale: findings with planted rules, written as list-findings JSON, read
/// back through the reader the CLI uses (`FindingsStoreReader`) and suggested for, end to end
/// in a child process whose peak memory is measured against the input's size.
struct SuggestBenchmark {
  var findings = 100_000
  var expected = 10_000
  var rules = 50

  /// Writes the input and the expected ids; returns the input's size in bytes.
  func write(input: URL, ids: URL) throws -> Int {
    var generator = PlantedCoverGenerator(seed: 19)
    let perRule = max(1, expected / max(1, rules))
    // Each rule plants about `perRule` findings and four decoys; noise fills the rest.
    let noise = max(0, (findings - rules * (perRule + 4)) / max(1, rules))
    let cover = generator.make(
      family: .external, ruleCount: rules, perRule: perRule, noise: noise)
    // As `aws accessanalyzer list-findings` prints it (4-space indent), like the other
    // benchmarks' inputs.
    var text = "{\n    \"findings\": [\n        "
    text.reserveCapacity(cover.findings.count * 900)
    for (index, finding) in cover.findings.enumerated() {
      text += (index == 0 ? "" : ",\n        ") + PlantedCoverGenerator.json(finding, indent: 8)
    }
    text += "\n    ]\n}\n"
    let bytes = Data(text.utf8)
    try bytes.write(to: input)
    try Data(cover.expectedIDs.joined(separator: "\n").utf8).write(to: ids)
    return bytes.count
  }

  /// The child's side: read, suggest, and write "seconds rules expected uncovered exact".
  static func childMain(_ arguments: [String]) -> Never {
    guard arguments.count == 3, let input = InputBytes.map(path: arguments[0]),
      let idsText = try? String(contentsOfFile: arguments[1], encoding: .utf8)
    else { exit(2) }
    let start = Measure.now()
    do {
      let ids = idsText.split(separator: "\n").map(String.init)
      let (store, _) = try FindingsStoreReader().readAll(input)
      let suggestion = try RuleSuggester.suggest(store, expected: .ids(ids))
      let seconds = Double(Measure.now() - start) / 1e9
      let line =
        "\(seconds) \(suggestion.archiveRules.count) \(suggestion.expectedCount) "
        + "\(suggestion.uncovered.count) \(suggestion.isExact)\n"
      try Data(line.utf8).write(to: URL(fileURLWithPath: arguments[2]))
      exit(0)
    } catch {
      exit(1)
    }
  }

  func run(report: Report, directory: URL) throws {
    let input = directory.appendingPathComponent("suggest-findings.json")
    let ids = directory.appendingPathComponent("suggest-expected.txt")
    let output = directory.appendingPathComponent("suggest-result.txt")
    let size = try write(input: input, ids: ids)

    report.note(
      "suggest input: \(findings) findings (\(megabytes(size)) of JSON), \(expected) expected, "
        + "\(rules) planted rules")
    guard
      let measured = Measure.peakRSS(
        CommandLine.arguments[0], ["--suggest-run", input.path, ids.path, output.path]),
      let line = try? String(contentsOf: output, encoding: .utf8)
    else {
      report.note("suggest: the run failed")
      return
    }
    let fields = line.split(separator: " ").map {
      $0.trimmingCharacters(in: .whitespacesAndNewlines)
    }
    guard fields.count == 5, let seconds = Double(fields[0]) else { return }
    report.row(
      "suggest \(findings / 1000)k findings, \(expected / 1000)k expected",
      ours: String(format: "%.2f s", seconds),
      baseline: "\(fields[1]) rules for \(rules) planted, exact: \(fields[4])", ratio: nil)
    report.row(
      "suggest peak memory", ours: megabytes(measured.bytes),
      baseline: String(format: "%.2fx input", Double(measured.bytes) / Double(max(1, size))),
      ratio: nil)
  }
}
