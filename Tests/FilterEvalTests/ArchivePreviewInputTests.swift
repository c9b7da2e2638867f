import FilterDSL
import FilterEval
import XCTest

/// What a tool linking FilterEval feeds a preview (any sequence of any records) and reads back
/// (the names of the rules each finding matched, leading to the rules as written).
final class ArchivePreviewInputTests: XCTestCase {
  /// A tool's own record type, beside the library's `Finding`.
  struct Row: FindingRecord {
    var id: String
    var status: String
    var isPublic: Bool
    var findingType: String?

    func value(for attribute: FindingAttribute) -> FindingValue? {
      switch attribute {
      case .id: .text(id)
      case .status: .text(status)
      case .isPublic: .bool(isPublic)
      case .findingType: findingType.map(FindingValue.text)
      default: nil
      }
    }
  }

  private let rows = [
    Row(id: "r-1", status: "ACTIVE", isPublic: true),
    Row(id: "r-2", status: "ACTIVE", isPublic: false),
    Row(id: "r-3", status: "RESOLVED", isPublic: true),
    Row(id: "r-4", status: "ARCHIVED", isPublic: false, findingType: "UnusedIAMUserPassword"),
    Row(id: "r-5", status: "ACTIVE", isPublic: false, findingType: "UnusedIAMUserAccessKey"),
  ]

  private func compiled() throws -> CompileResult {
    try FilterCompiler.compile(
      """
      rule Open { isPublic eq true or findingType eq UnusedIAMUserAccessKey }
      rule Private { isPublic eq false }
      rule Never { id eq none }
      """, options: CompileOptions(split: true)
    ).checked()
  }

  private func oneByOne(_ rules: [ArchiveRule], _ records: [any FindingRecord]) -> ArchivePreview {
    var preview = ArchivePreview(rules: rules)
    for record in records { preview.add(record) }
    return preview
  }

  private func assertSame(
    _ preview: ArchivePreview, _ expected: ArchivePreview, file: StaticString = #filePath,
    line: UInt = #line
  ) {
    XCTAssertEqual(preview.entries, expected.entries, file: file, line: line)
    XCTAssertEqual(preview.findingCount, expected.findingCount, file: file, line: line)
    XCTAssertEqual(preview.archiveCounts, expected.archiveCounts, file: file, line: line)
    XCTAssertEqual(preview.statusCounts, expected.statusCounts, file: file, line: line)
    XCTAssertEqual(preview.families, expected.families, file: file, line: line)
  }

  func testAddContentsOf_anySequence_sameAsOneByOne() throws {
    let rules = try compiled().rules
    let active = rows.filter { $0.status == "ACTIVE" }
    let expected = oneByOne(rules, active)
    XCTAssertEqual(expected.findingCount, 3)
    var fromLazy = ArchivePreview(rules: rules)
    fromLazy.add(contentsOf: rows.lazy.filter { $0.status == "ACTIVE" })
    assertSame(fromLazy, expected)
    var fromSlice = ArchivePreview(rules: rules)
    fromSlice.add(contentsOf: rows[0...1])
    fromSlice.add(contentsOf: AnySequence([rows[4]]))
    assertSame(fromSlice, expected)
    var fromSet = ArchivePreview(rules: rules)
    fromSet.add(
      contentsOf: Set(["r-1", "r-2", "r-5"]).sorted().compactMap { id in
        rows.first { $0.id == id }
      })
    assertSame(fromSet, expected)
  }

  func testAddContentsOf_mixedRecordTypes_sameAsOneByOne() throws {
    let rules = try compiled().rules
    let decoded = try FindingsDecoder.decode(
      Array(#"[{"id":"d-1","status":"ACTIVE","isPublic":true}]"#.utf8)
    ).findings
    let mixed: [any FindingRecord] = [rows[0], decoded[0], Finding(id: "b-1", status: "ACTIVE")]
    let expected = oneByOne(rules, mixed)
    var preview = ArchivePreview(rules: rules)
    preview.add(contentsOf: mixed)
    assertSame(preview, expected)
    XCTAssertEqual(preview.entries(.archived).map(\.id), ["r-1", "d-1"])
    XCTAssertEqual(preview.findingCount, 3)
  }

  func testEntries_nameTheRulesTheyMatched_inRuleOrder() throws {
    let result = try compiled()
    XCTAssertEqual(result.rules.map(\.ruleName), ["Open-1", "Open-2", "Private", "Never"])
    var preview = ArchivePreview(rules: result.rules)
    preview.add(contentsOf: rows)
    let cases: [(id: String, names: [String], written: [String], line: UInt)] = [
      ("r-1", ["Open-1"], ["Open"], #line),
      ("r-2", ["Private"], ["Private"], #line),
      ("r-3", ["Open-1"], ["Open"], #line),
      ("r-4", ["Private"], ["Private"], #line),
      ("r-5", ["Open-2", "Private"], ["Open", "Private"], #line),
    ]
    XCTAssertEqual(preview.entries.map(\.id), cases.map(\.id))
    for (entry, (id, names, written, line)) in zip(preview.entries, cases) {
      XCTAssertEqual(entry.matchedRuleNames, names, id, line: line)
      XCTAssertEqual(
        entry.matchedRuleNames, entry.matchedRules.map { result.rules[$0].ruleName }, id,
        line: line)
      XCTAssertEqual(
        entry.matchedRuleNames.compactMap { result.origin(ofRuleNamed: $0)?.ruleName }, written,
        id, line: line)
    }
    XCTAssertEqual(result.origin(ofRuleNamed: "Open-2")?.part, 2)
    XCTAssertEqual(preview.idleRules, [3])
  }

  func testStaleCredentials_nameTheRulesTheyMatched() throws {
    let result = try compiled()
    var preview = ArchivePreview(rules: result.rules)
    preview.add(contentsOf: rows)
    XCTAssertEqual(preview.families.staleCredentials.map(\.id), ["r-5"])
    XCTAssertEqual(
      preview.families.staleCredentials.map(\.matchedRuleNames), [["Open-2", "Private"]])
    XCTAssertEqual(preview.families.staleCredentials.map(\.matchedRules), [[1, 2]])
  }
}
