import FilterDSL
import FilterEval
import XCTest

final class ArchivePreviewTests: XCTestCase {
  func testAttribution_followsStatusAndRuleOrder() throws {
    let json = #"""
      [{"id":"active-both","status":"ACTIVE","resourceType":"AWS::S3::Bucket","isPublic":true,"principal":{"AWS":"1"}},
       {"id":"active-one","status":"ACTIVE","resourceType":"AWS::KMS::Key","isPublic":false,"principal":{"AWS":"1"}},
       {"id":"active-none","status":"ACTIVE","resourceType":"AWS::SQS::Queue","isPublic":false,"principal":{"AWS":"2"}},
       {"id":"archived","status":"ARCHIVED","resourceType":"AWS::S3::Bucket","isPublic":false},
       {"id":"resolved","status":"RESOLVED","resourceType":"AWS::S3::Bucket","isPublic":false},
       {"id":"summary","status":"ACTIVE","resourceType":"AWS::SQS::Queue","findingType":"ExternalAccess"}]
      """#
    let findings = try FindingsDecoder.decode(Array(json.utf8)).findings
    let rules = [
      ArchiveRule(
        ruleName: "Buckets", filter: ["resourceType": Criterion(eq: ["AWS::S3::Bucket"])]),
      ArchiveRule(ruleName: "Account1", filter: ["principal.AWS": Criterion(eq: ["1"])]),
      ArchiveRule(
        ruleName: "Nothing", filter: ["resourceType": Criterion(eq: ["AWS::EFS::FileSystem"])]),
    ]
    var preview = ArchivePreview(rules: rules)
    preview.add(contentsOf: findings)
    XCTAssertEqual(preview.findingCount, 6)
    XCTAssertEqual(preview.entries(.archived).map(\.id), ["active-both", "active-one"])
    XCTAssertEqual(preview.entries(.archived).map(\.matchedRules), [[0, 1], [1]])
    XCTAssertEqual(preview.entries(.alreadyArchived).map(\.id), ["archived"])
    XCTAssertEqual(preview.entries(.resolvedMatched).map(\.id), ["resolved"])
    XCTAssertEqual(preview.entries(.undecidable).map(\.id), ["summary"])
    XCTAssertEqual(preview.entries(.undecidable).first?.undecidableRules, [1])
    XCTAssertEqual(preview.archiveCounts, [1, 2, 0])
    XCTAssertEqual(preview.idleRules, [2])
    XCTAssertEqual(preview.matchedBySeveralRules.map(\.id), ["active-both"])
    XCTAssertEqual(preview.archivedPublic.map(\.id), ["active-both"])
  }

  func testEmptyFilter_archivesEveryActiveFinding() throws {
    let findings = try FindingsDecoder.decode(
      Array(#"[{"id":"a","status":"ACTIVE"},{"id":"b","status":"RESOLVED"}]"#.utf8)
    ).findings
    var preview = ArchivePreview(rules: [ArchiveRule(ruleName: "All", filter: [:])])
    preview.add(contentsOf: findings)
    XCTAssertEqual(preview.entries(.archived).map(\.id), ["a"])
  }
}

final class ArchivePreviewLimitTests: XCTestCase {
  /// With an entry limit, counts stay exact while only a bounded sample is kept.
  func testEntryLimit_keepsCountsExact() throws {
    let records = (0..<500).map {
      #"{"id":"f\#($0)","status":"ACTIVE","isPublic":\#($0 % 2 == 0),"resourceType":"AWS::S3::Bucket"}"#
    }
    let findings = try FindingsDecoder.decode(
      Array(("[" + records.joined(separator: ",") + "]").utf8)
    ).findings
    let rules = [
      ArchiveRule(
        ruleName: "Buckets", filter: ["resourceType": Criterion(eq: ["AWS::S3::Bucket"])]),
      ArchiveRule(ruleName: "Public", filter: ["isPublic": Criterion(eq: ["true"])]),
    ]
    var limited = ArchivePreview(rules: rules, entryLimit: 10)
    var full = ArchivePreview(rules: rules)
    for finding in findings { limited.add(finding) }
    full.add(contentsOf: findings)
    XCTAssertEqual(limited.outcomeCounts, full.outcomeCounts)
    XCTAssertEqual(limited.outcomeCounts[.archived], 500)
    XCTAssertEqual(limited.archivedPublicCount, 250)
    XCTAssertEqual(limited.matchedBySeveralRulesCount, 250)
    XCTAssertEqual(limited.archiveCounts, full.archiveCounts)
    // An entry stays while any of its lists (outcome, public, several rules) has room.
    XCTAssertLessThanOrEqual(limited.entries.count, 30)
    XCTAssertEqual(limited.archivedPublic.count, 10)
    XCTAssertTrue(limited.isTruncated)
    XCTAssertEqual(full.entries.count, 500)
    XCTAssertFalse(full.isTruncated)
    // The JSON report carries the exact counters, not the number of entries kept.
    guard case .object(let members) = limited.json else { return XCTFail("not an object") }
    let counts = Dictionary(members.map { ($0.0, $0.1) }, uniquingKeysWith: { a, _ in a })
    XCTAssertEqual(counts["wouldArchive"], .number(500))
    XCTAssertEqual(counts["publicWouldArchive"], .number(250))
    XCTAssertEqual(counts["entriesTruncated"], .bool(true))
  }

  /// A finding without `isPublic` is not public: the public count and the public list agree
  /// on it, whether findings are added one at a time or as a table.
  func testFindingWithoutIsPublic_isNotCountedPublic() throws {
    let findings = try FindingsDecoder.decode(
      Array(
        #"[{"id":"a","status":"ACTIVE"},{"id":"b","status":"ACTIVE","isPublic":true},{"id":"c","status":"ACTIVE","isPublic":false}]"#
          .utf8)
    ).findings
    let rules = [ArchiveRule(ruleName: "All", filter: [:])]
    var table = ArchivePreview(rules: rules)
    table.add(contentsOf: findings)
    var oneByOne = ArchivePreview(rules: rules)
    for finding in findings { oneByOne.add(finding) }
    for preview in [table, oneByOne] {
      XCTAssertEqual(preview.archivedPublicCount, 1)
      XCTAssertEqual(preview.archivedPublic.map(\.id), ["b"])
      XCTAssertEqual(preview.entries.first { $0.id == "a" }?.isPublic, nil)
    }
  }
}
