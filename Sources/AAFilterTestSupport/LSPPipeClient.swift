import FilterDSL
import FilterLSP
import Foundation

/// A language-server client over pipes, in process: it runs `LanguageServerLoop` on a thread of
/// its own, as `aafilter lsp` runs it, writes framed messages to the server's input and reads
/// framed messages from its output. For the end-to-end tests and the benchmark.
package final class LSPPipeClient: @unchecked Sendable {
  private let toServer: Int32
  private let fromServer: Int32
  private var framer = MessageFramer()
  private var nextID = 1
  private let finished = DispatchSemaphore(value: 0)
  private let status = LockedBox<Int32?>(nil)
  /// The server's log lines.
  package let logs = LockedBox<[String]>([])

  /// Starts a server.
  package init() {
    var input: [Int32] = [0, 0]
    var output: [Int32] = [0, 0]
    _ = pipe(&input)
    _ = pipe(&output)
    toServer = input[1]
    fromServer = output[0]
    let serverInput = input[0]
    let serverOutput = output[1]
    let status = status
    let logs = logs
    let finished = finished
    let thread = Thread {
      let code = LanguageServerLoop.run(
        input: serverInput, output: serverOutput, log: { line in logs.update { $0.append(line) } })
      status.update { $0 = code }
      // The read end of the input stays open: the server's reader thread may still be in
      // read(2) on it, and a closed descriptor's number can be reused under it. It ends when
      // this client closes the write end.
      close(serverOutput)
      finished.signal()
    }
    thread.start()
  }

  private let inputOpen = LockedBox(true)

  deinit {
    closeInput()
    close(fromServer)
  }

  /// Writes raw bytes to the server's input.
  package func write(_ bytes: [UInt8]) {
    var written = 0
    while written < bytes.count {
      let count = bytes.withUnsafeBytes { buffer in
        Foundation.write(toServer, buffer.baseAddress.map { $0 + written }, bytes.count - written)
      }
      guard count > 0 else { return }
      written += count
    }
  }

  /// Sends a notification.
  package func notify(_ method: String, _ params: JSONValue) {
    send(.object([("jsonrpc", .string("2.0")), ("method", .string(method)), ("params", params)]))
  }

  /// Sends a request and returns its id.
  @discardableResult
  package func request(_ method: String, _ params: JSONValue) -> JSONValue {
    let id = JSONValue.number(nextID)
    nextID += 1
    send(
      .object([
        ("jsonrpc", .string("2.0")), ("id", id), ("method", .string(method)), ("params", params),
      ]))
    return id
  }

  /// Sends one message.
  package func send(_ message: JSONValue) {
    write(MessageFramer.frame(message.messageBody))
  }

  /// Closes the server's input, as a client that goes away does.
  package func closeInput() {
    inputOpen.update { open in
      if open { close(toServer) }
      open = false
    }
  }

  /// The next message from the server, or `nil` when none comes within `timeout` seconds or
  /// the stream ends.
  package func receive(timeout: Double = 10) -> JSONValue? {
    guard let body = receiveBody(timeout: timeout),
      case .success(let value) = JSONValue.read(body)
    else { return nil }
    return value
  }

  /// The next message body from the server, unparsed (the benchmark times the server, not the
  /// parsing of megabytes of diagnostics on this side).
  package func receiveBody(timeout: Double = 10) -> [UInt8]? {
    let deadline = Date().addingTimeInterval(timeout)
    while true {
      if let frame = framer.next() {
        guard case .message(let body) = frame else { return nil }
        return body
      }
      let left = deadline.timeIntervalSinceNow
      guard left > 0 else { return nil }
      var poller = pollfd(fd: fromServer, events: Int16(POLLIN), revents: 0)
      guard poll(&poller, 1, Int32(min(left * 1000, 1000) + 1)) >= 0 else { return nil }
      guard poller.revents != 0 else { continue }
      var chunk = [UInt8](repeating: 0, count: 1 << 16)
      let count = chunk.withUnsafeMutableBytes {
        Foundation.read(fromServer, $0.baseAddress, $0.count)
      }
      guard count > 0 else { return nil }
      framer.append(chunk[0..<count])
    }
  }

  /// Messages until one satisfies `wanted` (which is returned; the others are dropped).
  package func receive(
    timeout: Double = 10, until wanted: (JSONValue) -> Bool
  ) -> JSONValue? {
    let deadline = Date().addingTimeInterval(timeout)
    while let message = receive(timeout: max(0, deadline.timeIntervalSinceNow)) {
      if wanted(message) { return message }
    }
    return nil
  }

  /// The answer to request `id`.
  package func response(to id: JSONValue, timeout: Double = 10) -> JSONValue? {
    receive(timeout: timeout) { $0["id"] == id && $0["method"] == nil }
  }

  /// The next `publishDiagnostics` for `uri`.
  package func diagnostics(for uri: String, timeout: Double = 10) -> JSONValue? {
    receive(timeout: timeout) {
      $0["method"]?.stringValue == "textDocument/publishDiagnostics"
        && $0.at("params", "uri")?.stringValue == uri
    }
  }

  /// The server's exit status, once it has stopped (within `timeout` seconds). What it still
  /// writes meanwhile is read and dropped, as a real client's reader does: a server whose
  /// output pipe is full (diagnostics of a large document are far past its 64 KiB) blocks in
  /// write(2) and never gets to stop.
  package func exitStatus(timeout: Double = 10) -> Int32? {
    let deadline = Date().addingTimeInterval(timeout)
    while finished.wait(timeout: .now() + 0.01) != .success {
      guard deadline.timeIntervalSinceNow > 0 else { return nil }
      _ = receiveBody(timeout: 0.05)
    }
    finished.signal()
    return status.value
  }

  /// `initialize` (with `capabilities` and `options`) then `initialized`; returns the result.
  package func initialize(
    capabilities: JSONValue = .object([]), options: JSONValue? = nil
  ) -> JSONValue? {
    var params: [(String, JSONValue)] = [("processId", .null), ("capabilities", capabilities)]
    if let options { params.append(("initializationOptions", options)) }
    let id = request("initialize", .object(params))
    let answer = response(to: id)
    notify("initialized", .object([]))
    return answer?["result"]
  }

  /// `didOpen` of an `aafilter` document.
  package func open(_ uri: String, _ text: String, version: Int = 1) {
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
}

/// A value behind a lock, for results one thread writes and another reads.
package final class LockedBox<Value>: @unchecked Sendable {
  private var stored: Value
  private let lock = NSLock()

  package init(_ value: Value) { stored = value }

  package var value: Value {
    lock.lock()
    defer { lock.unlock() }
    return stored
  }

  package func update(_ change: (inout Value) -> Void) {
    lock.lock()
    defer { lock.unlock() }
    change(&stored)
  }
}
