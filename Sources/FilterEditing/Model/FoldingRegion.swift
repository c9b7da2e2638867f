import FilterDSL

/// A region the editor may fold: a rule over several lines, or a run of comment lines.
public struct FoldingRegion: Hashable, Sendable {
  /// What is folded.
  public enum Kind: Hashable, Sendable {
    /// A `rule NAME { ... }` block spanning lines.
    case rule
    /// Two or more consecutive lines holding only comments.
    case comment
  }

  /// From the first byte of the region to the end of its last line's text (before the
  /// line break).
  public var range: SourceRange
  /// What is folded.
  public var kind: Kind

  /// A region.
  /// - Parameters:
  ///   - range: the bytes folded.
  ///   - kind: what is folded.
  public init(range: SourceRange, kind: Kind) {
    self.range = range
    self.kind = kind
  }
}
