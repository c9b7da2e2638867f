import FilterEval
import FilterSQL
import XCTest

/// `FindingRow(_:position:)`: the row a finding read by FilterEval becomes in the `aafilter`
/// layout, which `aafilter export` writes and `aafilter sql --layout aafilter` queries.
final class FindingRowTests: XCTestCase {
  private func finding(_ json: String, file: StaticString = #filePath, line: UInt = #line)
    throws -> Finding
  {
    let findings = try FindingsDecoder.decode(Array(json.utf8)).findings
    XCTAssertEqual(findings.count, 1, file: file, line: line)
    return try XCTUnwrap(findings.first, file: file, line: line)
  }

  func testRow_fromFindingsOfEachShape() throws {
    let external = #"""
      {"id":"f1","principal":{"AWS":"*","Federated":"x"},"action":["s3:GetObject","s3:ListBucket"],"resource":"arn:aws:s3:::b","isPublic":true,"resourceType":"AWS::S3::Bucket","condition":{"aws:SourceIp":"10.0.0.0/8"},"createdAt":"2024-02-15T00:49:27+00:00","analyzedAt":"2024-03-01T10:15:00.12+02:00","updatedAt":"2024-03-01T10:15:00.123456789Z","status":"ACTIVE","resourceOwnerAccount":"111122223333","resourceControlPolicyRestriction":"NOT_APPLICABLE","error":"ACCESS_DENIED"}
      """#
    var full = FindingRow(position: 7, json: external)
    full.values = [
      "id": "f1", "resource": "arn:aws:s3:::b", "resourceType": "AWS::S3::Bucket",
      "status": "ACTIVE", "resourceOwnerAccount": "111122223333",
      "resourceControlPolicyRestriction": "NOT_APPLICABLE", "error": "ACCESS_DENIED",
    ]
    full.isPublic = true
    full.timestamps = [
      "createdAt": "2024-02-15T00:49:27.000000000Z",
      "analyzedAt": "2024-03-01T08:15:00.120000000Z",
      "updatedAt": "2024-03-01T10:15:00.123456789Z",
    ]
    full.principal = [(key: "AWS", value: "*"), (key: "Federated", value: "x")]
    full.condition = [(key: "aws:SourceIp", value: "10.0.0.0/8")]
    full.action = ["s3:GetObject", "s3:ListBucket"]
    // A record with `isPublic` is external access.
    full.analyzerFamily = "external"

    let sparse = #"{"id":"f2","status":"RESOLVED","isPublic":false}"#
    var bare = FindingRow(position: 0, json: sparse)
    bare.values = ["id": "f2", "status": "RESOLVED"]
    bare.isPublic = false
    bare.analyzerFamily = "external"

    let internalAccess = #"""
      {"id":"i1","resourceType":"AWS::S3::Bucket","status":"ACTIVE","findingType":"InternalAccess","findingDetails":[{"internalAccessDetails":{"action":["s3:GetObject"],"condition":{},"principal":{"AWS":"arn:aws:iam::111122223333:role/R"},"principalOwnerAccount":"111122223333","accessType":"INTRA_ACCOUNT","principalType":"IAM_ROLE","serviceControlPolicyRestriction":"APPLICABLE"}}]}
      """#
    var internalRow = FindingRow(position: 3, json: internalAccess)
    internalRow.values = [
      "id": "i1", "resourceType": "AWS::S3::Bucket", "status": "ACTIVE",
      "findingType": "InternalAccess", "principalOwnerAccount": "111122223333",
      "accessType": "INTRA_ACCOUNT", "principalType": "IAM_ROLE",
      "serviceControlPolicyRestriction": "APPLICABLE",
    ]
    internalRow.analyzerFamily = "internal"
    internalRow.principal = [(key: "AWS", value: "arn:aws:iam::111122223333:role/R")]
    internalRow.condition = []
    internalRow.action = ["s3:GetObject"]

    // A list-findings-v2 summary: no access details, its family from the finding type.
    let summary = #"{"id":"s1","status":"ACTIVE","findingType":"ExternalAccess"}"#
    var summaryRow = FindingRow(position: 1, json: summary, hasAccessDetails: false)
    summaryRow.values = ["id": "s1", "status": "ACTIVE", "findingType": "ExternalAccess"]
    summaryRow.analyzerFamily = "external"

    let cases: [(String, Int, FindingRow, UInt)] = [
      (external, 7, full, #line),
      (sparse, 0, bare, #line),
      (internalAccess, 3, internalRow, #line),
      (summary, 1, summaryRow, #line),
    ]
    for (json, position, expected, line) in cases {
      let row = FindingRow(try finding(json, line: line), position: position)
      XCTAssertEqual(row.values, expected.values, line: line)
      XCTAssertEqual(row.timestamps, expected.timestamps, line: line)
      XCTAssertEqual(row.isPublic, expected.isPublic, line: line)
      XCTAssertEqual(row.hasAccessDetails, expected.hasAccessDetails, line: line)
      XCTAssertEqual(row.analyzerFamily, expected.analyzerFamily, line: line)
      XCTAssertEqual(row.action, expected.action, line: line)
      XCTAssertEqual(row.position, position, line: line)
      XCTAssertEqual(row.json, json, "the finding's own text, kept whole", line: line)
      XCTAssertEqual(row, expected, line: line)
    }
  }

  func testSortableText_isFixedWidthUTCSoByteOrderIsInstantOrder() throws {
    let cases: [(String, String, UInt)] = [
      ("2024-02-15T00:49:27Z", "2024-02-15T00:49:27.000000000Z", #line),
      ("2024-02-15T00:49:27.5Z", "2024-02-15T00:49:27.500000000Z", #line),
      ("2024-02-15T00:49:27.123456789Z", "2024-02-15T00:49:27.123456789Z", #line),
      ("2024-02-15T01:00:00+01:30", "2024-02-14T23:30:00.000000000Z", #line),
      ("2024-12-31T23:59:59.9-01:00", "2025-01-01T00:59:59.900000000Z", #line),
    ]
    for (text, expected, line) in cases {
      let json = #"{"id":"t","updatedAt":"\#(text)"}"#
      let stamp = try XCTUnwrap(try finding(json, line: line).updatedAt, line: line)
      XCTAssertEqual(FindingRow.sortableText(stamp), expected, line: line)
    }
    // Text order is instant order, whatever offsets and fractions the input had.
    let sorted = cases.map(\.1).sorted()
    XCTAssertEqual(sorted.first, "2024-02-14T23:30:00.000000000Z")
    XCTAssertEqual(sorted.last, "2025-01-01T00:59:59.900000000Z")
  }
}
