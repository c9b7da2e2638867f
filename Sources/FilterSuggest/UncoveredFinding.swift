import FilterDSL

/// An expected finding that no suggested rule archives, and why.
public struct UncoveredFinding: Hashable, Sendable, Codable {
  /// Why a finding is left uncovered.
  public enum Reason: Hashable, Sendable, Codable {
    /// The finding is public (or, without access details, may be), or in the internal and
    /// unused families, a rule for it could not be kept safe (docs/suggest.md, *Safety*);
    /// `allowPublic` lifts this.
    case isPublic
    /// A kept finding has the same value as this one on every key a rule could use, so no
    /// rule archives one without the other.
    case inseparable(keptID: String)
    /// Covering it would take more than `maxRules` rules.
    case ruleLimit
    /// It holds no value a rule may name (every key absent, undecidable or unusable), and
    /// a rule with no key would archive every finding.
    case nothingToName
  }

  /// The finding's id.
  public var id: String
  /// The finding's analyzer family, when known.
  public var family: AnalyzerFamily?
  /// Why no rule archives it.
  public var reason: Reason
  /// More about the reason, when there is more to say (the safety rule that applied).
  public var detail: String?

  /// An uncovered finding.
  /// - Parameters:
  ///   - id: the finding's id.
  ///   - family: its analyzer family, when known.
  ///   - reason: why no rule archives it.
  ///   - detail: more about the reason.
  public init(id: String, family: AnalyzerFamily?, reason: Reason, detail: String? = nil) {
    self.id = id
    self.family = family
    self.reason = reason
    self.detail = detail
  }

  /// A sentence for the report: the id, then why it is not covered (and the detail).
  public var explanation: String {
    let base: String
    switch reason {
    case .isPublic:
      if let detail {
        // The family's equivalent of public, or a finding that may be public.
        return
          "'\(id)' is left uncovered for safety: \(detail); unless allowed, rules never archive it"
      }
      base = "'\(id)' is public; rules never archive public findings unless allowed"
    case .inseparable(let keptID):
      base =
        "'\(id)' cannot be told apart from kept finding '\(keptID)': they agree on every key a rule can use"
    case .ruleLimit:
      base = "'\(id)' would need more rules than the limit allows"
    case .nothingToName:
      base = "'\(id)' holds no value a rule can name"
    }
    return detail.map { base + " (\($0))" } ?? base
  }
}
