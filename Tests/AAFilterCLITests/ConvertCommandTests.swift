import XCTest

/// `convert`: what it writes for each kind of input, and the errors that stop it, each with
/// its exit status (0 written, 1 the rules cannot be written so, 2 a usage error).
final class ConvertCommandTests: XCTestCase {
  static let template = #"""
    {"Resources": {
      "ProdAnalyzer": {"Type": "AWS::AccessAnalyzer::Analyzer", "Properties": {
        "AnalyzerName": "prod", "Type": "ACCOUNT",
        "ArchiveRules": [{"RuleName": "P", "Filter": [{"Property": "isPublic", "Eq": ["false"]}]}]}},
      "DevAnalyzer": {"Type": "AWS::AccessAnalyzer::Analyzer", "Properties": {
        "AnalyzerName": "dev", "Type": "ORGANIZATION_UNUSED_ACCESS",
        "ArchiveRules": [{"RuleName": "D", "Filter": [{"Property": "findingType", "Eq": ["UnusedIAMRole"]}]}]}}
    }}
    """#

  static let files = ["two.json": template]

  func run(_ arguments: [String], stdin: String = "") -> RunResult {
    aafilter(["convert"] + arguments, stdin: stdin, files: Self.files)
  }

  func testWrites_goldenOutputs() {
    let cases: [([String], String, String, UInt)] = [
      (
        ["--to", "dsl", "isPublic eq false order by updatedAt desc"],
        "isPublic eq false order by updatedAt desc\n", "", #line
      ),
      (
        ["--to", "json", "isPublic eq false order by updatedAt desc"],
        """
        {
          "filter": {
            "isPublic": {
              "eq": [
                "false"
              ]
            }
          },
          "sort": {
            "attributeName": "updatedAt",
            "orderBy": "DESC"
          }
        }

        """, "", #line
      ),
      (
        ["--to", "json", "--split", "isPublic eq false or error exists"],
        """
        [
          {
            "isPublic": {
              "eq": [
                "false"
              ]
            }
          },
          {
            "error": {
              "exists": true
            }
          }
        ]

        """, "", #line
      ),
      (
        ["--to", "dsl", "--split", "isPublic eq false or error exists"],
        "isPublic eq false or error exists\n", "", #line
      ),
      (
        [
          "--to", "cli-shorthand", "--split", "--rule-name", "Mine",
          "isPublic eq false or error exists",
        ],
        "Mine-1\tisPublic={eq=[false]}\nMine-2\terror={exists=true}\n", "", #line
      ),
      (["--to", "cli-shorthand", "-"], "isPublic={eq=[false]}\n", "", #line),
      (
        ["--to", "terraform", "-f", "two.json", "--analyzer-name", "DevAnalyzer"],
        """
        resource "aws_accessanalyzer_archive_rule" "D" {
          analyzer_name = "dev"
          rule_name     = "D"

          filter {
            criteria = "findingType"
            eq       = ["UnusedIAMRole"]
          }
        }

        """, "", #line
      ),
      (
        ["--to", "dsl", "--file", "two.json", "--analyzer-name", "prod"],
        "rule P {\n  isPublic eq false\n}\n", "", #line
      ),
    ]
    for (arguments, stdout, stderr, line) in cases {
      let result = run(arguments, stdin: "isPublic eq false")
      XCTAssertEqual(result.status, 0, "\(arguments): \(result.stderr)", line: line)
      XCTAssertEqual(result.stdout, stdout, "\(arguments)", line: line)
      XCTAssertEqual(result.stderr, stderr, "\(arguments)", line: line)
    }
  }

  /// The CloudFormation analyzer's type: given, else the source's, else ACCOUNT.
  func testCloudFormationAnalyzerType_givenOrFromTheSource() {
    let cases: [([String], String, String, UInt)] = [
      (["--analyzer-name", "a", "isPublic eq false"], "a", "ACCOUNT", #line),
      (
        [
          "--analyzer-name", "u", "--analyzer-type", "ACCOUNT_UNUSED_ACCESS",
          "findingType eq UnusedIAMRole",
        ], "u", "ACCOUNT_UNUSED_ACCESS", #line
      ),
      (
        ["-f", "two.json", "--analyzer-name", "DevAnalyzer"], "dev", "ORGANIZATION_UNUSED_ACCESS",
        #line
      ),
      (
        ["-f", "two.json", "--analyzer-name", "dev", "--analyzer-type", "ACCOUNT_UNUSED_ACCESS"],
        "dev", "ACCOUNT_UNUSED_ACCESS", #line
      ),
    ]
    for (arguments, name, type, line) in cases {
      let result = run(["--to", "cloudformation"] + arguments)
      XCTAssertEqual(result.status, 0, "\(arguments): \(result.stderr)", line: line)
      XCTAssertTrue(
        result.stdout.contains(#""AnalyzerName": "\#(name)","#), result.stdout, line: line)
      XCTAssertTrue(result.stdout.contains(#""Type": "\#(type)","#), result.stdout, line: line)
    }
  }

  func testCannotWrite_saysWhyAndWritesNothing() {
    let cases: [([String], String, UInt)] = [
      (
        ["--to", "terraform", "isPublic eq false order by updatedAt desc"],
        "error: an 'order by' clause has no place in terraform: archive rules have no sort\n",
        #line
      ),
      (
        ["--to", "json", "--split", "(isPublic eq false or error exists) order by updatedAt"],
        "error: an 'order by' clause has no place in json: archive rules have no sort\n", #line
      ),
      (
        ["--to", "cloudformation", "rule Empty { }"],
        """
        error: cannot write cloudformation: rule 'Empty' has an empty filter, which CloudFormation cannot hold (Filter needs at least one item)
        help: create it with the CLI or the API, or give it a criterion

