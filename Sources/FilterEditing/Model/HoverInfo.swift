import FilterDSL

/// What to show when the pointer rests on a key, an operator, a value or a rule name.
public struct HoverInfo: Hashable, Sendable {
  /// The text, as Markdown.
  public var markdown: String
  /// The word or string it is about, for the editor to highlight.
  public var range: SourceRange

  /// A hover.
  /// - Parameters:
  ///   - markdown: the text, as Markdown.
  ///   - range: the word or string it is about.
  public init(markdown: String, range: SourceRange) {
    self.markdown = markdown
    self.range = range
  }
}
