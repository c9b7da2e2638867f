import AAFilterTestSupport
import FilterEval
import FilterFormats
import FilterSuggest
import Foundation
import XCTest

@testable import AAFilterCLI

/// What `suggest` prints is what it claims: `preview` of the rules archives exactly the expected
/// ACTIVE findings, and every output format reads back through `convert` to the same rules.
final class SuggestOutputTests: XCTestCase {
  func run(_ arguments: [String], stdin: String = "") -> RunResult {
    aafilter(["suggest"] + arguments, stdin: stdin, files: SuggestFixtures.files)
  }

  /// No rule suggested is still a rule set, the empty one, in every format: never an empty
  /// output, which other commands read as the empty filter that archives everything. The
  /// warning is the only other sign, so `--quiet` does not hide it.
  func testNoRule_theEmptyRuleSetInEveryFormat_previewArchivesNothing() throws {
    // Formats `preview` reads back; the others are checked for their empty form only.
    let readable: Set<RuleOutputFormat> = [.dsl, .json, .rulesJSON, .cloudFormation, .terraform]
    let cases: [(String, String, UInt)] = [
      ("public.jsonl", "public.ids", #line),
      (SuggestFixtures.external, "public-example.ids", #line),
    ]
    var files = SuggestFixtures.files
    files["public-example.ids"] = "7f3a0001-4b1c-4e6f-9a2d-5e11c0de0001\n"
    for (findings, ids, line) in cases {
      for format in RuleOutputFormat.allCases {
        for quiet in [false, true] {
          let arguments =
            ["suggest", "--findings", findings, "--expected", ids, "--output", format.rawValue]
            + ["--analyzer-name", "team"] + (quiet ? ["--quiet"] : [])
          let result = aafilter(arguments, files: files)
          let label = "\(arguments.joined(separator: " ")): \(result.stderr)"
          XCTAssertEqual(result.status, 1, label, line: line)
          XCTAssertTrue(
            result.stderr.contains(
              "warning: no rule could be suggested, so standard output is the empty rule set, which archives nothing"
            ), label, line: line)
          // Shell fragments have no empty form but no command at all; no command reads them.
          let isShell = format == .cliShorthand || format == .cliCommands
          XCTAssertEqual(result.stdout.isEmpty, isShell, label, line: line)
          if format == .dsl || format == .json || format == .rulesJSON {
            let compact = result.stdout.filter { !$0.isWhitespace }
            XCTAssertEqual(compact, #"{"archiveRules":[]}"#, label, line: line)
          }
          guard readable.contains(format) else { continue }
          var withRules = files
          withRules["s.out"] = result.stdout
          let preview = aafilter(
            ["preview", "--rules", "s.out", "--findings", findings, "--output", "ids"],
            files: withRules)
          XCTAssertEqual(preview.status, 0, "\(label)\n\(preview.stderr)", line: line)
          XCTAssertEqual(preview.stdout, "", label, line: line)
          let compiled = aafilter(["compile", "-f", "s.out"], files: withRules)
          XCTAssertEqual(compiled.status, 0, "\(label)\n\(compiled.stderr)", line: line)
          XCTAssertEqual(
            compiled.stdout.filter { !$0.isWhitespace }, #"{"archiveRules":[]}"#, label,
            line: line)
        }
      }
    }
    // Rule text has no analyzer type, so a type of another family is no error there either.
    let typed = aafilter(
      [
        "suggest", "--findings", "public.jsonl", "--expected", "public.ids", "--analyzer-type",
        "ACCOUNT_UNUSED_ACCESS",
      ], files: files)
    XCTAssertEqual(typed.status, 1, typed.stderr)
    XCTAssertEqual(typed.stdout.filter { !$0.isWhitespace }, #"{"archiveRules":[]}"#)
  }

  /// What `preview` would archive with the suggested rules is exactly the expected ACTIVE
  /// findings: the proof the README shows, on each family's shipped examples.
  func testPreviewOfTheSuggestion_archivesExactlyTheExpected() throws {
    let cases: [(String, [String], [String], UInt)] = [
      (
        SuggestFixtures.external, ["--expected", "Examples/expected-ids.txt"],
        [
          "7f3a0002-4b1c-4e6f-9a2d-5e11c0de0002", "7f3a0003-4b1c-4e6f-9a2d-5e11c0de0003",
          "7f3a0004-4b1c-4e6f-9a2d-5e11c0de0004", "7f3a0009-4b1c-4e6f-9a2d-5e11c0de0009",
        ], #line
      ),
      (
        SuggestFixtures.unused, ["--expected", "Examples/unused/expected-ids.txt"],
        [
          "9c4e0001-2f6b-4d8e-a1c3-7b9d0e1f0001", "9c4e0006-2f6b-4d8e-a1c3-7b9d0e1f0006",
          "9c4e0007-2f6b-4d8e-a1c3-7b9d0e1f0007",
        ], #line
      ),
      (
        SuggestFixtures.internalEvents, ["--expected", "Examples/internal/expected-ids.txt"],
        [
          "5b8d1001-7c2a-4e9f-b3d1-2a4c6e8f0001", "5b8d1002-7c2a-4e9f-b3d1-2a4c6e8f0002",
          "5b8d1005-7c2a-4e9f-b3d1-2a4c6e8f0005",
        ], #line
      ),
      // Learned from the one finding archived by hand, the rules archive no ACTIVE one.
      (SuggestFixtures.unused, ["--from-status", "ARCHIVED"], [], #line),
      (SuggestFixtures.external, ["--from-status", "ARCHIVED"], [], #line),
      ("crossed.jsonl", ["--expected", "crossed.ids"], ["e1", "e2"], #line),
      ("twins.jsonl", ["--expected", "twins.ids"], ["other"], #line),
      ("public.jsonl", ["--expected", "public.ids", "--allow-public"], ["open"], #line),
    ]
    for (findings, expected, archived, line) in cases {
      let suggested = run(["--findings", findings] + expected)
      XCTAssertLessThan(suggested.status, 2, suggested.stderr, line: line)
      let preview = aafilter(
        ["preview", "--findings", findings, "--rules", "s.aaf", "--output", "ids"],
        files: SuggestFixtures.files.merging(["s.aaf": suggested.stdout]) { $1 })
      XCTAssertEqual(preview.status, 0, preview.stderr, line: line)
      XCTAssertEqual(
        preview.stdout.split(separator: "\n").map(String.init).sorted(), archived.sorted(),
        suggested.stdout, line: line)
    }
  }

  /// Every `--output` format holds the same rules: the formats `convert` reads come back to
  /// the rules of the rule text; the ones it only writes are what `convert` writes from it.
  func testEveryOutputFormat_readsBackToTheSameRules() throws {
    let sources: [([String], String, UInt)] = [
      (
        ["--findings", SuggestFixtures.external, "--expected", "Examples/expected-ids.txt"],
        "ACCOUNT",
        #line
      ),
      (["--findings", "crossed.jsonl", "--expected", "crossed.ids"], "ACCOUNT", #line),
      (
        ["--findings", SuggestFixtures.unused, "--expected", "Examples/unused/expected-ids.txt"],
        "ACCOUNT_UNUSED_ACCESS", #line
      ),
      (
        [
          "--findings", SuggestFixtures.internalEvents, "--expected",
          "Examples/internal/expected-ids.txt",
        ],
        "ACCOUNT_INTERNAL_ACCESS", #line
      ),
    ]
    // Every format suggest writes reads back through convert to the same rules.
    let readable = [
      "json", "rules-json", "cloudformation", "cloudformation-yaml", "terraform", "cli-shorthand",
      "cli-commands",
    ]
    // And is exactly what convert writes from the rule text.
    let sameAsConvert = ["cloudformation-yaml", "cli-shorthand", "cli-commands"]
    let named = ["--analyzer-name", "main"]
    for (arguments, analyzerType, line) in sources {
      let dsl = run(arguments)
      XCTAssertEqual(dsl.status, 0, dsl.stderr, line: line)
      var files = SuggestFixtures.files
      files["s.aaf"] = dsl.stdout
      let rules = aafilter(["convert", "--output", "rules-json", "-f", "s.aaf"], files: files)
      XCTAssertEqual(rules.status, 0, rules.stderr, line: line)
      XCTAssertTrue(rules.stdout.contains("\"ruleName\""), rules.stdout, line: line)
      for format in readable {
        let written = run(arguments + ["--output", format] + named)
        XCTAssertEqual(written.status, 0, "\(format): \(written.stderr)", line: line)
        XCTAssertEqual(written.stderr, dsl.stderr, "the same report", line: line)
        files["s.\(format)"] = written.stdout
        let back = aafilter(
          ["convert", "--output", "rules-json", "-f", "s.\(format)"], files: files)
        XCTAssertEqual(back.status, 0, "\(format): \(back.stderr)", line: line)
        XCTAssertEqual(back.stdout, rules.stdout, format, line: line)
      }
      for format in sameAsConvert {
        let written = run(arguments + ["--output", format] + named)
        XCTAssertEqual(written.status, 0, "\(format): \(written.stderr)", line: line)
        let converted = aafilter(
          ["convert", "--output", format, "-f", "s.aaf", "--analyzer-type", analyzerType] + named,
          files: files)
        XCTAssertEqual(converted.status, 0, converted.stderr, line: line)
        XCTAssertEqual(written.stdout, converted.stdout, format, line: line)
      }
      let organization = analyzerType.replacingOccurrences(of: "ACCOUNT", with: "ORGANIZATION")
      let template = run(
        arguments + ["--output", "cloudformation", "--analyzer-type", organization] + named)
      XCTAssertEqual(template.status, 0, template.stderr, line: line)
      XCTAssertTrue(template.stdout.contains(#""Type": "\#(organization)""#), line: line)
      // The old spelling of --output.
      XCTAssertEqual(
        run(arguments + ["--to", "rules-json"]).stdout,
        run(arguments + ["--output", "rules-json"]).stdout, line: line)
    }
  }
}
