import FilterDSL
import XCTest

/// `JSONValue` is what tools embed: equal values serialize alike, strings compare by bytes
/// (as the service compares them), members keep their order, and the layout is stable.
final class JSONValueTests: XCTestCase {
  func testEquality_isByTextAndOrder() {
    let precomposed = JSONValue.string("caf\u{E9}")
    let decomposed = JSONValue.string("cafe\u{301}")
    let cases: [(JSONValue, JSONValue, Bool, UInt)] = [
      (.null, .null, true, #line),
      (.null, .bool(false), false, #line),
      (.bool(true), .bool(true), true, #line),
      (.bool(true), .bool(false), false, #line),
      (.number("1"), .number(1), true, #line),
      (.number("1.0"), .number("1"), false, #line),
      (.number("1"), .string("1"), false, #line),
      (precomposed, precomposed, true, #line),
      // Swift's String calls these equal; the service does not.
      (precomposed, decomposed, false, #line),
      (.array([.null, .number(2)]), .array([.null, .number(2)]), true, #line),
      (.array([.null, .number(2)]), .array([.number(2), .null]), false, #line),
      (.array([.null]), .array([.null, .null]), false, #line),
      (
        .object([("a", .null), ("b", .bool(true))]), .object([("a", .null), ("b", .bool(true))]),
        true, #line
      ),
      (
        .object([("a", .null), ("b", .bool(true))]), .object([("b", .bool(true)), ("a", .null)]),
        false, #line
      ),
      (.object([("a", .null)]), .object([("a", .null), ("a", .null)]), false, #line),
      (.object([("a", .null)]), .object([("A", .null)]), false, #line),
      (.object([("a", precomposed)]), .object([("a", decomposed)]), false, #line),
      (.object([]), .array([]), false, #line),
    ]
    for (lhs, rhs, equal, line) in cases {
      XCTAssertEqual(
        lhs == rhs, equal, "\(lhs.serialized(pretty: false)) vs \(rhs.serialized(pretty: false))",
        line: line)
      XCTAssertEqual(
        Array(lhs.serialized().utf8) == Array(rhs.serialized().utf8), equal, "serialized",
        line: line)
      if equal { XCTAssertEqual(lhs.hashValue, rhs.hashValue, "hash", line: line) }
    }
    // As set members and dictionary keys: distinct by bytes, equal ones merge.
    let set: Set<JSONValue> = [
      precomposed, decomposed, precomposed, .object([("k", precomposed)]),
      .object([("k", decomposed)]), .object([("k", precomposed)]), .array([.number(1)]),
      .array([.number("1")]), .bool(false), .null,
    ]
    XCTAssertEqual(set.count, 7)
  }

  func testSerialization_goldenLayouts() {
    let value = JSONValue.object([
      ("s", .string("tab\there \"q\" \\ / \u{1}é😀")), ("n", .number("-1.5e3")),
      ("a", .array([.bool(true), .null, .array([]), .object([])])),
      ("o", .object([("x", .array([.number(0)]))])),
    ])
    XCTAssertEqual(
      value.serialized(pretty: false),
      #"{"s":"tab\there \"q\" \\ / \u0001é😀","n":-1.5e3,"a":[true,null,[],{}],"o":{"x":[0]}}"#)
    XCTAssertEqual(
      value.serialized(),
      #"""
      {
        "s": "tab\there \"q\" \\ / \u0001é😀",
        "n": -1.5e3,
        "a": [
          true,
          null,
          [],
          {}
        ],
        "o": {
          "x": [
            0
          ]
        }
      }
      """#)
  }

  /// A diagnostic with a note and a fix, as `check --output json` writes it: every range with
  /// offsets, line and column.
  func testDiagnosticJSON_notesAndFixCarryPositions() {
    let source = "a\nisPublic eq false\n"
    let diagnostic = Diagnostic(
      .warning, .duplicateCriteria, "twice", at: SourceRange(start: 2, end: 10), label: "here",
      help: "merge them",
      notes: [
        Diagnostic.Note("first given here", range: SourceRange(start: 0, end: 1)),
        Diagnostic.Note("no place"),
      ],
      fix: Diagnostic.Fix(range: SourceRange(start: 11, end: 13), replacement: "neq"))
    XCTAssertEqual(
      diagnostic.json(source: source, file: "r.aaf").serialized(pretty: false),
      #"{"severity":"warning","code":"duplicate-criteria","message":"twice","file":"r.aaf","#
        + #""range":{"start":2,"end":10,"line":2,"column":1,"endLine":2,"endColumn":9},"#
        + #""label":"here","help":"merge them","notes":[{"message":"first given here","#
        + #""range":{"start":0,"end":1,"line":1,"column":1,"endLine":1,"endColumn":2}},"#
        + #"{"message":"no place"}],"fix":{"range":{"start":11,"end":13,"line":2,"column":10,"#
        + #""endLine":2,"endColumn":12},"replacement":"neq"}}"#)
    let bare = Diagnostic(.error, .missingValue, "m", at: SourceRange(start: 0, end: 0))
    XCTAssertEqual(
      bare.json(source: "", file: nil).serialized(pretty: false),
      #"{"severity":"error","code":"missing-value","message":"m","range":{"start":0,"end":0,"line":1,"column":1,"endLine":1,"endColumn":1}}"#
    )
  }

  func testModelJSON_canonicalOrder() {
    let rule = ArchiveRule(
      ruleName: "R",
      filter: [
        "resourceType": Criterion(eq: ["b", "a"]),
        "isPublic": Criterion(eq: ["false"], neq: ["x"], contains: ["c"], exists: true),
      ])
    XCTAssertEqual(
      rule.json.serialized(pretty: false),
      #"{"ruleName":"R","filter":{"isPublic":{"contains":["c"],"eq":["false"],"exists":true,"neq":["x"]},"resourceType":{"eq":["b","a"]}}}"#
    )
    XCTAssertEqual(
      SortCriteria(attributeName: "updatedAt", orderBy: .descending).json.serialized(pretty: false),
      #"{"attributeName":"updatedAt","orderBy":"DESC"}"#)
  }
}
