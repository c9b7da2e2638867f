import FilterDSL
import FilterEditing

/// The language features: each request converts positions to byte offsets, asks the
/// document's `EditorDocument` (FilterEditing), and converts the answer back.
extension LanguageServer {
  /// One open document, its analysis, and the conversions for its positions.
  struct FeatureContext {
    var document: OpenDocument
    var analysis: EditorDocument
    var values: LSPValues
    var uri: String { document.uri }
  }

  /// Answers a feature request; `nil` for a method the server does not have.
  mutating func feature(_ method: String, _ params: JSONValue) throws(ResponseError)
    -> JSONValue?
  {
    switch method {
    case "textDocument/completion": try completion(context(params), params)
    case "textDocument/hover": try hover(context(params), params)
    case "textDocument/formatting": try formatting(context(params))
    case "textDocument/codeAction": try codeActions(context(params), params)
    case "textDocument/documentSymbol": try symbols(context(params))
    case "textDocument/foldingRange": try foldingRanges(context(params))
    case "textDocument/definition": try definition(context(params), params)
    case "textDocument/references": try references(context(params), params)
    case "textDocument/prepareRename": try prepareRename(context(params), params)
    case "textDocument/rename": try rename(context(params), params)
    default: nil
    }
  }

  private mutating func context(_ params: JSONValue) throws(ResponseError) -> FeatureContext {
    let document = try openDocument(params)
    return FeatureContext(
      document: document, analysis: analysis(document),
      values: LSPValues(lines: document.lines, encoding: encoding))
  }

  private func completion(_ context: FeatureContext, _ params: JSONValue) throws(ResponseError)
    -> JSONValue
  {
    let offset = try context.values.offset(params["position"])
    let candidates = context.analysis.completions(at: offset)
    let items = candidates.enumerated().map { index, candidate in
      completionItem(candidate, order: index, values: context.values)
    }
    return .object([("isIncomplete", .bool(false)), ("items", .array(items))])
  }

  private func completionItem(_ candidate: CompletionCandidate, order: Int, values: LSPValues)
    -> JSONValue
  {
    let snippet = candidate.isSnippet && client.snippets
    let text =
      candidate.isSnippet && !snippet ? Snippet.plain(candidate.insertText) : candidate.insertText
    var members: [(String, JSONValue)] = [
      ("label", .string(candidate.label)),
      ("kind", .number(Self.completionKind(candidate.kind))),
    ]
    if let detail = candidate.detail { members.append(("detail", .string(detail))) }
    if let documentation = candidate.documentation {
      members.append(("documentation", Self.markdown(documentation)))
    }
    // The library's order is the order of relevance; labels alone would sort alphabetically.
    members.append(
      (
        "sortText",
        .string(String(repeating: "0", count: max(0, 5 - String(order).count)) + String(order))
      ))
    members.append(("insertTextFormat", .number(snippet ? 2 : 1)))
    members.append(("textEdit", values.textEdit(candidate.replacing, text)))
    return .object(members)
  }

  /// The protocol's `CompletionItemKind`.
  static func completionKind(_ kind: CompletionCandidate.Kind) -> Int {
    switch kind {
    case .key: 10  // Property
    case .operator: 24  // Operator
    case .value: 20  // EnumMember
    case .keyword: 14  // Keyword
    case .snippet: 15  // Snippet
    case .reference: 18  // Reference
    }
  }

  static func markdown(_ text: String) -> JSONValue {
    .object([("kind", .string("markdown")), ("value", .string(text))])
  }

  private func hover(_ context: FeatureContext, _ params: JSONValue) throws(ResponseError)
    -> JSONValue
  {
    let offset = try context.values.offset(params["position"])
    guard let hover = context.analysis.hover(at: offset) else { return .null }
    return .object([
      ("contents", Self.markdown(hover.markdown)), ("range", context.values.range(hover.range)),
    ])
  }

  private func formatting(_ context: FeatureContext) -> JSONValue {
    .array(
      context.analysis.formattingEdits().map { context.values.textEdit($0.range, $0.text) })
  }

  private func codeActions(_ context: FeatureContext, _ params: JSONValue) throws(ResponseError)
    -> JSONValue
  {
    let range = try context.values.sourceRange(params["range"])
    if let only = params.at("context", "only")?.arrayValue?.compactMap(\.stringValue),
      !only.contains(where: { $0 == "quickfix" || $0.isEmpty })
    {
      return .array([])
    }
    let actions = context.analysis.codeActions(in: range).map { fix in
      var members: [(String, JSONValue)] = [
        ("title", .string(fix.title)), ("kind", .string("quickfix")),
      ]
      if let diagnostic = fix.diagnostic {
        members.append(
          (
            "diagnostics",
            .array([DiagnosticMapping.json(diagnostic, uri: context.uri, values: context.values)])
          ))
      }
      if fix.isPreferred { members.append(("isPreferred", .bool(true))) }
      members.append(("edit", workspaceEdit(context, fix.edits)))
      return JSONValue.object(members)
    }
    return .array(actions)
  }

