import FilterDSL
import FilterEditing

/// The protocol's state machine: messages in, messages and log lines out, with no threads, no
/// clock and no I/O of its own, so tests and the fuzz target drive it directly and
/// ``LanguageServerLoop`` only moves bytes and time.
///
/// Every input is answered or ignored, never fatal: a body that is not JSON gets a parse error
/// with id `null`, a malformed request an invalid-request error, an unknown request
/// method-not-found, and a bad notification only a log line.
struct LanguageServer: Sendable {
  enum Phase: Sendable {
    /// Before `initialize`: requests get server-not-initialized.
    case uninitialized
    case running
    /// After `shutdown`: requests get invalid-request; only `exit` does anything.
    case shutDown
  }

  private(set) var phase = Phase.uninitialized
  /// Set by `exit`: 0 after `shutdown`, 1 without.
  private(set) var exitStatus: Int32?
  /// The encoding agreed with the client in `initialize`.
  private(set) var encoding = PositionEncoding.utf16
  var settings = DocumentSettings()
  var client = ClientCapabilities()
  private(set) var documents: [String: OpenDocument] = [:]
  /// Each open document's analysis, for the version it was made from.
  private var analyses: [String: (version: Int, document: EditorDocument)] = [:]
  /// When each document's diagnostics are due, in the loop's nanoseconds.
  private(set) var due: [String: UInt64] = [:]
  /// Requests cancelled before they were handled.
  private var cancelled: Set<JSONValue> = []
  private var outputs: [ServerOutput] = []

  /// How long diagnostics wait after a change for the next one: long enough for a burst of
  /// keystrokes to be checked once, short enough to stay far inside the 100 ms budget.
  var debounce: UInt64 = 20_000_000

  init() {}

  /// The earliest time diagnostics are due, if any are.
  var nextDeadline: UInt64? { due.values.min() }

  // MARK: Input

  /// Handles one message body.
  /// - Parameters:
  ///   - body: the bytes between two frames.
  ///   - now: the loop's clock, in nanoseconds.
  ///   - isCancelled: whether the client cancelled a request id before it got here.
  /// - Returns: what to send and log.
  mutating func receive(
    _ body: [UInt8], now: UInt64, isCancelled: (JSONValue) -> Bool = { _ in false }
  ) -> [ServerOutput] {
    switch JSONValue.read(body) {
    case .failure(let failure):
      respond(.null, .failure(.parseError("the message is not JSON: \(failure.message)")))
    case .success(let value):
      receive(value, now: now, isCancelled: isCancelled)
    }
    return takeOutputs()
  }

  private mutating func receive(
    _ value: JSONValue, now: UInt64, isCancelled: (JSONValue) -> Bool
  ) {
    switch RPCMessage.read(value) {
    case .failure(let failure):
      // A message with a method and no id is a notification: never answered, even when bad.
      if failure.id == .null, value["method"] != nil, value["id"] == nil {
        log("ignored a malformed notification: \(failure.error.message)")
      } else {
        respond(failure.id, .failure(failure.error))
      }
    case .success(.response):
      break
    case .success(.notification(let method, let params)):
      notification(method, params, now: now)
    case .success(.request(let id, let method, let params)):
      if cancelled.remove(id) != nil || isCancelled(id) {
        respond(id, .failure(.requestCancelled))
      } else {
        respond(id, request(method, params))
      }
    }
  }

  /// Diagnostics that are due at `now`.
  mutating func publishDue(now: UInt64) -> [ServerOutput] {
    for job in dueDiagnostics(now: now) { send(job.message()) }
    return takeOutputs()
  }

  /// The diagnostics that are due at `now`, as work that may run on another thread; they are
  /// no longer due once taken.
  mutating func dueDiagnostics(now: UInt64) -> [DiagnosticsJob] {
    var jobs: [DiagnosticsJob] = []
    for (uri, deadline) in due.sorted(by: { $0.value < $1.value }) where deadline <= now {
      due[uri] = nil
      guard let document = documents[uri] else { continue }
      jobs.append(
        DiagnosticsJob(
          uri: uri, version: document.version, analysis: analysis(document),
          values: LSPValues(lines: document.lines, encoding: encoding)))
    }
    return jobs
  }

  /// Whether diagnostics made for `version` of `uri` still describe the open document: a
  /// change or a close since then makes them stale, and their ranges wrong.
  func isCurrent(uri: String, version: Int) -> Bool {
    documents[uri]?.version == version
  }

  private mutating func takeOutputs() -> [ServerOutput] {
    defer { outputs.removeAll() }
    return outputs
  }

  mutating func log(_ line: String) { outputs.append(.log(line)) }

  mutating func send(_ message: JSONValue) { outputs.append(.message(message)) }

  private mutating func respond(_ id: JSONValue, _ result: Result<JSONValue, ResponseError>) {
    switch result {
    case .success(let value): send(RPCMessage.result(id: id, value))
    case .failure(let error): send(RPCMessage.error(id: id, error))
    }
  }

  // MARK: Dispatch

  private mutating func request(_ method: String, _ params: JSONValue?) -> Result<
    JSONValue, ResponseError
  > {
    switch phase {
    case .uninitialized:
      guard method == "initialize" else { return .failure(.serverNotInitialized) }
    case .shutDown:
      return .failure(.invalidRequest("the server is shut down: only 'exit' is accepted"))
    case .running:
      guard method != "initialize" else {
        return .failure(.invalidRequest("the server is already initialized"))
      }
    }
    do throws(ResponseError) {
      switch method {
      case "initialize": return .success(try initialize(params))
      case "shutdown":
        phase = .shutDown
        return .success(.null)
      default:
        guard let result = try feature(method, params ?? .object([])) else {
          return .failure(.methodNotFound(method))
        }
        return .success(result)
      }
    } catch {
      return .failure(error)
    }
  }

