import AAFilterCLI
import AAFilterTestSupport
import FilterDSL
import FilterEditing
import XCTest

@testable import FilterLSP

/// The features through the protocol: each answer is FilterEditing's, with positions in the
/// negotiated encoding and shapes the client asked for.
final class FeatureTests: XCTestCase {
  private static let uri = "file:///rules.aaf"
  private static let text = """
    # 😀 buckets that may stay private
    rule Buckets {
      resourceType eq AWS::S3::Bucket and isPublic eq false
    }
    rule Keys {
      resourcetype eq AWS::KMS::Key
    }

    """

  private func harness(capabilities: String = "{}") -> ServerHarness {
    var harness = ServerHarness()
    _ = harness.initialize(capabilities: json(capabilities))
    _ = harness.open(Self.uri, Self.text)
    _ = harness.settle()
    return harness
  }

  /// What `aafilter format` prints for a text, run in-process.
  private func formatCommand(_ text: String) -> String {
    let capture = ConsoleCapture()
    let input = Array(text.utf8)
    let console = Console(
      write: { capture.write($0) }, writeError: { capture.writeError($0) }, readInput: { input },
      readFile: { _ in [] })
    _ = AAFilter.main(["format", "-"], console: console)
    return capture.stdout
  }

  private func apply(_ edits: [JSONValue], to text: String, encoding: PositionEncoding = .utf16)
    -> String
  {
    let lines = LineIndex(text)
    let replacements = edits.compactMap { edit -> TextReplacement? in
      guard let range = try? LSPValues(lines: lines, encoding: encoding).sourceRange(edit["range"]),
        let newText = edit["newText"]?.stringValue
      else { return nil }
      return TextReplacement(range: range, text: newText)
    }
    XCTAssertEqual(replacements.count, edits.count)
    return TextReplacement.apply(replacements, to: text)
  }

  func testFormatting_givesWhatFormatPrints() {
    for text in [
      Self.text, "isPublic   eq false and resourceType eq AWS::S3::Bucket", "rule A {}\n",
    ] {
      var harness = ServerHarness()
      _ = harness.initialize()
      _ = harness.open(Self.uri, text)
      let edits =
        harness.request(1, "textDocument/formatting", ServerHarness.document(Self.uri))?["result"]?
        .arrayValue ?? []
      XCTAssertEqual(apply(edits, to: text), formatCommand(text), text)
    }
  }

  func testCompletion_itemsWithEditsInTheDocument() {
    var harness = harness()
    // After `isPublic eq ` on line 2: the boolean values.
    let answer = harness.request(
      1, "textDocument/completion", ServerHarness.at(Self.uri, line: 2, character: 51))
    let items = answer?.at("result", "items")?.arrayValue ?? []
    let labels = items.compactMap { $0["label"]?.stringValue }
    let offset = LineIndex(Self.text).offset(of: Position(line: 2, character: 51), encoding: .utf16)
    XCTAssertEqual(labels, EditorDocument(text: Self.text).completions(at: offset).map(\.label))
    for item in items {
      XCTAssertNotNil(item.at("textEdit", "range"))
      XCTAssertEqual(item["insertTextFormat"], .number(1))
    }
  }

  func testSnippets_plainForClientsWithoutThem() {
    XCTAssertEqual(Snippet.plain("rule ${1:Name} {\n  $0\n}"), "rule Name {\n  \n}")
    XCTAssertEqual(Snippet.plain("a \\$1 ${2} b"), "a $1  b")
    XCTAssertEqual(Snippet.plain("${1:x${2:y}}z"), "xyz")
    XCTAssertEqual(Snippet.plain("{}"), "{}")
  }