  /// Edits to one document, as `documentChanges` (with the version they apply to) when the
  /// client supports it, else as `changes`.
  private func workspaceEdit(_ context: FeatureContext, _ edits: [TextReplacement]) -> JSONValue {
    let textEdits = JSONValue.array(edits.map { context.values.textEdit($0.range, $0.text) })
    guard client.documentChanges else {
      return .object([("changes", .object([(context.uri, textEdits)]))])
    }
    let identifier = JSONValue.object([
      ("uri", .string(context.uri)), ("version", .number(context.document.version)),
    ])
    return .object([
      ("documentChanges", .array([.object([("textDocument", identifier), ("edits", textEdits)])]))
    ])
  }

  /// `SymbolKind.Object`: a rule is a named filter object.
  static let ruleSymbolKind = 19

  private func symbols(_ context: FeatureContext) -> JSONValue {
    .array(
      context.analysis.symbols.map { symbol in
        let name = symbol.name.isEmpty ? "(unnamed)" : symbol.name
        guard client.hierarchicalSymbols else {
          return .object([
            ("name", .string(name)), ("kind", .number(Self.ruleSymbolKind)),
            ("location", context.values.location(context.uri, symbol.range)),
          ])
        }
        var members: [(String, JSONValue)] = [("name", .string(name))]
        if let detail = symbol.detail { members.append(("detail", .string(detail))) }
        members += [
          ("kind", .number(Self.ruleSymbolKind)), ("range", context.values.range(symbol.range)),
          ("selectionRange", context.values.range(symbol.selectionRange)),
        ]
        return .object(members)
      })
  }

  private func foldingRanges(_ context: FeatureContext) -> JSONValue {
    let lines = context.document.lines
    let encoding = context.values.encoding
    return .array(
      context.analysis.foldingRegions.compactMap { region in
        let start = lines.position(of: region.range.start, encoding: encoding).line
        let endPosition = lines.position(of: region.range.end, encoding: encoding)
        // A region that ends at the start of a line (after its line break) ends on the line
        // before.
        let end =
          endPosition.character == 0 && region.range.end > region.range.start
          ? endPosition.line - 1 : endPosition.line
        guard end > start else { return nil }
        return .object([
          ("startLine", .number(start)), ("endLine", .number(end)),
          ("kind", .string(region.kind == .comment ? "comment" : "region")),
        ])
      })
  }

  private func definition(_ context: FeatureContext, _ params: JSONValue) throws(ResponseError)
    -> JSONValue
  {
    let offset = try context.values.offset(params["position"])
    guard let range = context.analysis.definition(at: offset) else { return .null }
    return context.values.location(context.uri, range)
  }

  private func references(_ context: FeatureContext, _ params: JSONValue) throws(ResponseError)
    -> JSONValue
  {
    let offset = try context.values.offset(params["position"])
    var ranges = context.analysis.references(at: offset)
    if params.at("context", "includeDeclaration")?.boolValue == false,
      let declaration = context.analysis.definition(at: offset)
    {
      ranges.removeAll { $0 == declaration }
    }
    return .array(ranges.map { context.values.location(context.uri, $0) })
  }

  private func prepareRename(_ context: FeatureContext, _ params: JSONValue) throws(ResponseError)
    -> JSONValue
  {
    let offset = try context.values.offset(params["position"])
    guard let range = context.analysis.renameRange(at: offset) else { return .null }
    let bytes = context.document.lines.bytes
    let placeholder = String(
      decoding: bytes[min(range.start, bytes.count)..<min(range.end, bytes.count)], as: UTF8.self)
    return .object([
      ("range", context.values.range(range)), ("placeholder", .string(placeholder)),
    ])
  }

  private func rename(_ context: FeatureContext, _ params: JSONValue) throws(ResponseError)
    -> JSONValue
  {
    let offset = try context.values.offset(params["position"])
    guard let newName = params["newName"]?.stringValue else {
      throw .invalidParams("expected 'newName'")
    }
    switch context.analysis.rename(at: offset, to: newName) {
    case .success(let edits): return workspaceEdit(context, edits)
    case .failure(let refusal): throw .requestFailed(refusal.message)
    }
  }
}
