/// A key or value as written, with where it was written.
package struct Located<Value: Hashable & Sendable>: Hashable, Sendable {
  package var value: Value
  package var range: SourceRange
  package init(_ value: Value, range: SourceRange) {
    self.value = value
    self.range = range
  }
}

/// The comparison a predicate makes, after aliases are resolved (`=`, `in` → `eq`;
/// `!=`, `not in` → `neq`).
public enum ComparisonOperator: String, Hashable, Sendable, CaseIterable, Codable {
  /// Some element equals one of the values (`eq`, `=`, `in`).
  case eq
  /// No element equals any of the values (`neq`, `!=`, `not in`); an absent value passes.
  case neq
  /// Some element contains one of the values as a substring.
  case contains
  /// The attribute is present (`exists`), or absent (`not exists`).
  case exists
}

/// `key op values`, `key exists`, `key not exists`, ...
package struct Predicate: Hashable, Sendable {
  package var key: Located<String>
  package var op: ComparisonOperator
  /// Whether `not` stood between key and operator (`error not exists`, `k not contains x`).
  /// `not in` is already folded into `neq` and is never marked here.
  package var negated: Bool
  /// Empty for `exists`.
  package var values: [Located<String>]
  /// Whether the values were written as a list (`[a]` rather than `a`).
  package var isList: Bool
  package var operatorRange: SourceRange
  package var range: SourceRange
}

/// A parsed filter expression. `and` and `or` are n-ary so long chains never nest deeply.
package indirect enum ExpressionNode: Hashable, Sendable {
  case predicate(Predicate)
  case not(ExpressionNode, range: SourceRange)
  case and([ExpressionNode], range: SourceRange)
  case or([ExpressionNode], range: SourceRange)

  package var range: SourceRange {
    switch self {
    case .predicate(let predicate): predicate.range
    case .not(_, let range), .and(_, let range), .or(_, let range): range
    }
  }
}

/// `order by ATTRIBUTE [asc|desc]`.
package struct SortClause: Hashable, Sendable {
  package var attribute: Located<String>
  package var order: SortCriteria.Order
  package var range: SourceRange
}

/// An expression with an optional sort: the whole of a query, or the body of a rule.
package struct Query: Hashable, Sendable {
  /// `nil` for an empty query, which matches every finding.
  package var expression: ExpressionNode?
  package var sort: SortClause?
  package var range: SourceRange
}

/// `rule NAME { query }` in a rule-set file.
package struct RuleDefinition: Hashable, Sendable {
  package var name: Located<String>
  package var body: Query
  package var range: SourceRange
}