  private mutating func notification(_ method: String, _ params: JSONValue?, now: UInt64) {
    if method == "exit" {
      exitStatus = phase == .shutDown ? 0 : 1
      return
    }
    guard phase == .running else {
      if phase == .uninitialized, method != "initialized" {
        log("ignored '\(method)' before 'initialize'")
      }
      return
    }
    do throws(ResponseError) {
      switch method {
      case "initialized", "$/cancelRequest":
        if method == "$/cancelRequest", let id = params?["id"] { cancel(id) }
      case "textDocument/didOpen": try didOpen(params, now: now)
      case "textDocument/didChange": try didChange(params, now: now)
      case "textDocument/didClose": try didClose(params)
      case "workspace/didChangeConfiguration", "textDocument/didSave",
        "workspace/didChangeWatchedFiles":
        break
      default:
        // `$/` notifications are optional by the protocol's rule; others are worth a line.
        if !method.hasPrefix("$/") { log("ignored unknown notification '\(method)'") }
      }
    } catch {
      log("ignored '\(method)': \(error.message)")
    }
  }

  /// Remembers a cancelled id until its request arrives; the set stays small because a
  /// client cancels only what it sent, and a stale entry only costs its memory.
  private mutating func cancel(_ id: JSONValue) {
    if cancelled.count > 4096 { cancelled.removeAll() }
    cancelled.insert(id)
  }

  // MARK: Documents

  /// The open document named by `params.textDocument.uri`.
  func openDocument(_ params: JSONValue) throws(ResponseError) -> OpenDocument {
    guard let uri = params.at("textDocument", "uri")?.stringValue else {
      throw .invalidParams("expected 'textDocument.uri'")
    }
    guard let document = documents[uri] else {
      throw .requestFailed("the document '\(uri)' is not open")
    }
    return document
  }

  /// The analysis of an open document, made once per version.
  mutating func analysis(_ document: OpenDocument) -> EditorDocument {
    if let cached = analyses[document.uri], cached.version == document.version {
      return cached.document
    }
    let analysis = EditorDocument(text: document.text, settings: settings)
    analyses[document.uri] = (document.version, analysis)
    return analysis
  }

  private mutating func didOpen(_ params: JSONValue?, now: UInt64) throws(ResponseError) {
    guard let item = params?["textDocument"], let uri = item["uri"]?.stringValue,
      let text = item["text"]?.stringValue
    else { throw .invalidParams("expected 'textDocument' with 'uri' and 'text'") }
    documents[uri] = OpenDocument(
      uri: uri, languageId: item["languageId"]?.stringValue ?? "aafilter",
      version: item["version"]?.intValue ?? 0, text: text)
    analyses[uri] = nil
    // Opening is not typing: nothing to wait for.
    due[uri] = now
  }

  private mutating func didChange(_ params: JSONValue?, now: UInt64) throws(ResponseError) {
    guard let uri = params?.at("textDocument", "uri")?.stringValue else {
      throw .invalidParams("expected 'textDocument.uri'")
    }
    guard var document = documents[uri] else {
      throw .requestFailed("the document '\(uri)' is not open")
    }
    guard let changes = params?["contentChanges"]?.arrayValue else {
      throw .invalidParams("expected 'contentChanges'")
    }
    for change in changes {
      guard let text = change["text"]?.stringValue else {
        throw .invalidParams("expected 'text' in each content change")
      }
      var range: (Position, Position)?
      if let value = change["range"] { range = try LSPValues.readRange(value) }
      document.apply(.init(range: range, text: text), encoding: encoding)
    }
    document.version = params?.at("textDocument", "version")?.intValue ?? document.version + 1
    documents[uri] = document
    due[uri] = now + debounce
  }

  private mutating func didClose(_ params: JSONValue?) throws(ResponseError) {
    guard let uri = params?.at("textDocument", "uri")?.stringValue else {
      throw .invalidParams("expected 'textDocument.uri'")
    }
    guard documents.removeValue(forKey: uri) != nil else {
      throw .requestFailed("the document '\(uri)' is not open")
    }
    analyses[uri] = nil
    due[uri] = nil
    // An editor keeps showing what was published last; an empty list clears it.
    send(
      RPCMessage.notification(
        "textDocument/publishDiagnostics",
        .object([("uri", .string(uri)), ("diagnostics", .array([]))])))
  }

  // MARK: Lifecycle

  private mutating func initialize(_ params: JSONValue?) throws(ResponseError) -> JSONValue {
    guard let params, params.isObject else { throw .invalidParams("expected an object") }
    client = ClientCapabilities(params["capabilities"] ?? .object([]))
    encoding = PositionEncoding.negotiate(client.positionEncodings)
    let options = params["initializationOptions"]
    if let name = options?["analyzer"]?.stringValue {
      if let family = AnalyzerFamily(name: name) {
        settings.fallbackAnalyzer = family
      } else {
        log("ignored initializationOptions.analyzer '\(name)': not an analyzer family")
      }
    }
    if let split = options?["split"]?.boolValue { settings.split = split }
    phase = .running
    return .object([
      ("capabilities", ServerCapabilities.json(encoding: encoding)),
      (
        "serverInfo",
        .object([("name", .string("aafilter")), ("version", .string(AAFilterVersion.current))])
      ),
    ])
  }
}
