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

  /// Writes the input, the expected ids, and as many ids drawn at random (a triage with no
  /// rule behind it, the hard case); returns the input's size in bytes.
  func write(input: URL, ids: URL, randomIDs: URL) throws -> Int {
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
    var random = SeededGenerator(seed: 23)
    let all = cover.findings.compactMap(\.id)
    let drawn = (0..<min(expected, all.count)).map { _ in
      all[Int(random.next() % UInt64(all.count))]
    }
    try Data(drawn.joined(separator: "\n").utf8).write(to: randomIDs)
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

  /// `100k` for whole thousands, else the number.
  static func count(_ number: Int) -> String {
    number >= 1_000 && number % 1_000 == 0 ? "\(number / 1_000)k" : "\(number)"
  }

  func run(report: Report, directory: URL) throws {
    let input = directory.appendingPathComponent("suggest-findings.json")
    let ids = directory.appendingPathComponent("suggest-expected.txt")
    let randomIDs = directory.appendingPathComponent("suggest-random.txt")
    let size = try write(input: input, ids: ids, randomIDs: randomIDs)
    report.note(
      "suggest input: \(findings) findings (\(megabytes(size)) of JSON), \(expected) expected, "
        + "\(rules) planted rules")
    let label = "suggest \(Self.count(findings)) findings, \(Self.count(expected)) expected"
    if let (seconds, peak, fields) = measure(input: input, ids: ids, directory: directory) {
      report.row(
        label, ours: String(format: "%.2f s", seconds),
        baseline: "\(fields[1]) rules for \(rules) planted, exact: \(fields[4])", ratio: nil)
      report.row(
        "suggest peak memory", ours: megabytes(peak),
        baseline: String(format: "%.2fx input", Double(peak) / Double(max(1, size))), ratio: nil)
    }
    if let (seconds, peak, fields) = measure(input: input, ids: randomIDs, directory: directory) {
      report.row(
        label + " at random", ours: String(format: "%.2f s", seconds),
        baseline: "\(fields[1]) rules, \(fields[3]) uncovered", ratio: nil)
      report.row(
        "suggest at random, peak memory", ours: megabytes(peak),
        baseline: String(format: "%.2fx input", Double(peak) / Double(max(1, size))), ratio: nil)
    }
  }

  /// One measured child run: its own seconds, its peak memory, and its result fields.
  private func measure(input: URL, ids: URL, directory: URL) -> (Double, Int, [String])? {
    let output = directory.appendingPathComponent("suggest-result.txt")
    try? FileManager.default.removeItem(at: output)
    guard
      let measured = Measure.peakRSS(
        CommandLine.arguments[0], ["--suggest-run", input.path, ids.path, output.path]),
      let line = try? String(contentsOf: output, encoding: .utf8)
    else {
      print("  suggest: the run failed")
      return nil
    }
    let fields = line.split(separator: " ").map {
      $0.trimmingCharacters(in: .whitespacesAndNewlines)
    }
    guard fields.count == 5, let seconds = Double(fields[0]) else { return nil }
    return (seconds, measured.bytes, fields)
  }
}
