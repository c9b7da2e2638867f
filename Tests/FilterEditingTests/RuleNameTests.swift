import FilterDSL
import FilterEditing
import XCTest

/// Definition, references and rename of rule names, in definitions and in comments.
final class RuleNameTests: XCTestCase {
  static let text = """
    # Wide-1 and Wide-2 are what a split makes of Wide.
    rule Wide {
      resourceType eq AWS::S3::Bucket or isPublic eq false
    }
    # Narrow is covered by Wide; see also Wideness and Wide-x.
    rule Narrow { isPublic eq false and error exists }

    """

  private func offset(of fragment: String, plus extra: Int = 0) -> Int {
    guard let range = Self.text.range(of: fragment) else { return -1 }
    return Self.text.utf8.distance(from: Self.text.startIndex, to: range.lowerBound) + extra
  }

  func testDefinition_fromDefinitionsAndMentions() {
    let document = EditorDocument(text: Self.text)
    let wide = document.definition(at: offset(of: "Wide {"))
    XCTAssertEqual(wide.map { slice(Self.text, $0) }, "Wide")
    XCTAssertEqual(wide.map(\.start), offset(of: "Wide {"))
    let cases: [(Int, SourceRange?, UInt)] = [
      (offset(of: "Wide-1"), wide, #line),
      (offset(of: "Wide-2", plus: 5), wide, #line),  // on the part's number
      (offset(of: "of Wide.", plus: 3), wide, #line),  // sentence-final dot
      (offset(of: "by Wide;", plus: 4), wide, #line),
      (offset(of: "Narrow is"), document.definition(at: offset(of: "Narrow {")), #line),
      (offset(of: "Wideness", plus: 2), nil, #line),
      (offset(of: "Wide-x", plus: 1), nil, #line),
      (offset(of: "resourceType"), nil, #line),
      (offset(of: "split"), nil, #line),
    ]
    for (cursor, expected, line) in cases {
      XCTAssertEqual(document.definition(at: cursor), expected, line: line)
    }
  }

  func testReferences_listEveryMention() {
    let document = EditorDocument(text: Self.text)
    let references = document.references(at: offset(of: "Wide {")).map { slice(Self.text, $0) }
    XCTAssertEqual(references, ["Wide-1", "Wide-2", "Wide", "Wide", "Wide"])
    XCTAssertEqual(document.references(at: offset(of: "Wide-2")).count, 5)
    XCTAssertEqual(
      document.references(at: offset(of: "Narrow {")).map { slice(Self.text, $0) },
      ["Narrow", "Narrow"])
    XCTAssertEqual(document.references(at: offset(of: "isPublic")), [])
    XCTAssertEqual(
      document.renameRange(at: offset(of: "Wide-2", plus: 5)).map { slice(Self.text, $0) },
      "Wide")
  }

  func testRename_editsDefinitionsAndMentions() throws {
    let document = EditorDocument(text: Self.text)
    let edits = try document.rename(at: offset(of: "Wide-1"), to: "Buckets").get()
    let renamed = TextReplacement.apply(edits, to: Self.text)
    XCTAssertEqual(
      renamed,
      """
      # Buckets-1 and Buckets-2 are what a split makes of Buckets.
      rule Buckets {
        resourceType eq AWS::S3::Bucket or isPublic eq false
      }
      # Narrow is covered by Buckets; see also Wideness and Wide-x.
      rule Narrow { isPublic eq false and error exists }

      """)
    // The renamed document finds the same references under the new name.
    XCTAssertEqual(EditorDocument(text: renamed).references(at: 2).count, 5)
  }

  func testRename_refusals() {
    let document = EditorDocument(text: Self.text)
    let cases: [(Int, String, String?, UInt)] = [
      (offset(of: "Wide {"), "1st", "'1st' is not a valid archive rule name", #line),
      (offset(of: "Wide {"), "", "'' is not a valid archive rule name", #line),
      (offset(of: "Wide {"), "has space", "not a valid archive rule name", #line),
      (offset(of: "Wide {"), "Narrow", "a rule named 'Narrow' already exists", #line),
      (offset(of: "isPublic"), "X", "there is no rule name here to rename", #line),
      (offset(of: "Wide {"), "Wide", nil, #line),
    ]
    for (cursor, name, refusal, line) in cases {
      switch document.rename(at: cursor, to: name) {
      case .success(let edits):
        XCTAssertNil(refusal, line: line)
        XCTAssertEqual(edits, [], line: line)
      case .failure(let error):
        XCTAssertTrue(
          error.message.contains(refusal ?? "(no refusal)"), error.message, line: line)
      }
    }
  }

  func testRename_quotedNamesAndKeywords() throws {
    let text = "rule \"Quoted\" { isPublic eq false }\n"
    let edits = try EditorDocument(text: text).rename(at: 7, to: "and").get()
    let renamed = TextReplacement.apply(edits, to: text)
    // 'and' is a valid name but a keyword: it must be written quoted.
    XCTAssertEqual(renamed, "rule \"and\" { isPublic eq false }\n")
    XCTAssertEqual(FilterCompiler.compile(renamed).rules.map(\.ruleName), ["and"])
  }
}
