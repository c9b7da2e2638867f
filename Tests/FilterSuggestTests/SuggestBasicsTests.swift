import FilterDSL
import FilterEval
import FilterSuggest
import XCTest

final class SuggestBasicsTests: XCTestCase {
  private func finding(
    _ id: String, principal: String, account: String = "111122223333", status: String = "ACTIVE",
    isPublic: Bool = false
  ) -> Finding {
    Finding(
      id: id, resource: "arn:aws:s3:::bucket-\(id)", resourceType: "AWS::S3::Bucket",
      resourceOwnerAccount: account, status: status, isPublic: isPublic,
      principal: ["AWS": principal])
  }

  func testSuggest_oneTrustedPrincipal() throws {
    let findings = [
      finding("a", principal: "444455556666"), finding("b", principal: "444455556666"),
      finding("c", principal: "777788889999"),
    ]
    let suggestion = try RuleSuggester.suggest(findings, expected: .ids(["a", "b"]))
    XCTAssertTrue(suggestion.isExact)
    XCTAssertEqual(suggestion.ruleSets.map(\.family), [.external])
    XCTAssertEqual(suggestion.ruleSets.first?.rules.count, 1)
    XCTAssertEqual(
      suggestion.ruleSets.first?.ruleText,
      "rule suggested-AWS-444455556666 {\n  isPublic eq false and principal.AWS eq 444455556666\n}")
    XCTAssertEqual(suggestion.ruleSets.first?.rules.first?.covered, ["a", "b"])
    XCTAssertEqual(suggestion.ruleSets.first?.rules.first?.margin?.keptID, "c")
  }

  func testSuggest_unknownIDsThrow() {
    let findings = [finding("a", principal: "444455556666")]
    XCTAssertThrowsError(try RuleSuggester.suggest(findings, expected: .ids(["a", "zz"]))) {
      XCTAssertEqual(($0 as? SuggestError)?.kind, .unknownIDs(["zz"]))
    }
  }
}
