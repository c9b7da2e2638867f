import Foundation
import XCTest

/// `preview` and `explain` never archive a finding of another analyzer family than the one
/// stated (`--analyzer` or the rule file's directive); an inferred family scopes nothing.
final class PreviewScopeCLITests: XCTestCase {
  private static let role = "arn:aws:iam::111122223333:role/old-audit"
  /// The same role in a finding of each family and one of unknown family, all ACTIVE.
  private static let findings = """
    {"findings": [
      {"id": "n1", "status": "ACTIVE", "resource": "\(role)", "resourceType": "AWS::IAM::Role",
       "findingType": "UnusedIAMRole",
       "findingDetails": [{"unusedIamRoleDetails": {"lastAccessed": "2023-01-01T00:00:00Z"}}]},
      {"id": "x1", "status": "ACTIVE", "resource": "\(role)", "resourceType": "AWS::IAM::Role",
       "findingType": "ExternalAccess",
       "findingDetails": [{"externalAccessDetails": {"principal": {"AWS": "444455556666"},
         "action": ["sts:AssumeRole"], "condition": {}, "isPublic": false}}]},
      {"id": "i1", "status": "ACTIVE", "resource": "\(role)", "resourceType": "AWS::IAM::Role",
       "findingType": "InternalAccess"},
      {"id": "u1", "status": "ACTIVE", "resource": "\(role)", "resourceType": "AWS::IAM::Role"}
    ]}
    """
  private static let unusedFile = """
    # aafilter: analyzer=unused

    rule suggested-resource-role-old-audit {
      resource eq \(role)
    }
    """
  private static let plainFile = "rule OldAudit { resource eq \(role) }\n"
  private static let files = [
    "f.json": findings, "unused.aaf": unusedFile, "plain.aaf": plainFile,
  ]
  private let preview = ["preview", "--findings", "f.json", "--output", "ids"]

