import FilterDSL
import FilterEval
import Foundation

// aafilter-bench: performance figures for the README, each beside a baseline measured in the
// same run. Release builds only: `swift run -c release aafilter-bench`.

if CommandLine.arguments.count > 1, CommandLine.arguments[1] == "--peak-rss" {
  Measure.wrapperMain(Array(CommandLine.arguments.dropFirst(2)))
}

// `--suggest-run INPUT IDS OUT`: the measured child of the suggest benchmark.
if CommandLine.arguments.count > 1, CommandLine.arguments[1] == "--suggest-run" {
  SuggestBenchmark.childMain(Array(CommandLine.arguments.dropFirst(2)))
}

// `--generate COUNT LAYOUT PATH`: write one fair input, for measuring other tools by hand.
if CommandLine.arguments.count == 5, CommandLine.arguments[1] == "--generate",
  let count = Int(CommandLine.arguments[2]),
  let layout = FairFindings.Layout(rawValue: CommandLine.arguments[3])
{
  _ = FileManager.default.createFile(atPath: CommandLine.arguments[4], contents: nil)
  guard let handle = FileHandle(forWritingAtPath: CommandLine.arguments[4]) else { exit(1) }
  var generator = FairFindings(seed: 11, layout: layout)
  generator.write(count: count) { handle.write(Data($0)) }
  try handle.close()
  exit(0)
}

// `--growth`: the linear-time promises, as ratios; exits 1 when one looks quadratic.
if CommandLine.arguments.count == 2, CommandLine.arguments[1] == "--growth" {
  exit(Growth.run() ? 0 : 1)
}

struct Options {
  var findings = 100_000
  var linesFindings = 1_000_000
  /// The large size for whole-process figures on fair inputs; 0 skips it.
  var largeFindings = 1_000_000
  var runs = 5
  var external = true
  /// Rules parsed per parse+compile timing, and findings evaluated per filter timing.
  var parses = 2_000
  var evaluations = 2_000_000
  /// Rule suggestion: findings, expected findings and planted rules; `suggestOnly` runs it alone.
  var suggest = SuggestBenchmark()
  var suggestOnly = false

  init(_ arguments: [String]) {
    var index = 0
    while index < arguments.count {
      let word = arguments[index]
      let next = index + 1 < arguments.count ? Int(arguments[index + 1]) : nil
      switch word {
      case "--findings": findings = next ?? findings; index += 1
      case "--lines": linesFindings = next ?? linesFindings; index += 1
      case "--large": largeFindings = next ?? largeFindings; index += 1
      case "--runs": runs = max(1, next ?? runs); index += 1
      case "--no-external": external = false
      case "--suggest": suggestOnly = true
      case "--expected": suggest.expected = next ?? suggest.expected; index += 1
      case "--rules": suggest.rules = next ?? suggest.rules; index += 1
      case "--quick":
        findings = 2_000
        linesFindings = 5_000
        largeFindings = 0
        runs = 1
        external = false
        parses = 100
        evaluations = 100_000
        suggest = SuggestBenchmark(findings: 2_000, expected: 200, rules: 5)
      default:
        print(
          "usage: aafilter-bench [--findings N] [--lines N] [--large N] [--runs N] [--no-external] [--quick] [--suggest [--findings N] [--expected N] [--rules N]] | --growth"
        )
        exit(2)
      }
      index += 1
    }
  }
}

var options = Options(Array(CommandLine.arguments.dropFirst()))
if options.suggestOnly, CommandLine.arguments.contains("--findings") {
  options.suggest.findings = options.findings
}
#if DEBUG
  print("note: a debug build; figures mean nothing (use swift run -c release aafilter-bench)")
#endif
let report = Report()
report.header(options)

let workDirectory = FileManager.default.temporaryDirectory.appendingPathComponent(
  "aafilter-bench-\(getpid())")
try FileManager.default.createDirectory(at: workDirectory, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(at: workDirectory) }

// `--suggest`: the suggest benchmark alone (100k findings, 10k expected, 50 planted rules).
if options.suggestOnly {
  try options.suggest.run(report: report, directory: workDirectory)
  report.finish()
  try? FileManager.default.removeItem(at: workDirectory)
  exit(0)
}

var generator = SyntheticFindings(seed: 42)
let documentBytes = generator.listFindings(count: options.findings)
let documentURL = workDirectory.appendingPathComponent("findings.json")
try Data(documentBytes).write(to: documentURL)
report.note(
  "input: \(options.findings) findings, \(String(format: "%.1f", Double(documentBytes.count) / 1e6)) MB of list-findings JSON"
)

let suite = Benchmarks(options: options, report: report, documentBytes: documentBytes)
try suite.parseAndCompile()
let findings = try suite.decoding()
try suite.decodingLines()
suite.evaluation(findings)
suite.sorting(findings)
try suite.endToEnd(documentURL: documentURL, workDirectory: workDirectory)
let tool = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
  .appendingPathComponent("aafilter").path
if FileManager.default.isExecutableFile(atPath: tool) {
  try ScaleBenchmarks(options: options, report: report, tool: tool, directory: workDirectory).run()
}
try options.suggest.run(report: report, directory: workDirectory)
report.finish()
