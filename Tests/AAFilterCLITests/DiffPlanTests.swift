import XCTest

/// `diff` and `plan` over every rule format: exact output and exit status per case.
final class DiffPlanTests: XCTestCase {
  static let desired = """
    rule Trusted {
      isPublic eq false and principal.AWS in [111122223333, 444455556666]
    }

    rule Services {
      principal.Service exists
    }
    """

  static func list(_ rules: String) -> String { #"{"archiveRules": [\#(rules)]}"# }
  static let trusted =
    #"{"ruleName": "Trusted", "filter": {"principal.AWS": {"eq": ["444455556666", "111122223333"]}, "isPublic": {"eq": ["false"]}}}"#
  static let services =
    #"{"ruleName": "Services", "filter": {"principal.Service": {"exists": true}}}"#
  static let deployed = list(trusted + ", " + services)

  static let cloudFormation = #"""
    {"AWSTemplateFormatVersion": "2010-09-09", "Resources": {"Analyzer": {
      "Type": "AWS::AccessAnalyzer::Analyzer",
      "Properties": {"AnalyzerName": "Main", "Type": "ACCOUNT", "ArchiveRules": [
        {"RuleName": "Trusted", "Filter": [
          {"Property": "principal.AWS", "Eq": ["111122223333", "444455556666"]},
          {"Property": "isPublic", "Eq": ["false"]}]},
        {"RuleName": "Services", "Filter": [{"Property": "principal.Service", "Exists": true}]}]}}}}
    """#

  static let terraform = #"""
    resource "aws_accessanalyzer_analyzer" "main" {
      analyzer_name = "Main"
    }

    # Partner accounts, by contract.
    resource "aws_accessanalyzer_archive_rule" "trusted" {
      analyzer_name = aws_accessanalyzer_analyzer.main.analyzer_name
      rule_name     = "Trusted"

      filter {
        criteria = "isPublic"
        eq       = ["false"]
      }
      filter {
        criteria = "principal.AWS"
        eq       = [
          "444455556666", // audit
          "111122223333",
        ]
      }
    }

    resource "aws_accessanalyzer_archive_rule" "services" {
      analyzer_name = aws_accessanalyzer_analyzer.main.analyzer_name
      rule_name     = "Services"
      filter {
        criteria = "principal.Service"
        exists   = "true"
      }
    }
    """#

  static let state = #"""
    {"format_version": "1.0", "values": {"root_module": {"resources": [], "child_modules": [{"resources": [
      {"address": "module.aa.aws_accessanalyzer_archive_rule.t", "mode": "managed", "type": "aws_accessanalyzer_archive_rule", "name": "t",
       "values": {"analyzer_name": "Main", "rule_name": "Trusted", "filter": [
         {"criteria": "principal.AWS", "contains": [], "eq": ["111122223333", "444455556666"], "exists": "", "neq": []},
         {"criteria": "isPublic", "contains": [], "eq": ["false"], "exists": "", "neq": []}]}},
      {"address": "module.aa.aws_accessanalyzer_archive_rule.s", "mode": "managed", "type": "aws_accessanalyzer_archive_rule", "name": "s",
       "values": {"analyzer_name": "Main", "rule_name": "Services", "filter": [
         {"criteria": "principal.Service", "contains": [], "eq": [], "exists": "true", "neq": []}]}}]}]}}}
    """#

  struct Case {
    var arguments: [String]
    var files: [String: String]
    var stdout: String
    var status: Int32
    var stderrContains = ""
    var line: UInt
  }

  static func diff(
    _ desired: String, _ deployed: String, _ extra: [String] = [], line: UInt = #line
  )
    -> ([String], [String: String], UInt)
  {
    (
      ["diff", "--rules", "desired", "--deployed", "deployed"] + extra,
      ["desired": desired, "deployed": deployed], line
    )
  }

  static let same = "no differences (2 rules the same)\n"

  func testDiff_table() {
    let cases: [Case] = [
      // Equal under another spelling: value order, duplicates, 'in' with one value.
      Case(Self.diff(Self.desired, Self.deployed), Self.same, 0),
      Case(
        Self.diff(
          Self.desired,
          Self.list(
            #"{"ruleName": "Services", "filter": {"principal.Service": {"exists": true}}}, {"ruleName": "Trusted", "filter": {"isPublic": {"eq": ["false", "false"]}, "principal.AWS": {"eq": ["444455556666", "111122223333", "444455556666"]}}}"#
          )), Self.same, 0),
      Case(
        Self.diff(
          "rule Trusted { isPublic in [false] and principal.AWS in [444455556666, 111122223333] }\nrule Services { principal.Service exists }",
          Self.deployed), Self.same, 0),
      Case(Self.diff(Self.cloudFormation, Self.deployed), Self.same, 0),
      Case(Self.diff(Self.terraform, Self.deployed), Self.same, 0),
      Case(Self.diff(Self.desired, Self.state), Self.same, 0),
      Case(Self.diff(Self.terraform, Self.cloudFormation), Self.same, 0),
      Case(
        Self.diff(
          "rule Services { principal.Service exists }", #"{"archiveRule": \#(Self.services)}"#),
        "no differences (1 rule the same)\n", 0),
      // Differences.
      Case(
        Self.diff(Self.desired, Self.list(Self.trusted)),
        "+ Services: principal.Service exists\n1 added, 0 removed, 0 changed, 0 renamed, 1 the same\n",
        1),
      Case(
        Self.diff(
          "rule Trusted { isPublic eq false and principal.AWS in [111122223333, 444455556666] }",
          Self.deployed),
        "- Services: principal.Service exists\n0 added, 1 removed, 0 changed, 0 renamed, 1 the same\n",
        1),
      Case(
        Self.diff(
          Self.desired.replacingOccurrences(of: "Services", with: "ServiceCalls"), Self.deployed),
        "> Services -> ServiceCalls (renamed, same filter)\n0 added, 0 removed, 0 changed, 1 renamed, 1 the same\n",
        1),
      Case(
        Self.diff(
          Self.desired.replacingOccurrences(of: "444455556666", with: "777788889999"), Self.deployed
        ),
        "~ Trusted\n    principal.AWS eq: [111122223333, 444455556666] -> [111122223333, 777788889999]\n0 added, 0 removed, 1 changed, 0 renamed, 1 the same\n",
        1),
      Case(
        Self.diff(
          Self.desired.replacingOccurrences(
            of: "principal.Service exists", with: "principal.Service not exists"), Self.deployed),
        "~ Services\n    principal.Service exists: true -> false\n0 added, 0 removed, 1 changed, 0 renamed, 1 the same\n",
        1),
      Case(
        Self.diff(
          Self.desired.replacingOccurrences(of: "isPublic eq false", with: "isPublic neq true"),
          Self.deployed),
        "~ Trusted\n    isPublic eq: [false] -> (unset)\n    isPublic neq: (unset) -> [true]\n0 added, 0 removed, 1 changed, 0 renamed, 1 the same\n",
        1),
      Case(
        Self.diff(
          Self.desired.replacingOccurrences(of: "isPublic eq false and ", with: ""), Self.deployed),
        "~ Trusted\n    isPublic eq: [false] -> (unset)\n0 added, 0 removed, 1 changed, 0 renamed, 1 the same\n",
        1),
      Case(
        Self.diff(Self.desired, #"{"archiveRules": []}"#),
        "+ Trusted: isPublic eq false and principal.AWS in [111122223333, 444455556666]\n+ Services: principal.Service exists\n2 added, 0 removed, 0 changed, 0 renamed, 0 the same\n",
        1),
      Case(
        Self.diff(
          Self.desired.replacingOccurrences(of: "Services", with: "\"Svc\\u0007\""), Self.deployed),
        "", 2, stderrContains: "is not a valid archive rule name"),
      // Split rules compare part by part.
      Case(
        Self.diff(
          "rule Either { principal.AWS eq 111122223333 or isPublic eq false }",
          Self.list(
            #"{"ruleName": "Either-1", "filter": {"principal.AWS": {"eq": ["111122223333"]}}}, {"ruleName": "Either-2", "filter": {"isPublic": {"eq": ["false"]}}}"#
          ), ["--split"]), "no differences (2 rules the same)\n", 0),
      // Traps and trouble: exit status 2.
      Case(
        Self.diff(
          "rule Either { principal.AWS eq 111122223333 or isPublic eq false }", Self.deployed),
        "", 2, stderrContains: "'or' across keys"),
      Case(
        Self.diff(
          Self.cloudFormation.replacingOccurrences(
            of: #"{"Property": "isPublic", "Eq": ["false"]}"#,
            with: #"{"Property": "principal.AWS", "Eq": ["false"]}"#), Self.deployed),
        "", 2,
        stderrContains:
          "error: 'principal.AWS' is given twice in one filter; CloudFormation accepts the template and the deploy fails"
      ),
      Case(
        Self.diff(
          Self.terraform.replacingOccurrences(
            of: #"criteria = "isPublic""#, with: #"criteria = "principal.AWS""#),
          Self.deployed),
        "", 2, stderrContains: "the provider keeps only one of the filter blocks"),
      Case(
        Self.diff(Self.desired, Self.list(Self.trusted + ", " + Self.trusted)), "", 2,
        stderrContains: "error: rule 'Trusted' is defined twice"),
      Case(
        Self.diff(Self.desired, "{\"archiveRules\": ["), "", 2,
        stderrContains: "expected a value, found the end"),
      Case(
        (
          ["diff", "--rules", "desired", "--deployed", "missing"], ["desired": Self.desired], #line
        ), "",
        2, stderrContains: "error: cannot read 'missing'"),
      Case(
        Self.diff(
          Self.desired,
          Self.deployed.replacingOccurrences(of: "\"exists\": true", with: "\"exists\": \"true\"")),
        Self.same, 0,
        stderrContains: "warning: 'archiveRules[1].filter.principal.Service.exists' is a string"),
      Case(
        Self.diff(
          Self.terraform.replacingOccurrences(of: "\"Main\"", with: "\"Other\"")
            + Self.terraform.replacingOccurrences(of: "\"main\"", with: "\"other\"")
            .replacingOccurrences(of: "main.", with: "other.").replacingOccurrences(
              of: "\"trusted\"", with: "\"t2\""
            ).replacingOccurrences(of: "\"services\"", with: "\"s2\""), Self.deployed),
        "", 2, stderrContains: "several analyzers: Other, Main"),
      Case(
        Self.diff(
          Self.terraform.replacingOccurrences(of: "\"Main\"", with: "\"Other\"")
            + Self.terraform.replacingOccurrences(of: "\"main\"", with: "\"other\"")
            .replacingOccurrences(of: "main.", with: "other.").replacingOccurrences(
              of: "\"trusted\"", with: "\"t2\""
            ).replacingOccurrences(of: "\"services\"", with: "\"s2\""), Self.deployed,
          ["--analyzer-name", "Main"]),
        Self.same, 0),
      // For scripts.
      Case(
        Self.diff(Self.desired, Self.deployed, ["--output", "json"]),
        """
        {
          "same": true,
          "added": [],
          "removed": [],
          "renamed": [],
          "changed": [],
          "unchanged": [
            "Trusted",
            "Services"
          ]
        }

        """, 0),
      Case(
        Self.diff(
          Self.desired.replacingOccurrences(
            of: "principal.Service exists", with: "principal.Service not exists"), Self.deployed,
          ["--output", "json"]),
        """
        {
          "same": false,
          "added": [],
          "removed": [],
          "renamed": [],
          "changed": [
            {
              "ruleName": "Services",
              "desired": {
                "principal.Service": {
                  "exists": false
                }
              },
              "deployed": {
                "principal.Service": {
                  "exists": true
                }
              },
              "changes": [
                {
                  "key": "principal.Service",
                  "operator": "exists",
                  "desired": false,
                  "deployed": true
                }
              ]
            }
          ],
          "unchanged": [
            "Trusted"
          ]
        }

        """, 1),
    ]
    run(cases)
    XCTAssertGreaterThanOrEqual(cases.count, 25)
  }
}

extension DiffPlanTests {
  static func plan(
    _ desired: String, _ deployed: String, _ extra: [String] = [], line: UInt = #line
  )
    -> ([String], [String: String], UInt)
  {
    (
      ["plan", "--rules", "desired", "--deployed", "deployed"] + extra,
      ["desired": desired, "deployed": deployed], line
    )
  }

  static let header = "# analyzer Main: "

  func testPlan_table() {
    let changed =
      Self.desired.replacingOccurrences(of: "444455556666", with: "777788889999")
      + "\n\nrule Quoted { resource contains \"it's a 'quote'\" }"
    let cases: [Case] = [
      Case(
        Self.plan(Self.desired, Self.deployed, ["--analyzer-name", "Main"]),
        Self.header + "0 to create, 0 to update, 0 to delete\n", 0),
      Case(
        Self.plan(Self.terraform, Self.deployed),
        Self.header + "0 to create, 0 to update, 0 to delete\n", 0),
      Case(
        Self.plan(changed, Self.list(Self.trusted), ["--analyzer-name", "Main"]),
        Self.header + "2 to create, 1 to update, 0 to delete\n"
          + #"aws accessanalyzer create-archive-rule --analyzer-name Main --rule-name Services --filter '{"principal.Service":{"exists":true}}'"#
          + "\n"
          + #"aws accessanalyzer create-archive-rule --analyzer-name Main --rule-name Quoted --filter '{"resource":{"contains":["it'\''s a '\''quote'\''"]}}'"#
          + "\n"
          + #"aws accessanalyzer update-archive-rule --analyzer-name Main --rule-name Trusted --filter '{"isPublic":{"eq":["false"]},"principal.AWS":{"eq":["111122223333","777788889999"]}}'"#
          + "\n",
        1),
      Case(
        Self.plan("rule Services { principal.Service exists }", Self.cloudFormation),
        Self.header + "0 to create, 0 to update, 1 to delete\n"
          + "aws accessanalyzer delete-archive-rule --analyzer-name Main --rule-name Trusted\n", 1),
      Case(
        Self.plan(
          Self.desired.replacingOccurrences(of: "Services", with: "ServiceCalls"), Self.state),
        Self.header + "1 to create, 0 to update, 1 to delete\n"
          + #"aws accessanalyzer create-archive-rule --analyzer-name Main --rule-name ServiceCalls --filter '{"principal.Service":{"exists":true}}'"#
          + "\n"
          + "aws accessanalyzer delete-archive-rule --analyzer-name Main --rule-name Services\n", 1),
      Case(
        Self.plan(Self.desired, Self.deployed, ["--analyzer-name", "my analyzer"]), "", 2,
        stderrContains: "error: 'my analyzer' is not a valid analyzer name"),
      Case(
        Self.plan(Self.desired, Self.deployed), "", 2,
        stderrContains: "plan needs the analyzer's name"),
      Case(
        Self.plan(
          Self.terraform, Self.cloudFormation.replacingOccurrences(of: "\"Main\"", with: "\"Prod\"")
        ), "", 2,
        stderrContains: "the desired rules are for analyzer 'Main' and the deployed ones for 'Prod'"
      ),
      Case(
        Self.plan(
          "rule PublicBuckets { resourceType eq AWS::S3::Bucket }\nrule Trusted { isPublic eq false and principal.AWS in [111122223333, 444455556666] }",
          Self.list(Self.trusted + ", " + Self.services),
          ["--analyzer-name", "Main", "--findings", "Examples/list-findings.json"]),
        Self.header + "1 to create, 0 to update, 1 to delete\n"
          + "# PublicBuckets: apply-archive-rule would archive 2 public and 1 other ACTIVE findings now\n"
          + #"aws accessanalyzer create-archive-rule --analyzer-name Main --rule-name PublicBuckets --filter '{"resourceType":{"eq":["AWS::S3::Bucket"]}}'"#
          + "\n"
          + "aws accessanalyzer delete-archive-rule --analyzer-name Main --rule-name Services\n", 1),
      // The family's equivalent of public: stale credentials for unused access; internal
      // access findings counted whole.
      Case(
        Self.plan(
          "rule Keys { findingType in [UnusedIAMUserAccessKey, UnusedIAMRole] }",
          #"{"archiveRules": []}"#,
          ["--analyzer-name", "Main", "--findings", "Examples/unused/list-findings-v2.json"]),
        Self.header + "1 to create, 0 to update, 0 to delete\n"
          + "# Keys: apply-archive-rule would archive 2 stale credentials and 1 other ACTIVE findings now\n"
          + #"aws accessanalyzer create-archive-rule --analyzer-name Main --rule-name Keys --filter '{"findingType":{"eq":["UnusedIAMUserAccessKey","UnusedIAMRole"]}}'"#
          + "\n", 1),
      Case(
        Self.plan(
          "rule Internal { resourceType eq AWS::S3::Bucket }", #"{"archiveRules": []}"#,
          [
            "--analyzer-name", "Main", "--analyzer", "internal", "--findings",
            "Examples/internal/list-findings-v2.json",
          ]),
        Self.header + "1 to create, 0 to update, 0 to delete\n"
          + "# Internal: apply-archive-rule would archive 2 ACTIVE findings now\n"
          + #"aws accessanalyzer create-archive-rule --analyzer-name Main --rule-name Internal --filter '{"resourceType":{"eq":["AWS::S3::Bucket"]}}'"#
          + "\n", 1),
      Case(
        Self.plan(
          Self.desired, Self.deployed, ["--analyzer-name", "Main", "--findings", "missing.json"]),
        "", 2,
        stderrContains: "error: cannot read 'missing.json'"),
    ]
    run(cases)
  }

  /// Every command reads every rule format through the one reader, with the same result.
  func testEveryCommand_readsEveryFormat() {
    // The same rules with values in the same order, since compile and format keep the order.
    let sources = [
      "desired": Self.desired,
      "deployed": Self.deployed.replacingOccurrences(
        of: #"["444455556666", "111122223333"]"#, with: #"["111122223333", "444455556666"]"#),
      "cfn": Self.cloudFormation,
      "tf": Self.terraform.replacingOccurrences(
        of: "\"444455556666\", // audit\n      \"111122223333\",",
        with: "\"111122223333\",\n      \"444455556666\", // audit"),
      "state": Self.state,
    ]
    let compiled = aafilter(["compile", "-f", "desired"], files: sources)
    XCTAssertEqual(compiled.status, 0, compiled.stderr)
    let formatted = aafilter(["format", "-f", "desired"], files: sources)
    let checked = aafilter(["check", "-f", "desired", "--format", "json"], files: sources)
    let previewed = aafilter(
      [
        "preview", "--rules", "desired", "--findings", "Examples/list-findings.json", "--output",
        "ids",
      ], files: sources)
    for name in ["deployed", "cfn", "tf", "state"] {
      let compile = aafilter(["compile", "-f", name], files: sources)
      XCTAssertEqual(compile.stdout, compiled.stdout, "compile \(name): \(compile.stderr)")
      XCTAssertEqual(
        aafilter(["format", "-f", name], files: sources).stdout, formatted.stdout, "format \(name)")
      let check = aafilter(["check", "-f", name, "--format", "json"], files: sources)
      XCTAssertEqual(check.status, checked.status, "check \(name): \(check.stdout)")
      XCTAssertEqual(
        jsonCodes(check.stdout).sorted(), jsonCodes(checked.stdout).sorted(), "check \(name)")
      XCTAssertEqual(
        aafilter(
          [
            "preview", "--rules", name, "--findings", "Examples/list-findings.json", "--output",
            "ids",
          ], files: sources
        ).stdout,
        previewed.stdout, "preview \(name)")
      let explain = aafilter(
        [
          "explain", "--rules", name, "--findings", "Examples/list-findings.json", "--id",
          "7f3a0001-4b1c-4e6f-9a2d-5e11c0de0001",
        ], files: sources)
      XCTAssertEqual(explain.status, 0, "explain \(name): \(explain.stderr)")
      XCTAssertTrue(explain.stdout.contains("rule Trusted: does not match"), explain.stdout)
    }
    // A single rule, as get-archive-rule prints it, is a --filter too.
    let query = aafilter(
      [
        "query", "--findings", "Examples/list-findings.json", "--filter",
        #"{"archiveRule": \#(Self.services)}"#, "--output", "ids",
      ])
    let same = aafilter([
      "query", "--findings", "Examples/list-findings.json", "--filter", "principal.Service exists",
      "--output", "ids",
    ])
    XCTAssertEqual(query.status, 0, query.stderr)
    XCTAssertEqual(query.stdout, same.stdout)
    // get-archive-rule's own example output compiles (it used to be a syntax error at '{').
    let single = aafilter(["compile", "-"], stdin: #"{"archiveRule": \#(Self.services)}"#)
    XCTAssertEqual(single.status, 0, single.stderr)
    XCTAssertTrue(single.stdout.contains("\"ruleName\": \"Services\""), single.stdout)
  }

  private func jsonCodes(_ text: String) -> [String] {
    text.components(separatedBy: "\"code\": ").dropFirst().map { String($0.prefix { $0 != "," }) }
  }
}

extension DiffPlanTests {
  /// Runs each case in-process: exact standard output and exit status, and part of the errors.
  func run(_ cases: [Case]) {
    for item in cases {
      let result = aafilter(item.arguments, files: item.files)
      XCTAssertEqual(result.stdout, item.stdout, result.stderr, line: item.line)
      XCTAssertEqual(result.status, item.status, result.stderr, line: item.line)
      if !item.stderrContains.isEmpty {
        XCTAssertTrue(result.stderr.contains(item.stderrContains), result.stderr, line: item.line)
      }
    }
  }
}

extension DiffPlanTests.Case {
  init(
    _ invocation: ([String], [String: String], UInt), _ stdout: String, _ status: Int32,
    stderrContains: String = ""
  ) {
    self.init(
      arguments: invocation.0, files: invocation.1, stdout: stdout, status: status,
      stderrContains: stderrContains, line: invocation.2)
  }
}
