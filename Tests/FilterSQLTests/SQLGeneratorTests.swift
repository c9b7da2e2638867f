import FilterDSL
import FilterSQL
import XCTest

/// Literal escaping, rejected inputs and the CLI's words; what the SQL means is proved on real
/// engines by the interop harness (`scripts/interop`, `Sources/aafilter-interop`).
final class SQLGeneratorTests: XCTestCase {
  func testLiterals_escapeForEachDialect() throws {
    let cases: [(SQLDialect, String, String, UInt)] = [
      (.sqlite, "it's", "'it''s'", #line),
      (.postgres, "it's", "'it''s'", #line),
      (.postgres, #"a\b'"#, #"E'a\\b'''"#, #line),
      (.duckdb, #"a\b"#, #"'a\b'"#, #line),
      (.trino, "50%_", "'50%_'", #line),
      (.spark, #"a\b'c"#, #"'a\\b\'c'"#, #line),
      (.spark, "say \"hi\"", "'say \"hi\"'", #line),
      (.sqlite, "e\u{301}'", "'e\u{301}'''", #line),
    ]
    for (dialect, value, expected, line) in cases {
      XCTAssertEqual(try dialect.literal(value), expected, "\(dialect)", line: line)
    }
  }

  func testIdentifiers_areQuoted() {
    XCTAssertEqual(SQLDialect.postgres.identifier("a\"b"), "\"a\"\"b\"")
    XCTAssertEqual(SQLDialect.spark.identifier("a`b"), "`a``b`")
  }

  func testNulInAValue_isRejectedWithAClearError() throws {
    let sql = try SQLGenerator(dialect: .postgres, layout: .aafilter)
    XCTAssertThrowsError(try sql.predicate(["resource": Criterion(eq: ["a\u{0}b"])])) { error in
      XCTAssertEqual((error as? SQLError)?.code, .nulInValue)
      XCTAssertEqual(
        (error as? SQLError)?.message,
        "the value 'a\\u{0}b' holds a NUL character, which SQL text cannot hold")
    }
  }

  func testLayoutOutsideItsDialects_isRejected() {
    XCTAssertThrowsError(try SQLGenerator(dialect: .sqlite, layout: .steampipe)) { error in
      XCTAssertEqual((error as? SQLError)?.code, .unsupportedLayout)
    }
  }

  func testUnknownSortAttribute_isRejected() throws {
    let sql = try SQLGenerator(dialect: .duckdb, layout: .aafilter)
    XCTAssertThrowsError(try sql.select([:], sort: SortCriteria(attributeName: "UpdatedAt"))) {
      XCTAssertEqual(($0 as? SQLError)?.code, .unknownSortAttribute)
    }
  }

  func testContains_neverUsesLike() throws {
    for dialect in SQLDialect.allCases {
      let sql = try SQLGenerator(dialect: dialect, layout: .aafilter)
      let text = try sql.predicate(
        ["resource": Criterion(contains: ["%_"]), "action": Criterion(contains: ["_"])])
      XCTAssertFalse(text.uppercased().contains("LIKE"), "\(dialect): \(text)")
    }
  }

  func testEmptyFilter_matchesEverything() throws {
    let sql = try SQLGenerator(dialect: .sqlite, layout: .aafilter)
    XCTAssertEqual(try sql.predicate([:]), "(1 = 1)")
  }
}
