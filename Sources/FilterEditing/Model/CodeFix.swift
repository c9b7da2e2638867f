import FilterDSL

/// A quick fix: edits that resolve a diagnostic, or make a rule safer or valid.
public struct CodeFix: Hashable, Sendable {
  /// What the fix does, for the editor's menu: `Replace with 'resourceType'`.
  public var title: String
  /// The diagnostic it resolves, when it resolves one.
  public var diagnostic: Diagnostic?
  /// The edits, non-overlapping, into the document's current text.
  public var edits: [TextReplacement]
  /// Whether the editor may apply it on its own (`fix all`): the one obvious fix.
  public var isPreferred: Bool

  /// A fix.
  /// - Parameters:
  ///   - title: what it does.
  ///   - diagnostic: the diagnostic it resolves, if any.
  ///   - edits: the edits.
  ///   - isPreferred: whether it is the one obvious fix.
  public init(
    title: String, diagnostic: Diagnostic? = nil, edits: [TextReplacement],
    isPreferred: Bool = false
  ) {
    self.title = title
    self.diagnostic = diagnostic
    self.edits = edits
    self.isPreferred = isPreferred
  }
}
