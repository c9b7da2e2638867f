import AAFilterTestSupport
import FilterDSL
import FilterLSP
import XCTest

/// The real loop over pipes, in process: a client writes framed bytes to one pipe and reads
/// the server's from another, as an editor does with `aafilter lsp`.
final class EndToEndTests: XCTestCase {
  private static let uri = "file:///work/rules.aaf"

  func testOpenChangeDiagnosticsThenShutdown() throws {
    let client = LSPPipeClient()
    let result = client.initialize()
    XCTAssertEqual(result?.at("capabilities", "positionEncoding"), .string("utf-16"))
    let text = "# 😀\nrule Keys {\n  resourcetype eq AWS::KMS::Key\n}\n"
    client.open(Self.uri, text)
    let published = try XCTUnwrap(client.diagnostics(for: Self.uri))
    XCTAssertEqual(published.at("params", "version"), .number(1))
    let unknown = published.at("params", "diagnostics")?.arrayValue?.first {
      $0["code"] == .string("unknown-key")
    }
    XCTAssertEqual(
      unknown?["range"],
      json(#"{"start":{"line":2,"character":2},"end":{"line":2,"character":14}}"#))

    // Fix the key with an incremental change: the warning goes.
    client.notify(
      "textDocument/didChange",
      json(
        #"{"textDocument":{"uri":"\#(Self.uri)","version":2},"contentChanges":[{"range":{"start":{"line":2,"character":10},"end":{"line":2,"character":11}},"text":"T"}]}"#
      ))
    let after = try XCTUnwrap(client.diagnostics(for: Self.uri))
    XCTAssertEqual(after.at("params", "version"), .number(2))
    XCTAssertFalse(
      after.at("params", "diagnostics")?.arrayValue?.contains {
        $0["code"] == .string("unknown-key")
      }
        ?? true)

    // Garbage between messages is skipped; the server answers the next request.
    client.write(Array("Content-Type: nothing\r\n\r\n{oops}".utf8))
    let symbols = client.request(
      "textDocument/documentSymbol", json(#"{"textDocument":{"uri":"\#(Self.uri)"}}"#))
    XCTAssertEqual(
      client.response(to: symbols)?["result"]?.arrayValue?.first?["name"], .string("Keys"))

    let shutdown = client.request("shutdown", .null)
    XCTAssertEqual(client.response(to: shutdown)?["result"], .null)
    client.notify("exit", .null)
    XCTAssertEqual(client.exitStatus(), 0)
    XCTAssertTrue(
      client.logs.value.contains { $0.contains("not a message") }, "\(client.logs.value)")
  }

  func testMalformedJSON_answeredAndTheServerGoesOn() {
    let client = LSPPipeClient()
    _ = client.initialize()
    client.write(MessageFramer.frame(Array("{\"jsonrpc\":".utf8)))
    let error = client.receive()
    XCTAssertEqual(error?.at("error", "code"), .number(-32700))
    XCTAssertEqual(error?["id"], .null)
    let id = client.request(
      "textDocument/hover",
      json(#"{"textDocument":{"uri":"file:///none"},"position":{"line":0,"character":0}}"#))
    XCTAssertEqual(client.response(to: id)?.at("error", "code"), .number(-32803))
    client.closeInput()
    // The client went away without shutdown.
    XCTAssertEqual(client.exitStatus(), 1)
  }

  func testExitWithoutShutdown_statusOne() {
    let client = LSPPipeClient()
    _ = client.initialize()
    client.notify("exit", .null)
    XCTAssertEqual(client.exitStatus(), 1)
  }

  /// Requests queued behind a long one and cancelled while they wait are answered cancelled.
  func testCancellation_ofQueuedRequests() throws {
    let client = LSPPipeClient()
    _ = client.initialize()
    let rules = (0..<400).map {
      "rule R\($0) { resourceType eq AWS::S3::Bucket and isPublic eq false and resource contains b\($0) }"
    }
    let text = rules.joined(separator: "\n") + "\n"
    // One write: open, a long request, ten short ones, then cancellations of half of them.
    var bytes: [UInt8] = []
    let open = json(
      #"{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"\#(Self.uri)","languageId":"aafilter","version":1,"text":""}}}"#
    )
    if case .object(var members) = open, case .object(var params) = members[2].1,
      case .object(var item) = params[0].1
    {
      item[3] = ("text", .string(text))
      params[0] = ("textDocument", .object(item))
      members[2] = ("params", .object(params))
      bytes += MessageFramer.frame(Array(JSONValue.object(members).serialized(pretty: false).utf8))
    }
    // A request that needs the whole document checked: the long one the others queue behind.
    bytes += MessageFramer.frame(
      Array(
        #"{"jsonrpc":"2.0","id":99,"method":"textDocument/codeAction","params":{"textDocument":{"uri":"\#(Self.uri)"},"range":{"start":{"line":0,"character":0},"end":{"line":400,"character":0}},"context":{"diagnostics":[]}}}"#
          .utf8))
    for id in 100..<110 {
      bytes += MessageFramer.frame(
        Array(
          #"{"jsonrpc":"2.0","id":\#(id),"method":"textDocument/foldingRange","params":{"textDocument":{"uri":"\#(Self.uri)"}}}"#
            .utf8))
    }
    for id in 100..<110 where id % 2 == 0 {
      bytes += MessageFramer.frame(
        Array(#"{"jsonrpc":"2.0","method":"$/cancelRequest","params":{"id":\#(id)}}"#.utf8))
    }
    client.write(bytes)
    var answers: [Int: JSONValue] = [:]
    while answers.count < 11, let message = client.receive(timeout: 60) {
      if let id = message["id"]?.intValue { answers[id] = message }
    }
    XCTAssertEqual(answers.count, 11)
    XCTAssertNotNil(answers[99]?["result"])
    for id in 100..<110 {
      if id % 2 == 0 {
        XCTAssertEqual(answers[id]?.at("error", "code"), .number(-32800), "\(id)")
      } else {
        XCTAssertNotNil(answers[id]?["result"], "\(id)")
      }
    }
    client.closeInput()
    XCTAssertEqual(client.exitStatus(), 1)
  }
}
