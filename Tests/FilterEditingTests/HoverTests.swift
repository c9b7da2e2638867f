import FilterDSL
import FilterEditing
import XCTest

/// Hover on keys, rule names, operators and values; `‸` marks the pointer.
final class HoverTests: XCTestCase {
  struct Case {
    var text: String
    var settings: DocumentSettings
    /// Fragments the Markdown must hold; `nil` when there must be no hover.
    var says: [String]?
    /// The word the hover is about.
    var about: String
    var line: UInt

    init(
      _ text: String, settings: DocumentSettings = DocumentSettings(), says: [String]?,
      about: String = "", line: UInt = #line
    ) {
      self.text = text
      self.settings = settings
      self.says = says
      self.about = about
      self.line = line
    }
  }

  static let cases: [Case] = [
    Case(
      "rule A { isPub‸lic eq false }",
      says: [
        "**isPublic**", "public access", "`true` or `false`", "external-access findings",
        "Documented by AWS as a filter key for external-access",
      ], about: "isPublic"),
    Case(
      "rule A { ‸accessType eq INTRA_ORG }",
      settings: DocumentSettings(fallbackAnalyzer: .internal),
      says: ["**accessType**", "`INTRA_ACCOUNT`, `INTRA_ORG`", "Not in AWS's filter-key table"],
      about: "accessType"),
    Case(
      "rule A { findingType‸ eq UnusedIAMRole }",
      says: [
        "**findingType**", "`UnusedIAMRole`",
        "Documented by AWS as a filter key for unused-access only",
      ],
      about: "findingType"),
    Case(
      "rule A { condition.aws:SourceVpc‸ eq vpc-1 }",
      says: ["condition key `aws:SourceVpc`", "any string"], about: "condition.aws:SourceVpc"),
    Case(
      "rule A { resourcetype‸ eq x }", says: ["Not a filter key aafilter knows"],
      about: "resourcetype"),
    // What a rule compiles to.
    Case(
      "rule Tru‸sted { principal.AWS eq 111122223333 and isPublic eq false }",
      says: ["**rule Trusted**", "```json", "\"principal.AWS\": {", "\"111122223333\""],
      about: "Trusted"),
    Case(
      "rule Wide‸ { resourceType eq AWS::S3::Bucket or isPublic eq false }",
      says: ["Does not compile", "With split it becomes 2 archive rules: `Wide-1`, `Wide-2`"],
      about: "Wide"),
    Case(
      "rule Wide‸ { resourceType eq AWS::S3::Bucket or isPublic eq false }",
      settings: DocumentSettings(split: true),
      says: ["Split into 2 archive rules: `Wide-1`, `Wide-2`", "\"ruleName\": \"Wide-2\""],
      about: "Wide"),
    Case(
      "# Wide-‸2 archives the public buckets\nrule Wide { resourceType eq AWS::S3::Bucket or isPublic eq false }",
      settings: DocumentSettings(split: true),
      says: [
        "`Wide-2` is part 2 of the 2 archive rules", "\"isPublic\": {",
        "Split into 2 archive rules",
      ], about: "Wide-2"),
    Case(
      "# Wide-‸7\nrule Wide { resourceType eq AWS::S3::Bucket or isPublic eq false }",
      says: ["A split makes no `Wide-7` of it.", "Does not compile"], about: "Wide-7"),
    // Operators and values.
    Case(
      "rule A { resource con‸tains bucket }", says: ["substring", "`contains`"],
      about: "contains"),
    Case("rule A { error not in‸ [a] }", says: ["`not in [a, b]` is `neq`"], about: "in"),
    Case("rule A { isPublic =‸ false }", says: ["API operator `eq`"], about: "="),
    Case(
      "rule A { resourceType eq AWS::S3::B‸ucket }", says: ["a value of `resourceType`"],
      about: "AWS::S3::Bucket"),
    Case(
      "rule A { resourceType eq AWS::S3::B‸ucket }",
      settings: DocumentSettings(fallbackAnalyzer: .unused),
      says: ["unused-access findings never hold"], about: "AWS::S3::Bucket"),
    Case(
      "rule A { principal.AWS eq \"*‸\" }", says: ["the public principal"], about: "\"*\""),
    Case(
      "rule A { resourceOwnerAccount eq 1111222‸23333 }", says: ["an account id"],
      about: "111122223333"),
    // The analyzer directive.
    Case(
      "# aafilter: analyzer=un‸used\nrule A { }",
      says: ["**Analyzer directive**: unused-access", "`ACCOUNT_UNUSED_ACCESS`"],
      about: "# aafilter: analyzer=unused"),
    Case("rule A { }\n# aafilter: analyzer=un‸used", says: nil),
    // Nothing useful to say.
    Case("rule A { error eq some‸thing }", says: nil),
    Case("rule A {‸ }", says: nil),
    Case("rule A { }   ‸   ", says: nil),
    Case("# just a comment‸\nrule A { }", says: nil),
  ]

  func testHover_describesWhatIsUnderThePointer() {
    for testCase in Self.cases {
      let (text, offset) = marked(testCase.text)
      let hover = EditorDocument(text: text, settings: testCase.settings).hover(at: offset)
      guard let says = testCase.says else {
        XCTAssertNil(hover, line: testCase.line)
        continue
      }
      guard let hover else {
        XCTFail("no hover", line: testCase.line)
        continue
      }
      for fragment in says {
        XCTAssertTrue(
          hover.markdown.contains(fragment), "\(fragment) in \(hover.markdown)",
          line: testCase.line)
      }
      XCTAssertEqual(slice(text, hover.range), testCase.about, line: testCase.line)
    }
  }
}
