import FilterDSL

/// One JSON-RPC 2.0 message from the client, checked for shape.
enum RPCMessage: Hashable, Sendable {
  /// A call that expects an answer with the same id.
  case request(id: JSONValue, method: String, params: JSONValue?)
  /// A call without an answer.
  case notification(method: String, params: JSONValue?)
  /// An answer to a request the server sent (the server sends none that need one).
  case response(id: JSONValue)

  /// Reads a message from a JSON value.
  /// - Returns: the message, or the error to answer with and the id to answer to (`null` when
  ///   the message has no usable id).
  static func read(_ value: JSONValue) -> Result<RPCMessage, RPCMessageFailure> {
    guard value.isObject else {
      // LSP has no batches, so an array is as wrong as a number.
      return .failure(.init(id: .null, error: .invalidRequest("a message must be a JSON object")))
    }
    let id = value["id"]
    if let id, !Self.isValidID(id) {
      return .failure(
        .init(id: .null, error: .invalidRequest("an 'id' must be a number or a string")))
    }
    guard value["jsonrpc"]?.stringValue == "2.0" else {
      return .failure(
        .init(id: id ?? .null, error: .invalidRequest("'jsonrpc' must be \"2.0\"")))
    }
    // `null` is read as no parameters: some clients send it for `shutdown` and `exit`.
    let params = value["params"] == .null ? nil : value["params"]
    if let params, !params.isObject, params.arrayValue == nil {
      return .failure(
        .init(id: id ?? .null, error: .invalidRequest("'params' must be an object or an array")))
    }
    guard let methodValue = value["method"] else {
      if let id, value["result"] != nil || value["error"] != nil {
        return .success(.response(id: id))
      }
      return .failure(
        .init(id: id ?? .null, error: .invalidRequest("a message without 'method'")))
    }
    guard let method = methodValue.stringValue else {
      return .failure(
        .init(id: id ?? .null, error: .invalidRequest("'method' must be a string")))
    }
    if let id { return .success(.request(id: id, method: method, params: params)) }
    return .success(.notification(method: method, params: params))
  }

  /// Ids are numbers or strings; `null` only answers what had no id.
  private static func isValidID(_ id: JSONValue) -> Bool {
    switch id {
    case .number, .string: true
    default: false
    }
  }

  /// The body of a successful answer.
  static func result(id: JSONValue, _ result: JSONValue) -> JSONValue {
    .object([("jsonrpc", .string("2.0")), ("id", id), ("result", result)])
  }

  /// The body of an error answer.
  static func error(id: JSONValue, _ error: ResponseError) -> JSONValue {
    .object([("jsonrpc", .string("2.0")), ("id", id), ("error", error.json)])
  }

  /// The body of a notification from the server.
  static func notification(_ method: String, _ params: JSONValue) -> JSONValue {
    .object([("jsonrpc", .string("2.0")), ("method", .string(method)), ("params", params)])
  }
}

/// A message that is JSON but not a valid JSON-RPC message: what to answer, and to which id.
struct RPCMessageFailure: Error, Hashable, Sendable {
  var id: JSONValue
  var error: ResponseError
}
