import AAFilterTestSupport
import XCTest

/// Whatever `suggest` prints is exact on what it claims, through the command line: for seeded
/// random findings and expected sets, `preview` of the printed rules archives exactly the
/// expected ACTIVE findings the report does not name as uncovered, never a kept one, and no
/// public one unless allowed; the exit status is 0 exactly when nothing is uncovered.
final class SuggestPropertyCLITests: XCTestCase {
  /// A small random finding file: few values per key, so twins and near misses are common.
  static func findings(_ random: inout SeededGenerator, count: Int) -> [(String, String, Bool)] {
    (0..<count).map { index in
      let statuses = ["ACTIVE", "ACTIVE", "ACTIVE", "ARCHIVED", "RESOLVED"]
      let status = statuses[Int(random.next() % 5)]
      let isPublic = random.next() % 6 == 0
      let principal = isPublic ? "*" : "11112222333\(random.next() % 4)"
      let id = "f-\(index)"
      let json =
        #"{"id": "\#(id)", "status": "\#(status)", "resource": "arn:aws:s3:::b\#(random.next() % 5)", "resourceType": "AWS::S3::Bucket", "resourceOwnerAccount": "99998888777\#(random.next() % 3)", "principal": {"AWS": "\#(principal)"}, "condition": {}, "isPublic": \#(isPublic)}"#
      return (id, json, status == "ACTIVE")
    }
  }

  func testRandomFindings_whatIsPrintedIsExact() {
    var random = SeededGenerator(seed: 0x5_0661_E57)
    var exact = 0
    var inexact = 0
    for round in 0..<120 {
      let findings = Self.findings(&random, count: 4 + Int(random.next() % 20))
      let expected = findings.filter { _ in random.next() % 3 == 0 }.map(\.0)
      guard !expected.isEmpty else { continue }
      let text = findings.map(\.1).joined(separator: "\n")
      // Every third round lets public findings be archived, when they are expected.
      let allowPublic = round % 3 == 2
      let result = aafilter(
        ["suggest", "--findings", "f.jsonl", "--expected", "ids"]
          + (allowPublic ? ["--allow-public"] : []),
        files: ["f.jsonl": text, "ids": expected.joined(separator: "\n")])
      let label = "round \(round): \(result.stderr)"
      XCTAssertLessThan(result.status, 2, label)
      // The uncovered ids, from the report's section.
      let lines = result.stderr.split(separator: "\n", omittingEmptySubsequences: false)
      let section = lines.drop { !$0.hasPrefix("uncovered: ") }.dropFirst().prefix { !$0.isEmpty }
      let uncovered = Set(section.compactMap { $0.split(separator: " ").first.map(String.init) })
      XCTAssertEqual(result.status == 0, uncovered.isEmpty, label)
      if result.status == 0 { exact += 1 } else { inexact += 1 }
      // No rule at all is the empty rule set, never an empty output (the empty filter).
      XCTAssertFalse(result.stdout.isEmpty, label)
      if result.stderr.contains("warning: no rule could be suggested") {
        XCTAssertEqual(result.status, 1, label)
        XCTAssertEqual(result.stdout.filter { !$0.isWhitespace }, #"{"archiveRules":[]}"#, label)
      }
      let preview = aafilter(
        ["preview", "--findings", "f.jsonl", "--rules", "s.aaf", "--output", "ids"],
        files: ["f.jsonl": text, "s.aaf": result.stdout])
      XCTAssertEqual(preview.status, 0, preview.stderr)
      let archived = Set(preview.stdout.split(separator: "\n").map(String.init))
      let active = Set(findings.filter(\.2).map(\.0))
      let wanted = active.intersection(expected).subtracting(uncovered)
      XCTAssertEqual(archived, wanted, "\(label)\n\(result.stdout)")
      let publicIDs = Set(findings.filter { $0.1.contains(#""isPublic": true"#) }.map(\.0))
      if !allowPublic { XCTAssertTrue(archived.isDisjoint(with: publicIDs), label) }
    }
    // Both outcomes occur, so the property is tested both ways.
    XCTAssertGreaterThan(exact, 5)
    XCTAssertGreaterThan(inexact, 5)
  }
}
