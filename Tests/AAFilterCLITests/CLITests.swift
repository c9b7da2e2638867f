import AAFilterTestSupport
import FilterDSL
import Foundation
import XCTest

final class CLITests: XCTestCase {
  func testCompile_printsTheAPIJSON() {
    let result = aafilter(["compile", #"resourceType eq "AWS::S3::Bucket" and isPublic exists"#])
    XCTAssertEqual(result.status, 0)
    XCTAssertEqual(
      result.stdout,
      """
      {
        "isPublic": {
          "exists": true
        },
        "resourceType": {
          "eq": [
            "AWS::S3::Bucket"
          ]
        }
      }

      """)
    XCTAssertEqual(result.stderr, "")
  }

  func testCompile_errorsGoToStderrWithStatus1() {
    assertFails(
      aafilter(["compile", "resourceType eq and isPublic exists"]),
      stderrPrefix: "error: expected a value after 'eq', found 'and'\n --> rule:1:17\n")
  }

  private func assertFails(
    _ result: RunResult, stderrPrefix: String, file: StaticString = #filePath, line: UInt = #line
  ) {
    XCTAssertEqual(result.status, 1, file: file, line: line)
    XCTAssertEqual(result.stdout, "", file: file, line: line)
    XCTAssertTrue(result.stderr.hasPrefix(stderrPrefix), result.stderr, file: file, line: line)
  }

  func testCompile_inputsAndShapes() {
    let cases: [([String], String, Int32, String, UInt)] = [
      (["compile", "-"], "isPublic eq false", 0, #""isPublic""#, #line),
      (["compile", "-f", "r.aaf"], "", 0, #""archiveRules""#, #line),
      (["compile", "--split", "a eq 1 or b eq 2"], "", 0, "[\n  {\n    \"a\"", #line),
      (["compile", "a eq 1 or b eq 2"], "", 1, "", #line),
      (["compile", "--split", "--max-maps", "1", "a eq 1 or b eq 2"], "", 1, "", #line),
      (["compile"], "", 2, "", #line),
      (["compile", "a exists", "-f", "r.aaf"], "", 2, "", #line),
      (["compile", "--bogus", "a exists"], "", 2, "", #line),
      (["compile", "-f", "missing.aaf"], "", 1, "", #line),
    ]
    for (arguments, stdin, status, stdout, line) in cases {
      let result = aafilter(arguments, stdin: stdin, files: ["r.aaf": "rule A { a exists }"])
      XCTAssertEqual(result.status, status, "\(arguments): \(result.stderr)", line: line)
      XCTAssertTrue(
        stdout.isEmpty || result.stdout.contains(stdout), "\(arguments): \(result.stdout)",
        line: line)
      if status != 0 { XCTAssertEqual(result.stdout, "", line: line) }
    }
  }

  func testCompile_invalidUTF8FileIsADiagnostic() throws {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "invalid-utf8-\(UUID().uuidString).aaf")
    // `isPublic eq ` then a Latin-1 'é': a file saved in the wrong encoding.
    try Data(Array("isPublic eq ".utf8) + [0xE9]).write(to: url)
    defer { try? FileManager.default.removeItem(at: url) }
    assertFails(
      aafilter(["compile", "-f", url.path]),
      stderrPrefix: "error: the text is not valid UTF-8\n --> \(url.path):1:13\n")
  }

  func testCompile_missingFileIsAnError() {
    let result = aafilter(["compile", "-f", "/dev/null/none"])
    XCTAssertEqual(result.status, 1)
    XCTAssertEqual(result.stderr, "error: cannot read '/dev/null/none'\n")
  }

  func testVersion_isTheLibraryVersion() {
    let result = aafilter(["--version"])
    XCTAssertEqual(result.status, 0)
    XCTAssertEqual(result.stdout, "aafilter \(AAFilterVersion.current)\n")
  }

  /// The task's example: the directive and every comment survive, and the output formats to
  /// itself.
  func testFormat_keepsCommentsAndTheDirective() {
    let input =
      "# aafilter: analyzer=unused\n# keep me\nrule A { # inner\n findingType eq UnusedIAMRole # trailing\n}\n# between\nrule B { resource contains \"x\" }\n"
    let expected = """
      # aafilter: analyzer=unused
      # keep me
      rule A { # inner
        findingType eq UnusedIAMRole # trailing
      }

      # between
      rule B {
        resource contains x
      }

      """
    let result = aafilter(["format", "-f", "c.aaf"], files: ["c.aaf": input])
    XCTAssertEqual(result.status, 0, result.stderr)
    XCTAssertEqual(result.stdout, expected)
    XCTAssertEqual(result.stderr, "")
    XCTAssertEqual(aafilter(["format", "-"], stdin: expected).stdout, expected)
    let expression = aafilter(["format", "# why\nb eq 2 # two\n and a eq 1 # one"])
    XCTAssertEqual(expression.stdout, "# why\na eq 1 and b eq 2 # one\n# two\n")
  }

  func testFormat_canonicalTextFromTextAndJSON() {
    let cases: [([String], String, String, UInt)] = [
      (
        ["format", "isPublic = false and resourceType in [b, a]"], "",
        "isPublic eq false and resourceType in [b, a]\n", #line
      ),
      (
        ["format", "--from-json", "-"],
        #"{"isPublic":{"eq":["false"]},"principal.AWS":{"neq":["1","2"]}}"#,
        "isPublic eq false and principal.AWS not in [1, 2]\n", #line
      ),
      (
        ["format", "--from-json", "Examples/list-archive-rules.json"], "",
        """
        rule TrustedAccounts {
          isPublic eq false and principal.AWS in [444455556666, arn:aws:iam::444455556666:root]
        }

        rule ServiceInvocations {
          principal.Service exists
        }

        """, #line
      ),
      (
        ["format", "-f", "Examples/rules.aaf"], "",
        """
        # Archive rules for the org analyzer. Preview before deploying:
        #   swift run aafilter preview --findings Examples/list-findings.json --rules Examples/rules.aaf

        # Our partner's audit account reads these, by contract.
        rule TrustedAccounts {
        """, #line
      ),
    ]
    for (arguments, stdin, expected, line) in cases {
      let result = aafilter(arguments, stdin: stdin)
      XCTAssertEqual(result.status, 0, result.stderr, line: line)
      XCTAssertTrue(result.stdout.hasPrefix(expected), result.stdout, line: line)
    }
    let sorted = aafilter(
      ["format", "--from-json", "-"],
      stdin:
        #"{"filter":{"status":{"eq":["ACTIVE"]}},"sort":{"attributeName":"updatedAt","orderBy":"DESC"}}"#
    )
    XCTAssertEqual(sorted.stdout, "status eq ACTIVE order by updatedAt desc\n")
    let bad = aafilter(["format", "--from-json", "-"], stdin: #"{"k":{"exists":"yes"}}"#)
    XCTAssertEqual(bad.status, 1)
    XCTAssertEqual(
      bad.stderr,
      """
      error: k.exists: 'exists' must be the JSON boolean true or false
       --> <stdin>:1:16
        |
      1 | {"k":{"exists":"yes"}}
        |                ^^^^^

      """)
  }

  func testHelpAndUsage() {
    XCTAssertEqual(aafilter(["--help"]).status, 0)
    XCTAssertTrue(aafilter(["--help"]).stdout.contains("compile"))
    let help = aafilter(["help", "compile"])
    XCTAssertEqual(help.status, 0)
    XCTAssertTrue(help.stdout.hasPrefix("Usage: aafilter compile"))
    XCTAssertEqual(aafilter(["query", "--help"]).status, 0)
    let unknown = aafilter(["compiel"])
    XCTAssertEqual(unknown.status, 2)
    XCTAssertTrue(unknown.stderr.contains("did you mean 'compile'?"), unknown.stderr)
    XCTAssertEqual(aafilter([]).status, 2)
    XCTAssertEqual(aafilter(["query", "--findings", "Examples/list-findings.json"]).status, 2)
    XCTAssertEqual(
      aafilter(["query", "--findings", "x", "--filter", "a exists", "--output", "xml"]).status, 2)
    XCTAssertEqual(
      aafilter(["query", "--findings", "x", "--filter", "a exists", "--max-results", "0"]).status, 2
    )
  }

  func testQuery_shapesLikeListFindings() throws {
    let result = aafilter([
      "query", "--findings", "Examples/list-findings.json", "--filter",
      "isPublic eq true order by updatedAt desc",
      "--output", "ids",
    ])
    XCTAssertEqual(result.status, 0, result.stderr)
    XCTAssertEqual(
      result.stdout,
      """
      7f3a0008-4b1c-4e6f-9a2d-5e11c0de0008
      7f3a0001-4b1c-4e6f-9a2d-5e11c0de0001
      7f3a000c-4b1c-4e6f-9a2d-5e11c0de000c

      """)
    let json = aafilter([
      "query", "--findings", "Examples/findings.jsonl", "--filter",
      #"{"resourceType":{"eq":["AWS::KMS::Key"]}}"#,
    ])
    XCTAssertEqual(json.status, 0, json.stderr)
    let object = try XCTUnwrap(
      JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
    XCTAssertEqual((object["findings"] as? [[String: Any]])?.count, 1)
    XCTAssertNil(object["nextToken"])
    let rule =
      #"{"archiveRule":{"ruleName":"R","filter":{"isPublic":{"eq":["true"]}},"createdAt":"2024-01-01T00:00:00Z","updatedAt":"2024-01-01T00:00:00Z"}}"#
    let fromRule = aafilter([
      "query", "--findings", "Examples/list-findings.json", "--filter", rule, "--output", "ids",
    ])
    XCTAssertEqual(fromRule.stdout.split(separator: "\n").count, 3, fromRule.stderr)
    let forced = aafilter([
      "query", "--findings", "Examples/list-findings.json", "--filter", "isPublic exists",
      "--rule-format", "json",
    ])
    XCTAssertEqual(forced.status, 1)
  }

  func testQuery_pagesChainThroughTokens() throws {
    var token: String?
    var ids: [String] = []
    repeat {
      var arguments = [
        "query", "--findings", "Examples/list-findings.json", "--filter", "", "--sort", "id:DESC",
        "--max-results", "5",
      ]
      if let token { arguments += ["--next-token", token] }
      let result = aafilter(arguments)
      XCTAssertEqual(result.status, 0, result.stderr)
      let object = try XCTUnwrap(
        JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
      let page = try XCTUnwrap(object["findings"] as? [[String: Any]])
      XCTAssertFalse(page.isEmpty)
      ids += page.compactMap { $0["id"] as? String }
      token = object["nextToken"] as? String
    } while token != nil && ids.count < 100
    XCTAssertEqual(ids.count, 12)
    XCTAssertEqual(ids, ids.sorted(by: >))
    let stale = aafilter([
      "query", "--findings", "Examples/list-findings.json", "--filter", "isPublic exists",
      "--next-token", "aaf1.5.1234",
    ])
    XCTAssertEqual(stale.status, 1)
  }

  func testQuery_badFindingsAreErrorsNamingWhere() {
    let result = aafilter(
      ["query", "--findings", "-", "--filter", ""],
      stdin: #"{"findings":[{"id":"a"},{"id":"b","createdAt":42}]}"#)
    XCTAssertEqual(result.status, 1)
    XCTAssertEqual(result.stdout, "")
    XCTAssertEqual(
      result.stderr,
      "error: <stdin>: findings[1].createdAt: expected a timestamp, found 42 (line 1, column 47)\n")
    let lenient = aafilter(
      ["query", "--findings", "-", "--filter", "", "--output", "ids", "--lenient"],
      stdin: #"{"findings":[{"id":"a"},{"id":"b","createdAt":42}]}"#)
    XCTAssertEqual(lenient.status, 0)
    XCTAssertEqual(lenient.stdout, "a\n")
    XCTAssertTrue(
      lenient.stderr.hasPrefix("warning: <stdin>: skipped 1 malformed record\n"), lenient.stderr)
  }

  /// JSON Lines piped in are read as the same file is: same output, same skips, same first
  /// error with the same line number.
  func testJSONLinesOnStandardInput_readAsTheSameFile() throws {
    let shipped = try String(
      contentsOf: repositoryRoot.appendingPathComponent("Examples/findings.jsonl"), encoding: .utf8)
    let lines = shipped.split(separator: "\n").map(String.init)
    let broken = ([lines[0], "", lines[1], #"{"id":"x","createdAt":42}"#] + lines.dropFirst(2))
      .joined(separator: "\r\n")
    let commands: [[String]] = [
      ["query", "--filter", "isPublic eq true", "--output", "ids"],
      ["query", "--filter", "principal.AWS exists", "--sort", "updatedAt:DESC"],
      ["query", "--filter", "", "--output", "ids", "--lenient"],
      ["preview", "--rule", "Trusted=principal.AWS eq 444455556666", "--output", "ids"],
      ["preview", "--rule", "Public=isPublic eq true"],
    ]
    for input in [shipped, broken] {
      for command in commands {
        let file = aafilter(command + ["--findings", "in.jsonl"], files: ["in.jsonl": input])
        let piped = aafilter(command + ["--findings", "-"], stdin: input)
        let what = "\(command) on \(input == shipped ? "the shipped lines" : "broken lines")"
        XCTAssertEqual(piped.status, file.status, what)
        XCTAssertEqual(piped.stdout, file.stdout, what)
        XCTAssertEqual(
          piped.stderr, file.stderr.replacingOccurrences(of: "in.jsonl", with: "<stdin>"), what)
        if input == broken, !command.contains("--lenient") {
          XCTAssertTrue(file.stderr.contains("line 4"), "\(what): \(file.stderr)")
        }
      }
    }
  }

  func testPreview_onTheShippedExamples() {
    let summary = aafilter([
      "preview", "--findings", "Examples/list-findings.json", "--rules", "Examples/rules.aaf",
    ])
    XCTAssertEqual(summary.status, 0, summary.stderr)
    XCTAssertTrue(
      summary.stdout.contains("WARNING: 1 PUBLIC finding would be archived:"), summary.stdout)
    XCTAssertTrue(summary.stdout.contains("Would archive 6 of 10 active findings."), summary.stdout)
    let ids = aafilter([
      "preview", "--findings", "Examples/findings.jsonl", "--rule",
      "Trusted=principal.AWS eq 444455556666", "--rule", "isPublic=true", "--output", "ids",
    ])
    XCTAssertEqual(ids.status, 0, ids.stderr)
    XCTAssertEqual(ids.stdout.split(separator: "\n").count, 5, ids.stdout)
    // The CLI's shorthand inline, named or not, means what the rule text means.
    for rule in ["Trusted=principal.AWS={eq=[444455556666]}", "principal.AWS={eq=[444455556666]}"] {
      let shorthand = aafilter([
        "preview", "--findings", "Examples/findings.jsonl", "--rule", rule, "--rule",
        "isPublic=true", "--output", "ids",
      ])
      XCTAssertEqual(shorthand.stdout, ids.stdout, rule + shorthand.stderr)
    }
    let json = aafilter([
      "preview", "--findings", "Examples/list-findings.json", "--rules",
      "Examples/list-archive-rules.json", "--output", "json",
    ])
    XCTAssertEqual(json.status, 0, json.stderr)
    XCTAssertTrue(json.stdout.contains(#""ruleName": "TrustedAccounts""#), json.stdout)
    XCTAssertEqual(aafilter(["preview", "--findings", "Examples/list-findings.json"]).status, 2)
    XCTAssertEqual(
      aafilter(["preview", "--findings", "Examples/list-findings.json", "--rule", "a eq"]).status, 1
    )
  }

  func testExplain_showsEachCriterion() {
    let result = aafilter([
      "explain", "--findings", "Examples/list-findings.json", "--id",
      "7f3a0008-4b1c-4e6f-9a2d-5e11c0de0008",
      "--rule", "Prod=resource contains prod- and isPublic eq false",
    ])
    XCTAssertEqual(result.status, 0, result.stderr)
    XCTAssertEqual(
      result.stdout,
      """
      finding 7f3a0008-4b1c-4e6f-9a2d-5e11c0de0008: AWS::S3::Bucket ACTIVE PUBLIC

      rule Prod: does not match
        [no]  isPublic = "true"
            [no]  eq ["false"]: no value equals 'true'
        [yes] resource = "arn:aws:s3:::prod-shared-reports"
            [yes] contains ["prod-"]: 'arn:aws:s3:::prod-shared-reports' contains 'prod-'

      """)
    let missing = aafilter([
      "explain", "--findings", "Examples/list-findings.json", "--id",
      "7f3a0008-4b1c-4e6f-9a2d-5e11c0de000", "--rule", "a exists",
    ])
    XCTAssertEqual(missing.status, 1)
    XCTAssertTrue(
      missing.stderr.contains("did you mean '7f3a0008-4b1c-4e6f-9a2d-5e11c0de0008'?"),
      missing.stderr)
  }
}
