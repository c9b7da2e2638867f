import AAFilterCLI
import Foundation
import XCTest

/// One vocabulary across commands: which command takes which option, under which spellings,
/// with which values, and the errors for a missing or unknown value.
final class OptionVocabularyTests: XCTestCase {
  static let commands = [
    "compile", "format", "query", "preview", "explain", "check", "convert", "diff", "plan", "sql",
    "export", "suggest", "lsp",
  ]
  /// Every command that reads rules.
  static let ruleReaders = [
    "compile", "format", "query", "preview", "explain", "check", "convert", "diff", "plan", "sql",
  ]
  /// Commands with several output shapes.
  static let shaped = [
    "query", "preview", "explain", "check", "convert", "diff", "export", "suggest",
  ]
  /// Commands that read findings in bulk.
  static let findingsReaders = ["query", "preview", "explain", "plan", "export", "suggest"]

  /// Option spelling → the commands that accept it. Every other command rejects it.
  static let table: [(String, Set<String>, UInt)] = [
    ("--rules", Set(ruleReaders), #line),
    ("-f", Set(ruleReaders), #line),
    ("--file", Set(ruleReaders), #line),
    ("--from", Set(ruleReaders), #line),
    ("--rule-format", Set(ruleReaders), #line),
    ("--analyzer-name", Set(ruleReaders + ["suggest"]), #line),
    ("--output", Set(shaped), #line),
    ("--format", ["check", "export"], #line),
    ("--to", ["convert", "suggest"], #line),
    ("--from-json", ["format"], #line),
    ("--rule", ["preview", "explain", "sql"], #line),
    ("--findings", Set(findingsReaders), #line),
    ("--threads", Set(findingsReaders), #line),
    ("--analyzer", ["compile", "query", "preview", "explain", "check", "plan", "suggest"], #line),
    ("--filter", ["query", "sql"], #line),
    ("--sort", ["query", "sql"], #line),
    ("--max-results", ["query", "sql"], #line),
    ("--next-token", ["query"], #line),
    ("--id", ["explain"], #line),
    ("--deployed", ["diff", "plan"], #line),
    ("--deployed-from", ["diff", "plan"], #line),
    ("--deployed-format", ["diff", "plan"], #line),
    ("--dialect", ["sql", "export"], #line),
    ("--layout", ["sql"], #line),
    ("--context", ["check"], #line),
    ("--max-rules", ["check", "preview", "explain", "convert", "suggest"], #line),
    ("--expected", ["suggest"], #line),
    ("--from-status", ["suggest"], #line),
    ("--name-prefix", ["suggest"], #line),
    ("--max-maps", ["compile"], #line),
    ("--analyzer-type", ["convert", "suggest"], #line),
    ("--rule-name", ["convert"], #line),
  ]
  static let flags: [(String, Set<String>, UInt)] = [
    (
      "--split", ["compile", "preview", "explain", "check", "convert", "diff", "plan", "sql"], #line
    ),
    ("--lenient", Set(findingsReaders), #line),
    ("--progress", Set(findingsReaders), #line),
    ("--quiet", Set(findingsReaders), #line),
    ("--strict", ["check"], #line),
    ("--where-only", ["sql"], #line),
    ("--no-create", ["export"], #line),
    ("--allow-public", ["suggest"], #line),
    ("--explain", ["suggest"], #line),
    ("--stdio", ["lsp"], #line),
  ]

  /// The Options section of a command's help.
  private func optionsHelp(_ command: String) -> String {
    let help = aafilter(["help", command]).stdout
    return help.components(separatedBy: "\nOptions:\n").last ?? ""
  }

  private func mentions(_ text: String, _ spelling: String) -> Bool {
    let escaped = NSRegularExpression.escapedPattern(for: spelling)
    return text.range(of: "(?<![\\w-])\(escaped)(?![\\w-])", options: .regularExpression) != nil
  }

  func testEveryCommandTimesEveryValueOption_acceptedOrUnknown() {
    for (option, accepting, line) in Self.table {
      for command in Self.commands {
        let result = aafilter([command, option])
        XCTAssertEqual(result.status, 2, "\(command) \(option)", line: line)
        let expected =
          accepting.contains(command)
          ? "error: option '\(option)' needs a value\n" : "error: unknown option '\(option)'"
        XCTAssertTrue(
          result.stderr.hasPrefix(expected), "\(command) \(option): \(result.stderr)", line: line)
        XCTAssertTrue(result.stderr.contains("\nUsage: aafilter \(command)"), line: line)
        XCTAssertEqual(result.stdout, "", line: line)
        if accepting.contains(command) {
          XCTAssertTrue(
            mentions(optionsHelp(command), option), "help \(command) lists \(option)", line: line)
        }
      }
    }
  }

  func testEveryCommandTimesEveryFlag_acceptedOrUnknown() {
    for (flag, accepting, line) in Self.flags {
      for command in Self.commands {
        let result = aafilter([command, "\(flag)=yes"])
        XCTAssertEqual(result.status, 2, "\(command) \(flag)", line: line)
        let expected =
          accepting.contains(command)
          ? "error: option '\(flag)' takes no value\n" : "error: unknown option '\(flag)'"
        XCTAssertTrue(
          result.stderr.hasPrefix(expected), "\(command) \(flag): \(result.stderr)", line: line)
        if accepting.contains(command) {
          XCTAssertTrue(
            mentions(optionsHelp(command), flag), "help \(command) lists \(flag)", line: line)
        }
      }
    }
  }

  /// Help lists every option a command accepts, and nothing in the table it does not.
  func testHelpListsExactlyTheOptionsAccepted() {
    for command in Self.commands {
      let help = optionsHelp(command)
      for (option, accepting, line) in Self.table + Self.flags {
        XCTAssertEqual(
          mentions(help, option), accepting.contains(command), "help \(command): \(option)",
          line: line)
      }
      XCTAssertTrue(mentions(help, "--help"), command)
    }
  }

  func testChoices_allowedValuesAndUnknownValuesWithSuggestions() {
    let cases: [([String], [String], String, UInt)] = [
      (["check", "a exists"], ["text", "json", "sarif"], "--output", #line),
      (["diff"], ["text", "json"], "--output", #line),
      (["explain"], ["text", "json"], "--output", #line),
      (["preview"], ["text", "json", "ids", "table"], "--output", #line),
      (["query"], ["json", "ids", "table"], "--output", #line),
      (["export"], ["sql"], "--output", #line),
      (
        ["convert", "a exists"],
        [
          "dsl", "json", "rules-json", "cloudformation", "cloudformation-yaml", "terraform",
          "cli-shorthand", "cli-commands",
        ], "--output", #line
      ),
      (
        ["compile", "a exists"],
        [
          "auto", "dsl", "json", "cloudformation", "cloudformation-yaml", "terraform",
          "terraform-json", "cli-shorthand", "cli-commands",
        ], "--from", #line
      ),
      (
        ["sql", "--dialect", "sqlite"],
        [
          "auto", "dsl", "json", "cloudformation", "cloudformation-yaml", "terraform",
          "terraform-json", "cli-shorthand", "cli-commands",
        ], "--from", #line
      ),
      (
        ["check", "a exists"], ["archive-rule", "list-findings", "access-preview"], "--context",
        #line
      ),
      (["sql"], ["sqlite", "postgres", "duckdb", "trino", "spark"], "--dialect", #line),
      (
        ["suggest", "--findings", "x", "--expected", "y"],
        [
          "dsl", "json", "rules-json", "cloudformation", "cloudformation-yaml", "terraform",
          "cli-shorthand", "cli-commands",
        ], "--output", #line
      ),
      (["suggest", "--findings", "x"], ["ARCHIVED"], "--from-status", #line),
    ]
    for (words, allowed, option, line) in cases {
      let wrong = allowed[allowed.count - 1] + "x"
      let result = aafilter(words + [option, wrong])
      XCTAssertEqual(result.status, 2, line: line)
      XCTAssertTrue(
        result.stderr.hasPrefix(
          "error: option '\(option)' takes one of \(allowed.joined(separator: ", ")), not '\(wrong)' (did you mean '\(allowed[allowed.count - 1])'?)\n"
        ), result.stderr, line: line)
      let far = aafilter(words + [option, "zzzzzzzzzz"])
      XCTAssertFalse(far.stderr.contains("did you mean"), far.stderr, line: line)
      // An old spelling of the option reports itself as typed.
      if option == "--from" {
        let old = aafilter(words + ["--rule-format", wrong])
        XCTAssertTrue(
          old.stderr.hasPrefix("error: option '--rule-format' takes one of"), line: line)
      }
    }
  }

  func testIntegers_rangeAndKind() {
    let cases: [([String], String, ClosedRange<Int>, UInt)] = [
      (
        ["query", "--findings", "x", "--filter", "a exists"], "--max-results", 1...1_000_000, #line
      ),
      (
        ["sql", "--dialect", "sqlite", "--filter", "a exists"], "--max-results", 1...1_000_000,
        #line
      ),
      (["query", "--findings", "x", "--filter", "a exists"], "--threads", 1...256, #line),
      (["preview", "--findings", "x"], "--threads", 1...256, #line),
      (["export", "--findings", "x", "--dialect", "sqlite"], "--threads", 1...256, #line),
      (["compile", "a exists"], "--max-maps", 1...10_000, #line),
      (["check", "a exists"], "--max-rules", 1...10_000, #line),
      (["preview", "--findings", "x"], "--max-rules", 1...10_000, #line),
      (["convert", "--output", "json", "a exists"], "--max-rules", 1...10_000, #line),
      (["suggest", "--findings", "x", "--expected", "y"], "--max-rules", 1...10_000, #line),
      (["suggest", "--findings", "x", "--expected", "y"], "--threads", 1...256, #line),
    ]
    for (words, option, range, line) in cases {
      for bad in ["\(range.lowerBound - 1)", "\(range.upperBound + 1)", "ten", ""] {
        let result = aafilter(words + [option, bad])
        XCTAssertEqual(result.status, 2, "\(option) \(bad)", line: line)
        XCTAssertTrue(
          result.stderr.hasPrefix(
            "error: option '\(option)' takes a whole number from \(range.lowerBound) to \(range.upperBound), not '\(bad)'\n"
          ), result.stderr, line: line)
      }
    }
    // The bounds themselves are accepted.
    XCTAssertEqual(aafilter(["compile", "a exists", "--max-maps", "1"]).status, 0)
    XCTAssertEqual(aafilter(["compile", "a exists", "--max-maps=10000"]).status, 0)
  }

  func testRequiredOptions() {
    let cases: [([String], String, UInt)] = [
      (["query", "--filter", "a exists"], "--findings is required", #line),
      (["preview", "--rule", "a exists"], "--findings is required", #line),
      (["explain", "--findings", "x"], "--id is required", #line),
      (["explain", "--id", "x"], "--findings is required", #line),
      (["diff", "--deployed", "x"], "--rules is required", #line),
      (["plan", "--rules", "x"], "--deployed is required", #line),
      (["sql", "--filter", "a exists"], "--dialect is required: sqlite, postgres", #line),
      (["export", "--findings", "x"], "--dialect is required", #line),
      (["convert", "a exists"], "--output is required: dsl, json, rules-json", #line),
      (["query", "--findings", "x"], "--filter is required (or --rules FILE)", #line),
      (["suggest", "--expected", "x"], "--findings is required", #line),
      (
        ["suggest", "--findings", "x"],
        "which findings should be archived? give --expected IDS_FILE or --from-status ARCHIVED",
        #line
      ),
    ]
    for (words, message, line) in cases {
      let result = aafilter(words)
      XCTAssertEqual(result.status, 2, line: line)
      XCTAssertTrue(result.stderr.hasPrefix("error: \(message)"), result.stderr, line: line)
    }
  }

  func testUnknownOption_suggestsTheClosestSpelling() {
    let cases: [([String], String, UInt)] = [
      (["check", "--outptu", "json"], "'--output'", #line),
      (["compile", "--rule-formt", "dsl"], "'--rule-format'", #line),
      (["query", "--findngs", "x"], "'--findings'", #line),
      (["diff", "--deployed-frm", "dsl"], "'--deployed-from'", #line),
    ]
    for (words, suggestion, line) in cases {
      let result = aafilter(words)
      XCTAssertEqual(result.status, 2, line: line)
      XCTAssertTrue(
        result.stderr.contains("(did you mean \(suggestion)?)"), result.stderr, line: line)
    }
  }

  /// Old spellings are aliases: the same words with either give the same result.
  func testOldSpellings_behaveAsTheCurrentOnes() {
    let files = [
      "one.aaf": "resourceType eq \"AWS::S3::Bucket\" and isPublic eq true\n",
      "map.json": #"{"isPublic":{"eq":["true"]}}"#,
    ]
    let findings = "Examples/findings.jsonl"
    let deployed = "Examples/list-archive-rules.json"
    let rules = "Examples/rules.aaf"
    let cases: [([String], [String], UInt)] = [
      (
        ["check", "--format", "json", "a exists"], ["check", "--output", "json", "a exists"], #line
      ),
      (
        ["check", "--format", "sarif", "a exists"], ["check", "--output=sarif", "a exists"], #line
      ),
      (
        ["check", "--output", "human", "-f", rules], ["check", "--output", "text", "-f", rules],
        #line
      ),
      (["check", "-f", rules], ["check", "--rules", rules], #line),
      (["check", "--file", rules], ["check", "--rules", rules], #line),
      (["compile", "-f", "one.aaf"], ["compile", "--rules", "one.aaf"], #line),
      (["compile", "--file", "one.aaf"], ["compile", "--rules", "one.aaf"], #line),
      (
        ["compile", "--rule-format", "json", "--file", "map.json"],
        ["compile", "--from", "json", "--rules", "map.json"], #line
      ),
      (
        ["format", "--from-json", "map.json"], ["format", "--from", "json", "-f", "map.json"], #line
      ),
      (
        ["convert", "--to", "rules-json", "-f", rules],
        ["convert", "--output", "rules-json", "-f", rules], #line
      ),
      (
        ["convert", "--to=cli-commands", "--analyzer-name", "a", "--file", rules],
        ["convert", "--output", "cli-commands", "--analyzer-name", "a", "-f", rules], #line
      ),
      (
        ["export", "--format", "sql", "--dialect", "sqlite", "--findings", findings],
        ["export", "--output", "sql", "--dialect", "sqlite", "--findings", findings], #line
      ),
      (
        ["export", "--dialect", "sqlite", "--findings", findings],
        ["export", "--output", "sql", "--dialect", "sqlite", "--findings", findings], #line
      ),
      (
        ["preview", "--findings", findings, "--rules", rules, "--output", "summary"],
        ["preview", "--findings", findings, "-f", rules, "--output", "text"], #line
      ),
      (
        ["preview", "--findings", findings, "--rules", rules],
        ["preview", "--findings", findings, "--file", rules, "--output", "text"], #line
      ),
      (
        ["query", "--findings", findings, "--filter", "isPublic eq true", "--output", "text"],
        ["query", "--findings", findings, "--filter", "isPublic eq true", "--output", "table"],
        #line
      ),
      (
        ["query", "--findings", findings, "--filter", "isPublic eq true", "--output", "human"],
        ["query", "--findings", findings, "--filter", "isPublic eq true", "--output", "table"],
        #line
      ),
      (
        ["diff", "--rules", rules, "--deployed", deployed, "--output", "human"],
        ["diff", "-f", rules, "--deployed", deployed, "--output", "text"], #line
      ),
      (
        ["diff", "--rules", rules, "--deployed", deployed, "--deployed-format", "json"],
        ["diff", "--rules", rules, "--deployed", deployed, "--deployed-from", "json"], #line
      ),
      (
        ["plan", "--rules", rules, "--deployed", deployed, "--analyzer-name", "a"],
        ["plan", "-f", rules, "--deployed", deployed, "--analyzer-name", "a"], #line
      ),
      (
        ["sql", "--dialect", "sqlite", "--rules", rules, "--rule-format", "dsl"],
        ["sql", "--dialect", "sqlite", "-f", rules, "--from", "dsl"], #line
      ),
      (
        ["query", "--findings", findings, "--filter", "isPublic eq true", "--output", "ids"],
        ["query", "--findings", findings, "-f", "map.json", "--output", "ids"], #line
      ),
      (
        [
          "explain", "--findings", findings, "--id", "7f3a0001-4b1c-4e6f-9a2d-5e11c0de0001",
          "--rules", rules,
        ],
        [
          "explain", "--findings", findings, "--id", "7f3a0001-4b1c-4e6f-9a2d-5e11c0de0001",
          "-f", rules, "--output", "human",
        ], #line
      ),
    ]
    for (old, current, line) in cases {
      let before = aafilter(old, files: files)
      let after = aafilter(current, files: files)
      XCTAssertFalse(before.stdout.isEmpty, before.stderr, line: line)
      XCTAssertLessThan(before.status, 2, before.stderr, line: line)
      XCTAssertEqual(before.status, after.status, line: line)
      XCTAssertEqual(before.stdout, after.stdout, line: line)
      XCTAssertEqual(before.stderr, after.stderr, line: line)
    }
  }

  /// `query` reads its filter from `--filter` or from a file of one filter map.
  func testQuery_filterFromARulesFile() {
    let findings = "Examples/findings.jsonl"
    let several = aafilter(["query", "--findings", findings, "--rules", "Examples/rules.aaf"])
    XCTAssertEqual(several.status, 1)
    XCTAssertTrue(
      several.stderr.hasSuffix("error: Examples/rules.aaf: expected one filter map\n"),
      several.stderr)
    let both = aafilter(
      ["query", "--findings", findings, "--filter", "a exists", "-f", "one.aaf"],
      files: ["one.aaf": "a exists"])
    XCTAssertEqual(both.status, 2)
    XCTAssertTrue(
      both.stderr.hasPrefix(
        "error: give the filter either with --filter or with --rules, not both\n"), both.stderr)
    let sorted = aafilter(
      ["query", "--findings", findings, "-f", "one.aaf", "--output", "ids"],
      files: ["one.aaf": "isPublic eq true order by updatedAt desc"])
    let inline = aafilter([
      "query", "--findings", findings, "--filter", "isPublic eq true order by updatedAt desc",
      "--output", "ids",
    ])
    XCTAssertEqual(sorted.status, 0, sorted.stderr)
    XCTAssertFalse(sorted.stdout.isEmpty)
    XCTAssertEqual(sorted.stdout, inline.stdout, "the file's 'order by' is kept")
  }

  /// `--help` as an option's value is that value; in an option's place it asks for help.
  func testHelpAsAValue_isTheValue() {
    let filtered = aafilter([
      "query", "--findings", "Examples/findings.jsonl", "--filter", "--help",
    ])
    XCTAssertEqual(filtered.status, 1, "'--help' read as a filter: \(filtered.stderr)")
    XCTAssertTrue(filtered.stderr.contains("--> filter:1:"), filtered.stderr)
    XCTAssertFalse(filtered.stdout.contains("Usage:"))
    let named = aafilter(["check", "--rules", "--help"])
    XCTAssertEqual(named.status, 1)
    XCTAssertEqual(named.stderr, "error: cannot read '--help'\n")
    let renamed = aafilter(["convert", "--output", "dsl", "--rule-name", "-h", "a exists"])
    XCTAssertEqual(renamed.status, 2)
    XCTAssertTrue(renamed.stderr.contains("'-h' is not a valid archive rule name"), renamed.stderr)
    // Help wins over mistakes made before or after it.
    for words in [
      ["query", "--help"], ["query", "--bogus", "--help"], ["query", "-h", "--output", "xml"],
      ["diff", "--output", "json", "--help"],
    ] {
      let help = aafilter(words)
      XCTAssertEqual(help.status, 0, words.joined(separator: " "))
      XCTAssertTrue(help.stdout.hasPrefix("Usage: aafilter \(words[0]) "), help.stdout)
      XCTAssertEqual(help.stderr, "")
    }
    // After `--`, it is an operand.
    let operand = aafilter(["compile", "--", "--help"])
    XCTAssertEqual(operand.status, 1)
    XCTAssertFalse(operand.stdout.contains("Usage:"))
  }

  func testUsageLines_generatedFromTheDeclarations() {
    let cases: [(String, String, UInt)] = [
      ("compile", "aafilter compile [options] [EXPR | -]", #line),
      ("format", "aafilter format [options] [EXPR | -]", #line),
      ("query", "aafilter query --findings FILE [options]", #line),
      ("preview", "aafilter preview --findings FILE [options]", #line),
      ("explain", "aafilter explain --findings FILE --id ID [options]", #line),
      ("check", "aafilter check [options] [EXPR | -]", #line),
      ("convert", "aafilter convert --output FORMAT [options] [EXPR | -]", #line),
      ("diff", "aafilter diff --rules FILE --deployed FILE [options]", #line),
      ("plan", "aafilter plan --rules FILE --deployed FILE [options]", #line),
      ("sql", "aafilter sql --dialect DIALECT [options]", #line),
      ("export", "aafilter export --findings FILE --dialect DIALECT [options]", #line),
      ("suggest", "aafilter suggest --findings FILE [options]", #line),
      ("lsp", "aafilter lsp [options]", #line),
    ]
    XCTAssertEqual(cases.map(\.0), Self.commands)
    for (command, usage, line) in cases {
      XCTAssertTrue(aafilter(["help", command]).stdout.hasPrefix("Usage: \(usage)\n"), line: line)
      let mistake = aafilter([command, "--bogus"])
      XCTAssertTrue(mistake.stderr.hasSuffix("\nUsage: \(usage)\n"), mistake.stderr, line: line)
    }
  }

  func testHelp_golden() {
    // preview's help states how a stated analyzer family scopes the rules.
    XCTAssertEqual(
      aafilter(["help", "preview"]).stdout,
      """
      Usage: aafilter preview --findings FILE [options]

      show which findings archive rules would archive, and why

      Rules (--rule, repeatable, then the rules of --rules) archive ACTIVE findings they match;
      RESOLVED findings are never archived. The text report speaks the analyzer family's
      language: public findings first for external access; counts per finding type and the stale
      credentials for unused access; resource types and principals for internal access. ids
      lists the ids that would be archived; the family is --analyzer, else the rule file's
      '# aafilter: analyzer=FAMILY' directive, else inferred from the rules, then the findings.
      When the family is stated (--analyzer or the directive), findings of another family are
      never archived, as that family's analyzer never reports them; they are counted apart
      (json: otherFamilyFindings). Findings of unknown family are considered. --max-rules
      raises the quota a rule set is checked against.

      Options:
        --findings FILE       findings JSON or JSON Lines ('-' reads standard input); required
        --lenient             skip malformed finding records, reporting them
        --threads N           decode with N threads (default: one per core); from 1 to 256
        --progress            show progress on standard error even when it is not a terminal
        --quiet               show no progress
        --rule [NAME=]EXPR    a rule given inline, rule text or JSON (repeatable)
        -f, --rules FILE      rules from FILE in any format ('-' reads standard input); also spelled
                              --file
        --from FORMAT         the format of the rules read; one of auto (default), dsl, json,
                              cloudformation, cloudformation-yaml, terraform, terraform-json,
                              cli-shorthand or cli-commands; also spelled --rule-format
        --analyzer-name NAME  the analyzer's name: picks one in a source with several; convert, plan and
                              suggest write it
        --output FORMAT       the output's shape; one of text (default), json, ids or table; human or
                              summary mean text
        --split               split 'or' across keys into several filter maps or rules
        --analyzer FAMILY     the analyzer family: external, internal, unused or an API type such as
                              ACCOUNT_UNUSED_ACCESS; inferred when absent
        --max-rules N         the archive-rule quota to check against (default 100); from 1 to 10000
        -h, --help            show this help

      """)
    XCTAssertEqual(
      aafilter(["help", "diff"]).stdout,
      """
      Usage: aafilter diff --rules FILE --deployed FILE [options]

      compare desired rules with deployed ones, by meaning

      Prints the rules added, removed, renamed (same filter, new name) and changed, and for a
      changed rule each key and operator that differs. Filters that mean the same are equal:
      the order of values, repeated values, 'eq' against 'in' with one value, and a condition the
      others on its key imply ('isPublic eq false and isPublic neq true' is 'isPublic eq false')
      do not count (grammar.md, Equal meaning).
      --rules names the desired rules (a repository), --deployed the deployed ones; either side
      may be in any rule format (see 'convert'); '-' reads standard input. A warning says when
      the sides declare different analyzer families (directive or template analyzer type).

      Exit status (as diff): 0 the same, 1 different, 2 trouble (unreadable input, usage).

      Options:
        -f, --rules FILE      rules from FILE in any format ('-' reads standard input); required; also
                              spelled --file
        --from FORMAT         the format of the rules read; one of auto (default), dsl, json,
                              cloudformation, cloudformation-yaml, terraform, terraform-json,
                              cli-shorthand or cli-commands; also spelled --rule-format
        --analyzer-name NAME  the analyzer's name: picks one in a source with several; convert, plan and
                              suggest write it
        --deployed FILE       the deployed rules in any format (list-archive-rules output, a template,
                              state); required
        --deployed-from FORMAT
                              the format of the deployed rules; one of auto (default), dsl, json,
                              cloudformation, cloudformation-yaml, terraform, terraform-json,
                              cli-shorthand or cli-commands; also spelled --deployed-format
        --split               split 'or' across keys into several filter maps or rules
        --output FORMAT       the output's shape; one of text (default) or json; human or summary mean
                              text
        -h, --help            show this help

      """)
    XCTAssertEqual(
      aafilter(["help", "sql"]).stdout.components(separatedBy: "Options:\n").last,
      """
        --dialect DIALECT     the SQL dialect; required; one of sqlite, postgres, duckdb, trino or spark
        --layout LAYOUT       the findings table's layout (see docs/sql.md); one of aafilter (default),
                              cloudquery, steampipe or athena-eventbridge
        --filter EXPR         rule text, or a JSON filter map (detected)
        --sort ATTR[:ORDER]   sort by ATTR, ORDER ASC (default) or DESC; overrides 'order by'
        --max-results N       the most results to return; from 1 to 1000000
        --rule [NAME=]EXPR    a rule given inline, rule text or JSON (repeatable)
        -f, --rules FILE      rules from FILE in any format ('-' reads standard input); also spelled
                              --file
        --from FORMAT         the format of the rules read; one of auto (default), dsl, json,
                              cloudformation, cloudformation-yaml, terraform, terraform-json,
                              cli-shorthand or cli-commands; also spelled --rule-format
        --analyzer-name NAME  the analyzer's name: picks one in a source with several; convert, plan and
                              suggest write it
        --split               split 'or' across keys into several filter maps or rules
        --where-only          print only the predicate (one per rule, named in a comment)
        -h, --help            show this help

      """)
    XCTAssertEqual(
      aafilter(["help", "lsp"]).stdout,
      """
      Usage: aafilter lsp [options]

      run the language server for rule files, for editors

      Speaks the Language Server Protocol 3.17 on standard input and output: diagnostics as
      'check' gives them, completion, hover, formatting as 'format' prints, quick fixes, outline,
      folding, and go-to-definition, references and rename for rule names. Documents live in
      memory only; logs go to standard error. An editor starts it; see README.md, Editors.
      initializationOptions: {"analyzer": "external|internal|unused", "split": true|false}.

      Exit status: 0 after 'shutdown' and 'exit', 1 when the client exits or goes away without
      'shutdown', 2 on usage errors.

      Options:
        --stdio               talk on standard input and output (the only transport; accepted for clients)
        -h, --help            show this help

      """)
  }

  /// `suggest`'s page: what it reads, writes and exits with, and every option it shares.
  func testHelp_suggestGolden() {
    XCTAssertEqual(
      aafilter(["help", "suggest"]).stdout,
      """
      Usage: aafilter suggest --findings FILE [options]

      suggest the fewest narrow archive rules that archive exactly what was triaged

      The expected findings are the ids in --expected (one a line; blank lines and '#' comments
      are skipped), or with --from-status ARCHIVED the findings archived by hand. Every other
      ACTIVE finding is kept: no suggested rule matches it. Rules are drawn from the expected
      findings' own values, the fewest first, then the narrowest (principals, accounts,
      resources, conditions; finding type with the role or user for unused access), never
      matching a public finding without --allow-public; each set is checked against every
      finding before it is printed (docs/suggest.md).

      Rules belong to an analyzer: each family is suggested for apart, and when several
      families get rules, --analyzer picks the one to write. Standard output gets the rules
      only: rule text by default, after the analyzer directive '# aafilter: analyzer=FAMILY',
      or any format convert writes. Standard error gets the
      report: per rule the findings it covers, why each key, its margin (the nearest kept
      finding and the key that tells it apart); every expected finding left uncovered, and
      why; --explain adds the search.

      Exit status: 0 the rules archive exactly the expected findings, 1 some expected findings
      cannot be told apart from kept ones (the rules cover the rest exactly), 2 trouble (usage,
      unreadable input, unknown ids, no expected findings, rules of several families).

      Options:
        --findings FILE       findings JSON or JSON Lines ('-' reads standard input); required
        --lenient             skip malformed finding records, reporting them
        --threads N           decode with N threads (default: one per core); from 1 to 256
        --progress            show progress on standard error even when it is not a terminal
        --quiet               show no progress and no report, only errors and warnings
        --expected IDS_FILE   the ids of the findings to archive, one a line, '#' comments ('-' reads
                              standard input)
        --from-status STATUS  expect the findings with this status: learn from what was archived by hand;
                              one of ARCHIVED; archived means ARCHIVED
        --analyzer FAMILY     the analyzer family: external, internal, unused or an API type such as
                              ACCOUNT_UNUSED_ACCESS; inferred when absent
        --max-rules N         the most rules per family: the archive-rule quota (default 100); from 1 to
                              10000
        --name-prefix PREFIX  the start of each suggested rule's name (default suggested)
        --allow-public        let suggested rules archive public findings
        --output FORMAT       the output's shape; one of dsl (default), json, rules-json, cloudformation,
                              cloudformation-yaml, terraform, cli-shorthand or cli-commands; also spelled
                              --to
        --analyzer-name NAME  the analyzer's name: picks one in a source with several; convert, plan and
                              suggest write it
        --analyzer-type TYPE  the CloudFormation analyzer Type (default: the source's or the family's,
                              else ACCOUNT)
        --explain             add the search to the report
        -h, --help            show this help

      """)
  }

  /// No help line runs past the width, whatever the command.
  func testHelp_linesFitTheWidth() {
    for command in Self.commands {
      for line in aafilter(["help", command]).stdout.split(separator: "\n") {
        XCTAssertLessThanOrEqual(line.count, 100, "\(command): \(line)")
      }
    }
  }
}
