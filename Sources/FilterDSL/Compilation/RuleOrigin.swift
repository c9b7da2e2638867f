/// Where a compiled archive rule came from in a rule set: the `rule NAME { ... }` it was
/// written as, and which part of it when splitting made that rule several (`NAME-1`,
/// `NAME-2`, ...), so reports about the parts can lead back to the rule a person wrote.
public struct RuleOrigin: Hashable, Sendable {
  /// The name written in the rule set.
  public var ruleName: String
  /// The part's number, from 1, when the rule was split; `nil` when it compiled to one rule.
  public var part: Int?
  /// How many archive rules the written rule became (1 when it was not split).
  public var partCount: Int

  /// An origin.
  /// - Parameters:
  ///   - ruleName: the name written in the rule set.
  ///   - part: the part's number from 1, or `nil` for a rule that was not split.
  ///   - partCount: how many archive rules the written rule became.
  public init(ruleName: String, part: Int? = nil, partCount: Int = 1) {
    self.ruleName = ruleName
    self.part = part
    self.partCount = partCount
  }

  /// Whether the archive rule is one part of a split rule.
  public var isSplit: Bool { part != nil }
}