  func testIds_statedViaFlagOrDirective_inferredUnchanged() {
    let cases: [([String], String, UInt)] = [
      // Inferred (the findings are of three families, so it settles nothing): every finding.
      (["--rules", "plain.aaf"], "n1\nx1\ni1\nu1\n", #line),
      (["--rule", "resource eq \(Self.role)"], "n1\nx1\ni1\nu1\n", #line),
      // Stated by the flag: its own family, and the finding of unknown family.
      (["--rules", "plain.aaf", "--analyzer", "unused"], "n1\nu1\n", #line),
      (["--rules", "plain.aaf", "--analyzer", "external"], "x1\nu1\n", #line),
      (["--rules", "plain.aaf", "--analyzer", "ORGANIZATION_INTERNAL_ACCESS"], "i1\nu1\n", #line),
      // Stated by the directive, in a file or inline.
      (["--rules", "unused.aaf"], "n1\nu1\n", #line),
      (["--rule", "# aafilter: analyzer=external\nresource eq \(Self.role)"], "x1\nu1\n", #line),
      // The flag wins over the directive (with its warning).
      (["--rules", "unused.aaf", "--analyzer", "external"], "x1\nu1\n", #line),
    ]
    for (arguments, expected, line) in cases {
      let run = aafilter(preview + arguments, files: Self.files)
      XCTAssertEqual(run.status, 0, run.stderr, line: line)
      XCTAssertEqual(run.stdout, expected, arguments.joined(separator: " "), line: line)
    }
  }

  /// The QA reproducer: an unused rule file previewed over an unused and an external finding
  /// on the same role archives only the unused one.
  func testCrossFamilyReproducer_archivesOnlyTheUnusedFinding() {
    let run = aafilter(
      preview + ["--rules", "s.aaf"],
      files: [
        "s.aaf": Self.unusedFile,
        "f.json": """
        {"findings": [
          {"id": "n1", "status": "ACTIVE", "resource": "\(Self.role)",
           "resourceType": "AWS::IAM::Role", "findingType": "UnusedIAMRole"},
          {"id": "n2", "status": "ACTIVE", "resource": "arn:aws:iam::111122223333:role/app",
           "resourceType": "AWS::IAM::Role", "findingType": "UnusedIAMRole"},
          {"id": "x1", "status": "ACTIVE", "resource": "\(Self.role)",
           "resourceType": "AWS::IAM::Role", "findingType": "ExternalAccess",
           "findingDetails": [{"externalAccessDetails": {"principal": {"AWS": "444455556666"},
             "action": ["sts:AssumeRole"], "condition": {}, "isPublic": false}}]}
        ]}
        """,
      ])
    XCTAssertEqual(run.status, 0, run.stderr)
    XCTAssertEqual(run.stdout, "n1\n")
  }

  func testText_countsTheOtherFamilysFindings() {
    let run = aafilter(
      ["preview", "--findings", "f.json", "--rules", "unused.aaf"], files: Self.files)
    XCTAssertEqual(run.status, 0, run.stderr)
    XCTAssertEqual(
      run.stdout,
      """
      Archive preview: 1 rule, 4 findings (2 ACTIVE)
      2 findings belong to another analyzer family than unused-access and were not considered.
      Would archive 2 of 2 active findings.

      Per finding type (active findings that would be archived):
        (none)         1
        UnusedIAMRole  1

      Stale credentials that would be archived: none

      Per rule (active findings it would archive):
        suggested-resource-role-old-audit  2

      """)
    XCTAssertEqual(run.stderr, "")
    let plain = aafilter(
      ["preview", "--findings", "f.json", "--rules", "plain.aaf"], files: Self.files)
    XCTAssertTrue(
      plain.stdout.hasPrefix(
        "Archive preview: 1 rule, 4 findings (4 ACTIVE)\nWould archive 4 of 4 active findings.\n"),
      plain.stdout)
    XCTAssertFalse(plain.stdout.contains("another analyzer family"), plain.stdout)
  }

  func testTable_notesTheOtherFamilysFindingsOnStandardError() {
    let run = aafilter(
      ["preview", "--findings", "f.json", "--rules", "unused.aaf", "--output", "table"],
      files: Self.files)
    XCTAssertEqual(run.status, 0, run.stderr)
    XCTAssertEqual(
      run.stdout.split(separator: "\n").dropFirst().map { $0.prefix(2) }, ["n1", "u1"])
    XCTAssertEqual(
      run.stderr,
      "note: 2 findings belong to another analyzer family than unused-access and were not considered.\n"
    )
  }

  func testJSON_scopeAndOtherFamilyCount() throws {
    let cases: [([String], Any, Int, [String], UInt)] = [
      (["--rules", "unused.aaf"], "unused", 2, ["n1", "u1"], #line),
      (["--rules", "plain.aaf", "--analyzer", "internal"], "internal", 2, ["i1", "u1"], #line),
      (["--rules", "plain.aaf"], NSNull(), 0, ["n1", "x1", "i1", "u1"], #line),
    ]
    for (arguments, scope, others, archived, line) in cases {
      let run = aafilter(
        ["preview", "--findings", "f.json", "--output", "json"] + arguments, files: Self.files)
      XCTAssertEqual(run.status, 0, run.stderr, line: line)
      let object =
        try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any] ?? [:]
      XCTAssertEqual(object["scopedToFamily"] as? NSObject, scope as? NSObject, line: line)
      XCTAssertEqual(object["otherFamilyFindings"] as? Int, others, line: line)
      XCTAssertEqual(object["findings"] as? Int, 4, line: line)
      XCTAssertEqual(object["wouldArchive"] as? Int, archived.count, line: line)
      let entries = object["entries"] as? [[String: Any]] ?? []
      XCTAssertEqual(entries.compactMap { $0["id"] as? String }, archived, line: line)
    }
  }

  func testExplain_saysWhenTheFindingIsAnotherFamilys() throws {
    let run = aafilter(
      ["explain", "--findings", "f.json", "--rules", "unused.aaf", "--id", "x1"],
      files: Self.files)
    XCTAssertEqual(run.status, 0, run.stderr)
    XCTAssertEqual(
      run.stdout,
      """
      finding x1: AWS::IAM::Role ACTIVE not public
        not considered: an external-access finding, which an unused-access analyzer never reports; its rules never archive it

      rule suggested-resource-role-old-audit: matches
        [yes] resource = "\(Self.role)"
            [yes] eq ["\(Self.role)"]: '\(Self.role)' is one of the values

      """)
    // (arguments, id, considered)
    let cases: [([String], String, Bool, UInt)] = [
      (["--rules", "unused.aaf"], "x1", false, #line),
      (["--rules", "unused.aaf"], "n1", true, #line),
      (["--rules", "unused.aaf"], "u1", true, #line),
      (["--rules", "plain.aaf", "--analyzer", "internal"], "n1", false, #line),
      (["--rules", "plain.aaf"], "x1", true, #line),
    ]
    for (arguments, id, considered, line) in cases {
      let json = aafilter(
        ["explain", "--findings", "f.json", "--id", id, "--output", "json"] + arguments,
        files: Self.files)
      XCTAssertEqual(json.status, 0, json.stderr, line: line)
      let array =
        try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]] ?? []
      XCTAssertEqual(array.count, 1, line: line)
      XCTAssertEqual(array.first?["consideredByAnalyzer"] as? Bool, considered, line: line)
      XCTAssertEqual(array.first?["verdict"] as? String, "match", line: line)
      let text = aafilter(
        ["explain", "--findings", "f.json", "--id", id] + arguments, files: Self.files)
      XCTAssertEqual(text.stdout.contains("not considered:"), !considered, line: line)
    }
  }
}

/// `--max-rules` raises the rule-set quota where rule sets are read whole.
final class MaxRulesOptionTests: XCTestCase {
  private static let rules = (1...101).map { "rule R\($0) { resource eq r\($0) }" }
    .joined(separator: "\n")
  private static let files = [
    "r.aaf": rules, "f.json": #"[{"id": "a", "status": "ACTIVE", "resource": "r101"}]"#,
  ]

  func testQuota_defaultRefusesARaisedOneAccepts() {
    let commands: [([String], String, UInt)] = [
      (["preview", "--findings", "f.json", "--rules", "r.aaf", "--output", "ids"], "a\n", #line),
      (
        ["explain", "--findings", "f.json", "--id", "a", "--rules", "r.aaf", "--output", "json"],
        "", #line
      ),
      (["convert", "--output", "cli-shorthand", "-f", "r.aaf"], "", #line),
    ]
    for (arguments, output, line) in commands {
      for (quota, status) in [(nil, Int32(1)), (100, 1), (101, 0), (1_000, 0)] as [(Int?, Int32)] {
        let run = aafilter(
          arguments + (quota.map { ["--max-rules", String($0)] } ?? []), files: Self.files)
        XCTAssertEqual(
          run.status, status, "\(arguments[0]) \(quota ?? 0): \(run.stderr)", line: line)
        if status == 1 {
          XCTAssertTrue(
            run.stderr.contains("more than the quota of \(quota ?? 100)"), run.stderr, line: line)
          XCTAssertEqual(run.stdout, "", line: line)
        } else if !output.isEmpty {
          XCTAssertEqual(run.stdout, output, line: line)
        } else {
          XCTAssertFalse(run.stdout.isEmpty, line: line)
        }
      }
    }
    let shorthand = aafilter(
      ["convert", "--output", "cli-shorthand", "-f", "r.aaf", "--max-rules", "1000"],
      files: Self.files)
    XCTAssertEqual(shorthand.stdout.split(separator: "\n").count, 101)
  }
}
