import AAFilterTestSupport
import FilterDSL
import FilterEval
import Foundation
import XCTest

/// Findings of every family in every shape: list-findings-v2 summaries, get-finding-v2 (whole
/// and paged), EventBridge events of the four detail types.
final class FamilyFindingsTests: XCTestCase {
  private static let internalDetails = #"""
    {"action": ["s3:GetObject"], "condition": {}, "principal": {"AWS": "arn:aws:iam::111122223333:role/Backup"},
     "principalOwnerAccount": "111122223333", "accessType": "INTRA_ACCOUNT", "principalType": "IAM_ROLE",
     "resourceControlPolicyRestriction": "NOT_APPLICABLE", "serviceControlPolicyRestriction": "APPLICABLE"}
    """#

  private static let internalV2 = #"""
    {"id": "i1", "findingType": "InternalAccess", "resourceType": "AWS::S3::Bucket", "status": "ACTIVE",
     "findingDetails": [{"internalAccessDetails": \#(internalDetails)}]}
    """#

  private static let internalEvent = #"""
    {"detail-type": "Internal Access Finding", "source": "aws.access-analyzer",
     "detail": {"id": "i2", "resourceType": "AWS::DynamoDB::Table", "status": "ACTIVE",
       "principal": {"AWS": "arn:aws:iam::111122223333:role/Backup"}, "action": ["dynamodb:Scan"],
       "accessType": "INTRA_ORG", "principalType": "IAM_USER", "principalOwnerAccount": "444455556666",
       "serviceControlPolicyRestriction": "NOT_APPLICABLE"}}
    """#

  private static let unusedV2 = #"""
    {"id": "u1", "findingType": "UnusedPermission", "resourceType": "AWS::IAM::Role", "status": "ACTIVE",
     "findingDetails": [{"unusedPermissionDetails": {"serviceNamespace": "s3",
       "lastAccessed": "2024-01-10T10:00:00+00:00",
       "actions": [{"action": "s3:DeleteBucket"}, {"action": "s3:PutBucketPolicy", "lastAccessed": "2023-12-01T00:00:00Z"}]}}]}
    """#

  /// Each rule's verdict on each record: `true`, `false` or `undecidable`.
  private func check(
    _ cases: [(String, String, String, UInt)], file: StaticString = #filePath
  ) {
    for (rule, json, expected, line) in cases {
      let record = finding(json, line: line)
      let filter = map(rule, line: line)
      let verdict = FindingMatcher(filter).evaluate(record)
      let actual = verdict == .match ? "true" : verdict == .noMatch ? "false" : "undecidable"
      XCTAssertEqual(actual, expected, rule, file: file, line: line)
      // The columnar path and explain agree with the matcher.
      XCTAssertEqual(FindingTable([record]).evaluate(filter), [verdict], rule, line: line)
      XCTAssertEqual(FindingMatcher(filter).explain(record).verdict, verdict, rule, line: line)
    }
  }

  func testInternalAccessAttributes_fromDetailsAndEvents() {
    let v2 = Self.internalV2
    let event = Self.internalEvent
    check([
      ("principalType eq IAM_ROLE", v2, "true", #line),
      ("accessType eq INTRA_ACCOUNT", v2, "true", #line),
      ("principalOwnerAccount eq 111122223333", v2, "true", #line),
      ("serviceControlPolicyRestriction eq APPLICABLE", v2, "true", #line),
      ("resourceControlPolicyRestriction eq NOT_APPLICABLE", v2, "true", #line),
      ("principal.AWS contains role/Backup and action eq s3:GetObject", v2, "true", #line),
      ("isPublic exists", v2, "false", #line),
      ("principalType eq IAM_USER", v2, "false", #line),
      ("principalType eq IAM_USER and accessType eq INTRA_ORG", event, "true", #line),
      ("principalOwnerAccount eq 444455556666", event, "true", #line),
      ("serviceControlPolicyRestriction neq APPLICABLE", event, "true", #line),
      ("action eq dynamodb:Scan", event, "true", #line),
    ])
    let record = finding(v2)
    XCTAssertEqual(record.analyzerFamily, .internal)
    XCTAssertEqual(record.principalType, "IAM_ROLE")
    XCTAssertEqual(finding(event).analyzerFamily, .internal)
    XCTAssertEqual(finding(event).accessType, "INTRA_ORG")
  }

  /// list-findings-v2 summaries: keys the family never carries are decidably absent.
  func testSummaries_decideWhatTheFamilyNeverCarries() {
    let unused =
      #"{"id": "s1", "findingType": "UnusedIAMUserAccessKey", "resourceType": "AWS::IAM::User", "status": "ACTIVE"}"#
    let internalSummary = #"{"id": "s2", "findingType": "InternalAccess", "status": "ACTIVE"}"#
    let external = #"{"id": "s3", "findingType": "ExternalAccess", "status": "ACTIVE"}"#
    let unknown = #"{"id": "s4", "findingType": "FutureAccess", "status": "ACTIVE"}"#
    check([
      ("isPublic eq true", unused, "false", #line),
      ("isPublic eq false", unused, "false", #line),
      ("isPublic not exists", unused, "true", #line),
      ("principal.AWS exists", unused, "false", #line),
      ("principal.AWS neq 111122223333", unused, "true", #line),
      ("condition.aws:SourceIp eq 10.0.0.1", unused, "false", #line),
      ("action eq s3:GetObject", unused, "false", #line),
      ("action neq s3:GetObject", unused, "true", #line),
      ("resourceControlPolicyRestriction exists", unused, "false", #line),
      ("accessType exists", unused, "false", #line),
      ("findingType eq UnusedIAMUserAccessKey and isPublic neq true", unused, "true", #line),
      ("isPublic eq false", internalSummary, "false", #line),
      ("principal.AWS eq 111122223333", internalSummary, "undecidable", #line),
      ("principalType eq IAM_ROLE", internalSummary, "undecidable", #line),
      ("action exists", internalSummary, "undecidable", #line),
      ("isPublic eq true", external, "undecidable", #line),
      ("principalType exists", external, "false", #line),
      ("serviceControlPolicyRestriction not exists", external, "true", #line),
      ("isPublic eq true", unknown, "undecidable", #line),
      ("principalType exists", unknown, "undecidable", #line),
    ])
  }

  /// get-finding-v2 pages findingDetails: with a nextToken, only what the page settles is
  /// decided.
  func testPagedGetFindingV2_decidesOnlyWhatThePageSettles() throws {
    let page = #"""
      {"id": "p1", "findingType": "ExternalAccess", "status": "ACTIVE", "nextToken": "page-2",
       "findingDetails": [{"externalAccessDetails": {"isPublic": true, "principal": {"AWS": "*"}, "action": ["s3:GetObject"]}}]}
      """#
    let unusedPage = #"""
      {"id": "p2", "findingType": "UnusedIAMRole", "status": "ACTIVE", "nextToken": "page-2",
       "findingDetails": [{"unusedIamRoleDetails": {"lastAccessed": "2024-01-01T00:00:00Z"}}]}
      """#
    check([
      ("isPublic eq true", page, "true", #line),
      ("principal.AWS eq \"*\"", page, "true", #line),
      // Another page may hold a principal entry this one lacks.
      ("principal.Federated exists", page, "undecidable", #line),
      ("action eq s3:GetObject", page, "undecidable", #line),
      ("action neq s3:PutObject", page, "undecidable", #line),
      ("condition.aws:SourceIp exists", page, "undecidable", #line),
      ("resourceControlPolicyRestriction exists", page, "undecidable", #line),
      ("isPublic eq true and resourceType eq AWS::KMS::Key", page, "false", #line),
      ("isPublic exists", unusedPage, "false", #line),
      ("findingType eq UnusedIAMRole", unusedPage, "true", #line),
    ])
    let record = finding(page)
    XCTAssertTrue(record.detailsArePartial)
    XCTAssertFalse(
      finding(#"{"id": "x", "findingType": "ExternalAccess", "findingDetails": []}"#)
        .detailsArePartial)
    let explanation = FindingMatcher(map("action eq s3:GetObject")).explain(record)
    XCTAssertEqual(
      explanation.criteria.first?.operators.first?.reason,
      "this get-finding-v2 page does not settle it (more details follow its nextToken)")
  }

  func testUnusedDetails_areKept() throws {
    let record = finding(Self.unusedV2)
    XCTAssertEqual(record.analyzerFamily, .unused)
    let details = try XCTUnwrap(record.unusedDetails)
    XCTAssertEqual(
      details,
      UnusedAccessDetails(
        lastAccessed: "2024-01-10T10:00:00+00:00", serviceNamespace: "s3",
        actions: ["s3:DeleteBucket", "s3:PutBucketPolicy"]))
    let key = finding(
      #"{"id": "k", "findingType": "UnusedIAMUserAccessKey", "findingDetails": [{"unusedIamUserAccessKeyDetails": {"accessKeyId": "AKIAEXAMPLE", "lastAccessed": null}}]}"#
    )
    XCTAssertEqual(key.unusedDetails, UnusedAccessDetails(accessKeyId: "AKIAEXAMPLE"))
    // Unused actions are the finding's own data, never the 'action' filter key.
    check([("action exists", Self.unusedV2, "false", #line)])
    let wrong = #"{"id": "w", "findingDetails": [{"unusedPermissionDetails": {"actions": [3]}}]}"#
    XCTAssertThrowsError(try FindingsDecoder.decode(Array(wrong.utf8))) { error in
      XCTAssertTrue("\(error)".contains("findingDetails[0].actions[0]"), "\(error)")
    }
  }

  /// All four EventBridge detail types; the access preview event is counted and skipped.
  func testEventBridge_fourDetailTypes() throws {
    let preview = #"""
      {"detail": {"accessPreviewId": "ap-1", "status": "COMPLETED"}, "detail-type": "Access Preview State Change", "source": "aws.access-analyzer"}
      """#
    let external = #"""
      {"detail-type": "Access Analyzer Finding", "detail": {"id": "e1", "isPublic": true, "status": "ACTIVE"}}
      """#
    let unused = #"""
      {"detail": {"id": "e3", "findingType": "UnusedIAMUserPassword", "resourceType": "AWS::IAM::User", "status": "ACTIVE"}, "detail-type": "Unused Access Finding for IAM entities"}
      """#
    let array = "[\(external), \(Self.internalEvent), \(unused), \(preview)]"
    let document = try FindingsDecoder.decode(Array(array.utf8))
    XCTAssertEqual(document.findings.map(\.id), ["e1", "i2", "e3"])
    XCTAssertEqual(document.findings.map(\.analyzerFamily), [.external, .internal, .unused])
    XCTAssertEqual(document.skippedEvents, 1)
    // The same as JSON Lines, streamed.
    let lines = [external, Self.internalEvent, preview, unused].map {
      $0.replacingOccurrences(of: "\n", with: " ")
    }.joined(separator: "\n")
    var chunks = [Array(lines.utf8)]
    var reader = JSONLinesReader { chunks.isEmpty ? [] : chunks.removeFirst() }
    var ids: [String?] = []
    try reader.forEach { ids.append($0.id) }
    XCTAssertEqual(ids, ["e1", "i2", "e3"])
    XCTAssertEqual(reader.skippedEvents, 1)
    // A preview event alone is not an error: no findings, one skipped event.
    let alone = try FindingsDecoder.decode(Array(preview.utf8))
    XCTAssertEqual(alone.findings.count, 0)
    XCTAssertEqual(alone.skippedEvents, 1)
    // The event's family settles keys an untyped detail would leave open.
    check([
      ("isPublic exists", unused, "false", #line),
      ("isPublic eq true", external, "true", #line),
    ])
  }

  /// Preview in each family's terms.
  func testPreviewTally_perFamily() throws {
    let json = try String(
      contentsOf: repositoryRoot.appendingPathComponent("Examples/unused/list-findings-v2.json"),
      encoding: .utf8)
    let findings = try FindingsDecoder.decode(Array(json.utf8)).findings
    let rules = [
      ArchiveRule(ruleName: "Keys", filter: map("findingType eq UnusedIAMUserAccessKey")),
      ArchiveRule(ruleName: "NoPublic", filter: map("isPublic eq false")),
    ]
    var preview = ArchivePreview(rules: rules)
    preview.add(contentsOf: findings)
    XCTAssertEqual(preview.families.archivedByFindingType, ["UnusedIAMUserAccessKey": 2])
    XCTAssertEqual(preview.families.staleCredentialCount, 2)
    XCTAssertEqual(preview.families.staleCredentials.map(\.detailsKnown), [false, false])
    // 'isPublic eq false' is decidably false on unused summaries: nothing undecidable.
    XCTAssertNil(preview.outcomeCounts[.undecidable])
    XCTAssertEqual(preview.archiveCounts, [2, 0])

    let events = try String(
      contentsOf: repositoryRoot.appendingPathComponent(
        "Examples/internal/eventbridge-events.jsonl"), encoding: .utf8)
    var internalPreview = ArchivePreview(rules: [
      ArchiveRule(
        ruleName: "Backup",
        filter: map("principal.AWS eq \"arn:aws:iam::111122223333:role/BackupRole\""))
    ])
    internalPreview.add(contentsOf: try FindingsDecoder.decode(Array(events.utf8)).findings)
    XCTAssertEqual(
      internalPreview.families.archivedByResourceType,
      ["AWS::S3::Bucket": 1, "AWS::DynamoDB::Table": 1, "AWS::RDS::DBSnapshot": 1])
    XCTAssertEqual(
      internalPreview.families.archivedByPrincipal,
      ["arn:aws:iam::111122223333:role/BackupRole": 3])
  }
}
