import AAFilterTestSupport
import FilterDSL
import FilterEval
import FilterSQL
import Foundation

/// The generated SQL, run on real engines over findings loaded through `aafilter export`,
/// returns exactly the ids, order and matching rules that FilterEval returns.
///
/// Each engine starts once and runs every query (Tests/Interop/engines.py). Trino has no
/// server here: its SQL is parsed by sqlglot's Trino dialect, and the same semantics run on
/// DuckDB and Spark.
struct EngineAgreement {
  static let seed: UInt64 = 0x5E1_EC7
  static let findingCount = 320
  static let filterCount = 560
  static let ruleSetCount = 70
  /// Every engine runs at least this many of the generated filters (rule sets besides).
  static let minimumFilters = 500
  /// Spark runs every case on the `aafilter` table, and a sample on its event layout.
  static let sparkLayoutFilters = 60
  static let sparkLayoutRuleSets = 20
  static let plan: [(SQLDialect, [SQLLayout])] = [
    (.sqlite, []), (.postgres, [.cloudquery, .steampipe]), (.duckdb, []),
    (.spark, [.athenaEventBridge]), (.trino, [.athenaEventBridge]),
  ]

  var settings: Settings
  var tally: Tally

  func run(in directory: URL) throws {
    let (document, cases) = try EngineCase.generate(
      seed: Self.seed, findings: Self.findingCount, filters: Self.filterCount,
      ruleSets: Self.ruleSetCount, tally: tally)
    let findingsPath = directory.appendingPathComponent("findings.json").path
    try Data(document.utf8).write(to: URL(fileURLWithPath: findingsPath))

    var job: [String: Any] = [:]
    for (dialect, layouts) in Self.plan {
      let export = aafilter(
        ["export", "--output", "sql", "--dialect", dialect.rawValue, "--findings", findingsPath],
        root: settings.root)
      tally.check(
        export.status == 0, "export", "export --dialect \(dialect.rawValue): \(export.stderr)")
      var extra: [String: [String]] = [:]
      for layout in layouts {
        extra[layout.rawValue] = try queries(selection(cases, dialect, layout), dialect, layout)
      }
      job[dialect.rawValue] = [
        "setup": export.stdout,
        "queries": try queries(selection(cases, dialect, .aafilter), dialect, .aafilter),
        "layouts": extra,
      ]
    }
    guard let results = try runEngines(job, directory: directory) else { return }

    var checked: [String] = []
    for (dialect, layouts) in Self.plan {
      guard let engine = results[dialect.rawValue] as? [String: Any] else {
        tally.check(false, dialect.rawValue, "no results from \(dialect.rawValue)")
        continue
      }
      for layout in [SQLLayout.aafilter] + layouts {
        try check(dialect, layout, selection(cases, dialect, layout), engine)
        checked.append("\(dialect.rawValue)/\(layout.rawValue)")
      }
      if dialect == .trino {
        let errors = (engine["setup"] as? [Any] ?? []).compactMap { $0 as? [String: Any] }
        tally.check(
          errors.isEmpty, "trino",
          "export statements do not parse: \(errors.prefix(3).map { "\($0["error"] ?? "")" })")
      }
    }
    print("engine cases checked on \(checked.joined(separator: ", "))")
  }

  private func check(
    _ dialect: SQLDialect, _ layout: SQLLayout, _ selected: [EngineCase], _ engine: [String: Any]
  ) throws {
    let group = "\(dialect.rawValue)/\(layout.rawValue)"
    let answers = engine[layout.rawValue] as? [Any] ?? []
    tally.check(
      answers.count == selected.count, group,
      "\(answers.count) answers to \(selected.count) queries")
    let sql = try SQLGenerator(dialect: dialect, layout: layout)
    for (index, (testCase, answer)) in zip(selected, answers).enumerated() {
      let problem = testCase.compare(answer, parseOnly: dialect == .trino, layout: layout)
      let query = (try? testCase.query(sql)) ?? ""
      tally.check(
        problem == nil, group, "case \(index) (\(testCase.description)): \(problem ?? "")\n\(query)"
      )
    }
    if layout == .aafilter {
      let answered = zip(selected, answers).filter { $0.0.filter != nil && $0.1 is [Any] }.count
      tally.check(
        answered >= Self.minimumFilters, group,
        "only \(answered) filters answered, fewer than \(Self.minimumFilters)")
    }
  }

  /// The cases one engine and layout run: all of them, but Spark's other layouts a sample.
  private func selection(_ cases: [EngineCase], _ dialect: SQLDialect, _ layout: SQLLayout)
    -> [EngineCase]
  {
    guard dialect == .spark, layout != .aafilter else { return cases }
    return Array(
      cases.prefix(Self.sparkLayoutFilters)
        + cases.suffix(Self.ruleSetCount).prefix(Self.sparkLayoutRuleSets))
  }

  private func queries(_ cases: [EngineCase], _ dialect: SQLDialect, _ layout: SQLLayout) throws
    -> [String]
  {
    let sql = try SQLGenerator(dialect: dialect, layout: layout)
    return try cases.map { try $0.query(sql) }
  }

  /// Runs engines.py on the job; `nil` (one failed check naming what is missing) when it fails.
  private func runEngines(_ job: [String: Any], directory: URL) throws -> [String: Any]? {
    let jobURL = directory.appendingPathComponent("job.json")
    let outURL = directory.appendingPathComponent("out.json")
    try JSONSerialization.data(withJSONObject: job).write(to: jobURL)
    let script = settings.scripts.appendingPathComponent("engines.py").path
    let run = try runTool(settings.python, [script, jobURL.path, outURL.path])
    guard run.status == 0 else {
      let message = run.stderr.split(separator: "\n").suffix(15).joined(separator: "\n")
      tally.check(false, "engines", "engines.py failed (status \(run.status)):\n\(message)")
      return nil
    }
    let object = try JSONSerialization.jsonObject(with: Data(contentsOf: outURL))
    return object as? [String: Any] ?? [:]
  }
}
