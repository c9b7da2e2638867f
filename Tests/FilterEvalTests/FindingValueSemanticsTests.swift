import FilterDSL
import FilterEval
import XCTest

/// A `Finding` is a value: built field by field it equals the same finding decoded, a change
/// to a copy leaves the original alone (even when both share a decoded buffer), and equality
/// compares every modeled field by bytes.
final class FindingValueSemanticsTests: XCTestCase {
  static let record = #"""
    {"id": "f-1", "resource": "arn:aws:s3:::reports", "resourceType": "AWS::S3::Bucket",
     "resourceOwnerAccount": "111122223333", "status": "ACTIVE", "isPublic": true,
     "findingType": "ExternalAccess", "error": "ACCESS_DENIED",
     "resourceControlPolicyRestriction": "APPLICABLE", "changeType": "NEW",
     "existingFindingId": "f-0", "existingFindingStatus": "ARCHIVED",
     "principal": {"AWS": "*"}, "condition": {"aws:SourceIp": "10.0.0.0/8"},
     "action": ["s3:GetObject", "s3:ListBucket"],
     "createdAt": "2024-01-01T00:00:00Z", "analyzedAt": "2024-01-02T00:00:00Z",
     "updatedAt": "2024-01-03T00:00:00.5Z"}
    """#

  static func stamp(_ text: String) -> Timestamp? { Timestamp(parsing: text) }

  /// Every property set one by one on an empty finding.
  static func built() -> Finding {
    var finding = Finding()
    finding.id = "f-1"
    finding.resource = "arn:aws:s3:::reports"
    finding.resourceType = "AWS::S3::Bucket"
    finding.resourceOwnerAccount = "111122223333"
    finding.status = "ACTIVE"
    finding.isPublic = true
    finding.findingType = "ExternalAccess"
    finding.error = "ACCESS_DENIED"
    finding.resourceControlPolicyRestriction = "APPLICABLE"
    finding.changeType = "NEW"
    finding.existingFindingId = "f-0"
    finding.existingFindingStatus = "ARCHIVED"
    finding.principal = ["AWS": "*"]
    finding.condition = ["aws:SourceIp": "10.0.0.0/8"]
    finding.action = ["s3:GetObject", "s3:ListBucket"]
    finding.createdAt = stamp("2024-01-01T00:00:00Z")
    finding.analyzedAt = stamp("2024-01-02T00:00:00Z")
    finding.updatedAt = stamp("2024-01-03T00:00:00.5Z")
    return finding
  }

  func testBuiltFieldByField_equalsDecoded() {
    let decoded = finding(Self.record)
    let built = Self.built()
    XCTAssertEqual(built, decoded)
    XCTAssertEqual(built.hashValue, decoded.hashValue)
    XCTAssertEqual(built.json.text, "")
    XCTAssertEqual(decoded.detached(), decoded)
    XCTAssertEqual(decoded.detached().json.text, decoded.json.text)
    // Timestamps set in code keep their own text.
    XCTAssertEqual(built.updatedAt?.text, "2024-01-03T00:00:00.5Z")
    XCTAssertEqual(built.value(for: .changeType)?.text, "NEW")
    XCTAssertEqual(built.value(for: .existingFindingStatus)?.text, "ARCHIVED")
  }

  /// Each change makes a copy differ, and leaves the original, and other copies of the same
  /// decoded record, as they were.
  func testChangingACopy_leavesTheOriginal() {
    let changes: [(String, (inout Finding) -> Void, UInt)] = [
      ("id", { $0.id = "f-2" }, #line),
      ("id nil", { $0.id = nil }, #line),
      ("resource", { $0.resource = "arn:aws:s3:::other" }, #line),
      ("resourceType", { $0.resourceType = "AWS::KMS::Key" }, #line),
      ("resourceOwnerAccount", { $0.resourceOwnerAccount = "444455556666" }, #line),
      ("status", { $0.status = "ARCHIVED" }, #line),
      ("isPublic", { $0.isPublic = false }, #line),
      ("isPublic nil", { $0.isPublic = nil }, #line),
      ("findingType", { $0.findingType = "UnusedIAMRole" }, #line),
      ("error", { $0.error = nil }, #line),
      ("restriction", { $0.resourceControlPolicyRestriction = "NOT_APPLICABLE" }, #line),
      ("changeType", { $0.changeType = "CHANGED" }, #line),
      ("existingFindingId", { $0.existingFindingId = "f-9" }, #line),
      ("existingFindingStatus", { $0.existingFindingStatus = "ACTIVE" }, #line),
      ("principal", { $0.principal = ["AWS": "111122223333"] }, #line),
      ("condition", { $0.condition = nil }, #line),
      ("action", { $0.action = ["s3:GetObject"] }, #line),
      ("action empty", { $0.action = [] }, #line),
      ("action case", { $0.action = ["s3:getobject", "s3:ListBucket"] }, #line),
      ("createdAt", { $0.createdAt = Self.stamp("2024-01-01T00:00:01Z") }, #line),
      ("analyzedAt", { $0.analyzedAt = nil }, #line),
      ("updatedAt", { $0.updatedAt = Self.stamp("2024-01-03T00:00:00.6Z") }, #line),
      ("hasAccessDetails", { $0.hasAccessDetails = false }, #line),
    ]
    let original = finding(Self.record)
    let sibling = original
    for (name, change, line) in changes {
      var copy = original
      change(&copy)
      XCTAssertNotEqual(copy, original, name, line: line)
      XCTAssertEqual(original, Self.built(), "original changed by \(name)", line: line)
      XCTAssertEqual(sibling, Self.built(), "sibling changed by \(name)", line: line)
      XCTAssertEqual(original.json.text, copy.json.text, name, line: line)
    }
  }

  /// Text is compared by bytes, as the service compares it: canonically equivalent
  /// spellings are different findings.
  func testEquality_isByBytes() {
    var precomposed = Self.built()
    precomposed.resource = "arn:aws:s3:::caf\u{E9}"
    var decomposed = Self.built()
    decomposed.resource = "arn:aws:s3:::cafe\u{301}"
    XCTAssertNotEqual(precomposed, decomposed)
    var actions = Self.built()
    actions.action = ["s3:GetObject", "s3:ListBucket\u{301}"]
    XCTAssertNotEqual(actions, Self.built())
  }

  /// What a changed field does to matching: the matcher reads the finding as it is now.
  func testChangedFields_areWhatTheMatcherReads() {
    var record = Self.built()
    let matcher = FindingMatcher(map("isPublic eq true and principal.AWS eq *"))
    XCTAssertEqual(matcher.evaluate(record), .match)
    record.principal = ["AWS": "111122223333"]
    XCTAssertEqual(matcher.evaluate(record), .noMatch)
    record.principal = ["AWS": "*"]
    record.isPublic = nil
    XCTAssertEqual(matcher.evaluate(record), .noMatch)
    // A summary without access details cannot say.
    record.isPublic = true
    record.hasAccessDetails = false
    XCTAssertEqual(matcher.evaluate(record), .undecidable)
  }
}
