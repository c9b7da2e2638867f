import AAFilterTestSupport
import FilterDSL
import XCTest

@testable import FilterLSP

/// Malformed and unexpected messages: each gets the JSON-RPC error the protocol names, or is
/// ignored when it is a notification; none stops the server.
final class JSONRPCTests: XCTestCase {
  private func errorCode(_ message: JSONValue?) -> Int? { message?.at("error", "code")?.intValue }

  func testMalformedBodies_answeredWithIdNull() {
    let cases: [(String, Int, UInt)] = [
      ("{not json", -32700, #line),
      ("", -32700, #line),
      (#"{"jsonrpc":"2.0","id":1,"method":"x",}"#, -32700, #line),
      ("[1,2]", -32600, #line),
      ("42", -32600, #line),
      (#"[{"jsonrpc":"2.0","id":1,"method":"shutdown"}]"#, -32600, #line),
      (#"{"jsonrpc":"2.0","id":{"a":1},"method":"shutdown"}"#, -32600, #line),
      (#"{"jsonrpc":"2.0","id":true,"method":"shutdown"}"#, -32600, #line),
      (#"{"jsonrpc":"2.0"}"#, -32600, #line),
    ]
    for (body, code, line) in cases {
      var harness = ServerHarness()
      _ = harness.initialize()
      let answers = harness.send(Array(body.utf8))
      XCTAssertEqual(answers.count, 1, body, line: line)
      XCTAssertEqual(errorCode(answers.first), code, body, line: line)
      XCTAssertEqual(answers.first?["id"], .null, body, line: line)
      // The server goes on.
      XCTAssertEqual(harness.request(7, "shutdown")?["result"], .null, body, line: line)
    }
  }

  func testInvalidRequests_answeredWithTheirId() {
    let cases: [(String, JSONValue, Int, UInt)] = [
      (#"{"jsonrpc":"1.0","id":3,"method":"shutdown"}"#, .number(3), -32600, #line),
      (#"{"id":"a","method":"shutdown"}"#, .string("a"), -32600, #line),
      (#"{"jsonrpc":"2.0","id":4,"method":5}"#, .number(4), -32600, #line),
      (#"{"jsonrpc":"2.0","id":5,"method":"shutdown","params":"x"}"#, .number(5), -32600, #line),
      (#"{"jsonrpc":"2.0","id":6,"method":"textDocument/hover"}"#, .number(6), -32602, #line),
      (#"{"jsonrpc":"2.0","id":7,"method":"no/such"}"#, .number(7), -32601, #line),
      (
        #"{"jsonrpc":"2.0","id":8,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///x.aaf"},"position":{"line":0,"character":0}}}"#,
        .number(8), -32803, #line
      ),
      (
        #"{"jsonrpc":"2.0","id":9,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///a.aaf"},"position":{"line":"0"}}}"#,
        .number(9), -32602, #line
      ),
    ]
    for (body, id, code, line) in cases {
      var harness = ServerHarness()
      _ = harness.initialize()
      _ = harness.open("file:///a.aaf", "isPublic eq false")
      let answers = harness.send(Array(body.utf8))
      XCTAssertEqual(answers.count, 1, body, line: line)
      XCTAssertEqual(errorCode(answers.first), code, body, line: line)
      XCTAssertEqual(answers.first?["id"], id, body, line: line)
    }
  }

  /// Notifications are never answered, even bad or unknown ones; `$/` ones are not even logged.
  func testNotifications_neverAnswered() {
    var harness = ServerHarness()
    _ = harness.initialize()
    let bodies = [
      #"{"jsonrpc":"2.0","method":"no/such","params":{}}"#,
      #"{"jsonrpc":"2.0","method":"$/setTrace","params":{"value":"off"}}"#,
      #"{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{}}"#,
      #"{"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"file:///none"},"contentChanges":[]}}"#,
      #"{"jsonrpc":"2.0","method":"textDocument/didClose","params":{"textDocument":{"uri":"file:///none"}}}"#,
      #"{"jsonrpc":"1.0","method":"initialized"}"#,
      #"{"jsonrpc":"2.0","method":"exit","params":7}"#,
    ]
    for body in bodies {
      XCTAssertEqual(harness.send(Array(body.utf8)), [], body)
    }
    XCTAssertEqual(harness.logs.count, bodies.count - 1, harness.logs.joined(separator: "\n"))
    XCTAssertFalse(harness.logs.contains { $0.contains("$/setTrace") })
    XCTAssertNil(harness.server.exitStatus)
  }

  /// Ids come back exactly as sent: a number keeps its text (no rounding through a double),
  /// and a string stays a string, not a number or a boolean.
  func testIds_comeBackExactly() {
    let ids: [JSONValue] = [
      .number("1"), .number("12345678901234567890123"), .number("-0"), .number("1.5e3"),
      .string("1"), .string("true"), .string("é😀"), .number("0"),
    ]
    var harness = ServerHarness()
    _ = harness.initialize()
    for id in ids {
      let answers = harness.send(
        .object([("jsonrpc", .string("2.0")), ("id", id), ("method", .string("no/such"))]))
      XCTAssertEqual(answers.first?["id"], id)
      XCTAssertEqual(
        answers.first.map { $0.serialized(pretty: false) }?.contains(id.serialized(pretty: false)),
        true)
    }
  }

  /// A request cancelled before it is handled is answered with request-cancelled; the others
  /// are answered as usual.
  func testCancelledRequest_answeredCancelled() {
    var harness = ServerHarness()
    _ = harness.initialize()
    _ = harness.open("file:///a.aaf", "isPublic eq false")
    _ = harness.notify("$/cancelRequest", .object([("id", .number(5))]))
    let cancelled = harness.request(
      5, "textDocument/documentSymbol", ServerHarness.document("file:///a.aaf"))
    XCTAssertEqual(errorCode(cancelled), -32800)
    let next = harness.request(
      6, "textDocument/documentSymbol", ServerHarness.document("file:///a.aaf"))
    XCTAssertNotNil(next?["result"])
    // Cancelling what was already answered changes nothing.
    XCTAssertEqual(harness.notify("$/cancelRequest", .object([("id", .number(6))])), [])
    // The loop's reader notes cancellations before the queue reaches them.
    let early = harness.server.receive(
      ServerHarness.request(9, "shutdown", .object([])).messageBody, now: 0,
      isCancelled: { $0 == .number(9) })
    XCTAssertEqual(early, [.message(RPCMessage.error(id: .number(9), .requestCancelled))])
  }

  func testCancelledIDs_foundOnTheRawBytes() {
    XCTAssertEqual(
      LanguageServerLoop.cancelledID(
        Array(#"{"jsonrpc":"2.0","method":"$/cancelRequest","params":{"id":"x"}}"#.utf8)),
      .string("x"))
    XCTAssertNil(
      LanguageServerLoop.cancelledID(
        Array(#"{"jsonrpc":"2.0","method":"other","params":{"id":"$/cancelRequest"}}"#.utf8)))
    XCTAssertNil(LanguageServerLoop.cancelledID(Array("$/cancelRequest{".utf8)))
  }
}

/// The message writer's bytes are exactly FilterDSL's compact serialization.
final class MessageBodyTests: XCTestCase {
  func testMessageBody_isTheCompactSerialization() {
    var random = SeededGenerator(seed: 3)
    let strings = [
      "", "plain", "quote\"", "back\\slash", "tab\t", "é", "😀", "\u{2028}", "\u{7F}", "\u{1B}[0m",
      "\u{202E}", "nul\u{0}",
    ]
    func value(_ depth: Int) -> JSONValue {
      switch random.next() % (depth > 3 ? 4 : 6) {
      case 0: return .null
      case 1: return .bool(random.next() % 2 == 0)
      case 2: return .number(String(Int(truncatingIfNeeded: random.next() % 1000) - 500))
      case 3: return .string(strings[Int(random.next() % UInt64(strings.count))])
      case 4: return .array((0..<Int(random.next() % 4)).map { _ in value(depth + 1) })
      default:
        return .object(
          (0..<Int(random.next() % 4)).map { _ in
            (strings[Int(random.next() % UInt64(strings.count))], value(depth + 1))
          })
      }
    }
    for _ in 0..<500 {
      let sample = value(0)
      XCTAssertEqual(
        sample.messageBody, Array(sample.serialized(pretty: false).utf8),
        sample.serialized(pretty: false))
    }
  }
}
