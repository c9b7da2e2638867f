import FilterDSL
import FilterEditing
import XCTest

/// Completion on documents being typed; `‸` marks the cursor.
final class CompletionTests: XCTestCase {
  struct Case {
    var text: String
    var settings = DocumentSettings()
    /// Labels that must be offered.
    var offered: [String]
    /// Labels that must not be.
    var absent: [String] = []
    /// What the candidates replace, as text.
    var replacing = ""
    var line: UInt

    init(
      text: String, settings: DocumentSettings = DocumentSettings(), offered: [String],
      absent: [String] = [], replacing: String = "", line: UInt = #line
    ) {
      self.text = text
      self.settings = settings
      self.offered = offered
      self.absent = absent
      self.replacing = replacing
      self.line = line
    }
  }

  static let cases: [Case] = [
    // Keys where a predicate starts, for the document's family and archive rules.
    Case(
      text: "rule A {\n  ‸\n}",
      offered: ["resourceType", "isPublic", "principal.AWS", "condition.aws:SourceIp", "error"],
      absent: ["status", "id", "changeType", "accessType", "principalType", "rule"]),
    Case(
      text: "rule A {\n  ‸\n}", settings: DocumentSettings(fallbackAnalyzer: .unused),
      offered: ["findingType", "resource", "resourceOwnerAccount"],
      absent: ["isPublic", "principal.AWS", "condition.aws:SourceIp"]),
    Case(
      text: "# aafilter: analyzer=unused\nrule A {\n  ‸\n}",
      settings: DocumentSettings(fallbackAnalyzer: .internal),
      offered: ["findingType"], absent: ["isPublic", "principalType"]),
    Case(
      text: "rule A {\n  ‸\n}", settings: DocumentSettings(fallbackAnalyzer: .internal),
      offered: ["principalType", "accessType", "principal.AWS"], absent: ["isPublic"]),
    Case(
      text: "rule A { isPublic eq false and (‸) }", offered: ["resourceType"],
      absent: ["and", "eq"]),
    Case(
      text: "isPublic eq false or ‸", offered: ["resourceType"], absent: ["rule", "status"]),
    Case(
      text: "rule A { resourc‸ }", offered: ["resource", "resourceType"], replacing: "resourc"),
    // After `condition.`, that family's entries, with those the document already uses.
    Case(
      text: "rule A { condition.aws:RequestTag/team eq x }\nrule B { condition.‸ }",
      offered: ["condition.aws:RequestTag/team", "condition.aws:SourceIp"],
      absent: ["resourceType", "principal.AWS", "condition."], replacing: "condition."),
    Case(
      text: "rule B { principal.‸ }", offered: ["principal.AWS", "principal.Federated"],
      absent: ["condition.aws:SourceIp"], replacing: "principal."),
    // Operators after a key.
    Case(
      text: "rule A { isPublic ‸ }",
      offered: ["eq", "neq", "contains", "in", "not in", "exists", "not exists", "=", "!="],
      absent: ["resourceType", "false"]),
    Case(text: "rule A { isPublic e‸ }", offered: ["eq", "exists"], replacing: "e"),
    Case(text: "rule A { error not ‸ }", offered: ["in", "exists"], absent: ["eq", "contains"]),
    // Values after an operator on an enumerated key.
    Case(text: "rule A { isPublic eq ‸ }", offered: ["false", "true"], absent: ["eq", "and"]),
    Case(text: "rule A { isPublic=‸ }", offered: ["false", "true"]),
    // Offsets are UTF-8 bytes: non-ASCII text and CRLF before the cursor.
    Case(
      text: "# é 😀 e\u{301}\r\nrule \"Ключ\" {\r\n  error eq \"ü\" and isPublic eq f‸\r\n}",
      offered: ["false", "true"], replacing: "f"),
    Case(
      text: "rule A { resourceType eq ‸ }", offered: ["AWS::S3::Bucket", "AWS::IAM::Role"],
      absent: ["ExternalAccess"]),
    Case(
      text: "rule A { resourceType eq ‸ }", settings: DocumentSettings(fallbackAnalyzer: .unused),
      offered: ["AWS::IAM::Role", "AWS::IAM::User"], absent: ["AWS::S3::Bucket"]),
    Case(
      text: "rule A { resourceType in [AWS::S3::Bucket, ‸] }", offered: ["AWS::IAM::Role"],
      absent: ["AWS::S3::Bucket"]),
    Case(
      text: "rule A { resourceType eq \"AWS::S3‸\" }", offered: ["AWS::S3::Bucket"],
      replacing: "\"AWS::S3\""),
    Case(
      text: "rule A { findingType eq ‸ }",
      offered: ["ExternalAccess", "UnusedIAMRole", "InternalAccess"]),
    Case(
      text: "rule A { findingType eq ‸ }", settings: DocumentSettings(fallbackAnalyzer: .unused),
      offered: ["UnusedIAMRole", "UnusedPermission"], absent: ["ExternalAccess"]),
    Case(
      text: "rule A { resourceControlPolicyRestriction neq ‸ }",
      offered: ["APPLICABLE", "NOT_APPLICABLE"]),
    Case(text: "rule A { isPublic exists ‸ }", offered: ["and", "or"], absent: ["false"]),
    // Account ids and principals already used in the document.
    Case(
      text:
        "rule A { principal.AWS in [111122223333, \"arn:aws:iam::444455556666:role/a b\"] }\nrule B { principal.AWS eq ‸ }",
      offered: ["111122223333", "arn:aws:iam::444455556666:role/a b"]),
    Case(
      text: "rule A { principal.AWS eq 111122223333 }\nrule B { resourceOwnerAccount eq ‸ }",
      offered: ["111122223333"]),
    Case(
      text: "rule A { principal.AWS eq 111122223333 }\nrule B { resourceOwnerAccount eq 1111‸ }",
      offered: ["111122223333"], absent: ["1111"], replacing: "1111"),
    // `and`/`or` after a value; `rule` where a rule may start.
    Case(text: "rule A { isPublic eq false ‸ }", offered: ["and", "or"], absent: ["isPublic"]),
    Case(text: "rule A { isPublic eq false and‸ }", offered: ["and", "or"], replacing: "and"),
    Case(
      text: "rule A { isPublic eq false }\n‸", offered: ["rule", "rule NAME { }"],
      absent: ["resourceType"]),
    Case(text: "‸", offered: ["rule", "rule NAME { }", "resourceType"]),
    Case(text: "ru‸", offered: ["rule", "resourceType"], replacing: "ru"),
    // The analyzer directive: the line at the top, the families after `analyzer=`.
    Case(text: "‸", offered: ["# aafilter: analyzer="]),
    Case(
      text: "# aafilter: analyzer=unused\n‸", offered: ["rule"],
      absent: ["# aafilter: analyzer="]),
    Case(
      text: "# aafilter: analyzer=‸\nrule A { }", offered: ["external", "internal", "unused"]),
    Case(
      text: "#AAFilter : Analyzer = un‸sed\nrule A { }", offered: ["unused"],
      replacing: "unsed"),
    Case(text: "rule A { }\n# aafilter: analyzer=‸", offered: []),
    // Nothing in other comments, rule names, or before the brace.
    Case(text: "rule A { # isPublic ‸\n }", offered: []),
    Case(text: "rule ‸", offered: []),
    Case(text: "rule A ‸", offered: []),
  ]

