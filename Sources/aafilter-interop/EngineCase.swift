import AAFilterTestSupport
import FilterDSL
import FilterEval
import FilterSQL
import Foundation

/// One generated query or preview and what FilterEval answers on each table's findings.
struct EngineCase {
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

  /// Keys the cloudquery and steampipe tables do not hold, so they are absent there.
  static let keysMissingFromToolTables = [
    "findingType", "resourceControlPolicyRestriction", "accessType", "principalType",
    "principalOwnerAccount", "serviceControlPolicyRestriction",
  ]

  /// The findings document and the cases, from the seeded generator; checks that the data
  /// exercises what it must (summaries, cases that match something).
  static func generate(
    seed: UInt64, findings findingCount: Int, filters: Int, ruleSets: Int, tally: Tally
  )
    throws -> (document: String, cases: [EngineCase])
  {
    var generator = SQLCaseGenerator(random: SeededGenerator(seed: seed))
    let records = (0..<findingCount).map { generator.finding($0) }
    let document = "[\n" + records.joined(separator: ",\n") + "\n]\n"
    let findings = try FindingsDecoder.decode(Array(document.utf8)).findings
    tally.check(
      findings.count == findingCount, "generator", "\(findings.count) findings decoded")
    let full = findings.filter(\.hasAccessDetails)
    let inToolTables = try asInToolTables(full)
    tally.check(findings.count - full.count > 10, "generator", "too few summaries generated")

    var cases: [EngineCase] = []
    for _ in 0..<filters {
      let filter = generator.filter()
      let sort = generator.sort()
      let limit = generator.chance(25) ? 1 + Int(generator.random.next() % 15) : nil
      func run(_ input: [Finding]) throws -> [[String?]] {
        try FindingQuery(filter: filter, sort: sort, maxResults: limit).run(input).findings.map {
          [$0.id, nil]
        }
      }
      cases.append(
        EngineCase(
          filter: filter, sort: sort, limit: limit, expected: try run(findings),
          expectedWithoutSummaries: try run(full), expectedInToolTables: try run(inToolTables)))
    }
    for _ in 0..<ruleSets {
      let rules = generator.rules()
      func run(_ input: [Finding]) -> [[String?]] {
        var preview = ArchivePreview(rules: rules)
        preview.add(contentsOf: input)
        return preview.entries(.archived).map {
          [$0.id, $0.matchedRules.map { rules[$0].ruleName }.joined(separator: ",")]
        }
      }
      cases.append(
        EngineCase(
          rules: rules, expected: run(findings), expectedWithoutSummaries: run(full),
          expectedInToolTables: run(inToolTables)))
    }
    let nonEmpty = cases.filter { !$0.expected.isEmpty }.count
    tally.check(nonEmpty > cases.count / 3, "generator", "too few cases match anything")
    return (document, cases)
  }

  /// The findings as the cloudquery and steampipe tables hold them.
  private static func asInToolTables(_ findings: [Finding]) throws -> [Finding] {
    let records = try findings.map { finding -> String in
      let object = try JSONSerialization.jsonObject(with: Data(finding.json.text.utf8))
      guard var fields = object as? [String: Any] else { return finding.json.text }
      for key in keysMissingFromToolTables { fields.removeValue(forKey: key) }
      return String(decoding: try JSONSerialization.data(withJSONObject: fields), as: UTF8.self)
    }
    return try FindingsDecoder.decode(Array(("[" + records.joined(separator: ",") + "]").utf8))
      .findings
  }

  func query(_ sql: SQLGenerator) throws -> String {
    if let filter { return try sql.select(filter, sort: sort, limit: limit) }
    return try sql.preview(rules)
  }

  var description: String {
    if let filter {
      let order = sort.map { " order by \($0.attributeName) \($0.orderBy.rawValue)" } ?? ""
      return FilterPrinter().print(filter) + order + (limit.map { " limit \($0)" } ?? "")
    }
    return rules.map { "rule \($0.ruleName) { \(FilterPrinter().print($0.filter)) }" }
      .joined(separator: " ")
  }

  /// What is wrong with an engine's answer, or `nil` when it is exactly what FilterEval says.
  func compare(_ answer: Any, parseOnly: Bool, layout: SQLLayout) -> String? {
    if let error = answer as? [String: Any] { return "engine error: \(error["error"] ?? "")" }
    if parseOnly { return nil }
    guard let rows = answer as? [[Any]] else { return "unexpected answer \(answer)" }
    let actual = rows.map { row in row.map { $0 as? String } }
    let wanted: [[String?]]
    switch layout {
    case .aafilter: wanted = expected
    case .athenaEventBridge: wanted = expectedWithoutSummaries
    case .cloudquery, .steampipe: wanted = expectedInToolTables
    }
    let preview = filter == nil
    let rowsWanted = wanted.map { preview ? $0 : [$0.first ?? nil, nil] }
    return actual == rowsWanted
      ? nil : "expected \(Self.show(rowsWanted)), got \(Self.show(actual))"
  }

  /// Rows as `[["f1", null], ...]`, without Swift's `Optional(...)` around each cell.
  private static func show(_ rows: [[String?]]) -> String {
    let cells = rows.map { row in row.map { $0.map { "\"\($0)\"" } ?? "null" } }
    return "[" + cells.map { "[" + $0.joined(separator: ", ") + "]" }.joined(separator: ", ") + "]"
  }
}
