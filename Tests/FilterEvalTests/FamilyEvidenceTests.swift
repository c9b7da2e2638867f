import FilterDSL
import FilterEval
import XCTest

/// A record's analyzer family when `findingType` is missing: the kind of its first
/// `findingDetails` entry, then internal access fields, then the event's `detail-type`, then
/// external for any access field (grammar.md, *Which family*). The store must agree.
final class FamilyEvidenceTests: XCTestCase {
  static let cases: [(String, AnalyzerFamily?, UInt)] = [
    (
      #"{"id": "a", "findingDetails": [{"internalAccessDetails": {"accessType": "INTRA_ACCOUNT"}}]}"#,
      .internal, #line
    ),
    (
      #"{"id": "a", "findingDetails": [{"unusedPermissionDetails": {"serviceNamespace": "s3"}}]}"#,
      .unused, #line
    ),
    (
      #"{"id": "a", "findingDetails": [{"unusedIamUserAccessKeyDetails": {"accessKeyId": "AKIA1"}}]}"#,
      .unused, #line
    ),
    (#"{"id": "a", "findingDetails": [{"unusedIamRoleDetails": {}}]}"#, .unused, #line),
    (#"{"id": "a", "findingDetails": [{"unusedIamUserPasswordDetails": {}}]}"#, .unused, #line),
    (
      #"{"id": "a", "findingDetails": [{"externalAccessDetails": {"isPublic": true}}]}"#, .external,
      #line
    ),
    // Details outrank top-level access fields, which alone would say external.
    (
      #"{"id": "a", "isPublic": false, "findingDetails": [{"internalAccessDetails": {}}]}"#,
      .internal, #line
    ),
    (
      #"{"id": "a", "action": ["s3:GetObject"], "findingDetails": [{"unusedIamRoleDetails": {}}]}"#,
      .unused, #line
    ),
    // The first entry of a known kind decides; unknown kinds are passed over.
    (
      #"{"id": "a", "findingDetails": [{"futureDetails": {}}, {"unusedIamRoleDetails": {}}, {"externalAccessDetails": {}}]}"#,
      .unused, #line
    ),
    (
      #"{"id": "a", "findingDetails": [{"internalAccessDetails": {}}, {"unusedIamRoleDetails": {}}]}"#,
      .internal, #line
    ),
    // findingType outranks details.
    (
      #"{"id": "a", "findingType": "ExternalAccess", "findingDetails": [{"internalAccessDetails": {}}]}"#,
      .external, #line
    ),
    // Without details: internal access fields, then any access field.
    (#"{"id": "a", "accessType": "INTRA_ORG"}"#, .internal, #line),
    (#"{"id": "a", "principalOwnerAccount": "111122223333", "isPublic": false}"#, .internal, #line),
    (#"{"id": "a", "isPublic": false}"#, .external, #line),
    (#"{"id": "a", "principal": {"AWS": "1"}}"#, .external, #line),
    (#"{"id": "a", "resource": "arn:aws:s3:::b"}"#, nil, #line),
    (#"{"id": "a", "findingDetails": [{"futureDetails": {}}]}"#, nil, #line),
    // An event's detail-type, below details and fields.
    (#"{"detail-type": "Internal Access Finding", "detail": {"id": "a"}}"#, .internal, #line),
    (
      #"{"detail-type": "Unused Access Finding for IAM entities", "detail": {"id": "a", "isPublic": false}}"#,
      .unused, #line
    ),
    (
      #"{"detail-type": "Access Analyzer Finding", "detail": {"id": "a", "accessType": "INTRA_ORG"}}"#,
      .internal, #line
    ),
    (
      #"{"detail-type": "Access Analyzer Finding", "detail": {"id": "a", "findingDetails": [{"unusedIamRoleDetails": {}}]}}"#,
      .unused, #line
    ),
  ]

  func testFamilyWithoutFindingType_comesFromTheStrongestEvidence() throws {
    for (json, family, line) in Self.cases {
      let bytes = Array(json.utf8)
      let findings = try FindingsDecoder.decode(bytes).findings
      XCTAssertEqual(findings.count, 1, json, line: line)
      XCTAssertEqual(findings.first?.analyzerFamily, family, json, line: line)
      let (store, _) = try FindingsStoreReader(threads: 1).readAll(InputBytes(bytes))
      XCTAssertEqual(store.count, 1, json, line: line)
      if store.count == 1 {
        XCTAssertEqual(store[0].analyzerFamily, family, "store: \(json)", line: line)
      }
    }
  }

  /// The family decides which keys can be present: a details-only internal record lacks
  /// `isPublic` by its nature, so `isPublic exists` is a definite no, not undecidable.
  func testFamilyFromDetails_decidesKeysOfOtherFamilies() {
    let record = finding(
      #"{"id": "a", "status": "ACTIVE", "findingDetails": [{"unusedIamRoleDetails": {}}]}"#)
    XCTAssertEqual(FindingMatcher(map("principal.AWS exists")).evaluate(record), .noMatch)
    XCTAssertEqual(FindingMatcher(map("principal.AWS not exists")).evaluate(record), .match)
  }
}
