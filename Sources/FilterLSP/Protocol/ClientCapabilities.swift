import FilterDSL

/// What the client said it supports in `initialize`, where it changes the server's answers.
struct ClientCapabilities: Sendable {
  /// `general.positionEncodings`.
  var positionEncodings: [String]?
  /// `workspace.workspaceEdit.documentChanges`: edits as versioned document changes.
  var documentChanges = false
  /// `textDocument.completion.completionItem.snippetSupport`.
  var snippets = false
  /// `textDocument.documentSymbol.hierarchicalDocumentSymbolSupport`.
  var hierarchicalSymbols = false

  init() {}

  init(_ capabilities: JSONValue) {
    positionEncodings = capabilities.at("general", "positionEncodings")?.arrayValue?
      .compactMap(\.stringValue)
    documentChanges =
      capabilities.at("workspace", "workspaceEdit", "documentChanges")?.boolValue ?? false
    snippets =
      capabilities.at("textDocument", "completion", "completionItem", "snippetSupport")?
      .boolValue ?? false
    hierarchicalSymbols =
      capabilities.at("textDocument", "documentSymbol", "hierarchicalDocumentSymbolSupport")?
      .boolValue ?? false
  }
}

/// The server's answer to `initialize`: what it does.
enum ServerCapabilities {
  /// Characters after which a client asks for completion unprompted: a key's `.` (`principal.`),
  /// the space before an operator or a value, and a value's opening quote.
  static let completionTriggers = [".", " ", "\""]

  static func json(encoding: PositionEncoding) -> JSONValue {
    .object([
      ("positionEncoding", .string(encoding.rawValue)),
      ("textDocumentSync", .object([("openClose", .bool(true)), ("change", .number(2))])),
      (
        "completionProvider",
        .object([
          ("triggerCharacters", .array(completionTriggers.map(JSONValue.string))),
          ("resolveProvider", .bool(false)),
        ])
      ),
      ("hoverProvider", .bool(true)),
      ("documentFormattingProvider", .bool(true)),
      ("codeActionProvider", .object([("codeActionKinds", .array([.string("quickfix")]))])),
      ("documentSymbolProvider", .bool(true)),
      ("foldingRangeProvider", .bool(true)),
      ("definitionProvider", .bool(true)),
      ("referencesProvider", .bool(true)),
      ("renameProvider", .object([("prepareProvider", .bool(true))])),
    ])
  }
}
