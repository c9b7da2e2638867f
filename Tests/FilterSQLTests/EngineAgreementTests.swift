import AAFilterCLI
import FilterDSL
import FilterEval
import FilterSQL
import Foundation
import XCTest

/// The generated SQL, run on real engines over findings loaded through `aafilter export`,
/// returns exactly the ids, order and matching rules that FilterEval returns.
///
/// Each engine starts once and runs every query (engines.py). Trino has no server here: its
/// SQL is parsed by sqlglot's Trino dialect, and the same semantics run on DuckDB and Spark.
final class EngineAgreementTests: XCTestCase {
  static let findingCount = 320
  static let filterCount = 560
  static let ruleSetCount = 70
  /// Every engine runs at least this many of the generated filters (rule sets besides).
  static let minimumFilters = 500
  /// Spark runs every case on the `aafilter` table, and a sample on its event layout.
  static let sparkLayoutFilters = 60
  static let sparkLayoutRuleSets = 20

  struct Case {
    var filter: FilterCriteriaMap?
    var sort: SortCriteria?
    var limit: Int?
    var rules: [ArchiveRule] = []
    /// [id, matched rule names] in result order; names only for previews.
    var expected: [[String?]]
    /// On full findings only: the layouts of other tools hold no summaries.
    var expectedWithoutSummaries: [[String?]]
    /// On full findings without the keys the cloudquery and steampipe tables have no column for.
    var expectedInToolTables: [[String?]]
  }

  /// Keys the cloudquery and steampipe tables do not hold, so they are absent there.
  static let keysMissingFromToolTables = [
    "findingType", "resourceControlPolicyRestriction", "accessType", "principalType",
    "principalOwnerAccount", "serviceControlPolicyRestriction",
  ]

  /// The findings as the cloudquery and steampipe tables hold them.
  private func asInToolTables(_ findings: [Finding]) throws -> [Finding] {
    let records = try findings.map { finding -> String in
      let object = try JSONSerialization.jsonObject(with: Data(finding.json.text.utf8))
      guard var fields = object as? [String: Any] else { return finding.json.text }
      for key in Self.keysMissingFromToolTables { fields.removeValue(forKey: key) }
      return String(decoding: try JSONSerialization.data(withJSONObject: fields), as: UTF8.self)
    }
    return try FindingsDecoder.decode(Array(("[" + records.joined(separator: ",") + "]").utf8))
      .findings
  }

  func testGeneratedCases_matchFilterEval_onEveryEngine() throws {
    var generator = SQLCaseGenerator(random: SeededGenerator(seed: 0x5E1_EC7))
    let records = (0..<Self.findingCount).map { generator.finding($0) }
    let document = "[\n" + records.joined(separator: ",\n") + "\n]\n"
    let findings = try FindingsDecoder.decode(Array(document.utf8)).findings
    XCTAssertEqual(findings.count, Self.findingCount)
    let full = findings.filter(\.hasAccessDetails)
    let inToolTables = try asInToolTables(full)
    XCTAssertGreaterThan(findings.count - full.count, 10, "too few summaries generated")

    var cases: [Case] = []
    for _ in 0..<Self.filterCount {
      let filter = generator.filter()
      let sort = generator.sort()
      let limit = generator.chance(25) ? 1 + Int(generator.random.next() % 15) : nil
      func run(_ input: [Finding]) throws -> [[String?]] {
        try FindingQuery(filter: filter, sort: sort, maxResults: limit).run(input).findings.map {
          [$0.id, nil]
        }
      }
      cases.append(
        Case(
          filter: filter, sort: sort, limit: limit, expected: try run(findings),
          expectedWithoutSummaries: try run(full), expectedInToolTables: try run(inToolTables)))
    }
    for _ in 0..<Self.ruleSetCount {
      let rules = generator.rules()
      func run(_ input: [Finding]) -> [[String?]] {
        var preview = ArchivePreview(rules: rules)
        preview.add(contentsOf: input)
        return preview.entries(.archived).map {
          [$0.id, $0.matchedRules.map { rules[$0].ruleName }.joined(separator: ",")]
        }
      }
      cases.append(
        Case(
          rules: rules, expected: run(findings), expectedWithoutSummaries: run(full),
          expectedInToolTables: run(inToolTables)))
    }
    let nonEmpty = cases.filter { !$0.expected.isEmpty }.count
    XCTAssertGreaterThan(nonEmpty, cases.count / 3, "too few cases match anything")

    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "aafilter-sql-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let findingsPath = directory.appendingPathComponent("findings.json").path
    try Data(document.utf8).write(to: URL(fileURLWithPath: findingsPath))

    let plan: [(SQLDialect, [SQLLayout])] = [
      (.sqlite, []), (.postgres, [.cloudquery, .steampipe]), (.duckdb, []),
      (.spark, [.athenaEventBridge]), (.trino, [.athenaEventBridge]),
    ]
    var job: [String: Any] = [:]
    for (dialect, layouts) in plan {
      let export = runExport(dialect: dialect, findingsPath: findingsPath)
      XCTAssertEqual(export.status, 0, "export --dialect \(dialect.rawValue): \(export.stderr)")
      var entry: [String: Any] = [
        "setup": export.stdout,
        "queries": try queries(
          selection(cases, dialect, .aafilter), SQLGenerator(dialect: dialect, layout: .aafilter)),
      ]
      var extra: [String: [String]] = [:]
      for layout in layouts {
        extra[layout.rawValue] = try queries(
          selection(cases, dialect, layout), SQLGenerator(dialect: dialect, layout: layout))
      }
      entry["layouts"] = extra
      job[dialect.rawValue] = entry
    }
    let results = try runEngines(job, directory: directory)

    var checked: [String: Int] = [:]
    for (dialect, layouts) in plan {
      guard let engine = results[dialect.rawValue] as? [String: Any] else {
        XCTFail("no results from \(dialect.rawValue)")
        continue
      }
      for layout in [SQLLayout.aafilter] + layouts {
        let selected = selection(cases, dialect, layout)
        let answers = engine[layout.rawValue] as? [Any] ?? []
        XCTAssertEqual(answers.count, selected.count, "\(dialect.rawValue)/\(layout.rawValue)")
        var failures = 0
        let sql = try SQLGenerator(dialect: dialect, layout: layout)
        for (index, (testCase, answer)) in zip(selected, answers).enumerated() {
          let problem = compare(testCase, answer, parseOnly: dialect == .trino, layout: layout)
          if let problem, failures < 5 {
            failures += 1
            let query = try self.query(testCase, sql)
            XCTFail(
              "\(dialect.rawValue)/\(layout.rawValue) case \(index) (\(describe(testCase))): \(problem)\n\(query)"
            )
          }
        }
        checked["\(dialect.rawValue)/\(layout.rawValue)"] = selected.count
        if layout == .aafilter {
          XCTAssertGreaterThanOrEqual(
            zip(selected, answers).filter { $0.0.filter != nil && $0.1 is [Any] }.count,
            Self.minimumFilters, "\(dialect.rawValue): too few filters answered")
        }
      }
      if dialect == .trino, let setup = engine["setup"] as? [Any] {
        for case let error as [String: Any] in setup {
          XCTFail("trino export statement does not parse: \(error["error"] ?? "")")
        }
      }
    }
    print("engine cases checked: \(checked.sorted { $0.key < $1.key })")
  }