        """, #line
      ),
      (
        ["--to", "terraform", "--from", "json", #"{"error": {"exists": true}}"#],
        """
        error: cannot write terraform: Terraform's aws_accessanalyzer_archive_rule needs the analyzer's name
        help: give --analyzer-name

        """, #line
      ),
      (["--to", "json", "-f", "missing.aaf"], "error: cannot read 'missing.aaf'\n", #line),
    ]
    for (arguments, stderr, line) in cases {
      let result = run(arguments)
      XCTAssertEqual(result.status, 1, "\(arguments)", line: line)
      XCTAssertEqual(result.stdout, "", "\(arguments)", line: line)
      XCTAssertEqual(result.stderr, stderr, "\(arguments)", line: line)
    }
    // Rule errors are rendered against the file, and nothing is written.
    let ambiguous = run(["--to", "dsl", "-f", "two.json"])
    XCTAssertEqual(ambiguous.status, 1)
    XCTAssertEqual(ambiguous.stdout, "")
    XCTAssertTrue(
      ambiguous.stderr.hasPrefix(
        "error: the template defines archive rules for several analyzers: prod, dev\n --> two.json:5:3\n"
      ), ambiguous.stderr)
  }

  func testUsageErrors_exitTwoAndNameTheProblem() {
    let cases: [([String], [String], UInt)] = [
      (["isPublic eq false"], ["--output", "dsl, json, rules-json"], #line),
      (["--to", "jsn", "isPublic eq false"], ["'jsn'", "did you mean 'json'?"], #line),
      (["--to", "json", "--rule-name", "bad name!", "isPublic eq false"], ["'bad name!'"], #line),
      (
        ["--to", "json", "--from", "yaml", "isPublic eq false"], ["'yaml'", "terraform-json"], #line
      ),
      (["--to", "json", "-f", "two.json", "isPublic eq false"], ["not both"], #line),
      (["--to", "json"], ["no rule given"], #line),
    ]
    for (arguments, phrases, line) in cases {
      let result = run(arguments)
      XCTAssertEqual(result.status, 2, "\(arguments): \(result.stderr)", line: line)
      XCTAssertEqual(result.stdout, "", "\(arguments)", line: line)
      for phrase in phrases {
        XCTAssertTrue(result.stderr.contains(phrase), "\(phrase) in \(result.stderr)", line: line)
      }
    }
  }

  /// Every format `convert` writes reads back through `convert` to the same rules, from a file
  /// named as the format's files are and from standard input.
  func testEveryOutputFormat_readsBackThroughConvert() {
    let source = ["-f", "Examples/rules.aaf", "--analyzer-name", "Main"]
    let expected = aafilter(["convert", "--to", "rules-json"] + source)
    XCTAssertEqual(expected.status, 0, expected.stderr)
    let cases: [(String, String, UInt)] = [
      ("dsl", "rules.aaf", #line), ("json", "rules.json", #line),
      ("rules-json", "rules.json", #line), ("cloudformation", "template.json", #line),
      ("cloudformation-yaml", "template.yaml", #line), ("terraform", "main.tf", #line),
      ("cli-shorthand", "filters.txt", #line), ("cli-commands", "rules.sh", #line),
    ]
    for (format, name, line) in cases {
      let written = aafilter(["convert", "--to", format] + source)
      XCTAssertEqual(written.status, 0, written.stderr, line: line)
      let fromFile = aafilter(
        ["convert", "--to", "rules-json", "-f", name], files: [name: written.stdout])
      XCTAssertEqual(fromFile.stderr, "", line: line)
      XCTAssertEqual(fromFile.stdout, expected.stdout, format, line: line)
      let fromInput = aafilter(
        ["convert", "--to", "rules-json", "--from", format == "rules-json" ? "json" : format, "-"],
        stdin: written.stdout)
      XCTAssertEqual(fromInput.stdout, expected.stdout, format, line: line)
    }
  }

  /// A `.yaml` or `.sh` file whose text does not say its format is read as the name says.
  func testFileNames_pickTheFormatTheTextLeavesOpen() {
    let yaml = """
      "AWSTemplateFormatVersion": "2010-09-09"
      Resources:
        A:
          Type: AWS::AccessAnalyzer::Analyzer
          Properties:
            ArchiveRules: [{RuleName: R, Filter: [{Property: isPublic, Eq: ["false"]}]}]
      """
    let read = aafilter(["convert", "--to", "dsl", "-f", "t.yml"], files: ["t.yml": yaml])
    XCTAssertEqual(read.stdout, "rule R {\n  isPublic eq false\n}\n", read.stderr)
    let script = "set -e\naws accessanalyzer create-archive-rule --analyzer-name a\n"
    let refused = aafilter(["convert", "--to", "dsl", "-f", "x.sh"], files: ["x.sh": script])
    XCTAssertEqual(refused.status, 1)
    XCTAssertTrue(
      refused.stderr.contains("only 'aws accessanalyzer create-archive-rule' commands are read"),
      refused.stderr)
  }
}
