import FilterDSL

/// A JSON-RPC error answer: a code from JSON-RPC 2.0 or the LSP, and a message.
struct ResponseError: Error, Hashable, Sendable {
  var code: Int
  var message: String

  /// The body was not JSON.
  static func parseError(_ message: String) -> Self { Self(code: -32700, message: message) }
  /// JSON, but not a request, a notification or a response.
  static func invalidRequest(_ message: String) -> Self { Self(code: -32600, message: message) }
  /// A request for a method the server does not have.
  static func methodNotFound(_ method: String) -> Self {
    Self(code: -32601, message: "unknown method '\(method)'")
  }
  /// A request whose parameters are missing or of the wrong shape.
  static func invalidParams(_ message: String) -> Self { Self(code: -32602, message: message) }
  /// A request before `initialize`.
  static let serverNotInitialized = Self(
    code: -32002, message: "the server is not initialized: send 'initialize' first")
  /// A request the client cancelled before the server answered it.
  static let requestCancelled = Self(code: -32800, message: "the request was cancelled")
  /// A valid request the server cannot carry out (a document that is not open, a refused
  /// rename).
  static func requestFailed(_ message: String) -> Self { Self(code: -32803, message: message) }

  var json: JSONValue {
    .object([("code", .number(code)), ("message", .string(message))])
  }
}
