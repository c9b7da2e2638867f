import AAFilterTestSupport
import FilterDSL
import FilterEval
import Foundation
import XCTest

/// Findings a tool already holds in memory (its own structs, or `Finding`s built in code) get
/// exactly the answers the same findings decoded from JSON get: matching, explain, sorting,
/// paging and preview. The in-memory copies are built from the fixture with Foundation's JSON
/// reader, independent of ours.
final class InMemoryFindingsTests: XCTestCase {
  /// A tool's own finding type, as an SDK might shape it.
  struct AuditFinding: FindingRecord {
    var id: String
    var resource: String?
    var resourceType: String?
    var owner: String?
    var status: String?
    var isPublic: Bool?
    var principal: [String: String]
    var condition: [String: String]
    var actions: [String]
    var error: String?
    var updated: Date?
    var created: Date?
    var analyzed: Date?

    func value(for attribute: FindingAttribute) -> FindingValue? {
      switch attribute {
      case .id: .text(id)
      case .resource: resource.map(FindingValue.text)
      case .resourceType: resourceType.map(FindingValue.text)
      case .resourceOwnerAccount: owner.map(FindingValue.text)
      case .status: status.map(FindingValue.text)
      case .isPublic: isPublic.map(FindingValue.bool)
      case .principal(let entry): principal[entry].map(FindingValue.text)
      case .condition(let entry): condition[entry].map(FindingValue.text)
      case .action: .list(actions)
      case .updatedAt: updated.map { .timestamp(Timestamp($0)) }
      case .createdAt: created.map { .timestamp(Timestamp($0)) }
      case .analyzedAt: analyzed.map { .timestamp(Timestamp($0)) }
      case .error: error.map(FindingValue.text)
      default: nil
      }
    }
  }

  struct Fixture {
    var decoded: [Finding]
    var built: [Finding]
    var own: [AuditFinding]
  }

  private func fixture() throws -> Fixture {
    let url = repositoryRoot.appendingPathComponent("Examples/list-findings.json")
    let bytes = try [UInt8](Data(contentsOf: url))
    let decoded = try FindingsDecoder.decode(bytes).findings
    let top = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
    let records = try XCTUnwrap(top["findings"] as? [[String: Any]])
    XCTAssertEqual(records.count, decoded.count)
    XCTAssertGreaterThan(records.count, 5)
    // Whole seconds from Foundation's parser; the fraction (up to nanoseconds, which a
    // `Date` cannot hold) from its digits.
    let dates = ISO8601DateFormatter()
    func epoch(_ key: String, _ record: [String: Any]) throws -> Timestamp? {
      guard var text = record[key] as? String else { return nil }
      text = text.replacingOccurrences(of: " ", with: "T")
      var digits = ""
      if let dot = text.firstIndex(of: ".") {
        let end = text[dot...].firstIndex { $0 == "Z" || $0 == "+" || $0 == "-" } ?? text.endIndex
        digits = String(text[text.index(after: dot)..<end])
        text.removeSubrange(dot..<end)
      }
      let whole = try XCTUnwrap(dates.date(from: text), text)
      let nanoseconds = try XCTUnwrap(
        Int32(digits.padding(toLength: 9, withPad: "0", startingAt: 0)), "fraction of \(text)")
      return Timestamp(
        secondsSince1970: Int64(whole.timeIntervalSince1970), nanoseconds: nanoseconds)
    }
    func date(_ key: String, _ record: [String: Any]) throws -> Date? {
      try epoch(key, record)?.date
    }
    var built: [Finding] = []
    var own: [AuditFinding] = []
    for record in records {
      let principal = record["principal"] as? [String: String]
      let condition = record["condition"] as? [String: String]
      built.append(
        Finding(
          id: record["id"] as? String, resource: record["resource"] as? String,
          resourceType: record["resourceType"] as? String,
          resourceOwnerAccount: record["resourceOwnerAccount"] as? String,
          status: record["status"] as? String, isPublic: record["isPublic"] as? Bool,
          findingType: record["findingType"] as? String, error: record["error"] as? String,
          principal: principal.map { StringMap($0.map { StringMap.Entry(key: $0, value: $1) }) },
          condition: condition.map { StringMap($0.map { StringMap.Entry(key: $0, value: $1) }) },
          action: record["action"] as? [String],
          resourceControlPolicyRestriction: record["resourceControlPolicyRestriction"]
            as? String,
          createdAt: try epoch("createdAt", record), analyzedAt: try epoch("analyzedAt", record),
          updatedAt: try epoch("updatedAt", record)))
      own.append(
        AuditFinding(
          id: try XCTUnwrap(record["id"] as? String), resource: record["resource"] as? String,
          resourceType: record["resourceType"] as? String,
          owner: record["resourceOwnerAccount"] as? String, status: record["status"] as? String,
          isPublic: record["isPublic"] as? Bool, principal: principal ?? [:],
          condition: condition ?? [:], actions: record["action"] as? [String] ?? [],
          error: record["error"] as? String, updated: try date("updatedAt", record),
          created: try date("createdAt", record), analyzed: try date("analyzedAt", record)))
    }
    return Fixture(decoded: decoded, built: built, own: own)
  }

