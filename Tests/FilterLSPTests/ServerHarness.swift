import FilterDSL
import XCTest

@testable import FilterLSP

/// The server's state machine driven directly, with a clock the test moves: messages in,
/// messages and log lines out.
struct ServerHarness {
  var server = LanguageServer()
  var now: UInt64 = 1_000_000_000
  var logs: [String] = []

  /// Sends one body and returns the messages it produced (diagnostics not yet due excluded).
  mutating func send(_ body: [UInt8]) -> [JSONValue] {
    collect(server.receive(body, now: now))
  }

  mutating func send(_ message: JSONValue) -> [JSONValue] { send(message.messageBody) }

  mutating func request(_ id: Int, _ method: String, _ params: JSONValue = .object([]))
    -> JSONValue?
  {
    send(Self.request(id, method, params)).first { $0["id"] == .number(id) }
  }

  mutating func notify(_ method: String, _ params: JSONValue = .object([])) -> [JSONValue] {
    send(Self.notification(method, params))
  }

  /// Moves the clock past every debounce and returns the diagnostics published.
  mutating func settle() -> [JSONValue] {
    now += 1_000_000_000
    return collect(server.publishDue(now: now))
  }

  private mutating func collect(_ outputs: [ServerOutput]) -> [JSONValue] {
    var messages: [JSONValue] = []
    for output in outputs {
      switch output {
      case .message(let message):
        // Every message leaves as JSON that reads back the same.
        guard case .success(let again) = JSONValue.read(message.messageBody), again == message
        else {
          XCTFail("a message that does not read back: \(message.serialized(pretty: false))")
          continue
        }
        messages.append(message)
      case .log(let line): logs.append(line)
      }
    }
    return messages
  }

  /// `initialize` and `initialized`.
  mutating func initialize(
    capabilities: JSONValue = .object([]), options: JSONValue? = nil
  ) -> JSONValue? {
    var params: [(String, JSONValue)] = [("capabilities", capabilities)]
    if let options { params.append(("initializationOptions", options)) }
    let answer = request(0, "initialize", .object(params))
    _ = notify("initialized")
    return answer
  }

  mutating func open(_ uri: String, _ text: String, version: Int = 1) -> [JSONValue] {
    notify(
      "textDocument/didOpen",
      .object([
        (
          "textDocument",
          .object([
            ("uri", .string(uri)), ("languageId", .string("aafilter")),
            ("version", .number(version)), ("text", .string(text)),
          ])
        )
      ]))
  }

  static func request(_ id: Int, _ method: String, _ params: JSONValue) -> JSONValue {
    .object([
      ("jsonrpc", .string("2.0")), ("id", .number(id)), ("method", .string(method)),
      ("params", params),
    ])
  }

  static func notification(_ method: String, _ params: JSONValue) -> JSONValue {
    .object([("jsonrpc", .string("2.0")), ("method", .string(method)), ("params", params)])
  }

  static func document(_ uri: String) -> JSONValue {
    .object([("textDocument", .object([("uri", .string(uri))]))])
  }

  static func at(_ uri: String, line: Int, character: Int) -> JSONValue {
    .object([
      ("textDocument", .object([("uri", .string(uri))])),
      ("position", .object([("line", .number(line)), ("character", .number(character))])),
    ])
  }
}

/// Reads a JSON text written in a test.
func json(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> JSONValue {
  switch JSONValue.read(Array(text.utf8)) {
  case .success(let value): return value
  case .failure(let failure):
    XCTFail("not JSON: \(failure.message)", file: file, line: line)
    return .null
  }
}