  func testCompletion_offersWhatTheGrammarExpects() {
    for testCase in Self.cases {
      let (text, offset) = marked(testCase.text)
      let candidates = EditorDocument(text: text, settings: testCase.settings).completions(
        at: offset)
      let labels = candidates.map(\.label)
      for label in testCase.offered {
        XCTAssertTrue(labels.contains(label), "\(label) in \(labels)", line: testCase.line)
      }
      for label in testCase.absent {
        XCTAssertFalse(labels.contains(label), "\(label) in \(labels)", line: testCase.line)
      }
      if testCase.offered.isEmpty {
        XCTAssertEqual(labels, [], line: testCase.line)
      }
      for candidate in candidates {
        XCTAssertEqual(
          slice(text, candidate.replacing), testCase.replacing, candidate.label,
          line: testCase.line)
        XCTAssertTrue(
          candidate.replacing.start <= offset && offset <= candidate.replacing.end,
          line: testCase.line)
      }
    }
  }

  func testCompletion_insertsTextTheGrammarReads() {
    let (text, offset) = marked(
      "rule A { principal.AWS eq \"arn:aws:iam::444455556666:role/a b\" }\nrule B { principal.AWS eq ‸ }"
    )
    let document = EditorDocument(text: text)
    let principal = document.completions(at: offset).first {
      $0.label == "arn:aws:iam::444455556666:role/a b"
    }
    XCTAssertEqual(principal?.insertText, "\"arn:aws:iam::444455556666:role/a b\"")
    XCTAssertEqual(principal?.kind, .reference)
    // Inserting any offered value gives a predicate that lints without syntax errors.
    for candidate in EditorDocument(text: "rule A { resourceType eq  }").completions(at: 25) {
      let edited = TextReplacement.apply(
        [TextReplacement(range: candidate.replacing, text: candidate.insertText)],
        to: "rule A { resourceType eq  }")
      XCTAssertFalse(Linter.lint(edited).diagnostics.hasErrors, edited)
      XCTAssertEqual(candidate.kind, .value)
    }
  }

  func testCompletion_ruleSnippetAndKeyDocumentation() {
    let (text, offset) = marked("rule Rule1 { isPublic eq false }\n‸")
    let candidates = EditorDocument(text: text).completions(at: offset)
    let snippet = candidates.first { $0.kind == .snippet }
    XCTAssertEqual(snippet?.insertText, "rule ${1:Rule2} {\n  $0\n}")
    XCTAssertEqual(snippet?.isSnippet, true)
    XCTAssertEqual(candidates.first { $0.label == "rule" }?.kind, .keyword)

    let key = EditorDocument(text: "rule A { }").completions(at: 9).first {
      $0.label == "resourceControlPolicyRestriction"
    }
    XCTAssertEqual(key?.kind, .key)
    let documentation = key?.documentation ?? ""
    XCTAssertTrue(documentation.contains("resource control policy"), documentation)
    XCTAssertTrue(documentation.contains("`APPLICABLE`"), documentation)
    XCTAssertTrue(documentation.contains("Documented by AWS"), documentation)
    XCTAssertEqual(key?.detail, "filter key · external, internal")
  }
}
