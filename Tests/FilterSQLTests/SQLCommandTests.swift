import AAFilterCLI
import AAFilterTestSupport
import Foundation
import XCTest

/// `aafilter sql` and `aafilter export` words, errors and output shape.
final class SQLCommandTests: XCTestCase {
  private func run(_ arguments: [String]) -> (status: Int32, stdout: String, stderr: String) {
    let output = ConsoleCapture()
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
    let console = Console(
      write: { output.write($0) }, writeError: { output.writeError($0) }, readInput: { [] },
      readFile: { try [UInt8](Data(contentsOf: root.appendingPathComponent($0))) })
    let status = AAFilter.main(arguments, console: console)
    return (status, output.stdout, output.stderr)
  }

  func testSQL_usageMistakes() {
    let cases: [([String], String, UInt)] = [
      (["sql", "--filter", "a eq 1"], "--dialect is required", #line),
      (["sql", "--dialect", "mysql", "--filter", "a eq 1"], "not 'mysql'", #line),
      (["sql", "--dialect", "sqlite"], "give either --filter or rules", #line),
      (
        ["sql", "--dialect", "sqlite", "--layout", "steampip", "--filter", "a eq 1"],
        "did you mean 'steampipe'?", #line
      ),
    ]
    for (arguments, message, line) in cases {
      let result = run(arguments)
      XCTAssertEqual(result.status, 2, line: line)
      XCTAssertTrue(result.stderr.contains(message), result.stderr, line: line)
    }
  }

  func testSQL_layoutInAnotherDialect_isAnError() {
    let result = run(["sql", "--dialect", "sqlite", "--layout", "cloudquery", "--filter", "a eq 1"])
    XCTAssertEqual(result.status, 1)
    XCTAssertEqual(
      result.stderr,
      "error: the 'cloudquery' layout exists only in postgres, not in 'sqlite'\n")
  }

  func testSQL_filterWithSortAndLimit() {
    let result = run([
      "sql", "--dialect", "sqlite", "--filter", "resourceType eq \"it's\" order by updatedAt desc",
      "--max-results", "5",
    ])
    XCTAssertEqual(result.status, 0, result.stderr)
    XCTAssertEqual(
      result.stdout,
      """
      SELECT f."id", f."finding"
      FROM "aafilter_findings" AS f
      WHERE ((f."resource_type") IS NOT NULL AND ((f."resource_type") COLLATE BINARY IN ('it''s')))
      ORDER BY CASE WHEN f."updated_at" COLLATE BINARY IS NULL THEN 1 ELSE 0 END, f."updated_at" COLLATE BINARY DESC, f."seq"
      LIMIT 5;

      """)
  }

  func testSQL_whereOnly_rulesAreNamed() {
    let result = run(["sql", "--dialect", "trino", "--rules", "Examples/rules.aaf", "--where-only"])
    XCTAssertEqual(result.status, 0, result.stderr)
    XCTAssertTrue(result.stdout.hasPrefix("-- TrustedAccounts\n"), result.stdout)
    XCTAssertFalse(result.stdout.contains("SELECT"))
  }

  func testExport_printsTableAndOneRowPerFinding() {
    let result = run([
      "export", "--format", "sql", "--dialect", "postgres", "--findings", "Examples/findings.jsonl",
    ])
    XCTAssertEqual(result.status, 0, result.stderr)
    XCTAssertTrue(result.stdout.hasPrefix("CREATE TABLE \"aafilter_findings\" (\n"))
    // Examples/findings.jsonl holds 12 findings; each row starts with its position.
    let rows = result.stdout.split(separator: "\n").filter {
      $0.hasPrefix("(") && $0.dropFirst().first?.isNumber == true
    }
    XCTAssertEqual(rows.map { $0.prefix(4) }, (0..<12).map { "(\($0), " }.map { $0.prefix(4) })
    // Timestamps in UTC with nine fraction digits, so text order is instant order.
    XCTAssertTrue(
      rows[0].contains("'2024-02-15T00:49:27.000000000Z', '2024-03-01T10:15:00.123000000Z'"),
      String(rows[0]))
  }

  func testExport_requiresADialect() {
    let result = run(["export", "--format", "sql", "--findings", "Examples/findings.jsonl"])
    XCTAssertEqual(result.status, 2)
    XCTAssertTrue(result.stderr.contains("--dialect is required"), result.stderr)
  }
}
