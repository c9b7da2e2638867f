import FilterDSL
import FilterEval
import XCTest

/// A record that repeats a `principal` or `condition` key means its last entry, as a JSON
/// decoder keeps it; every path (the record matcher, the column store, the columnar preview)
/// must read the same entry.
final class RepeatedKeyTests: XCTestCase {
  func testRepeatedEntryKeys_theLastOneCounts_onEveryPath() throws {
    let record = #"""
      {"findings": [{"id": "f1", "status": "ACTIVE", "resourceType": "AWS::S3::Bucket",
        "isPublic": false,
        "principal": {"AWS": "111122223333", "AWS": "444455556666"},
        "condition": {"aws:SourceVpc": "vpc-1", "aws:SourceVpc": "vpc-2"}}]}
      """#
    let bytes = Array(record.utf8)
    let cases: [(String, Verdict, UInt)] = [
      ("principal.AWS eq 444455556666", .match, #line),
      ("principal.AWS eq 111122223333", .noMatch, #line),
      ("principal.AWS neq 111122223333", .match, #line),
      ("condition.aws:SourceVpc eq vpc-2", .match, #line),
      ("condition.aws:SourceVpc eq vpc-1", .noMatch, #line),
    ]
    let finding = try XCTUnwrap(FindingsDecoder.decode(bytes).findings.first)
    let (store, _) = try FindingsStoreReader(threads: 1).readAll(InputBytes(bytes))
    for (rule, expected, line) in cases {
      let filter = try FilterExpression(parsing: rule).filterMap()
      XCTAssertEqual(FindingMatcher(filter).evaluate(finding), expected, rule, line: line)
      XCTAssertEqual(store.evaluate(filter), [expected], rule, line: line)
      let attribute = try XCTUnwrap(filter.criteria.keys.first.flatMap(FindingAttribute.init))
      XCTAssertEqual(
        store[0].value(for: attribute)?.text, finding.value(for: attribute)?.text, rule,
        line: line)
    }
  }
}
