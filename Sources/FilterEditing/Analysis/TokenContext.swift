import FilterDSL

/// What the grammar expects next after some tokens, read from the tokens alone so it works on
/// text that does not parse yet (the rule being typed).
enum Expectation: Hashable, Sendable {
  /// `rule`, at the top of a rule set.
  case rule
  /// The name after `rule`.
  case ruleName
  /// The `{` after a rule's name.
  case ruleBrace
  /// A key: the start of a predicate.
  case key
  /// An operator (or `not`) after the key.
  case comparison(key: String)
  /// `in` or `exists` after `KEY not`.
  case negatedComparison(key: String)
  /// A value (or a `[` list) after the operator.
  case value(key: String, op: ComparisonOperator)
  /// A value inside a `[...]` list.
  case listValue(key: String, op: ComparisonOperator)
  /// `and`, `or`, a closing `)` or `}`, or the end.
  case connective
  /// `by`, then the attribute, then the direction of a sort clause.
  case sort
}

/// The role one token plays, as far as the tokens before it tell.
enum TokenRole: Hashable, Sendable {
  case ruleKeyword
  case ruleName
  case key
  case `operator`(ComparisonOperator)
  /// The `not` of `KEY not exists`, `KEY not in`.
  case negation
  case value(key: String, op: ComparisonOperator)
  case connective
  case punctuation
  case other
}

/// Walks tokens with the grammar's expectations, recording each token's role.
struct TokenContext {
  private(set) var expectation: Expectation

  init(isRuleSet: Bool) {
    expectation = isRuleSet ? .rule : .key
  }

  /// Consumes one token and says what role it played.
  mutating func consume(_ token: Token) -> TokenRole {
    let kind = token.kind
    // `rule` always starts a rule, whatever came before, as the parser resynchronizes there.
    if kind == .keyword(.rule) {
      expectation = .ruleName
      return .ruleKeyword
    }
    if kind == .rightBrace, expectation != .ruleBrace {
      expectation = .rule
      return .punctuation
    }
    switch expectation {
    case .rule:
      return .other
    case .ruleName:
      if kind == .word || kind == .string {
        expectation = .ruleBrace
        return .ruleName
      }
      expectation = kind == .leftBrace ? .key : .rule
      return .other
    case .ruleBrace:
      expectation = kind == .leftBrace ? .key : .rule
      return kind == .leftBrace ? .punctuation : .other
    case .key:
      switch kind {
      case .word, .string:
        expectation = .comparison(key: token.value)
        return .key
      case .leftParen:
        return .punctuation
      case .keyword(.not):
        return .connective
      case .keyword(.order):
        expectation = .sort
        return .other
      default:
        return .other
      }
    case .comparison(let key):
      return comparison(kind, key: key, negated: false)
    case .negatedComparison(let key):
      return comparison(kind, key: key, negated: true)
    case .value(let key, let op):
      switch kind {
      case .word, .string:
        expectation = .connective
        return .value(key: key, op: op)
      case .leftBracket, .leftParen:
        expectation = .listValue(key: key, op: op)
        return .punctuation
      default:
        return connective(kind)
      }
    case .listValue(let key, let op):
      switch kind {
      case .word, .string: return .value(key: key, op: op)
      case .comma: return .punctuation
      case .rightBracket, .rightParen:
        expectation = .connective
        return .punctuation
      default:
        return connective(kind)
      }
    case .connective:
      switch kind {
      case .word, .string:
        // A missing 'and': the parser reports it and reads on from a new predicate.
        expectation = .comparison(key: token.value)
        return .key
      default:
        return connective(kind)
      }
    case .sort:
      return .other
    }
  }

  private mutating func comparison(_ kind: TokenKind, key: String, negated: Bool) -> TokenRole {
    switch kind {
    case .keyword(.not) where !negated:
      expectation = .negatedComparison(key: key)
      return .negation
    case .keyword(.exists):
      expectation = .connective
      return .operator(.exists)
    case .keyword(.in):
      expectation = .value(key: key, op: negated ? .neq : .eq)
      return .operator(negated ? .neq : .eq)
    case .keyword(.eq), .equals:
      expectation = .value(key: key, op: negated ? .neq : .eq)
      return .operator(.eq)
    case .keyword(.neq), .notEquals:
      expectation = .value(key: key, op: negated ? .eq : .neq)
      return .operator(.neq)
    case .keyword(.contains):
      expectation = .value(key: key, op: .contains)
      return .operator(.contains)
    default:
      return connective(kind)
    }
  }

  /// Tokens that end a predicate, wherever they come.
  private mutating func connective(_ kind: TokenKind) -> TokenRole {
    switch kind {
    case .keyword(.and), .keyword(.or):
      expectation = .key
      return .connective
    case .rightParen:
      expectation = .connective
      return .punctuation
    case .keyword(.order):
      expectation = .sort
      return .other
    default:
      expectation = .connective
      return .other
    }
  }
}

extension DocumentIndex {
  /// Where to start reading tokens for a position: the last `rule` at or before token
  /// `index`, or the first token.
  func contextStart(before index: Int) -> Int {
    var start = min(index, tokens.count)
    while start > 0 {
      start -= 1
      if tokens[start].kind == .keyword(.rule) { return start }
    }
    return 0
  }

  /// The expectation after tokens `..<index`, and the role of token `index` if there is one.
  func context(at index: Int) -> (expectation: Expectation, role: TokenRole?) {
    var context = TokenContext(isRuleSet: isRuleSet)
    let start = contextStart(before: index)
    for position in start..<min(index, tokens.count) { _ = context.consume(tokens[position]) }
    let expectation = context.expectation
    let role = index < tokens.count ? context.consume(tokens[index]) : nil
    return (expectation, role)
  }
}
