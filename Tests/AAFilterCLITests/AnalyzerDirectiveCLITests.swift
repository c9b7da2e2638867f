import Foundation
import XCTest

/// check, compile, preview, explain, query, plan and diff honour a rule file's
/// `# aafilter: analyzer=FAMILY`.
final class AnalyzerDirectiveCLITests: XCTestCase {
  private let unusedFile = """
    # Rules for the unused access analyzer.
    # aafilter: analyzer=unused

    rule Roles { findingType eq UnusedIAMRole and resource contains "role/ci-" }
    """
  private let internalFile = "# aafilter: analyzer=internal\r\nrule A { resource contains x }\r\n"

  func testCommands_exitStatusesAndMessages() {
    let files = [
      "unused.aaf": unusedFile, "internal.aaf": internalFile,
      "typo.aaf": "# aafilter: analyzer=unsued\nrule A { resource contains x }\n",
      "mixed.aaf": "# aafilter: analyzer=unused\nrule A { findingType eq InternalAccess }\n",
      "b.json": #"[{"id": "1", "resource": "x", "status": "ACTIVE"}]"#,
    ]
    let cases: [([String], Int32, String?, UInt)] = [
      (["check", "-f", "unused.aaf"], 0, "", #line),
      (["check", "-f", "typo.aaf"], 1, nil, #line),
      (["check", "-f", "mixed.aaf"], 1, nil, #line),
      (["check", "--analyzer", "unused", "-f", "unused.aaf"], 0, "", #line),
      (["compile", "-f", "unused.aaf"], 0, "", #line),
      (["compile", "-f", "internal.aaf"], 0, "", #line),
      (
        ["compile", "-f", "mixed.aaf"], 1,
        "error: the rule names internal-access finding types, but the file's analyzer directive names unused-access\n",
        #line
      ),
      (
        ["compile", "--analyzer", "internal", "-f", "mixed.aaf"], 0,
        """
        warning: the file's analyzer directive names unused-access, but the analyzer given is internal-access
         --> mixed.aaf:1:22
          |
        1 | # aafilter: analyzer=unused
          |                      ^^^^^^ overridden: checked as internal-access
          = help: change the directive, or drop --analyzer (LintOptions.analyzer) to use it

        """, #line
      ),
      (
        ["compile", "-f", "typo.aaf"], 1,
        """
        error: 'unsued' is not an analyzer family
         --> typo.aaf:1:22
          |
        1 | # aafilter: analyzer=unsued
          |                      ^^^^^^ not a family
          = help: did you mean 'unused'?

        """, #line
      ),
      (["preview", "--findings", "b.json", "--rules", "internal.aaf"], 0, "", #line),
      (["preview", "--findings", "b.json", "--rules", "typo.aaf"], 1, nil, #line),
      (
        [
          "preview", "--findings", "b.json", "--rules", "internal.aaf", "--rule",
          "# aafilter: analyzer=unused\nresource eq y",
        ],
        1,
        "error: internal.aaf: the analyzer directive names internal-access, but an earlier rule source's names unused-access\n",
        #line
      ),
      (["explain", "--findings", "b.json", "--id", "1", "--rules", "internal.aaf"], 0, "", #line),
      // A query's filter file too: internal access needs no note; the typo stops it.
      (
        ["query", "--findings", "b.json", "--rules", "internal.aaf", "--output", "table"], 0, "",
        #line
      ),
      (["query", "--findings", "b.json", "--rules", "typo.aaf"], 1, nil, #line),
      (
        ["query", "--findings", "b.json", "--rules", "mixed.aaf"], 1,
        "error: the rule names internal-access finding types, but the file's analyzer directive names unused-access\n",
        #line
      ),
    ]
    for (arguments, status, stderr, line) in cases {
      let result = aafilter(arguments, files: files)
      XCTAssertEqual(result.status, status, "\(arguments): \(result.stderr)", line: line)
      if let stderr { XCTAssertEqual(result.stderr, stderr, "\(arguments)", line: line) }
      if status == 1, arguments[0] == "compile" { XCTAssertEqual(result.stdout, "", line: line) }
    }
  }

  func testCheck_reportsTheDirectiveAsTheSource() throws {
    let cases: [([String], [String: String], UInt)] = [
      (
        ["check", "--format", "json", "-f", "unused.aaf"],
        ["family": "unused", "source": "directive"], #line
      ),
      (
        ["check", "--format", "json", "--analyzer", "external", "-f", "unused.aaf"],
        ["family": "external", "source": "given"], #line
      ),
      (
        ["check", "--format", "json", "-f", "-"], ["family": "internal", "source": "directive"],
        #line
      ),
    ]
    for (arguments, analyzer, line) in cases {
      let result = aafilter(arguments, stdin: internalFile, files: ["unused.aaf": unusedFile])
      let object = try XCTUnwrap(
        try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any],
        line: line)
      XCTAssertEqual(object["analyzer"] as? [String: String], analyzer, line: line)
    }
    let sarif = aafilter(["check", "--format", "sarif", "-"], stdin: internalFile)
    let log = try XCTUnwrap(
      try JSONSerialization.jsonObject(with: Data(sarif.stdout.utf8)) as? [String: Any])
    let run = try XCTUnwrap((log["runs"] as? [[String: Any]])?.first)
    XCTAssertEqual(
      (run["properties"] as? [String: Any])?["analyzer"] as? [String: String],
      ["family": "internal", "source": "directive"])
    // A family the file states needs no note on how it was inferred.
    let text = aafilter(["check", "-f", "unused.aaf"], files: ["unused.aaf": unusedFile])
    XCTAssertEqual(text.stdout, "unused.aaf: no problems\n")
    XCTAssertEqual(text.stderr, "")
  }

  func testPreview_usesTheDirectivesFamily() {
    // The finding says nothing of its family, so the directive settles it: internal access
    // sections instead of the public-findings ones.
    let files = [
      "internal.aaf": internalFile,
      "b.json": #"[{"id": "1", "resource": "x", "status": "ACTIVE"}]"#,
    ]
    let preview = aafilter(
      ["preview", "--findings", "b.json", "--rules", "internal.aaf"], files: files)
    XCTAssertTrue(
      preview.stdout.contains("Internal access that would be archived, per resource type:"),
      preview.stdout)
    XCTAssertFalse(preview.stdout.contains("Public findings"), preview.stdout)
    let given = aafilter(
      ["preview", "--findings", "b.json", "--rules", "internal.aaf", "--analyzer", "external"],
      files: files)
    XCTAssertTrue(
      given.stdout.contains("Public findings that would be archived: none"), given.stdout)
    XCTAssertTrue(
      given.stderr.hasPrefix(
        "warning: the file's analyzer directive names internal-access, but the analyzer given is external-access"
      ), given.stderr)
  }
  func testPlanAndDiff_honourTheDirective() {
    let files = [
      "internal.aaf": "# aafilter: analyzer=internal\nrule A { resource contains x }\n",
      "plain.aaf": "rule A { resource contains x }\n",
      "unused.aaf": "# aafilter: analyzer=unused\nrule A { resource contains x }\n",
      "deployed.aaf": "rule A { resource contains y }\n",
      "internal-deployed.aaf": "# aafilter: analyzer=internal\nrule A { resource contains y }\n",
      "b.json": #"[{"id": "1", "resource": "x", "status": "ACTIVE"}]"#,
    ]
    let plan = ["plan", "--analyzer-name", "Main", "--findings", "b.json", "--deployed"]
    let update =
      "aws accessanalyzer update-archive-rule --analyzer-name Main --rule-name A --filter '{\"resource\":{\"contains\":[\"x\"]}}'\n"
    let cases: [([String], Int32, String, String, UInt)] = [
      // The directive settles the family: internal access findings are counted whole.
      (
        plan + ["deployed.aaf", "--rules", "internal.aaf"], 1,
        "# analyzer Main: 0 to create, 1 to update, 0 to delete\n# A: apply-archive-rule would archive 1 ACTIVE findings now\n"
          + update, "", #line
      ),
      // Without it, the family is inferred (external by default): public findings first.
      (
        plan + ["deployed.aaf", "--rules", "plain.aaf"], 1,
        "# analyzer Main: 0 to create, 1 to update, 0 to delete\n# A: apply-archive-rule would archive 0 public and 1 other ACTIVE findings now\n"
          + update, "", #line
      ),
      // The deployed side's directive counts when the desired side has none.
      (
        plan + ["internal-deployed.aaf", "--rules", "plain.aaf"], 1,
        "# analyzer Main: 0 to create, 1 to update, 0 to delete\n# A: apply-archive-rule would archive 1 ACTIVE findings now\n"
          + update, "", #line
      ),
      (
        plan + ["internal.aaf", "--rules", "unused.aaf"], 2, "",
        "error: the desired rules are for unused-access and the deployed ones for internal-access; give --analyzer\n",
        #line
      ),
      (
        plan + ["deployed.aaf", "--rules", "internal.aaf", "--analyzer", "external"], 1,
        "# analyzer Main: 0 to create, 1 to update, 0 to delete\n# A: apply-archive-rule would archive 0 public and 1 other ACTIVE findings now\n"
          + update,
        """
        warning: the file's analyzer directive names internal-access, but the analyzer given is external-access
         --> internal.aaf:1:22
          |
        1 | # aafilter: analyzer=internal
          |                      ^^^^^^^^ overridden: checked as external-access
          = help: change the directive, or drop --analyzer (LintOptions.analyzer) to use it

        """, #line
      ),
      (
        ["diff", "--rules", "unused.aaf", "--deployed", "internal.aaf"], 0,
        "no differences (1 rule the same)\n",
        "warning: the desired rules are for unused-access and the deployed ones for internal-access\n",
        #line
      ),
      (
        ["diff", "--rules", "unused.aaf", "--deployed", "plain.aaf"], 0,
        "no differences (1 rule the same)\n", "", #line
      ),
    ]
    for (arguments, status, stdout, stderr, line) in cases {
      let result = aafilter(arguments, files: files)
      XCTAssertEqual(result.status, status, "\(arguments): \(result.stderr)", line: line)
      XCTAssertEqual(result.stdout, stdout, "\(arguments)", line: line)
      XCTAssertEqual(result.stderr, stderr, "\(arguments)", line: line)
    }
  }
}