  func testHover_onAKey() {
    var harness = harness()
    let answer = harness.request(
      1, "textDocument/hover", ServerHarness.at(Self.uri, line: 2, character: 4))
    let offset = LineIndex(Self.text).offset(of: Position(line: 2, character: 4), encoding: .utf16)
    let expected = EditorDocument(text: Self.text).hover(at: offset)
    XCTAssertNotNil(expected)
    XCTAssertEqual(answer?.at("result", "contents", "value"), expected.map { .string($0.markdown) })
    XCTAssertEqual(answer?.at("result", "contents", "kind"), .string("markdown"))
    XCTAssertEqual(
      answer?.at("result", "range"),
      json(#"{"start":{"line":2,"character":2},"end":{"line":2,"character":14}}"#))
    // Nothing to say on a blank line.
    XCTAssertEqual(
      harness.request(2, "textDocument/hover", ServerHarness.at(Self.uri, line: 7, character: 0))?[
        "result"], .null)
  }

  func testCodeActions_changesOrDocumentChanges() {
    let params = json(
      #"{"textDocument":{"uri":"file:///rules.aaf"},"range":{"start":{"line":5,"character":2},"end":{"line":5,"character":2}},"context":{"diagnostics":[]}}"#
    )
    var plain = harness()
    let actions = plain.request(1, "textDocument/codeAction", params)?["result"]?.arrayValue ?? []
    let fix = actions.first { $0["title"]?.stringValue?.contains("resourceType") == true }
    XCTAssertNotNil(fix, "\(actions)")
    XCTAssertEqual(fix?["kind"], .string("quickfix"))
    let edits = fix?.at("edit", "changes", Self.uri)?.arrayValue ?? []
    XCTAssertTrue(apply(edits, to: Self.text).contains("  resourceType eq AWS::KMS::Key"))
    XCTAssertEqual(fix?["diagnostics"]?.arrayValue?.first?["code"], .string("unknown-key"))

    var versioned = harness(
      capabilities: #"{"workspace":{"workspaceEdit":{"documentChanges":true}}}"#)
    let same = versioned.request(1, "textDocument/codeAction", params)?["result"]?.arrayValue ?? []
    let change = same.first { $0["title"] == fix?["title"] }?.at("edit", "documentChanges")?
      .arrayValue?.first
    XCTAssertEqual(
      change?["textDocument"], json(#"{"uri":"file:///rules.aaf","version":1}"#))
    XCTAssertEqual(change?["edits"]?.arrayValue ?? [], edits)

    // Only other kinds asked for: none.
    let refactors = json(
      #"{"textDocument":{"uri":"file:///rules.aaf"},"range":{"start":{"line":5,"character":2},"end":{"line":5,"character":2}},"context":{"diagnostics":[],"only":["refactor"]}}"#
    )
    XCTAssertEqual(plain.request(2, "textDocument/codeAction", refactors)?["result"], .array([]))
  }

  func testSymbols_hierarchicalOrFlat() {
    var hierarchical = harness(
      capabilities:
        #"{"textDocument":{"documentSymbol":{"hierarchicalDocumentSymbolSupport":true}}}"#)
    let symbols =
      hierarchical.request(1, "textDocument/documentSymbol", ServerHarness.document(Self.uri))?[
        "result"]?.arrayValue ?? []
    XCTAssertEqual(symbols.compactMap { $0["name"]?.stringValue }, ["Buckets", "Keys"])
    XCTAssertEqual(
      symbols.first?["selectionRange"],
      json(#"{"start":{"line":1,"character":5},"end":{"line":1,"character":12}}"#))
    var flat = harness()
    let information =
      flat.request(1, "textDocument/documentSymbol", ServerHarness.document(Self.uri))?["result"]?
      .arrayValue ?? []
    XCTAssertEqual(
      information.compactMap { $0.at("location", "uri")?.stringValue }, [Self.uri, Self.uri])
  }

  func testFolding_rulesAndComments() {
    var harness = harness()
    let ranges =
      harness.request(1, "textDocument/foldingRange", ServerHarness.document(Self.uri))?["result"]?
      .arrayValue ?? []
    let regions = EditorDocument(text: Self.text).foldingRegions
    XCTAssertFalse(regions.isEmpty)
    for range in ranges {
      let start = range["startLine"]?.intValue ?? -1
      let end = range["endLine"]?.intValue ?? -1
      XCTAssertLessThan(start, end)
    }
    XCTAssertTrue(
      ranges.contains { $0["startLine"] == .number(1) && $0["kind"] == .string("region") })
  }

  func testNames_definitionReferencesRename() {
    var harness = harness()
    let at = ServerHarness.at(Self.uri, line: 4, character: 7)
    let definition = harness.request(1, "textDocument/definition", at)?["result"]
    XCTAssertEqual(definition?["uri"], .string(Self.uri))
    XCTAssertEqual(
      definition?["range"],
      json(#"{"start":{"line":4,"character":5},"end":{"line":4,"character":9}}"#))
    let references = harness.request(2, "textDocument/references", at)?["result"]?.arrayValue
    XCTAssertEqual(references?.count, 1)
    let prepare = harness.request(3, "textDocument/prepareRename", at)?["result"]
    XCTAssertEqual(prepare?["placeholder"], .string("Keys"))
    var params = at
    if case .object(var members) = params {
      members.append(("newName", .string("KmsKeys")))
      params = .object(members)
    }
    let rename = harness.request(4, "textDocument/rename", params)?["result"]
    let edits = rename?.at("changes", Self.uri)?.arrayValue ?? []
    XCTAssertTrue(apply(edits, to: Self.text).contains("rule KmsKeys {"))
    if case .object(var members) = params {
      members.append(("newName", .string("Buckets")))
      params = .object(members)
    }
    XCTAssertEqual(
      harness.request(5, "textDocument/rename", params)?.at("error", "code"), .number(-32803))
    XCTAssertEqual(
      harness.request(
        6, "textDocument/prepareRename", ServerHarness.at(Self.uri, line: 2, character: 4))?[
          "result"], .null)
  }
}
