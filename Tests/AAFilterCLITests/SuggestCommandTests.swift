import AAFilterTestSupport
import FilterEval
import FilterSuggest
import Foundation
import XCTest

@testable import AAFilterCLI

/// `suggest`: its exit statuses (0 exact, 1 some expected findings uncovered, 2 trouble), the
/// ids file, the options, and that what it prints is what it claims: `preview` of the rules
/// archives exactly the expected ACTIVE findings, and every output format reads back through
/// `convert` to the same rules.
final class SuggestCommandTests: XCTestCase {
  static let external = "Examples/list-findings.json"
  static let unused = "Examples/unused/list-findings-v2.json"
  static let internalEvents = "Examples/internal/eventbridge-events.jsonl"

  /// One finding of a fixture, as JSON Lines: an external access finding unless `type` says.
  static func finding(
    _ id: String, status: String = "ACTIVE", type: String? = nil, resource: String = "r",
    principal: String? = "111122223333", isPublic: Bool? = false,
    account: String = "111122223333", resourceType: String = "AWS::S3::Bucket"
  ) -> String {
    var members = [
      #""id": "\#(id)""#, #""status": "\#(status)""#, #""resource": "\#(resource)""#,
      #""resourceType": "\#(resourceType)""#, #""resourceOwnerAccount": "\#(account)""#,
    ]
    if let type { members.append(#""findingType": "\#(type)""#) }
    if let principal { members.append(#""principal": {"AWS": "\#(principal)"}, "condition": {}"#) }
    if let isPublic { members.append(#""isPublic": \#(isPublic)"#) }
    return "{" + members.joined(separator: ", ") + "}\n"
  }

  /// Two expected findings and two kept ones that cross them: any one rule covering both
  /// expected findings matches a kept one, so exactly two rules are needed.
  static let crossed =
    finding("e1", resource: "arn:aws:s3:::one", principal: "444455556666")
    + finding("e2", resource: "arn:aws:s3:::two", principal: "777788889999")
    + finding("k1", resource: "arn:aws:s3:::two", principal: "444455556666")
    + finding("k2", resource: "arn:aws:s3:::one", principal: "777788889999")

  /// `twin` is `same` in every value but its id.
  static let twins =
    finding("same", resource: "arn:aws:s3:::logs", principal: "444455556666")
    + finding("twin", resource: "arn:aws:s3:::logs", principal: "444455556666")
    + finding("other", resource: "arn:aws:s3:::data", principal: "999900001111")

  /// A public finding expected, next to a kept one on another bucket.
  static let publicPair =
    finding("open", resource: "arn:aws:s3:::site", principal: "*", isPublic: true)
    + finding("closed", resource: "arn:aws:s3:::vault", principal: "*", isPublic: true)

  /// External and unused access findings in one file.
  static let mixed =
    finding("ext-yes", resource: "arn:aws:s3:::one", principal: "444455556666")
    + finding("ext-no", resource: "arn:aws:s3:::two", principal: "999900001111")
    + finding(
      "unused-yes", type: "UnusedIAMRole", resource: "arn:aws:iam::111122223333:role/batch",
      principal: nil, isPublic: nil, resourceType: "AWS::IAM::Role")
    + finding(
      "unused-no", type: "UnusedIAMRole", resource: "arn:aws:iam::111122223333:role/web",
      principal: nil, isPublic: nil, resourceType: "AWS::IAM::Role")

  static let files: [String: String] = [
    "crossed.jsonl": crossed, "crossed.ids": "e1\ne2\n",
    "twins.jsonl": twins, "twins.ids": "same\nother\n",
    "public.jsonl": publicPair, "public.ids": "open\n",
    "mixed.jsonl": mixed, "mixed.ids": "ext-yes\nunused-yes\n",
    "empty.ids": "# nothing triaged yet\n\n",
    "unknown.ids": "7f3a0002-4b1c-4e6f-9a2d-5e11c0de0002x\nnot-a-finding\n",
    "commented.ids": """
    # the partner's account

      7f3a0002-4b1c-4e6f-9a2d-5e11c0de0002\t# prod-data-lake\r
    7f3a0003-4b1c-4e6f-9a2d-5e11c0de0003
    \t
    7f3a0009-4b1c-4e6f-9a2d-5e11c0de0009 # base-images
    7f3a0004-4b1c-4e6f-9a2d-5e11c0de0004

    """,
  ]

  func run(_ arguments: [String], stdin: String = "") -> RunResult {
    aafilter(["suggest"] + arguments, stdin: stdin, files: Self.files)
  }

  func testExitStatuses() {
    let expected = ["--expected", "Examples/expected-ids.txt"]
    // (arguments, standard input, status, what standard error must contain)
    let cases: [([String], String, Int32, String, UInt)] = [
      (["--findings", Self.external] + expected, "", 0, "suggest: ", #line),
      (
        ["--findings", Self.unused, "--expected", "Examples/unused/expected-ids.txt"], "", 0,
        "unused-access: ", #line
      ),
      (
        ["--findings", Self.internalEvents, "--expected", "Examples/internal/expected-ids.txt"],
        "", 0, "internal-access: ", #line
      ),
      (["--findings", Self.unused, "--from-status", "ARCHIVED"], "", 0, "suggest: ", #line),
      (["--findings", Self.unused, "--from-status", "archived"], "", 0, "suggest: ", #line),
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
        ["--findings", Self.external, "--expected", "unknown.ids"], "", 2,
        "  7f3a0002-4b1c-4e6f-9a2d-5e11c0de0002x (did you mean '7f3a0002-4b1c-4e6f-9a2d-5e11c0de0002'?)\n  not-a-finding\n",
        #line
      ),
      (
        ["--findings", Self.external] + expected + ["--from-status", "ARCHIVED"], "", 2,
        "error: give either --expected or --from-status, not both", #line
      ),
      (
        ["--findings", "-", "--expected", "-"], "", 2,
        "error: --expected and --findings cannot both read standard input", #line
      ),
      (
        ["--findings", Self.external, "--expected", "empty.ids"], "", 2,
        "error: empty.ids lists no finding ids", #line
      ),
      (
        ["--findings", Self.external, "--expected", "missing.ids"], "", 2,
        "error: cannot read 'missing.ids'", #line
      ),
      (["--findings", "missing.json"] + expected, "", 2, "error: cannot read", #line),
      (
        ["--findings", Self.internalEvents, "--from-status", "ARCHIVED"], "", 2,
        "error: no finding has status ARCHIVED: nothing to suggest rules for", #line
      ),
      (
        ["--findings", Self.external, "--name-prefix", "9lives"] + expected, "", 2,
        "error: '9lives' cannot start a rule name", #line
      ),
      (
        ["--findings", Self.external, "--name-prefix", String(repeating: "a", count: 101)]
          + expected, "", 2, "cannot start a rule name", #line
      ),
      (
        ["--findings", Self.external, "--output", "terraform"] + expected, "", 2,
        "error: terraform needs the analyzer's name: give --analyzer-name", #line
      ),
      (
        ["--findings", Self.external, "--output", "cli-commands"] + expected, "", 2,
        "error: cli-commands needs the analyzer's name", #line
      ),
      (
        ["--findings", Self.external, "--analyzer", "unsued"] + expected, "", 2,
        "error: option '--analyzer' takes external, internal, unused", #line
      ),
      (
        ["--findings", "mixed.jsonl", "--expected", "mixed.ids", "--output", "rules-json"], "", 2,
        "error: rules were suggested for 2 analyzer families (external, unused), and a rule set holds one analyzer's rules\nhelp: run once per family: --analyzer external, --analyzer unused\n",
        #line
      ),
      (
        [
          "--findings", Self.unused, "--expected", "Examples/unused/expected-ids.txt", "--output",
          "cloudformation", "--analyzer-type", "ORGANIZATION",
        ], "", 2,
        "error: the unused-access rules need an analyzer Type of ACCOUNT_UNUSED_ACCESS or ORGANIZATION_UNUSED_ACCESS, not 'ORGANIZATION'",
        #line
      ),
      // Standard input for the ids, the findings from a file.
      (
        ["--findings", Self.external, "--expected", "-"],
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
        // Rules, when any, start with their family's directive and check without errors.
        XCTAssertTrue(result.stdout.hasPrefix("# aafilter: analyzer="), result.stdout, line: line)
        XCTAssertEqual(aafilter(["check", "-"], stdin: result.stdout).status, 0, line: line)
      }
    }
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
    ]
    for (text, ids, line) in cases {
      XCTAssertEqual(ExpectedIDsFile.parse(Array(text.utf8)), ids, line: line)
    }
    let commented = run(["--findings", Self.external, "--expected", "commented.ids"])
    let plain = run(["--findings", Self.external, "--expected", "Examples/expected-ids.txt"])
    XCTAssertEqual(commented.status, 0, commented.stderr)
    XCTAssertEqual(commented.stdout, plain.stdout)
    XCTAssertFalse(plain.stdout.isEmpty)
  }

  /// What `preview` would archive with the suggested rules is exactly the expected ACTIVE
  /// findings: the proof the README shows, on each family's shipped examples.
  func testPreviewOfTheSuggestion_archivesExactlyTheExpected() throws {
    let cases: [(String, [String], [String], UInt)] = [
      (
        Self.external, ["--expected", "Examples/expected-ids.txt"],
        [
          "7f3a0002-4b1c-4e6f-9a2d-5e11c0de0002", "7f3a0003-4b1c-4e6f-9a2d-5e11c0de0003",
          "7f3a0004-4b1c-4e6f-9a2d-5e11c0de0004", "7f3a0009-4b1c-4e6f-9a2d-5e11c0de0009",
        ], #line
      ),
      (
        Self.unused, ["--expected", "Examples/unused/expected-ids.txt"],
        [
          "9c4e0001-2f6b-4d8e-a1c3-7b9d0e1f0001", "9c4e0006-2f6b-4d8e-a1c3-7b9d0e1f0006",
          "9c4e0007-2f6b-4d8e-a1c3-7b9d0e1f0007",
        ], #line
      ),
      (
        Self.internalEvents, ["--expected", "Examples/internal/expected-ids.txt"],
        [
          "5b8d1001-7c2a-4e9f-b3d1-2a4c6e8f0001", "5b8d1002-7c2a-4e9f-b3d1-2a4c6e8f0002",
          "5b8d1005-7c2a-4e9f-b3d1-2a4c6e8f0005",
        ], #line
      ),
      // Learned from the one finding archived by hand, the rules archive no ACTIVE one.
      (Self.unused, ["--from-status", "ARCHIVED"], [], #line),
      (Self.external, ["--from-status", "ARCHIVED"], [], #line),
      ("crossed.jsonl", ["--expected", "crossed.ids"], ["e1", "e2"], #line),
      ("twins.jsonl", ["--expected", "twins.ids"], ["other"], #line),
      ("public.jsonl", ["--expected", "public.ids", "--allow-public"], ["open"], #line),
    ]
    for (findings, expected, archived, line) in cases {
      let suggested = run(["--findings", findings] + expected)
      XCTAssertLessThan(suggested.status, 2, suggested.stderr, line: line)
      let preview = aafilter(
        ["preview", "--findings", findings, "--rules", "s.aaf", "--output", "ids"],
        files: Self.files.merging(["s.aaf": suggested.stdout]) { $1 })
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
        ["--findings", Self.external, "--expected", "Examples/expected-ids.txt"], "ACCOUNT",
        #line
      ),
      (["--findings", "crossed.jsonl", "--expected", "crossed.ids"], "ACCOUNT", #line),
      (
        ["--findings", Self.unused, "--expected", "Examples/unused/expected-ids.txt"],
        "ACCOUNT_UNUSED_ACCESS", #line
      ),
      (
        ["--findings", Self.internalEvents, "--expected", "Examples/internal/expected-ids.txt"],
        "ACCOUNT_INTERNAL_ACCESS", #line
      ),
    ]
    let readable = ["json", "rules-json", "cloudformation", "terraform"]
    let writeOnly = ["cloudformation-yaml", "cli-shorthand", "cli-commands"]
    let named = ["--analyzer-name", "main"]
    for (arguments, analyzerType, line) in sources {
      let dsl = run(arguments)
      XCTAssertEqual(dsl.status, 0, dsl.stderr, line: line)
      var files = Self.files
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
      for format in writeOnly {
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

  /// Several families: rules belong to an analyzer, so one family's set is written at a time,
  /// the one --analyzer names, in every format.
  func testSeveralFamilies_oneSetAtATime() throws {
    let both = run(["--findings", "mixed.jsonl", "--expected", "mixed.ids"])
    XCTAssertEqual(both.status, 2)
    XCTAssertEqual(both.stdout, "")
    XCTAssertTrue(both.stderr.contains("--analyzer external, --analyzer unused"), both.stderr)
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
        if format == "dsl" {
          XCTAssertTrue(one.stdout.hasPrefix("# aafilter: analyzer=\(family)\n\nrule "), line: line)
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
    XCTAssertEqual(safe.stdout, "", "no rule for the public finding")
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

  /// `suggest` reads every finding into one store, so the library tests separation on its
  /// columns: a document larger than a reading piece is joined, in order; standard input is
  /// read whole; and either gives the output a file gives.
  func testFindingsInput_readsOneStore() throws {
    let count = 24_000
    let records = (0..<count).map { index in
      #"{"id": "f-\#(index)", "status": "ACTIVE", "resource": "arn:aws:s3:::bucket-\#(index)", "resourceType": "AWS::S3::Bucket", "isPublic": false, "principal": {"AWS": "\#(100_000_000_000 + index % 97)"}, "condition": {"aws:SourceVpc": "vpc-\#(index % 13)"}}"#
    }
    let document = "[" + records.joined(separator: ",\n") + "]"
    XCTAssertGreaterThan(document.utf8.count, 4 << 20, "more than one reading piece")
    let lines = records.joined(separator: "\n") + "\n"
    let console = Console(
      write: { _ in }, writeError: { _ in }, readInput: { Array(lines.utf8) },
      readFile: { _ in Array(document.utf8) })
    for path in ["findings.json", "-"] {
      let input = FindingsInput(path: path, lenient: false)
      let (store, summary) = try input.readAll(console: console)
      XCTAssertEqual(store.count, count, path)
      XCTAssertEqual(
        (0..<store.count).map { store.id(at: $0) ?? "" }, (0..<count).map { "f-\($0)" }, path)
      XCTAssertEqual(summary.families, [.external], path)
    }
    let file = run(["--findings", "crossed.jsonl", "--expected", "crossed.ids"])
    let piped = run(["--findings", "-", "--expected", "crossed.ids"], stdin: Self.crossed)
    XCTAssertEqual(piped.status, 0, piped.stderr)
    XCTAssertEqual(piped.stdout, file.stdout)
    XCTAssertEqual(piped.stderr, file.stderr)
    let examples = try String(
      contentsOf: repositoryRoot.appendingPathComponent("Examples/findings.jsonl"),
      encoding: .utf8)
    let fromFile = run([
      "--findings", "Examples/findings.jsonl", "--expected", "Examples/expected-ids.txt",
    ])
    let fromInput = run(
      ["--findings", "-", "--expected", "Examples/expected-ids.txt"], stdin: examples)
    XCTAssertEqual(fromFile.status, 0, fromFile.stderr)
    XCTAssertEqual(fromInput.stdout, fromFile.stdout)
  }

  /// Hints for unknown ids stay within their budget of comparisons: past it, no hint.
  func testUnknownIDHints_bounded() throws {
    let ids = (0..<200).map { "finding-\($0)" }
    let text = ids.map { #"{"id": "\#($0)", "status": "ACTIVE", "resource": "r"}"# }
      .joined(separator: "\n")
    let store = try FindingsStoreReader(options: FindingsDecodingOptions())
      .readAll(InputBytes(Array(text.utf8))).0
    var hints = UnknownIDHints(store: store)
    XCTAssertEqual(hints.closest(to: "finding-17x"), "finding-17")
    XCTAssertNil(hints.closest(to: "zzzzzzzzzzzzzzzz"))
    // An empty id costs nothing to compare, and spends the budget all the same.
    for _ in 0..<(UnknownIDHints.budget / ids.count) { _ = hints.closest(to: "") }
    XCTAssertNil(hints.closest(to: "finding-17x"), "the budget is spent")
  }
}
