import Foundation
import XCTest

/// `--analyzer` and family inference on check and compile (query, preview and explain are in
/// FamilyFindingsCLITests).
final class AnalyzerOptionTests: XCTestCase {
  func testCheckAndCompile_exitStatuses() {
    let cases: [([String], Int32, UInt)] = [
      (["check", "--analyzer", "unused", "findingType eq UnusedIAMRole"], 0, #line),
      (["check", "--analyzer", "ACCOUNT_UNUSED_ACCESS", "findingType eq UnusedIAMRole"], 0, #line),
      (
        ["check", "--analyzer", "organization_unused_access", "findingType eq UnusedIAMRole"], 0,
        #line
      ),
      (["check", "--analyzer", "external", "findingType eq UnusedIAMRole"], 1, #line),
      (["check", "--analyzer", "Account", "findingType eq UnusedIAMRole"], 1, #line),
      (["check", "--analyzer", "bogus", "findingType eq UnusedIAMRole"], 2, #line),
      (["check", "findingType in [UnusedIAMRole, InternalAccess]"], 1, #line),
      (
        ["check", "--strict", "findingType eq UnusedIAMUserAccessKey and isPublic eq false"], 1,
        #line
      ),
      (["compile", "--analyzer", "unused", "findingType eq UnusedIAMRole"], 0, #line),
      (["compile", "--analyzer", "internal", "findingType eq UnusedIAMRole"], 1, #line),
      (["compile", "findingType in [UnusedIAMRole, ExternalAccess]"], 1, #line),
      (["compile", "--analyzer", "nope", "a exists"], 2, #line),
      (
        [
          "compile", "--analyzer", "ORGANIZATION_INTERNAL_ACCESS",
          "rule A { findingType eq InternalAccess }",
        ],
        0, #line
      ),
      (
        ["compile", "--analyzer", "external", "rule A { findingType eq InternalAccess }"], 1, #line
      ),
    ]
    for (arguments, status, line) in cases {
      let result = aafilter(arguments)
      XCTAssertEqual(result.status, status, "\(arguments): \(result.stderr)", line: line)
      if status == 1, arguments[0] == "compile" {
        XCTAssertEqual(result.stdout, "", line: line)
      }
    }
  }

  func testCheck_saysHowTheFamilyWasSettled() throws {
    let inferred = aafilter([
      "check", "findingType eq UnusedIAMUserAccessKey and isPublic eq false",
    ])
    XCTAssertEqual(
      inferred.stderr,
      "note: analyzer family unused-access, inferred from the rule's finding type\n")
    XCTAssertTrue(
      inferred.stdout.contains(
        "warning: unused-access findings never carry 'isPublic', so this predicate can never match"),
      inferred.stdout)
    let fallback = aafilter(["check", "resourceType eq AWS::S3::Bucket"])
    XCTAssertEqual(
      fallback.stderr,
      "note: nothing settles the analyzer family; assuming external-access (give --analyzer external|internal|unused)\n"
    )
    let given = aafilter(["check", "--analyzer", "internal", "principal.AWS eq 111122223333"])
    XCTAssertEqual(given.stderr, "")
    XCTAssertEqual(given.stdout, "rule: no problems\n")
    let json = aafilter(["check", "--format", "json", "principalType eq IAM_ROLE"])
    let object = try XCTUnwrap(
      try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
    let analyzer = try XCTUnwrap(object["analyzer"] as? [String: String])
    XCTAssertEqual(analyzer, ["family": "internal", "source": "rule-keys"])
    XCTAssertEqual(json.stderr, "")
  }

  func testCompile_conflictMessage() {
    let result = aafilter(["compile", "--analyzer", "external", "findingType eq UnusedIAMRole"])
    XCTAssertEqual(
      result.stderr,
      "error: the rule names unused-access finding types, but the analyzer is external-access\n")
  }
}
