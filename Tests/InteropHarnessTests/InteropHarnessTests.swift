import FilterDSL
import FilterSQL
import XCTest

@testable import aafilter_interop

/// What the interop harness decides without the tools: how it reads a checker's closing line,
/// counts checks, reads its arguments and judges an engine's answer.
final class InteropHarnessTests: XCTestCase {
  func testClosingLine_givesTheCounts() {
    let cases: [(line: String, counts: [Int]?, row: UInt)] = [
      ("conversions: 18 passed, 0 failed", [18, 0], #line),
      ("5 passed, 2 failed", [5, 2], #line),
      ("botocore validation: 0 passed, 28 failed", [0, 28], #line),
      ("SDK validation: 28 of 28 filters accepted", nil, #line),
      ("x passed, 1 failed", nil, #line),
      ("1 passed, 2 skipped", nil, #line),
      ("1 failed, 2 passed", nil, #line),
      ("passed, failed", nil, #line),
      ("", nil, #line),
    ]
    for (line, counts, row) in cases {
      let parsed = parseClosingLine(line).map { [$0.passed, $0.failed] }
      XCTAssertEqual(parsed, counts, line, line: row)
    }
  }

  func testTally_countsEveryCheckAndAddsReportedCounts() {
    let tally = Tally()
    tally.check(true, "a", "never shown")
    for _ in 0..<(Tally.shownPerGroup + 3) { tally.check(false, "b", "wrong") }
    tally.add(passed: 7, failed: 2)
    XCTAssertEqual(tally.passed, 8)
    XCTAssertEqual(tally.failed, Tally.shownPerGroup + 5)
  }

  func testSettings_readTheArguments() {
    let cases: [(arguments: [String], python: String?, suites: [String]?, row: UInt)] = [
      ([], "python3", Settings.suites, #line),
      (["engines"], "python3", ["engines"], #line),
      (
        ["--python", "/v/bin/python", "examples", "conversions"], "/v/bin/python",
        ["examples", "conversions"], #line
      ),
      (["--aafilter", "/b/aafilter", "lsp", "editors"], "python3", ["lsp", "editors"], #line),
      (["--python"], nil, nil, #line),
      (["--root"], nil, nil, #line),
      (["--aafilter"], nil, nil, #line),
      (["sqlite"], nil, nil, #line),
      (["--verbose"], nil, nil, #line),
    ]
    for (arguments, python, suites, row) in cases {
      let settings = Settings(arguments)
      XCTAssertEqual(settings?.python, python, "\(arguments)", line: row)
      XCTAssertEqual(settings?.selected, suites, "\(arguments)", line: row)
    }
    XCTAssertEqual(Settings(["--root", "/r"])?.scripts.path, "/r/Tests/Interop")
    XCTAssertEqual(Settings([])?.aafilter, "aafilter")
    XCTAssertEqual(Settings(["--aafilter", "/b/aafilter"])?.aafilter, "/b/aafilter")
  }

  /// Neovim reports byte columns: the expected place counts UTF-8 bytes, not characters or
  /// UTF-16 units, and the first line holding the key.
  func testNeovimDocument_placesTheKeyInBytes() {
    let cases: [(lines: [String], key: String, line: Int, column: Int, row: UInt)] = [
      (["a", "  key x"], "key", 1, 2, #line),
      (["# é", "\"🎉\" key"], "key", 1, 7, #line),
      (["共有 key", "key"], "key", 0, 7, #line),
      (["e\u{301} key"], "key", 0, 4, #line),
      (["none"], "key", -1, -1, #line),
    ]
    for (lines, key, line, column, row) in cases {
      let document = NeovimDocument(lines: lines, key: key)
      XCTAssertEqual([document.line, document.column], [line, column], "\(lines)", line: row)
      XCTAssertEqual(document.text, lines.joined(separator: "\n") + "\n", line: row)
    }
    let shipped = EditorChecks.document
    XCTAssertEqual([shipped.line, shipped.column], [3, 47])
  }

  private static let query = EngineCase(
    filter: ["resource": Criterion(exists: true)], expected: [["a", nil], ["b", nil]],
    expectedWithoutSummaries: [["b", nil]], expectedInToolTables: [["c", nil]])
  private static let preview = EngineCase(
    rules: [ArchiveRule(ruleName: "R1", filter: FilterCriteriaMap())],
    expected: [["a", "R1"]], expectedWithoutSummaries: [["a", "R1,R2"]],
    expectedInToolTables: [])

  func testCompare_acceptsExactlyWhatFilterEvalSays() {
    let cases: [(EngineCase, Any, SQLLayout, parseOnly: Bool, agrees: Bool, row: UInt)] = [
      (Self.query, [["a", NSNull()], ["b", NSNull()]], .aafilter, false, true, #line),
      // engines.py blanks the second column of a query's rows: a name there is a wrong answer.
      (Self.query, [["a", "R1"], ["b", NSNull()]], .aafilter, false, false, #line),
      (Self.query, [["b", NSNull()], ["a", NSNull()]], .aafilter, false, false, #line),
      (Self.query, [["a", NSNull()]], .aafilter, false, false, #line),
      (
        Self.query, [["a", NSNull()], ["b", NSNull()], ["c", NSNull()]], .aafilter, false, false,
        #line
      ),
      (Self.query, [["b", NSNull()]], .athenaEventBridge, false, true, #line),
      (Self.query, [["a", NSNull()], ["b", NSNull()]], .athenaEventBridge, false, false, #line),
      (Self.query, [["c", NSNull()]], .cloudquery, false, true, #line),
      (Self.query, [["c", NSNull()]], .steampipe, false, true, #line),
      (Self.query, [[Any]](), .steampipe, false, false, #line),
      (Self.query, ["error": "syntax"], .aafilter, false, false, #line),
      (Self.query, ["error": "syntax"], .aafilter, true, false, #line),
      (Self.query, [[Any]](), .aafilter, true, true, #line),
      (Self.query, "rows", .aafilter, false, false, #line),
      (Self.preview, [["a", "R1"]], .aafilter, false, true, #line),
      (Self.preview, [["a", "R2"]], .aafilter, false, false, #line),
      (Self.preview, [["a", NSNull()]], .aafilter, false, false, #line),
      (Self.preview, [["a", "R1,R2"]], .athenaEventBridge, false, true, #line),
      (Self.preview, [[Any]](), .cloudquery, false, true, #line),
    ]
    for (testCase, answer, layout, parseOnly, agrees, row) in cases {
      let problem = testCase.compare(answer, parseOnly: parseOnly, layout: layout)
      XCTAssertEqual(problem == nil, agrees, problem ?? "agrees", line: row)
    }
  }

  func testCompare_showsRowsAsJSON() {
    let problem = Self.query.compare([["a", NSNull()]], parseOnly: false, layout: .aafilter)
    XCTAssertEqual(problem, #"expected [["a", null], ["b", null]], got [["a", null]]"#)
  }
}
