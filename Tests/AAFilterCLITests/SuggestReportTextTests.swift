@testable import AAFilterCLI
import FilterDSL
import FilterSuggest
import XCTest

/// `suggest`'s report, golden: from a suggestion made by hand (every part the renderer has),
/// and end to end on a small fixture with a rule, a twin and a public finding.
final class SuggestReportTextTests: XCTestCase {
  static func rule(
    _ name: String, covered: [String], margin: Margin?, isBroad: Bool = false
  ) -> SuggestedRule {
    SuggestedRule(
      archiveRule: ArchiveRule(
        ruleName: name, filter: ["resourceType": Criterion(eq: ["AWS::IAM::Role"])]),
      covered: covered,
      choices: [KeyChoice(key: "resourceType", reason: "nothing narrower separates them")],
      margin: margin, isBroad: isBroad)
  }

  /// More rules than the default quota (with --max-rules raised) are said to be so, as
  /// convert and preview hold to the quota; at the quota, nothing is said.
  func testOverQuota_warned() {
    let cases: [(Int, Bool, UInt)] = [(100, false, #line), (101, true, #line), (150, true, #line)]
    for (count, warned, line) in cases {
      let rules = (0..<count).map { Self.rule("r\($0)", covered: ["e\($0)"], margin: nil) }
      let suggestion = FilterSuggest.Suggestion(
        ruleSets: [SuggestedRuleSet(family: .unused, rules: rules)], uncovered: [],
        expectedCount: count, keptCount: 0, search: [])
      let lines = SuggestReportText.lines(suggestion, maxRules: 200, explain: false)
      let warning =
        "warning: unused-access: \(count) rules, more than the quota of 100 archive rules per analyzer that convert and preview hold to (check --max-rules \(count) reads them)"
      XCTAssertEqual(lines.contains(warning), warned, "\(lines.suffix(3))", line: line)
    }
  }

  func testRenderer_golden() {
    let suggestion = FilterSuggest.Suggestion(
      ruleSets: [
        SuggestedRuleSet(
          family: .unused,
          rules: [
            Self.rule(
              "roles", covered: ["u1", "u2", "u3", "u4", "u5"],
              margin: Margin(keptID: "k1", key: "resourceType", keptValue: "AWS::IAM::User"),
              isBroad: true),
            Self.rule("one", covered: ["u6"], margin: nil),
          ])
      ],
      uncovered: [
        UncoveredFinding(id: "u7", family: .unused, reason: .ruleLimit),
        UncoveredFinding(
          id: "u8", family: .unused, reason: .isPublic, detail: "a stale access key of no user"),
        UncoveredFinding(id: "e1", family: .external, reason: .isPublic),
        UncoveredFinding(id: "x\u{1B}[2J", family: nil, reason: .inseparable(keptID: "k2")),
      ],
      expectedCount: 10, keptCount: 1, search: ["first step", "second step"])
    XCTAssertEqual(
      SuggestReportText.lines(suggestion, maxRules: 2, explain: true).joined(separator: "\n"),
      """
      unused-access: 2 rules covering 6 expected findings
        rule roles covers 5 findings
          ids: u1, u2, u3 and 2 more
          resourceType: nothing narrower separates them
          margin: the nearest kept finding, k1, is told apart by resourceType (it has AWS::IAM::User)
          broad: it narrows only by resource type, finding type or owner account (the broad-archive-rule risk): nothing narrower separates these findings from the kept ones
        rule one covers 1 finding
          ids: u6
          resourceType: nothing narrower separates them
          margin: no kept finding of this family to tell apart

      uncovered: 4 expected findings
        u7 (unused-access): the rule limit is reached (--max-rules 2)
        u8 (unused-access): no rule for it could be kept safe (--allow-public allows it); a stale access key of no user
        e1 (external-access): public: suggested rules never archive public findings (--allow-public allows it)
        x\u{1B}[2J: cannot be told apart from the kept finding k2: they share every value a rule could test

      search:
        first step
        second step

      suggest: 2 rules archive 6 of 10 expected findings and not the one kept finding; 4 uncovered
      """)
    // Without --explain, no search; an exact suggestion says "all".
    var exact = suggestion
    exact.uncovered = []
    exact.expectedCount = 6
    exact.keptCount = 0
    let lines = SuggestReportText.lines(exact, maxRules: 100, explain: false)
    XCTAssertFalse(lines.contains("search:"))
    XCTAssertEqual(
      lines.last, "suggest: 2 rules archive all 6 expected findings with no finding to keep")
  }

  /// The command writes each line escaped: an id cannot drive the terminal.
  func testReport_escapesControlCharacters() {
    let findings =
      #"{"id": "bad\u001b[2J", "status": "ACTIVE", "resource": "r", "isPublic": false, "principal": {"AWS": "1"}}"#
    let result = aafilter(
      ["suggest", "--findings", "f.jsonl", "--expected", "-"], stdin: "bad\u{1B}[2J\n",
      files: ["f.jsonl": findings + "\n"])
    XCTAssertEqual(result.status, 0, result.stderr)
    XCTAssertFalse(result.stderr.contains("\u{1B}"), result.stderr)
    XCTAssertTrue(result.stderr.contains("bad\\u{1B}[2J"), result.stderr)
  }

  func testEndToEnd_golden() {
    let finding = { (id: String, status: String, bucket: String, principal: String, open: Bool) in
      #"{"id": "\#(id)", "status": "\#(status)", "resource": "arn:aws:s3:::\#(bucket)", "resourceType": "AWS::S3::Bucket", "resourceOwnerAccount": "111122223333", "principal": {"AWS": "\#(principal)"}, "condition": {}, "isPublic": \#(open)}"#
    }
    let findings = [
      finding("a1", "ACTIVE", "logs", "444455556666", false),
      finding("a2", "ACTIVE", "data", "444455556666", false),
      finding("k1", "ACTIVE", "logs", "999900001111", false),
      finding("t1", "ACTIVE", "web", "999900001111", false),
      finding("t2", "ACTIVE", "web", "999900001111", false),
      finding("p1", "ACTIVE", "site", "*", true),
      finding("old", "ARCHIVED", "old", "*", true),
    ].joined(separator: "\n")
    let result = aafilter(
      ["suggest", "--findings", "f.jsonl", "--expected", "ids"],
      files: ["f.jsonl": findings, "ids": "a1\na2\nt1\np1\n"])
    XCTAssertEqual(result.status, 1)
    XCTAssertEqual(
      result.stdout,
      """
      # aafilter: analyzer=external

      rule suggested-AWS-444455556666 {
        isPublic eq false and principal.AWS eq 444455556666
      }

      """)
    XCTAssertEqual(
      result.stderr,
      """
      external-access: 1 rule covering 2 expected findings
        rule suggested-AWS-444455556666 covers 2 findings
          ids: a1, a2
          principal.AWS: names who has access; shared by every finding it covers; alone keeps out 2 kept findings that match the rest
          isPublic: required: never archive a finding that is public
          margin: the nearest kept finding, k1, is told apart by principal.AWS (it has 999900001111)

      uncovered: 2 expected findings
        t1 (external-access): cannot be told apart from the kept finding t2: they share every value a rule could test
        p1 (external-access): public: suggested rules never archive public findings (--allow-public allows it)

      suggest: 1 rule archives 2 of 4 expected findings and none of the 2 kept ones; 2 uncovered

      """)
  }
}
