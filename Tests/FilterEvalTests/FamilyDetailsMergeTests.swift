import FilterDSL
import FilterEval
import XCTest

/// A record with several `findingDetails` entries, or with fields both at the top and in its
/// details: single values come from the first place that has them, actions are united.
final class FamilyDetailsMergeTests: XCTestCase {
  func testUnusedDetails_firstEntryWinsActionsUnite() {
    let cases: [(String, UnusedAccessDetails, UInt)] = [
      (
        #"""
        [{"unusedPermissionDetails": {"lastAccessed": "2024-01-01T00:00:00Z", "serviceNamespace": "s3",
          "actions": [{"action": "s3:GetObject"}]}},
         {"unusedPermissionDetails": {"lastAccessed": "2023-01-01T00:00:00Z", "serviceNamespace": "ec2",
          "actions": [{"action": "ec2:RunInstances"}, {"action": null}, {"lastAccessed": "x"}]}}]
        """#,
        UnusedAccessDetails(
          lastAccessed: "2024-01-01T00:00:00Z", serviceNamespace: "s3",
          actions: ["s3:GetObject", "ec2:RunInstances"]), #line
      ),
      (
        #"""
        [{"unusedIamUserAccessKeyDetails": {"accessKeyId": "AKIAFIRST"}},
         {"unusedIamUserAccessKeyDetails": {"accessKeyId": "AKIASECOND", "lastAccessed": "2024-02-02T00:00:00Z"}}]
        """#,
        UnusedAccessDetails(lastAccessed: "2024-02-02T00:00:00Z", accessKeyId: "AKIAFIRST"),
        #line
      ),
      (
        #"""
        [{"unusedIamRoleDetails": {"lastAccessed": null}},
         {"unusedIamRoleDetails": {"lastAccessed": "2024-03-03T00:00:00Z"}}]
        """#,
        UnusedAccessDetails(lastAccessed: "2024-03-03T00:00:00Z"), #line
      ),
    ]
    for (details, expected, line) in cases {
      let record = finding(
        #"{"id": "u", "findingType": "UnusedPermission", "findingDetails": \#(details)}"#,
        line: line)
      XCTAssertEqual(record.unusedDetails, expected, line: line)
    }
  }

  func testInternalFields_topLevelThenFirstEntry() {
    struct Fields: Equatable {
      var accessType: String?
      var principalType: String?
      var owner: String?
      var restriction: String?
    }
    let cases: [(String, String, Fields, UInt)] = [
      (
        #""accessType": "INTRA_ACCOUNT","#,
        #"[{"internalAccessDetails": {"accessType": "INTRA_ORG", "principalType": "IAM_ROLE"}}]"#,
        Fields(accessType: "INTRA_ACCOUNT", principalType: "IAM_ROLE"), #line
      ),
      (
        "",
        #"""
        [{"internalAccessDetails": {"accessType": "INTRA_ORG", "principalOwnerAccount": "111122223333"}},
         {"internalAccessDetails": {"accessType": "INTRA_ACCOUNT", "principalType": "IAM_USER",
           "principalOwnerAccount": "444455556666", "serviceControlPolicyRestriction": "APPLICABLE"}}]
        """#,
        Fields(
          accessType: "INTRA_ORG", principalType: "IAM_USER", owner: "111122223333",
          restriction: "APPLICABLE"), #line
      ),
      (
        #""accessType": "INTRA_ACCOUNT", "principalType": "IAM_ROLE", "principalOwnerAccount": "1", "serviceControlPolicyRestriction": "NOT_APPLICABLE","#,
        #"""
        [{"internalAccessDetails": {"accessType": "INTRA_ORG", "principalType": "IAM_USER",
          "principalOwnerAccount": "2", "serviceControlPolicyRestriction": "APPLICABLE"}}]
        """#,
        Fields(
          accessType: "INTRA_ACCOUNT", principalType: "IAM_ROLE", owner: "1",
          restriction: "NOT_APPLICABLE"), #line
      ),
    ]
    for (top, details, expected, line) in cases {
      let record = finding(
        #"{"id": "i", "findingType": "InternalAccess", \#(top) "findingDetails": \#(details)}"#,
        line: line)
      XCTAssertEqual(
        Fields(
          accessType: record.accessType, principalType: record.principalType,
          owner: record.principalOwnerAccount, restriction: record.serviceControlPolicyRestriction
        ), expected, line: line)
    }
  }
}
