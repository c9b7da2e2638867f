import Foundation
import XCTest

final class CheckCommandTests: XCTestCase {
  func testExitStatuses() {
    let cases: [([String], Int32, UInt)] = [
      (["check", "isPublic eq false and resourceType eq AWS::S3::Bucket"], 0, #line),
      (["check", "resourceType eq AWS::S3::Bucket"], 0, #line),
      (["check", "--strict", "resourceType eq AWS::S3::Bucket"], 1, #line),
      (["check", "--strict", "isPublic eq false and resourceType eq AWS::S3::Bucket"], 0, #line),
      (["check", "status eq ACTIVE and isPublic eq false"], 1, #line),
      (["check", "--context", "list-findings", "status eq ACTIVE"], 0, #line),
      (["check", "--context", "nope", "a exists"], 2, #line),
      (["check", "--format", "xml", "a exists"], 2, #line),
      (["check", "-f", "Examples/rules.aaf"], 0, #line),
      (["check", "--rules", "Examples/list-archive-rules.json"], 0, #line),
      (["check", "resourceType eq"], 1, #line),
    ]
    for (arguments, status, line) in cases {
      XCTAssertEqual(aafilter(arguments).status, status, "\(arguments)", line: line)
    }
  }

  func testHumanOutput_groupsPerRuleAndCounts() {
    let result = aafilter(
      ["check", "-f", "r.aaf"],
      files: [
        "r.aaf":
          "rule Good { isPublic eq false and error eq a }\nrule Bad { resourcetype eq x and isPublic eq false }\n"
      ])
    XCTAssertEqual(result.status, 0)
    XCTAssertEqual(
      result.stdout,
      """
      rule Bad:
      warning: unknown filter key 'resourcetype'
       --> r.aaf:2:12
        |
      2 | rule Bad { resourcetype eq x and isPublic eq false }
        |            ^^^^^^^^^^^^ the service accepts it, but no finding has it, so it never matches
        = help: did you mean 'resourceType'?

      r.aaf: 1 warning

      """)
  }

  func testJSONAndSARIFOutputs() throws {
    let json = aafilter(["check", "--format", "json", "isPublic eq True"])
    let object = try XCTUnwrap(
      try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
    XCTAssertEqual(object["warnings"] as? Int, 1)
    let first = try XCTUnwrap((object["diagnostics"] as? [[String: Any]])?.first)
    XCTAssertEqual(first["code"] as? String, "invalid-boolean")
    XCTAssertEqual((first["range"] as? [String: Any])?["column"] as? Int, 13)
    let sarif = aafilter(["check", "--format", "sarif", "-f", "Examples/rules.aaf"])
    let log = try XCTUnwrap(
      try JSONSerialization.jsonObject(with: Data(sarif.stdout.utf8)) as? [String: Any])
    XCTAssertEqual(log["version"] as? String, "2.1.0")
    let results = (log["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]]
    XCTAssertEqual(results?.count, 4)
  }

  func testCompile_printsWarningsButSucceeds() {
    let result = aafilter(["compile", "(error eq a or error eq b) and error eq c or resource eq x"])
    XCTAssertEqual(result.status, 0)
    XCTAssertTrue(result.stdout.contains("\"resource\""))
    XCTAssertTrue(
      result.stderr.hasPrefix("warning: part of this expression can never match"), result.stderr)
  }
}