  private var filters: [FilterCriteriaMap] {
    get throws {
      let rules = try String(
        contentsOf: repositoryRoot.appendingPathComponent("Examples/rules.aaf"), encoding: .utf8)
      let texts = [
        "isPublic eq true", "isPublic neq true", "principal.AWS eq \"*\"",
        "action in [s3:GetObject, kms:Decrypt]", "action not exists",
        "resource contains prod- and status eq ACTIVE", "condition.aws:SourceVpc exists",
        "resourceOwnerAccount neq 111122223333", "resourceType eq AWS::S3::Bucket",
      ]
      return try RuleSet(parsing: rules).archiveRules().map(\.filter)
        + texts.map { try FilterExpression(parsing: $0).filterMap() }
    }
  }

  func testBuiltFindings_equalDecodedOnes() throws {
    let fixture = try fixture()
    for (built, decoded) in zip(fixture.built, fixture.decoded) {
      XCTAssertEqual(built, decoded, decoded.id ?? "")
      XCTAssertEqual(built.hashValue, decoded.hashValue)
      XCTAssertEqual(decoded.detached(), decoded)
      XCTAssertEqual(decoded.detached().json.bytes.count, decoded.json.bytes.count)
    }
    var changed = fixture.built[0]
    changed.resource = "arn:aws:s3:::other"
    XCTAssertNotEqual(changed, fixture.decoded[0])
  }

  func testMatchingAndExplain_agree() throws {
    let fixture = try fixture()
    let filters = try filters
    XCTAssertGreaterThan(filters.count, 10)
    var matches = 0
    for filter in filters {
      let matcher = FindingMatcher(filter)
      let expected = fixture.decoded.map(matcher.evaluate)
      matches += expected.filter { $0 == .match }.count
      XCTAssertEqual(fixture.built.map(matcher.evaluate), expected, FilterPrinter().print(filter))
      XCTAssertEqual(fixture.own.map(matcher.evaluate), expected, FilterPrinter().print(filter))
      for (own, decoded) in zip(fixture.own, fixture.decoded) {
        XCTAssertEqual(matcher.explain(own), matcher.explain(decoded))
      }
    }
    XCTAssertGreaterThan(matches, 10)
  }

  func testSortAndPaging_agree() throws {
    let fixture = try fixture()
    for attribute in SortAttribute.allCases {
      for order in [SortCriteria.Order.ascending, .descending] {
        let query = FindingQuery(
          filter: ["status": Criterion(neq: ["RESOLVED"])],
          sort: SortCriteria(attributeName: attribute.rawValue, orderBy: order), maxResults: 4)
        let expected = try query.run(fixture.decoded)
        XCTAssertFalse(expected.findings.isEmpty)
        let built = try query.run(fixture.built)
        let own = try query.run(fixture.own)
        XCTAssertEqual(built.findings.map(\.id), expected.findings.map(\.id), "\(attribute)")
        XCTAssertEqual(own.findings.map(\.id), expected.findings.map(\.id), "\(attribute)")
        XCTAssertEqual(own.nextToken, expected.nextToken)
        XCTAssertEqual(own.totalMatches, expected.totalMatches)
      }
    }
  }

  func testPreview_agrees() throws {
    let fixture = try fixture()
    let rules = try RuleSet(
      parsing: String(
        contentsOf: repositoryRoot.appendingPathComponent("Examples/rules.aaf"), encoding: .utf8)
    ).archiveRules()
    var expected = ArchivePreview(rules: rules)
    expected.add(contentsOf: fixture.decoded)
    XCTAssertFalse(expected.entries.isEmpty)
    var own = ArchivePreview(rules: rules)
    own.add(contentsOf: fixture.own)
    var oneByOne = ArchivePreview(rules: rules)
    for finding in fixture.own { oneByOne.add(finding) }
    for preview in [own, oneByOne] {
      XCTAssertEqual(preview.entries, expected.entries)
      XCTAssertEqual(preview.archiveCounts, expected.archiveCounts)
      XCTAssertEqual(preview.statusCounts, expected.statusCounts)
    }
  }

  func testTimestamps_fromNumbersAndDates() {
    let cases: [(Int64, Int32, String, UInt)] = [
      (0, 0, "1970-01-01T00:00:00Z", #line),
      (1_707_958_167, 0, "2024-02-15T00:49:27Z", #line),
      (1_709_288_100, 123_000_000, "2024-03-01T10:15:00.123Z", #line),
      (-1, 500, "1969-12-31T23:59:59.0000005Z", #line),
      (951_782_400, 0, "2000-02-29T00:00:00Z", #line),
    ]
    for (seconds, nanoseconds, text, line) in cases {
      let timestamp = Timestamp(secondsSince1970: seconds, nanoseconds: nanoseconds)
      XCTAssertEqual(timestamp.text, text, line: line)
      XCTAssertEqual(Timestamp(parsing: text), timestamp, line: line)
      if nanoseconds % 1_000 == 0 {
        XCTAssertEqual(Timestamp(timestamp.date), timestamp, line: line)
      }
    }
    XCTAssertEqual(
      Timestamp(secondsSince1970: 10, nanoseconds: 1_500_000_000),
      Timestamp(secondsSince1970: 11, nanoseconds: 500_000_000))
  }
}
