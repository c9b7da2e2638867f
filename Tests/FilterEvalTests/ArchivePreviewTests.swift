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
      ArchiveRule(ruleName: "Buckets", filter: ["resourceType": Criterion(eq: ["AWS::S3::Bucket"])]),
      ArchiveRule(ruleName: "Account1", filter: ["principal.AWS": Criterion(eq: ["1"])]),
      ArchiveRule(ruleName: "Nothing", filter: ["resourceType": Criterion(eq: ["AWS::EFS::FileSystem"])]),
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
    let findings = try FindingsDecoder.decode(Array(#"[{"id":"a","status":"ACTIVE"},{"id":"b","status":"RESOLVED"}]"#.utf8)).findings
    var preview = ArchivePreview(rules: [ArchiveRule(ruleName: "All", filter: [:])])
    preview.add(contentsOf: findings)
    XCTAssertEqual(preview.entries(.archived).map(\.id), ["a"])
  }
}
