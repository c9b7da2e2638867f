import FilterDSL
@testable import FilterEval
import XCTest

/// A record may repeat `principal` or `condition`, or a key inside one. JSON keeps the last
/// member, and so does the reference decoder; the column store must answer as it does, both
/// when evaluating a filter and when a row is read.
final class RepeatedMapKeyTests: XCTestCase {
  static let records = [
    #"{"id": "inner", "status": "ACTIVE", "principal": {"AWS": "111", "AWS": "222"}}"#,
    #"{"id": "outer", "status": "ACTIVE", "principal": {"AWS": "111"}, "principal": {"Service": "s3"}}"#,
    #"{"id": "both", "status": "ACTIVE", "principal": {"AWS": "111", "Service": "s3"}, "principal": {"AWS": "333"}}"#,
    #"{"id": "null member", "status": "ACTIVE", "principal": {"AWS": "111"}, "principal": null}"#,
    #"{"id": "null value", "status": "ACTIVE", "principal": {"AWS": "111", "AWS": null}}"#,
    #"{"id": "empty", "status": "ACTIVE", "condition": {"k": "1"}, "condition": {}}"#,
    #"{"id": "condition", "status": "ACTIVE", "condition": {"k": "1", "j": "2", "k": "3"}}"#,
    #"{"id": "two maps", "status": "ACTIVE", "condition": {"k": "1"}, "principal": {"k": "4"}, "condition": {"j": "5"}}"#,
  ]

  /// Per filter, the verdict on each record above, in order (m match, n no match).
  static let expected: [(String, String, UInt)] = [
    ("principal.AWS eq 222", "mnnnnnnn", #line),
    ("principal.AWS eq 111", "nnnmmnnn", #line),
    ("principal.AWS eq 333", "nnmnnnnn", #line),
    ("principal.AWS exists", "mnmmmnnn", #line),
    ("principal.Service exists", "nmnnnnnn", #line),
    ("principal.k eq 4", "nnnnnnnm", #line),
    ("condition.k exists", "nnnnnnmn", #line),
    ("condition.k eq 3", "nnnnnnmn", #line),
    ("condition.k eq 1", "nnnnnnnn", #line),
    ("condition.j eq 5", "nnnnnnnm", #line),
    ("condition.j not exists", "mmmmmmnn", #line),
  ]

  func testRepeatedKeys_storeKeepsTheEntryTheReferenceKeeps() throws {
    let bytes = Array(Self.records.joined(separator: "\n").utf8)
    let reference = try FindingsDecoder.decode(bytes).findings
    XCTAssertEqual(reference.count, Self.records.count)
    for threads in [1, 3] {
      let reader = FindingsStoreReader(threads: threads, pieceSize: 64)
      let (store, _) = try reader.readAll(InputBytes(bytes))
      XCTAssertEqual(store.count, Self.records.count)
      // Every record here is ordinary: the columns answer, not the reference decoder.
      XCTAssertTrue(store.decoded.isEmpty, "\(store.decoded.keys.sorted())")
      for (source, verdicts, line) in Self.expected {
        let filter = map(source, line: line)
        let matcher = FindingMatcher(filter)
        let want = verdicts.map { $0 == "m" ? Verdict.match : .noMatch }
        XCTAssertEqual(
          reference.map { matcher.evaluate($0) }, want, "reference: \(source)", line: line)
        XCTAssertEqual(store.evaluate(filter), want, "store: \(source)", line: line)
        let rows = (0..<store.count).map { store[$0] }
        XCTAssertEqual(rows.map { matcher.evaluate($0) }, want, "rows: \(source)", line: line)
      }
      for attribute: FindingAttribute in [
        .principal("AWS"), .principal("Service"), .principal("k"), .condition("k"),
        .condition("j"),
      ] {
        for row in 0..<store.count {
          XCTAssertEqual(
            store[row].value(for: attribute)?.text, reference[row].value(for: attribute)?.text,
            "\(attribute) of \(reference[row].id ?? "")")
        }
      }
    }
  }
}
