import AAFilterTestSupport
import FilterEval
import FilterSuggest
import Foundation
import XCTest

@testable import AAFilterCLI

/// `suggest`: its exit statuses (0 exact, 1 some expected findings uncovered, 2 trouble), the
/// ids file, the options, and one family's rules at a time.
final class SuggestCommandTests: XCTestCase {
  func run(_ arguments: [String], stdin: String = "") -> RunResult {
    aafilter(["suggest"] + arguments, stdin: stdin, files: SuggestFixtures.files)
  }

  func testExitStatuses() {
    let expected = ["--expected", "Examples/expected-ids.txt"]
    // (arguments, standard input, status, what standard error must contain)
    let cases: [([String], String, Int32, String, UInt)] = [
      (["--findings", SuggestFixtures.external] + expected, "", 0, "suggest: ", #line),
      (
        ["--findings", SuggestFixtures.unused, "--expected", "Examples/unused/expected-ids.txt"],
        "", 0,
        "unused-access: ", #line
      ),
      (
        [
          "--findings", SuggestFixtures.internalEvents, "--expected",
          "Examples/internal/expected-ids.txt",
        ],
        "", 0, "internal-access: ", #line
      ),
      (
        ["--findings", SuggestFixtures.unused, "--from-status", "ARCHIVED"], "", 0, "suggest: ",
        #line
      ),
      (
        ["--findings", SuggestFixtures.unused, "--from-status", "archived"], "", 0, "suggest: ",
        #line
      ),
      (["--findings", "crossed.jsonl", "--expected", "crossed.ids"], "", 0, "2 rules", #line),
      (
        ["--findings", "twins.jsonl", "--expected", "twins.ids"], "", 1,
        "  same (external-access): cannot be told apart from the kept finding twin", #line
      ),
      (
        ["--findings", "public.jsonl", "--expected", "public.ids"], "", 1,
        "  open (external-access): public: suggested rules never archive public findings", #line
      ),
      (
        ["--findings", "crossed.jsonl", "--expected", "crossed.ids", "--max-rules", "1"], "", 1,
        "the rule limit is reached (--max-rules 1)", #line
      ),
      (
        ["--findings", SuggestFixtures.external, "--expected", "unknown.ids"], "", 2,
        "  7f3a0002-4b1c-4e6f-9a2d-5e11c0de0002x (did you mean '7f3a0002-4b1c-4e6f-9a2d-5e11c0de0002'?)\n  not-a-finding\n",
        #line
      ),
      (
        ["--findings", SuggestFixtures.external] + expected + ["--from-status", "ARCHIVED"], "", 2,
        "error: give either --expected or --from-status, not both", #line
      ),
      (
        ["--findings", "-", "--expected", "-"], "", 2,
        "error: --expected and --findings cannot both read standard input", #line
      ),
      (
        ["--findings", SuggestFixtures.external, "--expected", "empty.ids"], "", 2,
        "error: empty.ids lists no finding ids", #line
      ),
      (
        ["--findings", SuggestFixtures.external, "--expected", "missing.ids"], "", 2,
        "error: cannot read 'missing.ids'", #line
      ),
      (["--findings", "missing.json"] + expected, "", 2, "error: cannot read", #line),
      (
        ["--findings", SuggestFixtures.internalEvents, "--from-status", "ARCHIVED"], "", 2,
        "error: no finding has status ARCHIVED: nothing to suggest rules for", #line
      ),
      (
        ["--findings", SuggestFixtures.external, "--name-prefix", "9lives"] + expected, "", 2,
        "error: '9lives' cannot start a rule name", #line
      ),
      (
        [
          "--findings", SuggestFixtures.external, "--name-prefix",
          String(repeating: "a", count: 101),
        ]
          + expected, "", 2, "cannot start a rule name", #line
      ),
      (
        ["--findings", SuggestFixtures.external, "--output", "terraform"] + expected, "", 2,
        "error: terraform needs the analyzer's name: give --analyzer-name", #line
      ),
      (
        ["--findings", SuggestFixtures.external, "--output", "cli-commands"] + expected, "", 2,
        "error: cli-commands needs the analyzer's name", #line
      ),
      (
        ["--findings", SuggestFixtures.external, "--analyzer", "unsued"] + expected, "", 2,
        "error: option '--analyzer' takes external, internal, unused", #line
      ),
      (
        ["--findings", "mixed.jsonl", "--expected", "mixed.ids"], "", 2,
        "error: rules were suggested for 2 analyzer families (external, unused), and a rule set holds one analyzer's rules\nhelp: run once per family: --analyzer external, --analyzer unused\n",
        #line
      ),
      (
        [
          "--findings", SuggestFixtures.unused, "--expected", "Examples/unused/expected-ids.txt",
          "--output",
          "cloudformation", "--analyzer-type", "ORGANIZATION",
        ], "", 2,
        "error: the unused-access rules need an analyzer Type of ACCOUNT_UNUSED_ACCESS or ORGANIZATION_UNUSED_ACCESS, not 'ORGANIZATION'",
        #line
      ),
      // Findings that cannot be read, even when opening works (a directory), are trouble.
      (
        ["--findings", "Examples", "--expected", "Examples/expected-ids.txt"], "", 2,
        "error: cannot read 'Examples'", #line
      ),
      (
        ["--findings", "no-such-file.json", "--expected", "Examples/expected-ids.txt"], "", 2,
        "error: cannot read 'no-such-file.json'", #line
      ),
      // Standard input for the ids, the findings from a file.
      (
        ["--findings", SuggestFixtures.external, "--expected", "-"],
        "7f3a0002-4b1c-4e6f-9a2d-5e11c0de0002\n", 0, "suggest: 1 rule archives", #line
      ),
    ]
    for (arguments, stdin, status, stderr, line) in cases {
      let result = run(arguments, stdin: stdin)
      let shown = "suggest \(arguments.joined(separator: " ")): \(result.stderr)"
      XCTAssertEqual(result.status, status, shown, line: line)
      XCTAssertTrue(result.stderr.contains(stderr), shown, line: line)
      if status == 2 {
        XCTAssertEqual(result.stdout, "", "nothing on standard output", line: line)
      } else if !result.stdout.isEmpty {
        // Rules start with their family's directive, no rule is the empty rule set; either
        // checks without errors.
        XCTAssertTrue(
          result.stdout.hasPrefix("# aafilter: analyzer=")
            || result.stdout.filter { !$0.isWhitespace } == #"{"archiveRules":[]}"#,
          result.stdout, line: line)
        XCTAssertEqual(aafilter(["check", "-"], stdin: result.stdout).status, 0, line: line)
      }
    }
  }

  /// An ids file saved with a UTF-8 byte-order mark (Windows editors, PowerShell) reads as
  /// without it.
  func testIDsFile_byteOrderMark_sameAsWithout() {
    var files = SuggestFixtures.files
    let ids = "7f3a0002-4b1c-4e6f-9a2d-5e11c0de0002\r\n7f3a0003-4b1c-4e6f-9a2d-5e11c0de0003\r\n"
    files["bom.ids"] = "\u{FEFF}" + ids
    files["plain.ids"] = ids
    let bom = aafilter(
      ["suggest", "--findings", SuggestFixtures.external, "--expected", "bom.ids"], files: files)
    let plain = aafilter(
      ["suggest", "--findings", SuggestFixtures.external, "--expected", "plain.ids"], files: files)
    XCTAssertEqual(bom.status, 0, bom.stderr)
    XCTAssertEqual(bom.stdout, plain.stdout)
    XCTAssertFalse(bom.stdout.isEmpty)
  }

  /// The ids file: one id a line, surrounding whitespace trimmed, blank lines and comments
  /// skipped, a `#` inside an id kept.
  func testIDsFile_commentsAndBlanks() {
    let cases: [(String, [String], UInt)] = [
      ("", [], #line),
      ("\n\n   \n\t\n", [], #line),
      ("# a comment\n  # another\n", [], #line),
      ("a\nb\n", ["a", "b"], #line),
      ("a", ["a"], #line),
      ("  a  \n\tb\t\n", ["a", "b"], #line),
      ("a\r\nb\r\n", ["a", "b"], #line),
      ("a # the CI role\nb\t# note\n", ["a", "b"], #line),
      ("a#b\n#c\n", ["a#b"], #line),
      ("a\na\n", ["a", "a"], #line),
      ("é-1\n", ["é-1"], #line),
      // One byte-order mark may start the file; it is not part of the first id.
      ("\u{FEFF}a\r\nb\r\n", ["a", "b"], #line),
      ("\u{FEFF}# ids\na\n", ["a"], #line),
      ("\u{FEFF}", [], #line),
      // Only the first is a byte-order mark; one further in stays in the id.
      ("a\n\u{FEFF}b\n", ["a", "\u{FEFF}b"], #line),
    ]
    for (text, ids, line) in cases {
      XCTAssertEqual(ExpectedIDsFile.parse(Array(text.utf8)), ids, line: line)
    }
    let commented = run(["--findings", SuggestFixtures.external, "--expected", "commented.ids"])
    let plain = run([
      "--findings", SuggestFixtures.external, "--expected", "Examples/expected-ids.txt",
    ])
    XCTAssertEqual(commented.status, 0, commented.stderr)
    XCTAssertEqual(commented.stdout, plain.stdout)
    XCTAssertFalse(plain.stdout.isEmpty)
  }

  /// Several families: rules belong to an analyzer, and a rule file's directive counts only in
  /// its header, so no format holds two families' sets: suggest names the families and writes
  /// nothing; --analyzer writes one family's set, which checks clean and which preview, scoped
  /// by the directive, proves on the whole mixed input.
  func testSeveralFamilies_oneSetAtATime() throws {
    for format in ["dsl", "json", "rules-json", "cloudformation"] {
      let both = run(["--findings", "mixed.jsonl", "--expected", "mixed.ids", "--output", format])
      XCTAssertEqual(both.status, 2, format)
      XCTAssertEqual(both.stdout, "", format)
      XCTAssertTrue(
        both.stderr.contains("--analyzer external, --analyzer unused"), "\(format): \(both.stderr)")
    }
    let cases: [(String, String, String, UInt)] = [
      ("external", "444455556666", "role/batch", #line),
      ("unused", "role/batch", "444455556666", #line),
    ]
    for (family, kept, left, line) in cases {
      for format in ["dsl", "rules-json"] {
        let one = run([
          "--findings", "mixed.jsonl", "--expected", "mixed.ids", "--analyzer", family,
          "--output", format,
        ])
        XCTAssertEqual(one.status, 0, one.stderr, line: line)
        XCTAssertTrue(one.stdout.contains(kept), one.stdout, line: line)
        XCTAssertFalse(one.stdout.contains(left), one.stdout, line: line)
        XCTAssertTrue(
          one.stderr.hasPrefix("\(family)-access: 1 rule covering 1 expected finding\n"),
          one.stderr, line: line)
        XCTAssertEqual(
          one.stderr.components(separatedBy: "-access: ").count, 2, one.stderr, line: line)
        // The other family's expected finding is left out, and the report says so.
        XCTAssertTrue(
          one.stderr.contains(
            "note: 1 expected finding is of another family than --analyzer names, and left out\n"),
          one.stderr, line: line)
        if format == "dsl" {
          XCTAssertTrue(one.stdout.hasPrefix("# aafilter: analyzer=\(family)\n\nrule "), line: line)
          XCTAssertEqual(aafilter(["check", "-"], stdin: one.stdout).status, 0, line: line)
          var files = SuggestFixtures.files
          files["suggested.aaf"] = one.stdout
          let proof = aafilter(
            ["preview", "--findings", "mixed.jsonl", "--rules", "suggested.aaf", "--output", "ids"],
            files: files)
          XCTAssertEqual(
            proof.stdout, family == "external" ? "ext-yes\n" : "unused-yes\n", proof.stderr,
            line: line)
        }
      }
    }
  }

  /// --name-prefix starts every rule's name; --allow-public lets a public finding be covered;
  /// --quiet leaves only the rules; --explain adds the search.
  func testOptions() throws {
    let prefixed = run([
      "--findings", "crossed.jsonl", "--expected", "crossed.ids", "--name-prefix", "triage.2024",
    ])
    XCTAssertEqual(prefixed.status, 0, prefixed.stderr)
    let names = prefixed.stdout.split(separator: "\n").filter { $0.hasPrefix("rule ") }
    XCTAssertEqual(names.count, 2, prefixed.stdout)
    XCTAssertTrue(names.allSatisfy { $0.hasPrefix("rule triage.2024") }, prefixed.stdout)

    let safe = run(["--findings", "public.jsonl", "--expected", "public.ids"])
    XCTAssertEqual(safe.status, 1)
    XCTAssertEqual(
      safe.stdout.filter { !$0.isWhitespace }, #"{"archiveRules":[]}"#,
      "no rule for the public finding: the empty rule set")
    let allowed = run(["--findings", "public.jsonl", "--expected", "public.ids", "--allow-public"])
    XCTAssertEqual(allowed.status, 0, allowed.stderr)
    XCTAssertTrue(allowed.stdout.contains("rule "), allowed.stdout)

    let loud = run(["--findings", "crossed.jsonl", "--expected", "crossed.ids"])
    let quiet = run(["--findings", "crossed.jsonl", "--expected", "crossed.ids", "--quiet"])
    XCTAssertEqual(quiet.status, 0)
    XCTAssertEqual(quiet.stdout, loud.stdout)
    XCTAssertEqual(quiet.stderr, "")
    let quietFailure = run(["--findings", "twins.jsonl", "--expected", "twins.ids", "--quiet"])
    XCTAssertEqual(quietFailure.status, 1)
    XCTAssertEqual(quietFailure.stderr, "")

    let explained = run(["--findings", "crossed.jsonl", "--expected", "crossed.ids", "--explain"])
    XCTAssertEqual(explained.stdout, loud.stdout)
    XCTAssertFalse(loud.stderr.contains("\nsearch:\n"))
    XCTAssertTrue(explained.stderr.contains("\nsearch:\n  "), explained.stderr)
    let summary = loud.stderr.split(separator: "\n").last.map(String.init) ?? "missing"
    XCTAssertTrue(explained.stderr.hasSuffix(summary + "\n"), explained.stderr)
  }
}
