/// Limits the parser and compiler enforce. The API limits come from the service model; the
/// others keep hostile input from costing more than linear time and memory.
public struct Limits: Hashable, Sendable {
  /// Values in one `eq`, `neq` or `contains` list (the service's `ValueList` max).
  public var maxValuesPerOperator = 20
  /// Filter maps one expression may split into (the default archive-rule quota per analyzer).
  public var maxFilterMaps = 100
  /// Archive rules in one rule set (default quota; AWS raises it to 1,000 on request).
  public var maxRules = 100
  /// Nesting of parentheses and `not`.
  public var maxDepth = 64
  /// Diagnostics reported before the rest of the input is skipped.
  public var maxDiagnostics = 50
  /// Conjunctions the compiler may hold while distributing `and` over `or`.
  public var maxIntermediateTerms = 2_048

  /// The default limits.
  public init() {}

  /// The service's default quotas and the parser's safety limits.
  public static let `default` = Limits()
}
