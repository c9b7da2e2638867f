import FilterDSL

/// One `rule NAME { ... }` block, for the editor's outline.
public struct RuleSymbol: Hashable, Sendable {
  /// The rule's name as written (decoded when it is a string).
  public var name: String
  /// The whole block, from `rule` to `}`.
  public var range: SourceRange
  /// The name, to select when the symbol is picked.
  public var selectionRange: SourceRange
  /// A short summary: the rule's expression on one line, shortened.
  public var detail: String?

  /// A symbol.
  /// - Parameters:
  ///   - name: the rule's name.
  ///   - range: the whole block.
  ///   - selectionRange: the name.
  ///   - detail: a short summary.
  public init(name: String, range: SourceRange, selectionRange: SourceRange, detail: String? = nil)
  {
    self.name = name
    self.range = range
    self.selectionRange = selectionRange
    self.detail = detail
  }
}
