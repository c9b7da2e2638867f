import Foundation
import XCTest

/// query, preview and explain on every family's findings, in every shape: list-findings-v2,
/// get-finding-v2 and EventBridge events (Examples/unused, Examples/internal).
final class FamilyFindingsCLITests: XCTestCase {
  private let unusedV2 = "Examples/unused/list-findings-v2.json"
  private let unusedGet = "Examples/unused/get-finding-v2.json"
  private let unusedEvents = "Examples/unused/eventbridge-events.jsonl"
  private let internalV2 = "Examples/internal/list-findings-v2.json"
  private let internalGet = "Examples/internal/get-finding-v2.json"
  private let internalEvents = "Examples/internal/eventbridge-events.jsonl"

  private func ids(_ result: RunResult) -> [String] {
    result.stdout.split(separator: "\n").map(String.init)
  }

  func testQuery_everyShapeOfEveryFamily() {
    let cases: [([String], [String], UInt)] = [
      // Unused: decidably absent keys, no undecidable records.
      ([unusedV2, "isPublic eq false"], [], #line),
      (
        [unusedV2, "isPublic not exists and findingType eq UnusedIAMUserPassword"],
        ["9c4e0003-2f6b-4d8e-a1c3-7b9d0e1f0003"], #line
      ),
      (
        [
          unusedV2,
          "findingType eq UnusedIAMUserAccessKey and resourceOwnerAccount eq 444455556666",
        ], ["9c4e0007-2f6b-4d8e-a1c3-7b9d0e1f0007"], #line
      ),
      ([unusedGet, "principal.AWS exists"], [], #line),
      (
        [unusedGet, "findingType eq UnusedIAMUserAccessKey"],
        ["9c4e0002-2f6b-4d8e-a1c3-7b9d0e1f0002"], #line
      ),
      (
        [unusedEvents, "findingType in [UnusedPermission, UnusedIAMUserPassword]"],
        ["9c4e0004-2f6b-4d8e-a1c3-7b9d0e1f0004", "9c4e0003-2f6b-4d8e-a1c3-7b9d0e1f0003"], #line
      ),
      // Internal: the internal access attributes.
      (
        [internalGet, "accessType eq INTRA_ACCOUNT and principalType eq IAM_ROLE"],
        ["5b8d1001-7c2a-4e9f-b3d1-2a4c6e8f0001"], #line
      ),
      (
        [internalEvents, "principalType eq IAM_USER"], ["5b8d1004-7c2a-4e9f-b3d1-2a4c6e8f0004"],
        #line
      ),
      (
        [internalEvents, "principalOwnerAccount eq 444455556666 and accessType eq INTRA_ORG"],
        ["5b8d1003-7c2a-4e9f-b3d1-2a4c6e8f0003"], #line
      ),
      ([internalEvents, "isPublic exists"], [], #line),
      ([internalV2, "isPublic eq false"], [], #line),
      (
        [internalV2, "resourceType eq AWS::RDS::DBSnapshot"],
        ["5b8d1005-7c2a-4e9f-b3d1-2a4c6e8f0005"], #line
      ),
    ]
    for (words, expected, line) in cases {
      let result = aafilter([
        "query", "--findings", words[0], "--filter", words[1], "--output", "ids",
      ])
      XCTAssertEqual(result.status, 0, result.stderr, line: line)
      XCTAssertEqual(ids(result), expected, words[1], line: line)
      XCTAssertFalse(result.stderr.contains("could not be decided"), result.stderr, line: line)
    }
    // What an internal summary cannot say stays undecidable.
    let summary = aafilter([
      "query", "--findings", internalV2, "--filter", "principalType eq IAM_ROLE",
    ])
    XCTAssertTrue(summary.stderr.contains("5 records could not be decided"), summary.stderr)
    // The access preview event is counted and skipped, with a note.
    let events = aafilter([
      "query", "--findings", unusedEvents, "--filter", "status eq ACTIVE", "--output", "ids",
    ])
    XCTAssertEqual(events.status, 0)
    XCTAssertEqual(ids(events).count, 2)
    XCTAssertEqual(
      events.stderr,
      "note: Examples/unused/eventbridge-events.jsonl: skipped 1 access preview state change event (not findings)\n"
    )
  }

  func testPagedGetFindingV2_warns() {
    let page = #"""
      {"id": "p1", "findingType": "InternalAccess", "status": "ACTIVE", "nextToken": "abc",
       "findingDetails": [{"internalAccessDetails": {"principalType": "IAM_ROLE", "action": ["s3:GetObject"]}}]}
      """#
    let decided = aafilter(
      [
        "query", "--findings", "page.json", "--filter", "principalType eq IAM_ROLE", "--output",
        "ids",
      ],
      files: ["page.json": page])
    XCTAssertEqual(ids(decided), ["p1"])
    XCTAssertTrue(
      decided.stderr.hasPrefix(
        "warning: page.json: a get-finding-v2 page with a nextToken has only part of the finding's details"
      ),
      decided.stderr)
    let open = aafilter(
      [
        "query", "--findings", "page.json", "--filter", "action eq s3:GetObject", "--output", "ids",
      ],
      files: ["page.json": page])
    XCTAssertEqual(ids(open), [])
    XCTAssertTrue(open.stderr.contains("1 record could not be decided"), open.stderr)
  }

  func testPreview_speaksTheFamilysLanguage() {
    let unused = aafilter([
      "preview", "--findings", unusedV2, "--rules", "Examples/unused/rules.aaf",
    ])
    XCTAssertEqual(unused.status, 0)
    XCTAssertEqual(
      unused.stdout,
      """
      Archive preview: 3 rules, 7 findings (6 ACTIVE, 1 ARCHIVED)
      Would archive 3 of 6 active findings.

      Per finding type (active findings that would be archived):
        UnusedIAMRole           1
        UnusedIAMUserAccessKey  1
        UnusedPermission        1

      WARNING: 1 STALE CREDENTIAL (unused access keys and passwords) would be archived:
        9c4e0002-2f6b-4d8e-a1c3-7b9d0e1f0002  UnusedIAMUserAccessKey  arn:aws:iam::111122223333:user/ci-deploy  [CiDeployKey]

      Per rule (active findings it would archive):
        LegacyRoles         1
        SandboxPermissions  1
        CiDeployKey         1

      """)
    XCTAssertEqual(
      unused.stderr, "note: analyzer family unused-access, inferred from the rule's finding type\n")
    let withKey = aafilter([
      "preview", "--findings", unusedGet, "--rules", "Examples/unused/rules.aaf",
    ])
    XCTAssertTrue(
      withKey.stdout.contains(
        "user/ci-deploy  key AKIAIOSFODNN7EXAMPLE  last used 2023-11-20T14:02:11+00:00  [CiDeployKey]"
      ),
      withKey.stdout)
    let events = aafilter([
      "preview", "--findings", unusedEvents, "--rules", "Examples/unused/rules.aaf",
    ])
    XCTAssertTrue(
      events.stdout.hasPrefix("Archive preview: 3 rules, 2 findings (2 ACTIVE)"), events.stdout)

    let internalResult = aafilter(
      ["preview", "--findings", internalEvents, "--rules", "Examples/internal/rules.aaf"])
    XCTAssertEqual(
      internalResult.stdout,
      """
      Archive preview: 2 rules, 5 findings (5 ACTIVE)
      Would archive 3 of 5 active findings.

      Internal access that would be archived, per resource type:
        AWS::DynamoDB::Table  2
        AWS::S3::Bucket       1

      Principals whose access would be archived:
        arn:aws:iam::111122223333:role/BackupRole        2
        arn:aws:iam::444455556666:role/analytics-reader  1

      Per rule (active findings it would archive):
        BackupRole        2
        AnalyticsReaders  1

      """)
    XCTAssertEqual(
      internalResult.stderr, "note: analyzer family internal-access, inferred from the findings\n")
    let fromGet = aafilter(
      [
        "preview", "--findings", internalGet, "--rules", "Examples/internal/rules.aaf", "--output",
        "ids",
      ])
    XCTAssertEqual(ids(fromGet), ["5b8d1001-7c2a-4e9f-b3d1-2a4c6e8f0001"])
    // Summaries cannot say who has access: listed apart, never guessed.
    let summaries = aafilter(
      ["preview", "--findings", internalV2, "--rules", "Examples/internal/rules.aaf"])
    XCTAssertTrue(
      summaries.stdout.contains("Undecidable (records without access details): 4"), summaries.stdout
    )
  }

  func testExplain_showsFamilyFieldsAndWhyKeysAreAbsent() {
    let unused = aafilter([
      "explain", "--findings", unusedEvents, "--id", "9c4e0004-2f6b-4d8e-a1c3-7b9d0e1f0004",
      "--rule", "isPublic eq false and findingType eq UnusedPermission",
    ])
    XCTAssertEqual(
      unused.stdout,
      """
      finding 9c4e0004-2f6b-4d8e-a1c3-7b9d0e1f0004: AWS::IAM::Role ACTIVE
        unused-access finding, type UnusedPermission
        lastAccessed = "2024-01-10T10:00:00+00:00"
        serviceNamespace = "s3"
        unused actions = "s3:DeleteBucket", "s3:PutBucketPolicy"

      rule Rule1: does not match
        [yes] findingType = "UnusedPermission"
            [yes] eq ["UnusedPermission"]: 'UnusedPermission' is one of the values
        [no]  isPublic = (absent) (unused-access findings never carry 'isPublic')
            [no]  eq ["false"]: absent, so it equals nothing

      """)
    let internalResult = aafilter([
      "explain", "--findings", internalGet, "--id", "5b8d1001-7c2a-4e9f-b3d1-2a4c6e8f0001",
      "--rules", "Examples/internal/rules.aaf", "--output", "json",
    ])
    XCTAssertEqual(internalResult.status, 0)
    XCTAssertTrue(internalResult.stdout.contains("\"verdict\": \"match\""), internalResult.stdout)
    let summary = aafilter([
      "explain", "--findings", unusedV2, "--id", "9c4e0002-2f6b-4d8e-a1c3-7b9d0e1f0002",
      "--rule", "principal.AWS neq 111122223333",
    ])
    XCTAssertTrue(
      summary.stdout.contains(
        "[yes] principal.AWS = (absent) (unused-access findings never carry 'principal.AWS')"),
      summary.stdout)
  }

  /// Inference from each findings shape, conflicts, and the default.
  func testFamily_inferredFromFindingsConflictsAndDefault() {
    let inferred: [(String, String, UInt)] = [
      (unusedV2, "unused-access", #line), (unusedGet, "unused-access", #line),
      (unusedEvents, "unused-access", #line), (internalV2, "internal-access", #line),
      (internalGet, "internal-access", #line), (internalEvents, "internal-access", #line),
    ]
    for (path, family, line) in inferred {
      let result = aafilter([
        "query", "--findings", path, "--filter", "resource exists", "--output", "table",
      ])
      XCTAssertTrue(
        result.stderr.contains("note: analyzer family \(family), inferred from the findings"),
        result.stderr, line: line)
    }
    // An event's detail-type alone settles it.
    let typed = aafilter(
      ["query", "--findings", "e.json", "--filter", "resource exists", "--output", "table"],
      files: [
        "e.json":
          #"{"detail-type": "Unused Access Finding for IAM entities", "detail": {"id": "1", "resource": "r"}}"#
      ])
    XCTAssertTrue(typed.stderr.contains("unused-access, inferred from the findings"), typed.stderr)
    // External findings (v1) settle external: nothing to say.
    let external = aafilter(
      [
        "query", "--findings", "Examples/list-findings.json", "--filter", "resource exists",
        "--output", "table",
      ])
    XCTAssertEqual(external.stderr, "")
    // Nothing settles it: external, and the human output says so.
    let bare = aafilter(
      ["preview", "--findings", "b.json", "--rule", "resource contains x"],
      files: ["b.json": #"[{"id": "1", "resource": "x", "status": "ACTIVE"}]"#])
    XCTAssertEqual(bare.status, 0)
    XCTAssertTrue(bare.stdout.contains("Public findings that would be archived: none"), bare.stdout)
    XCTAssertEqual(
      bare.stderr,
      "note: nothing settles the analyzer family; assuming external-access (give --analyzer external|internal|unused)\n"
    )
    let conflicts: [([String], String, UInt)] = [
      (
        ["query", "--findings", unusedV2, "--filter", "resource exists", "--analyzer", "external"],
        "error: the findings come from unused-access analyzers, but the analyzer is external-access\n",
        #line
      ),
      (
        ["preview", "--findings", internalEvents, "--rule", "findingType eq UnusedIAMRole"],
        "error: the rule names unused-access finding types, but the findings come from internal-access analyzers\n",
        #line
      ),
      (
        [
          "explain", "--findings", unusedGet, "--id", "9c4e0002-2f6b-4d8e-a1c3-7b9d0e1f0002",
          "--rule", "findingType eq ExternalAccess",
        ],
        "error: the rule names external-access finding types, but the findings come from unused-access analyzers\n",
        #line
      ),
      (
        [
          "preview", "--findings", unusedV2, "--rules", "Examples/unused/rules.aaf", "--analyzer",
          "ORGANIZATION_INTERNAL_ACCESS",
        ],
        "error: the rule names unused-access finding types, but the analyzer is internal-access\n",
        #line
      ),
    ]
    for (arguments, message, line) in conflicts {
      let result = aafilter(arguments)
      XCTAssertEqual(result.status, 1, line: line)
      XCTAssertEqual(result.stdout, "", line: line)
      XCTAssertEqual(result.stderr, message, line: line)
    }
    let given = aafilter(
      [
        "preview", "--findings", unusedV2, "--rules", "Examples/unused/rules.aaf", "--analyzer",
        "account_unused_access",
      ])
    XCTAssertEqual(given.status, 0)
    XCTAssertEqual(given.stderr, "")
  }
}
