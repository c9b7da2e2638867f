import FilterDSL

/// What to suggest rules for, and the limits the rules must keep.
public struct SuggestOptions: Hashable, Sendable, Codable {
  /// Only findings of this analyzer family (`--analyzer`); `nil` suggests one rule set for
  /// every family that has expected findings.
  public var family: AnalyzerFamily?
  /// The most rules per family (`--max-rules`); the service allows 100 per analyzer.
  public var maxRules: Int
  /// What every rule name starts with (`--name-prefix`).
  public var namePrefix: String
  /// Whether rules may archive public findings (`--allow-public`), or the equivalent in the
  /// internal and unused families (docs/suggest.md, *Safety*).
  public var allowPublic: Bool
  /// The most values one operator of a rule may list; the service allows 20.
  public var maxValuesPerOperator: Int

  /// Options; the defaults are the service's limits and the safe choices.
  /// - Parameters:
  ///   - family: only this analyzer family; `nil` for every family.
  ///   - maxRules: the most rules per family, at least 1.
  ///   - namePrefix: what rule names start with: a letter, then letters, digits, `_`, `.`, `-`.
  ///   - allowPublic: whether public findings may be archived.
  ///   - maxValuesPerOperator: the most values per operator, 1 to 20.
  public init(
    family: AnalyzerFamily? = nil, maxRules: Int = 100, namePrefix: String = "suggested",
    allowPublic: Bool = false, maxValuesPerOperator: Int = 20
  ) {
    self.family = family
    self.maxRules = maxRules
    self.namePrefix = namePrefix
    self.allowPublic = allowPublic
    self.maxValuesPerOperator = maxValuesPerOperator
  }
}
