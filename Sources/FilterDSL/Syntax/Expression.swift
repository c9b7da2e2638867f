/// A key or value as written, with where it was written.
public struct Located<Value: Hashable & Sendable>: Hashable, Sendable {
  public var value: Value
  public var range: SourceRange
  public init(_ value: Value, range: SourceRange) {
    self.value = value
    self.range = range
  }
}

/// The comparison a predicate makes, after aliases are resolved (`=`, `in` → `eq`;
/// `!=`, `not in` → `neq`).
public enum ComparisonOperator: String, Hashable, Sendable, CaseIterable, Codable {
  case eq, neq, contains, exists
}

/// `key op values`, `key exists`, `key not exists`, ...
public struct Predicate: Hashable, Sendable {
  public var key: Located<String>
  public var op: ComparisonOperator
  /// Whether `not` stood between key and operator (`error not exists`, `k not contains x`).
  /// `not in` is already folded into `neq` and is never marked here.
  public var negated: Bool
  /// Empty for `exists`.
  public var values: [Located<String>]
  /// Whether the values were written as a list (`[a]` rather than `a`).
  public var isList: Bool
  public var operatorRange: SourceRange
  public var range: SourceRange
}

/// A parsed filter expression. `and` and `or` are n-ary so long chains never nest deeply.
public indirect enum ExpressionNode: Hashable, Sendable {
  case predicate(Predicate)
  case not(ExpressionNode, range: SourceRange)
  case and([ExpressionNode], range: SourceRange)
  case or([ExpressionNode], range: SourceRange)

  public var range: SourceRange {
    switch self {
    case .predicate(let predicate): predicate.range
    case .not(_, let range), .and(_, let range), .or(_, let range): range
    }
  }
}

/// `order by ATTRIBUTE [asc|desc]`.
public struct SortClause: Hashable, Sendable {
  public var attribute: Located<String>
  public var order: SortCriteria.Order
  public var range: SourceRange
}

/// An expression with an optional sort: the whole of a query, or the body of a rule.
public struct Query: Hashable, Sendable {
  /// `nil` for an empty query, which matches every finding.
  public var expression: ExpressionNode?
  public var sort: SortClause?
  public var range: SourceRange
}

/// `rule NAME { query }` in a rule-set file.
public struct RuleDefinition: Hashable, Sendable {
  public var name: Located<String>
  public var body: Query
  public var range: SourceRange
}
