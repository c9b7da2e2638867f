import FilterDSL
import FilterEval
import XCTest

/// Every line of the matching semantics table, on every attribute kind, absent and present.
final class MatchingSemanticsTests: XCTestCase {
  static let full = """
    {"id":"f1","resourceType":"AWS::S3::Bucket","isPublic":true,"principal":{"AWS":"111122223333","Federated":""},
     "condition":{"aws:SourceVpc":"vpc-1","cognito-identity.amazonaws.com:aud":"us-east-1:x"},
     "action":["s3:GetObject","s3:ListBucket"],"status":"ACTIVE","error":null}
    """
  static let bare = #"{"id":"f2","isPublic":false,"action":[],"condition":{}}"#

  func testOperators_table() {
    let cases: [(String, String, Bool, UInt)] = [
      // scalar, present
      (Self.full, "resourceType eq AWS::S3::Bucket", true, #line),
      (Self.full, "resourceType eq [AWS::KMS::Key, AWS::S3::Bucket]", true, #line),
      (Self.full, "resourceType eq aws::s3::bucket", false, #line),
      (Self.full, "resourceType neq AWS::S3::Bucket", false, #line),
      (Self.full, "resourceType neq [AWS::KMS::Key]", true, #line),
      (Self.full, "resourceType contains S3", true, #line),
      (Self.full, "resourceType contains [s3, KMS]", false, #line),
      (Self.full, "resourceType contains \"\"", true, #line),
      (Self.full, "resourceType exists", true, #line),
      (Self.full, "resourceType not exists", false, #line),
      // scalar, absent (and null is absent)
      (Self.bare, "resourceType eq AWS::S3::Bucket", false, #line),
      (Self.bare, "resourceType neq AWS::S3::Bucket", true, #line),
      (Self.bare, "resourceType contains S3", false, #line),
      (Self.bare, "resourceType contains \"\"", false, #line),
      (Self.bare, "resourceType exists", false, #line),
      (Self.bare, "resourceType not exists", true, #line),
      (Self.full, "error exists", false, #line),
      (Self.full, "error neq ACCESS_DENIED", true, #line),
      // boolean
      (Self.full, "isPublic eq true", true, #line),
      (Self.full, "isPublic eq True", false, #line),
      (Self.full, "isPublic neq false", true, #line),
      (Self.bare, "isPublic eq false", true, #line),
      (Self.bare, "isPublic exists", true, #line),
      (Self.full, "isPublic contains ru", true, #line),
      // map entries
      (Self.full, "principal.AWS eq 111122223333", true, #line),
      (Self.full, "principal.aws eq 111122223333", false, #line),
      (Self.full, "principal.AWS neq 111122223333", false, #line),
      (Self.full, "principal.Federated exists", true, #line),
      (Self.full, "principal.Federated eq \"\"", true, #line),
      (Self.full, "principal.Service exists", false, #line),
      (Self.full, "principal.Service neq x", true, #line),
      (Self.bare, "principal.AWS exists", false, #line),
      (Self.bare, "principal.AWS neq 1", true, #line),
      (Self.full, "condition.aws:SourceVpc eq vpc-1", true, #line),
      (Self.full, "condition.cognito-identity.amazonaws.com:aud contains us-east-1", true, #line),
      (Self.full, "condition.aws:SourceVpce exists", false, #line),
      (Self.bare, "condition.aws:SourceVpc not exists", true, #line),
      // lists
      (Self.full, "action eq s3:GetObject", true, #line),
      (Self.full, "action eq [s3:PutObject, s3:ListBucket]", true, #line),
      (Self.full, "action eq s3:PutObject", false, #line),
      (Self.full, "action neq s3:GetObject", false, #line),
      (Self.full, "action neq [s3:PutObject]", true, #line),
      (Self.full, "action contains List", true, #line),
      (Self.full, "action contains Put", false, #line),
      (Self.full, "action exists", true, #line),
      (Self.bare, "action exists", false, #line),
      (Self.bare, "action neq s3:GetObject", true, #line),
      (Self.bare, "action eq s3:GetObject", false, #line),
      // unknown keys are absent; the empty map matches everything
      (Self.full, "noSuchKey exists", false, #line),
      (Self.full, "noSuchKey neq x", true, #line),
      (Self.full, "", true, #line),
      (Self.bare, "", true, #line),
      // several operators in one criterion: all must hold
      (
        Self.full,
        "resourceType eq AWS::S3::Bucket and resourceType neq AWS::KMS::Key and resourceType contains S3",
        true, #line
      ),
      (Self.full, "action eq s3:GetObject and action neq s3:ListBucket", false, #line),
    ]
    for (json, rule, expected, line) in cases {
      XCTAssertEqual(
        FindingMatcher(map(rule, line: line)).matches(finding(json, line: line)), expected, rule,
        line: line)
    }
  }

  /// Exact bytes: canonically equivalent strings are different values.
  func testComparison_isByteExact() {
    let precomposed = finding(#"{"id":"a","resource":"caf\u00e9"}"#)
    XCTAssertTrue(FindingMatcher(["resource": Criterion(eq: ["caf\u{E9}"])]).matches(precomposed))
    XCTAssertFalse(
      FindingMatcher(["resource": Criterion(eq: ["cafe\u{301}"])]).matches(precomposed))
    XCTAssertTrue(
      FindingMatcher(["resource": Criterion(neq: ["cafe\u{301}"])]).matches(precomposed))
    XCTAssertFalse(
      FindingMatcher(["resource": Criterion(contains: ["e\u{301}"])]).matches(precomposed))
    let kelvin = finding(#"{"id":"a","principal":{"K":"x"}}"#)
    XCTAssertFalse(FindingMatcher(["principal.\u{212A}": Criterion(exists: true)]).matches(kelvin))
  }

  /// A list-findings-v2 summary cannot decide access-detail keys, but can still rule out.
  func testSummaries_areUndecidableNotFalse() {
    let summary = finding(
      #"{"id":"s","resourceType":"AWS::S3::Bucket","status":"ACTIVE","findingType":"ExternalAccess"}"#
    )
    let cases: [(String, Verdict, UInt)] = [
      ("isPublic eq true", .undecidable, #line),
      ("isPublic not exists", .undecidable, #line),
      ("principal.AWS neq x", .undecidable, #line),
      ("condition.aws:SourceVpc exists", .undecidable, #line),
      ("action contains s3", .undecidable, #line),
      ("resourceType eq AWS::S3::Bucket and isPublic eq true", .undecidable, #line),
      ("resourceType eq AWS::KMS::Key and isPublic eq true", .noMatch, #line),
      ("resourceType eq AWS::S3::Bucket", .match, #line),
    ]
    for (rule, expected, line) in cases {
      XCTAssertEqual(FindingMatcher(map(rule)).evaluate(summary), expected, rule, line: line)
    }
    let details = finding(
      #"{"id":"g","findingType":"ExternalAccess","findingDetails":[{"externalAccessDetails":{"isPublic":true,"principal":{"AWS":"*"},"condition":{},"action":["s3:GetObject"]}}]}"#
    )
    XCTAssertEqual(
      FindingMatcher(map("isPublic eq true and principal.AWS eq \"*\"")).evaluate(details), .match)
    let unused = finding(
      #"{"id":"u","findingType":"UnusedIAMRole","findingDetails":[{"unusedIamRoleDetails":{}}]}"#)
    XCTAssertEqual(FindingMatcher(map("isPublic exists")).evaluate(unused), .noMatch)
  }

  func testExplain_namesEachOperatorAndValue() {
    let explanation = FindingMatcher(
      map("resourceType eq AWS::S3::Bucket and principal.AWS neq [111122223333]")
    )
    .explain(finding(Self.full))
    XCTAssertEqual(explanation.verdict, .noMatch)
    XCTAssertEqual(explanation.criteria.map(\.key), ["principal.AWS", "resourceType"])
    XCTAssertEqual(explanation.criteria[0].value, .scalar("111122223333"))
    XCTAssertEqual(explanation.criteria[0].operators.map(\.verdict), [.noMatch])
    XCTAssertEqual(explanation.criteria[0].operators[0].reason, "'111122223333' is excluded")
    XCTAssertEqual(
      explanation.criteria[1].operators[0].reason, "'AWS::S3::Bucket' is one of the values")
  }
}
