import AAFilterTestSupport
import FilterDSL
import FilterEditing
import XCTest

@testable import FilterLSP

/// didOpen, didChange (full and incremental, in order) and didClose, and the diagnostics each
/// leads to.
final class TextSyncTests: XCTestCase {
  private static let uri = "file:///rules.aaf"

  private func change(_ version: Int, _ changes: [(range: (Int, Int, Int, Int)?, text: String)])
    -> JSONValue
  {
    .object([
      (
        "textDocument",
        .object([("uri", .string(Self.uri)), ("version", .number(version))])
      ),
      (
        "contentChanges",
        .array(
          changes.map { change in
            var members: [(String, JSONValue)] = []
            if let (l1, c1, l2, c2) = change.range {
              members.append(
                (
                  "range",
                  json(
                    #"{"start":{"line":\#(l1),"character":\#(c1)},"end":{"line":\#(l2),"character":\#(c2)}}"#
                  )
                ))
            }
            members.append(("text", .string(change.text)))
            return .object(members)
          })
      ),
    ])
  }

  /// (encoding offered, original, changes, expected text)
  static let cases: [(Bool, String, [(range: (Int, Int, Int, Int)?, text: String)], String, UInt)] =
    [
      (false, "abc", [(nil, "xyz")], "xyz", #line),
      (false, "abc", [((0, 1, 0, 2), "Q")], "aQc", #line),
      // Applied in order: the second range is in the text the first left.
      (false, "abc", [((0, 0, 0, 0), "12"), ((0, 2, 0, 3), "")], "12bc", #line),
      (false, "a\nb\nc", [((1, 0, 2, 0), "")], "a\nc", #line),
      (false, "a\r\nb", [((0, 1, 1, 0), " ")], "a b", #line),
      // UTF-16: 😀 is two units; a position inside it means its start.
      (false, "😀x", [((0, 2, 0, 3), "y")], "😀y", #line),
      (false, "😀x", [((0, 1, 0, 2), "")], "x", #line),
      // UTF-8 when offered: 😀 is four bytes.
      (true, "😀x", [((0, 4, 0, 5), "y")], "😀y", #line),
      (true, "e\u{301}x", [((0, 1, 0, 3), "")], "ex", #line),
      // Past the end of a line: its end; past the last line: the end of the text.
      (false, "ab\ncd", [((0, 9, 1, 0), "-")], "ab-cd", #line),
      (false, "ab", [((5, 0, 6, 0), "!")], "ab!", #line),
      // A reversed range is the range between its ends.
      (false, "abc", [((0, 2, 0, 1), "")], "ac", #line),
      (false, "abc", [((0, 1, 0, 2), "Q"), (nil, "new"), ((0, 3, 0, 3), "!")], "new!", #line),
    ]

  func testChanges_appliedInOrder() {
    for (utf8, original, changes, expected, line) in Self.cases {
      var harness = ServerHarness()
      _ = harness.initialize(
        capabilities: utf8
          ? json(#"{"general":{"positionEncodings":["utf-8"]}}"#) : .object([]))
      _ = harness.open(Self.uri, original)
      _ = harness.notify("textDocument/didChange", change(2, changes))
      XCTAssertEqual(harness.server.documents[Self.uri]?.text, expected, line: line)
      XCTAssertEqual(harness.server.documents[Self.uri]?.version, 2, line: line)
      XCTAssertEqual(harness.logs, [], line: line)
    }
  }

  /// Random edits in UTF-16 positions give the text Foundation's UTF-16 editing gives.
  func testRandomEdits_agreeWithUTF16Editing() {
    var random = SeededGenerator(seed: 7)
    let pieces = ["a", "é", "😀", "\n", "\r\n", "\t", "e\u{301}", "ключ", "𝄞", " "]
    for _ in 0..<200 {
      var harness = ServerHarness()
      _ = harness.initialize()
      var text = (0..<Int(random.next() % 12)).map { _ in pieces[Int(random.next() % 10)] }.joined()
      _ = harness.open(Self.uri, text)
      for version in 2..<6 {
        // A range between character boundaries, as an editor sends.
        let boundaries = Array(text.unicodeScalars.indices) + [text.unicodeScalars.endIndex]
        let a = boundaries[Int(random.next() % UInt64(boundaries.count))]
        let b = boundaries[Int(random.next() % UInt64(boundaries.count))]
        let (low, high) = a <= b ? (a, b) : (b, a)
        // Never between the CR and LF of one break: not a position in LSP.
        if low > text.unicodeScalars.startIndex, low < text.unicodeScalars.endIndex,
          text.unicodeScalars[low] == "\n",
          text.unicodeScalars[text.unicodeScalars.index(before: low)] == "\r"
        {
          continue
        }
        if high > text.unicodeScalars.startIndex, high < text.unicodeScalars.endIndex,
          text.unicodeScalars[high] == "\n",
          text.unicodeScalars[text.unicodeScalars.index(before: high)] == "\r"
        {
          continue
        }
        let insert = pieces[Int(random.next() % 10)]
        let start = Self.utf16Position(text, low)
        let end = Self.utf16Position(text, high)
        _ = harness.notify(
          "textDocument/didChange", change(version, [((start.0, start.1, end.0, end.1), insert)]))
        text = String(text.unicodeScalars[..<low]) + insert + String(text.unicodeScalars[high...])
        XCTAssertEqual(harness.server.documents[Self.uri]?.text, text)
      }
    }
  }

  /// Line and UTF-16 column of an index, counting lines as LSP does (LF, CRLF, lone CR).
  private static func utf16Position(_ text: String, _ index: String.UnicodeScalarView.Index)
    -> (Int, Int)
  {
    var line = 0
    var column = 0
    var previousCR = false
    for scalar in text.unicodeScalars[..<index] {
      if scalar == "\n" {
        if !previousCR { line += 1 }
        column = 0
      } else if scalar == "\r" {
        line += 1
        column = 0
      } else {
        column += scalar.value > 0xFFFF ? 2 : 1
      }
      previousCR = scalar == "\r"
    }
    return (line, column)
  }

  /// Opening publishes at once; changes publish once after the debounce, with the version of
  /// the last change; closing clears.
  func testDiagnostics_afterOpenAndChangeDebouncedAndClearedOnClose() {
    var harness = ServerHarness()
    _ = harness.initialize()
    _ = harness.open(
      Self.uri, "resourcetype eq AWS::S3::Bucket and isPublic eq false", version: 3)
    var published = harness.settle()
    XCTAssertEqual(published.count, 1)
    XCTAssertEqual(published.first?.at("params", "version"), .number(3))
    XCTAssertEqual(
      published.first?.at("params", "diagnostics")?.arrayValue?.compactMap {
        $0["code"]?.stringValue
      },
      ["unknown-key"])
    // Two quick changes: one publication, for the second.
    _ = harness.notify("textDocument/didChange", change(4, [((0, 0, 0, 1), "R")]))
    _ = harness.notify("textDocument/didChange", change(5, [((0, 8, 0, 9), "T")]))
    XCTAssertEqual(harness.server.publishDue(now: harness.now), [])
    XCTAssertNotNil(harness.server.nextDeadline)
    published = harness.settle()
    XCTAssertEqual(published.count, 1)
    XCTAssertEqual(published.first?.at("params", "version"), .number(5))
    XCTAssertEqual(
      published.first?.at("params", "diagnostics")?.arrayValue?.compactMap {
        $0["code"]?.stringValue
      },
      EditorDocument(text: "ResourceType eq AWS::S3::Bucket and isPublic eq false").diagnostics.map(
        \.code.rawValue))
    let closed = harness.notify("textDocument/didClose", ServerHarness.document(Self.uri))
    XCTAssertEqual(closed.count, 1)
    XCTAssertEqual(closed.first?.at("params", "diagnostics"), .array([]))
    XCTAssertNil(closed.first?.at("params", "version"))
    XCTAssertNil(harness.server.nextDeadline)
    XCTAssertEqual(harness.settle(), [])
  }

  /// The diagnostics are check's, with UTF-16 ranges, the code's link, source and severities.
  func testDiagnostics_mappedFromCheck() {
    let text = "# 😀 ключ\nrule Wide {\n  resourcetype eq AWS::S3::Bucket\n}\n"
    var harness = ServerHarness()
    _ = harness.initialize()
    _ = harness.open(Self.uri, text)
    let published = harness.settle().first
    let diagnostics = published?.at("params", "diagnostics")?.arrayValue ?? []
    let expected = EditorDocument(text: text).diagnostics
    XCTAssertEqual(diagnostics.count, expected.count)
    XCTAssertFalse(expected.isEmpty)
    let lines = LineIndex(text)
    for (diagnostic, check) in zip(diagnostics, expected) {
      XCTAssertEqual(diagnostic["code"], .string(check.code.rawValue))
      XCTAssertEqual(diagnostic["message"], .string(check.message))
      XCTAssertEqual(diagnostic["source"], .string("aafilter"))
      XCTAssertEqual(
        diagnostic["severity"], .number(check.severity == .error ? 1 : 2), check.code.rawValue)
      let start = lines.position(of: check.range.start, encoding: .utf16)
      XCTAssertEqual(diagnostic.at("range", "start", "line"), .number(start.line))
      XCTAssertEqual(diagnostic.at("range", "start", "character"), .number(start.character))
      XCTAssertEqual(
        diagnostic.at("codeDescription", "href")?.stringValue?.hasPrefix(
          "https://github.com/aafilter/aafilter/blob/main/docs/checks.md#"), true)
    }
    let unknown = diagnostics.first { $0["code"] == .string("unknown-key") }
    XCTAssertEqual(
      unknown?["range"],
      json(#"{"start":{"line":2,"character":2},"end":{"line":2,"character":14}}"#))
    XCTAssertEqual(
      unknown?.at("codeDescription", "href"),
      .string("https://github.com/aafilter/aafilter/blob/main/docs/checks.md#warnings"))
    XCTAssertEqual(unknown?.at("data", "help"), .string("did you mean 'resourceType'?"))
  }

  /// A diagnostic's notes become related information at their ranges in the same document.
  func testNotes_becomeRelatedInformation() {
    let text =
      "rule Wide { isPublic eq false }\nrule Narrow { isPublic eq false and error exists }\n"
    var harness = ServerHarness()
    _ = harness.initialize()
    _ = harness.open(Self.uri, text)
    let diagnostics = harness.settle().first?.at("params", "diagnostics")?.arrayValue ?? []
    let check = EditorDocument(text: text).diagnostics
    for (diagnostic, expected) in zip(diagnostics, check) where !expected.notes.isEmpty {
      let related = diagnostic["relatedInformation"]?.arrayValue ?? []
      XCTAssertEqual(related.count, expected.notes.count)
      for (item, note) in zip(related, expected.notes) {
        XCTAssertEqual(item["message"], .string(note.message))
        XCTAssertEqual(item.at("location", "uri"), .string(Self.uri))
      }
    }
    XCTAssertTrue(check.contains { !$0.notes.isEmpty }, "the example has a note")
  }

  /// Diagnostics made on the loop's checking thread are written only while the document is
  /// still at the version they were made for.
  func testDiagnosticsJobs_staleAfterAChangeOrClose() {
    var harness = ServerHarness()
    _ = harness.initialize()
    _ = harness.open(Self.uri, "isPublic eq false", version: 1)
    let jobs = harness.server.dueDiagnostics(now: harness.now)
    XCTAssertEqual(jobs.map(\.version), [1])
    XCTAssertEqual(harness.server.dueDiagnostics(now: harness.now).count, 0)
    XCTAssertTrue(harness.server.isCurrent(uri: Self.uri, version: 1))
    XCTAssertEqual(
      jobs.first?.message().at("params", "diagnostics"),
      .array([]))
    _ = harness.notify("textDocument/didChange", change(2, [(nil, "isPublic eq true")]))
    XCTAssertFalse(harness.server.isCurrent(uri: Self.uri, version: 1))
    XCTAssertTrue(harness.server.isCurrent(uri: Self.uri, version: 2))
    _ = harness.notify("textDocument/didClose", ServerHarness.document(Self.uri))
    XCTAssertFalse(harness.server.isCurrent(uri: Self.uri, version: 2))
  }

  func testSeverities() {
    XCTAssertEqual(DiagnosticMapping.severity(.error), 1)
    XCTAssertEqual(DiagnosticMapping.severity(.warning), 2)
    XCTAssertEqual(DiagnosticMapping.severity(.risk), 2)
  }
}
