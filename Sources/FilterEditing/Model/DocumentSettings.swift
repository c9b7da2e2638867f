import FilterDSL

/// What an editor knows about a rule document beyond its text: the settings a language client
/// passes once (`initializationOptions`), applied to every document it opens.
public struct DocumentSettings: Hashable, Sendable {
  /// The analyzer family to check for when neither a directive comment
  /// (`# aafilter: analyzer=unused`) nor the rules settle it; `nil` infers it as `check` does.
  public var fallbackAnalyzer: AnalyzerFamily?
  /// Check, hover and split as `check --split` and `compile --split` do: an `or` across keys
  /// becomes several archive rules named `NAME-1`, `NAME-2`, ... instead of an error.
  public var split: Bool

  /// Settings.
  /// - Parameters:
  ///   - fallbackAnalyzer: the family to assume when nothing in the document settles it.
  ///   - split: whether rules are compiled with splitting.
  public init(fallbackAnalyzer: AnalyzerFamily? = nil, split: Bool = false) {
    self.fallbackAnalyzer = fallbackAnalyzer
    self.split = split
  }
}