  private func sample(_ cases: [Case], filters: Int, ruleSets: Int) -> [Case] {
    Array(cases.prefix(filters) + cases.suffix(Self.ruleSetCount).prefix(ruleSets))
  }

  /// The cases one engine and layout run.
  private func selection(_ cases: [Case], _ dialect: SQLDialect, _ layout: SQLLayout) -> [Case] {
    guard dialect == .spark, layout != .aafilter else { return cases }
    return sample(cases, filters: Self.sparkLayoutFilters, ruleSets: Self.sparkLayoutRuleSets)
  }

  private func query(_ testCase: Case, _ sql: SQLGenerator) throws -> String {
    if let filter = testCase.filter {
      return try sql.select(filter, sort: testCase.sort, limit: testCase.limit)
    }
    return try sql.preview(testCase.rules)
  }

  private func queries(_ cases: some Sequence<Case>, _ sql: SQLGenerator) throws -> [String] {
    try cases.map { try query($0, sql) }
  }

  private func describe(_ testCase: Case) -> String {
    if let filter = testCase.filter {
      let sort = testCase.sort.map { " order by \($0.attributeName) \($0.orderBy.rawValue)" } ?? ""
      return FilterPrinter().print(filter) + sort + (testCase.limit.map { " limit \($0)" } ?? "")
    }
    return testCase.rules.map { "rule \($0.ruleName) { \(FilterPrinter().print($0.filter)) }" }
      .joined(separator: " ")
  }

  private func compare(_ testCase: Case, _ answer: Any, parseOnly: Bool, layout: SQLLayout)
    -> String?
  {
    if let error = answer as? [String: Any] { return "engine error: \(error["error"] ?? "")" }
    if parseOnly { return nil }
    guard let rows = answer as? [[Any]] else { return "unexpected answer \(answer)" }
    let actual = rows.map { row in row.map { $0 as? String } }
    let expected =
      switch layout {
      case .aafilter: testCase.expected
      case .athenaEventBridge: testCase.expectedWithoutSummaries
      case .cloudquery, .steampipe: testCase.expectedInToolTables
      }
    let preview = testCase.filter == nil
    let wanted = expected.map { preview ? $0 : [$0[0], nil] }
    return actual == wanted ? nil : "expected \(wanted), got \(actual)"
  }

  private func runExport(dialect: SQLDialect, findingsPath: String) -> (
    status: Int32, stdout: String, stderr: String
  ) {
    let output = Capture()
    let console = Console(
      write: { output.write($0) }, writeError: { output.writeError($0) }, readInput: { [] },
      readFile: { try [UInt8](Data(contentsOf: URL(fileURLWithPath: $0))) })
    let status = AAFilter.main(
      ["export", "--format", "sql", "--dialect", dialect.rawValue, "--findings", findingsPath],
      console: console)
    return (status, output.stdout, output.stderr)
  }
}
