import FilterDSL

/// What the server's state machine asks its loop to do.
enum ServerOutput: Hashable, Sendable {
  /// Send a message to the client.
  case message(JSONValue)
  /// Write a line to standard error (never to the client's stream).
  case log(String)
}
