import FilterDSL
import FilterEval
import XCTest

/// A preview keeps at most `entryLimit` stale credentials, the first ones in input order, and
/// counts all of them: the number a person acts on must be exact.
final class StaleCredentialLimitTests: XCTestCase {
  static func record(_ index: Int, type: String, status: String = "ACTIVE") -> String {
    #"""
    {"id": "f\#(index)", "status": "\#(status)", "findingType": "\#(type)", "resource": "arn:aws:iam::111122223333:user/u\#(index)", "resourceType": "AWS::IAM::User", "resourceOwnerAccount": "111122223333"}
    """#
  }

  static let records: [String] = [
    record(0, type: "UnusedIAMUserAccessKey"),
    record(1, type: "UnusedIAMRole"),
    record(2, type: "UnusedIAMUserPassword"),
    record(3, type: "UnusedIAMUserAccessKey", status: "ARCHIVED"),
    record(4, type: "UnusedIAMUserAccessKey"),
    record(5, type: "UnusedIAMUserPassword"),
    record(6, type: "UnusedPermission"),
  ]

  func preview(limit: Int, byStore: Bool) throws -> ArchivePreview {
    let rules = [
      ArchiveRule(ruleName: "Users", filter: map("resourceType eq AWS::IAM::User")),
      ArchiveRule(ruleName: "Passwords", filter: map("findingType eq UnusedIAMUserPassword")),
    ]
    var preview = ArchivePreview(rules: rules, entryLimit: limit)
    let bytes = Array(Self.records.joined(separator: "\n").utf8)
    if byStore {
      let (store, _) = try FindingsStoreReader(threads: 2, pieceSize: 128).readAll(
        InputBytes(bytes))
      preview.add(store)
    } else {
      for finding in try FindingsDecoder.decode(bytes).findings { preview.add(finding) }
    }
    return preview
  }

  func testMoreStaleCredentialsThanTheLimit_countedAllKeptFirst() throws {
    // Per limit: the ids kept; the count is always the four ACTIVE keys and passwords.
    let cases: [(Int, [String], UInt)] = [
      (0, [], #line),
      (1, ["f0"], #line),
      (3, ["f0", "f2", "f4"], #line),
      (4, ["f0", "f2", "f4", "f5"], #line),
      (5, ["f0", "f2", "f4", "f5"], #line),
      (.max, ["f0", "f2", "f4", "f5"], #line),
    ]
    for (limit, ids, line) in cases {
      for byStore in [false, true] {
        let tally = try preview(limit: limit, byStore: byStore).families
        let what = "limit \(limit), \(byStore ? "store" : "findings")"
        XCTAssertEqual(tally.staleCredentialCount, 4, what, line: line)
        XCTAssertEqual(tally.staleCredentials.map { $0.id ?? "" }, ids, what, line: line)
        XCTAssertEqual(
          tally.archivedByFindingType,
          [
            "UnusedIAMUserAccessKey": 2, "UnusedIAMUserPassword": 2, "UnusedIAMRole": 1,
            "UnusedPermission": 1,
          ], what, line: line)
        XCTAssertEqual(tally.archivedByResourceType, ["AWS::IAM::User": 6], what, line: line)
      }
    }
  }

  func testStaleCredentialEntries_sayWhatTheRecordSays() throws {
    let tally = try preview(limit: 2, byStore: false).families
    let shown = tally.staleCredentials.map {
      [
        $0.id ?? "-", $0.findingType, $0.resource ?? "-", $0.accessKeyId ?? "-",
        $0.lastAccessed ?? "-", "\($0.detailsKnown)", "\($0.matchedRules)",
      ]
    }
    XCTAssertEqual(
      shown,
      [
        [
          "f0", "UnusedIAMUserAccessKey", "arn:aws:iam::111122223333:user/u0", "-", "-", "false",
          "[0]",
        ],
        [
          "f2", "UnusedIAMUserPassword", "arn:aws:iam::111122223333:user/u2", "-", "-", "false",
          "[0, 1]",
        ],
      ])
  }

  /// A get-finding-v2 record carries the key and when it was last used; the store hands the
  /// decoded finding over, so a preview by store says the same.
  func testStaleCredentialWithDetails_namesTheKey() throws {
    let json = #"""
      {"id": "k", "status": "ACTIVE", "findingType": "UnusedIAMUserAccessKey", "resourceType": "AWS::IAM::User",
       "findingDetails": [{"unusedIamUserAccessKeyDetails": {"accessKeyId": "AKIAEXAMPLE", "lastAccessed": "2024-01-02T03:04:05Z"}}]}
      """#.replacingOccurrences(of: "\n", with: "")
    let bytes = Array(json.utf8)
    let rules = [ArchiveRule(ruleName: "Users", filter: map("resourceType eq AWS::IAM::User"))]
    var byFinding = ArchivePreview(rules: rules)
    for finding in try FindingsDecoder.decode(bytes).findings { byFinding.add(finding) }
    var byStore = ArchivePreview(rules: rules)
    byStore.add(try FindingsStoreReader(threads: 1).readAll(InputBytes(bytes)).0)
    for preview in [byFinding, byStore] {
      let credential = preview.families.staleCredentials.first
      XCTAssertEqual(preview.families.staleCredentialCount, 1)
      XCTAssertEqual(credential?.accessKeyId, "AKIAEXAMPLE")
      XCTAssertEqual(credential?.lastAccessed, "2024-01-02T03:04:05Z")
      XCTAssertEqual(credential?.detailsKnown, true)
      XCTAssertEqual(credential?.resource, nil)
    }
  }
}
