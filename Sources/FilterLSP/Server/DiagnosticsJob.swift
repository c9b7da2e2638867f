import FilterDSL
import FilterEditing

/// The `publishDiagnostics` of one version of one document, to be made: checking a large
/// document takes long enough that the loop does it on a thread of its own, and goes on
/// answering requests meanwhile.
struct DiagnosticsJob: Sendable {
  var uri: String
  var version: Int
  var analysis: EditorDocument
  var values: LSPValues

  /// Checks the document (once per version: the analysis caches it) and builds the message.
  func message() -> JSONValue {
    let diagnostics = analysis.diagnostics.map {
      DiagnosticMapping.json($0, uri: uri, values: values)
    }
    return RPCMessage.notification(
      "textDocument/publishDiagnostics",
      .object([
        ("uri", .string(uri)), ("version", .number(version)),
        ("diagnostics", .array(diagnostics)),
      ]))
  }
}
