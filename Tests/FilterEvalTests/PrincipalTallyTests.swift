import FilterDSL
import FilterEval
import XCTest

/// A preview names the principals whose internal access would be archived the way a person
/// names them: the `AWS` principal, else its type and owner account. Other families' findings
/// have no such principal and are not counted.
final class PrincipalTallyTests: XCTestCase {
  static let records = [
    #"{"id": "1", "status": "ACTIVE", "findingType": "InternalAccess", "resourceType": "AWS::S3::Bucket", "principal": {"AWS": "arn:aws:iam::111122223333:role/A"}}"#,
    #"{"id": "2", "status": "ACTIVE", "findingType": "InternalAccess", "resourceType": "AWS::S3::Bucket", "principal": {"AWS": "arn:aws:iam::111122223333:role/A"}, "principalType": "IAM_ROLE"}"#,
    #"{"id": "3", "status": "ACTIVE", "findingType": "InternalAccess", "resourceType": "AWS::S3::Bucket", "principalType": "IAM_ROLE", "principalOwnerAccount": "111122223333"}"#,
    #"{"id": "4", "status": "ACTIVE", "findingType": "InternalAccess", "resourceType": "AWS::S3::Bucket", "principalType": "IAM_USER"}"#,
    #"{"id": "5", "status": "ACTIVE", "findingType": "InternalAccess", "resourceType": "AWS::S3::Bucket", "principalOwnerAccount": "444455556666"}"#,
    #"{"id": "6", "status": "ACTIVE", "findingType": "InternalAccess", "resourceType": "AWS::S3::Bucket"}"#,
    #"{"id": "7", "status": "ACTIVE", "findingType": "ExternalAccess", "resourceType": "AWS::S3::Bucket", "isPublic": false, "principal": {"AWS": "999999999999"}}"#,
    #"{"id": "8", "status": "ACTIVE", "findingType": "UnusedIAMRole", "resourceType": "AWS::S3::Bucket"}"#,
    #"{"id": "9", "status": "ARCHIVED", "findingType": "InternalAccess", "resourceType": "AWS::S3::Bucket", "principal": {"AWS": "arn:aws:iam::111122223333:role/B"}}"#,
  ]

  func testArchivedPrincipals_namedAndCountedForInternalAccessOnly() throws {
    let bytes = Array(Self.records.joined(separator: "\n").utf8)
    let rules = [ArchiveRule(ruleName: "Buckets", filter: map("resourceType eq AWS::S3::Bucket"))]
    var byFinding = ArchivePreview(rules: rules)
    for finding in try FindingsDecoder.decode(bytes).findings { byFinding.add(finding) }
    var byStore = ArchivePreview(rules: rules)
    byStore.add(try FindingsStoreReader(threads: 1).readAll(InputBytes(bytes)).0)
    for (preview, how) in [(byFinding, "findings"), (byStore, "store")] {
      XCTAssertEqual(
        preview.families.archivedByPrincipal,
        [
          "arn:aws:iam::111122223333:role/A": 2, "IAM_ROLE in 111122223333": 1, "IAM_USER": 1,
          "principal in 444455556666": 1, "principal": 1,
        ], how)
      XCTAssertEqual(
        preview.families.archivedByFindingType,
        ["InternalAccess": 6, "ExternalAccess": 1, "UnusedIAMRole": 1], how)
    }
  }
}
