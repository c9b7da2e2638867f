import FilterDSL
import FilterEval

/// `--growth`: the paths that promise linear time, each timed on an input and on four times
/// that input. A ratio, not a time, so the machine's speed does not decide; measured here and
/// not in the unit suite, whose verdicts must not depend on how busy the machine is.
enum Growth {
  /// Four times the input may cost at most this many times as much: well under the 16 times
  /// a quadratic path would take.
  static let limit = 9.0

  struct Case: Sendable {
    var name: String
    var size: Int
    var work: @Sendable (Int) -> Void
  }

  static let cases: [Case] = [
    Case(name: "lint a long conjunction", size: 1_000) { count in
      let source =
        (0..<count).map { "k\($0 % 1_000) neq v\($0 / 1_000)" }.joined(separator: " and ")
        + " and isPublic eq false"
      _ = Linter.lint(source)
    },
    // The whole of `aafilter check` on a rule file but reading it: lint, then the text report.
    Case(name: "check a rule file (500 rules)", size: 500) { count in
      let text = ruleFiles[count] ?? Benchmarks.ruleFile(count)
      _ = Linter.lint(text).rendered(name: "rules.aaf")
    },
    Case(name: "parse repeated '!'", size: 50_000) { parseAndCompile(repeating: "!", $0) },
    Case(name: "parse repeated 'a eq '", size: 50_000) { parseAndCompile(repeating: "a eq ", $0) },
    Case(name: "parse repeated 0xFF bytes", size: 50_000) {
      parseAndCompile(repeating: "\u{FF}", $0)
    },
    Case(name: "decode bad records, lenient", size: 10_000) { count in
      let records = (0..<count).map { #"{"id":"f\#($0)","createdAt":\#($0)}"# }
      let bytes = Array(("{\"findings\":[\n" + records.joined(separator: ",\n") + "]}").utf8)
      _ = try? FindingsDecoder.decode(bytes, options: .init(lenient: true))
    },
    Case(name: "decode JSON Lines in memory", size: 10_000) { count in
      let bytes = Array((0..<count).map { #"{"id":"f\#($0)"}"# }.joined(separator: "\n").utf8)
      _ = try? FindingsDecoder.decode(bytes)
    },
  ]

  private static func parseAndCompile(repeating unit: String, _ count: Int) {
    let bytes = Array(String(repeating: unit, count: count).utf8)
    let (document, diagnostics) = FilterSource.parse(bytes: bytes)
    guard !diagnostics.hasErrors, case .query = document else { return }
    let text = String(decoding: bytes, as: UTF8.self)
    _ = try? FilterExpression(parsing: text).compile(options: CompileOptions(split: true))
  }

  /// Generated before timing: the generator is not what is measured.
  static let ruleFiles = [500: Benchmarks.ruleFile(500), 2_000: Benchmarks.ruleFile(2_000)]

  /// Prints each ratio; returns whether all stay under the limit.
  static func run() -> Bool {
    _ = ruleFiles
    var linear = true
    for growth in cases {
      let ratio = growthRatio(size: growth.size, growth.work)
      let verdict = ratio < limit ? "ok" : "FAIL (limit \(limit))"
      print("growth: \(growth.name): 4x the input took \(formatted(ratio))x the time: \(verdict)")
      linear = linear && ratio < limit
    }
    return linear
  }

  private static func formatted(_ ratio: Double) -> String {
    String(Double(Int(ratio * 10)) / 10)
  }
}
