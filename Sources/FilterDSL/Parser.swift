/// A parsed source: either one query or a rule-set file.
public enum Document: Hashable, Sendable {
  case query(Query)
  case ruleSet([RuleDefinition])
}

/// Recursive descent over the tokens of the lexer, one function per grammar rule.
///
/// After a bad predicate the parser skips to the next `and`, `or`, `)` or `}` and carries on, so
/// one run reports several independent mistakes; diagnostics inside an earlier one are dropped.
struct Parser {
  private var lexer: Lexer
  private var token: Token
  private var previousEnd = 0
  private var diagnostics: [Diagnostic] = []
  private var depth = 0
  /// Set when parsing cannot go on meaningfully (nesting cap, too many errors).
  private var aborted = false
  private let limits: Limits

  init(_ bytes: [UInt8], limits: Limits = .default) {
    lexer = Lexer(bytes)
    token = lexer.next()
    self.limits = limits
  }

  static func parse(_ bytes: [UInt8], limits: Limits = .default) -> (Document, [Diagnostic]) {
    var parser = Parser(bytes, limits: limits)
    let document: Document
    if parser.token.kind == .keyword(.rule) {
      document = .ruleSet(parser.parseRuleSet())
    } else {
      document = .query(parser.parseQuery(insideRule: false))
      parser.expectEnd()
    }
    return (document, parser.finish())
  }

  // MARK: Token handling

  private var bytes: [UInt8] { lexer.bytes }

  private mutating func advance() {
    previousEnd = token.range.end
    token = lexer.next()
    if lexer.diagnostics.count + diagnostics.count > limits.maxDiagnostics, !aborted {
      abort(.tooManyErrors, "too many errors; the rest of the input was not checked")
    }
  }

  private func at(_ keyword: Keyword) -> Bool { token.kind == .keyword(keyword) }

  private mutating func report(
    _ code: DiagnosticCode, _ message: String, at range: SourceRange, label: String? = nil,
    help: String? = nil, notes: [Diagnostic.Note] = [], fix: Diagnostic.Fix? = nil
  ) {
    guard !aborted else { return }
    diagnostics.append(
      .error(code, message, at: range, label: label, help: help, notes: notes, fix: fix))
  }

  private mutating func abort(_ code: DiagnosticCode, _ message: String, label: String? = nil) {
    report(code, message, at: token.range, label: label)
    aborted = true
  }

  /// Merges lexer and parser diagnostics in source order and drops those that fall inside an
  /// earlier error's span: they are consequences, not news.
  private func finish() -> [Diagnostic] {
    let all = (lexer.diagnostics + diagnostics).enumerated().sorted {
      ($0.element.range.start, $0.offset) < ($1.element.range.start, $1.offset)
    }.map(\.element)
    var kept: [Diagnostic] = []
    for diagnostic in all {
      if kept.contains(where: {
        $0.range.contains(diagnostic.range) && !$0.range.isEmpty && $0 != diagnostic
      }) {
        continue
      }
      if kept.contains(where: { $0.code == diagnostic.code && $0.range == diagnostic.range }) {
        continue
      }
      kept.append(diagnostic)
    }
    let cap = limits.maxDiagnostics
    if kept.count > cap {
      return Array(kept.prefix(cap))
        + [
          .error(
            .tooManyErrors, "too many errors; the rest of the input was not checked",
            at: kept[cap].range)
        ]
    }
    return kept
  }

  /// Skips to a token where parsing can resume after an error.
  private mutating func synchronize() {
    while !aborted {
      switch token.kind {
      case .endOfInput, .rightParen, .rightBrace, .keyword(.and), .keyword(.or), .keyword(.order),
        .keyword(.rule):
        return
      default:
        advance()
      }
    }
  }

  // MARK: Rule sets

  // ruleSet = { "rule" name "{" query "}" }
  private mutating func parseRuleSet() -> [RuleDefinition] {
    var rules: [RuleDefinition] = []
    while !aborted, token.kind != .endOfInput {
      guard at(.rule) else {
        report(
          .unexpectedToken, "expected 'rule', found \(token.describe(in: bytes))", at: token.range,
          help: "a rule-set file holds rules written 'rule NAME { EXPRESSION }'")
        advance()
        while !aborted, !at(.rule), token.kind != .endOfInput { advance() }
        continue
      }
      if let rule = parseRule() { rules.append(rule) }
    }
    return rules
  }

  // rule = "rule" name "{" query "}"
  private mutating func parseRule() -> RuleDefinition? {
    let start = token.range.start
    advance()
    let name: Located<String>
    switch token.kind {
    case .word, .string:
      name = Located(token.value, range: token.range)
      advance()
    default:
      report(
        .unexpectedToken, "expected a rule name after 'rule', found \(token.describe(in: bytes))",
        at: token.range, label: "expected a name such as 'TrustedAccounts'")
      while !aborted, !at(.rule), token.kind != .endOfInput { advance() }
      return nil
    }
    guard token.kind == .leftBrace else {
      report(
        .unexpectedToken, "expected '{' after the rule name, found \(token.describe(in: bytes))",
        at: token.range, label: "the rule's filter goes between '{' and '}'")
      while !aborted, !at(.rule), token.kind != .endOfInput { advance() }
      return nil
    }
    let brace = token.range
    advance()
    let body = parseQuery(insideRule: true)
    if token.kind == .rightBrace {
      advance()
    } else {
      report(
        .unclosedDelimiter,
        "expected '}' to close rule '\(name.value)', found \(token.describe(in: bytes))",
        at: token.range, notes: [.init("the rule opens here", range: brace)])
      while !aborted, !at(.rule), token.kind != .endOfInput { advance() }
    }
    return RuleDefinition(
      name: name, body: body, range: SourceRange(start: start, end: previousEnd))
  }

  // MARK: Queries

  // query = [ orExpr ] [ sortClause ]
  private mutating func parseQuery(insideRule: Bool) -> Query {
    let start = token.range.start
    var expression: ExpressionNode?
    if !at(.order), token.kind != .endOfInput, !(insideRule && token.kind == .rightBrace) {
      expression = parseOr()
      // Anything left that is not a sort or the end is a missing connective; report it and
      // parse on so later mistakes are found in the same run.
      while !aborted, !at(.order), token.kind != .endOfInput,
        !(insideRule && token.kind == .rightBrace),
        !(insideRule && at(.rule))
      {
        let stray = token
        report(
          .unexpectedToken, "expected 'and', 'or' or the end, found \(stray.describe(in: bytes))",
          at: stray.range, help: "join predicates with 'and' or 'or'")
        if stray.kind == .rightParen || stray.kind == .rightBrace { advance() }
        _ = parseOr()
        if token.range == stray.range { advance() }
      }
    }
    var sort: SortClause?
    if at(.order) { sort = parseSort() }
    let end = max(start, previousEnd)
    return Query(expression: expression, sort: sort, range: SourceRange(start: start, end: end))
  }

  private mutating func expectEnd() {
    guard !aborted, token.kind != .endOfInput else { return }
    report(
      .unexpectedToken, "expected the end of the input, found \(token.describe(in: bytes))",
      at: token.range)
  }

  // sortClause = "order" "by" attribute [ "asc" | "desc" ]
  private mutating func parseSort() -> SortClause? {
    let start = token.range.start
    advance()
    guard at(.by) else {
      report(
        .unexpectedToken, "expected 'by' after 'order', found \(token.describe(in: bytes))",
        at: token.range)
      return nil
    }
    advance()
    guard token.kind == .word || token.kind == .string else {
      report(
        .unexpectedToken,
        "expected an attribute name after 'order by', found \(token.describe(in: bytes))",
        at: token.range, label: "such as 'updatedAt'")
      return nil
    }
    let attribute = Located(token.value, range: token.range)
    advance()
    var order = SortCriteria.Order.ascending
    if at(.asc) {
      advance()
    } else if at(.desc) {
      order = .descending
      advance()
    }
    return SortClause(
      attribute: attribute, order: order, range: SourceRange(start: start, end: previousEnd))
  }

  // orExpr = andExpr { "or" andExpr }
  private mutating func parseOr() -> ExpressionNode? {
    parseChain(.or, operand: { $0.parseAnd() }, build: ExpressionNode.or)
  }

  // andExpr = notExpr { "and" notExpr }
  private mutating func parseAnd() -> ExpressionNode? {
    parseChain(.and, operand: { $0.parseNot() }, build: ExpressionNode.and)
  }

  private mutating func parseChain(
    _ connective: Keyword, operand: (inout Parser) -> ExpressionNode?,
    build: ([ExpressionNode], SourceRange) -> ExpressionNode
  ) -> ExpressionNode? {
    let start = token.range.start
    var operands: [ExpressionNode?] = [operand(&self)]
    while !aborted, at(connective) {
      advance()
      operands.append(operand(&self))
    }
    let parsed = operands.compactMap { $0 }
    guard parsed.count == operands.count, let first = parsed.first else { return nil }
    if parsed.count == 1 { return first }
    return build(parsed, SourceRange(start: start, end: previousEnd))
  }

  // notExpr = "not" notExpr | primary
  private mutating func parseNot() -> ExpressionNode? {
    guard at(.not) else { return parsePrimary() }
    let start = token.range.start
    guard enterNesting() else { return nil }
    defer { depth -= 1 }
    advance()
    guard let operand = parseNot() else { return nil }
    return .not(operand, range: SourceRange(start: start, end: previousEnd))
  }

  private mutating func enterNesting() -> Bool {
    depth += 1
    if depth > limits.maxDepth {
      abort(
        .nestingTooDeep, "nesting is deeper than \(limits.maxDepth) levels",
        label: "parentheses and 'not' nest too deeply here")
      return false
    }
    return true
  }

  // primary = "(" orExpr ")" | predicate
  private mutating func parsePrimary() -> ExpressionNode? {
    guard !aborted else { return nil }
    guard token.kind == .leftParen else { return parsePredicate() }
    let open = token.range
    guard enterNesting() else { return nil }
    defer { depth -= 1 }
    advance()
    if token.kind == .rightParen {
      report(
        .missingValue, "empty parentheses", at: open.union(token.range),
        label: "expected an expression inside")
      advance()
      return nil
    }
    let inner = parseOr()
    guard token.kind == .rightParen else {
      if !aborted {
        report(
          .unclosedDelimiter, "expected ')', found \(token.describe(in: bytes))", at: token.range,
          notes: [.init("to match this '('", range: open)])
        synchronize()
        if token.kind == .rightParen { advance() }
      }
      return nil
    }
    advance()
    return inner
  }

  // predicate = key [ "not" ] ( "exists" | ( "in" | comparison ) values )
  private mutating func parsePredicate() -> ExpressionNode? {
    let start = token.range.start
    let key: Located<String>
    switch token.kind {
    case .word, .string:
      key = Located(token.value, range: token.range)
      advance()
    default:
      let found = token.describe(in: bytes)
      switch token.kind {
      case .keyword(.eq), .keyword(.neq), .keyword(.contains), .keyword(.exists), .keyword(.in),
        .equals,
        .notEquals:
        report(
          .unexpectedToken, "expected a key before \(found)", at: token.range,
          label: "the key is missing")
      case .keyword(let keyword):
        report(
          .unexpectedToken, "expected a key, found the keyword \(found)", at: token.range,
          help: "quote it to use it as a key: \"\(keyword.rawValue)\"")
      default:
        report(
          .unexpectedToken, "expected a key, found \(found)", at: token.range,
          label: "expected a predicate such as 'isPublic exists'")
      }
      if token.kind != .endOfInput, token.kind != .rightParen, token.kind != .rightBrace {
        advance()
      }
      synchronize()
      return nil
    }
    var negated = false
    if at(.not) {
      negated = true
      advance()
    }
    let operatorToken = token
    let op: ComparisonOperator
    switch token.kind {
    case .keyword(.exists):
      advance()
      return .predicate(
        Predicate(
          key: key, op: .exists, negated: negated, values: [], isList: false,
          operatorRange: operatorToken.range, range: SourceRange(start: start, end: previousEnd)))
    case .keyword(.in):
      op = negated ? .neq : .eq
      negated = false
    case .keyword(.eq), .equals: op = .eq
    case .keyword(.neq), .notEquals: op = .neq
    case .keyword(.contains): op = .contains
    default:
      reportMissingOperator(after: key, negated: negated)
      synchronize()
      return nil
    }
    advance()
    guard let (values, isList) = parseValues(after: operatorToken) else {
      synchronize()
      return nil
    }
    return .predicate(
      Predicate(
        key: key, op: op, negated: negated, values: values, isList: isList,
        operatorRange: SourceRange(start: operatorToken.range.start, end: operatorToken.range.end),
        range: SourceRange(start: start, end: previousEnd)))
  }

  private mutating func reportMissingOperator(after key: Located<String>, negated: Bool) {
    let found = token.describe(in: bytes)
    let expected =
      negated
      ? "'exists', 'in' or a comparison after 'not'" : "an operator after key '\(key.value)'"
    var help =
      "operators are 'eq' (=), 'neq' (!=), 'contains', 'in', 'not in', 'exists', 'not exists'"
    var fix: Diagnostic.Fix?
    if token.kind == .word {
      let candidates = ["eq", "neq", "contains", "exists", "in"]
      if let best = Suggestion.closest(to: token.value.lowercased(), among: candidates) {
        help = "did you mean '\(best)'?"
        fix = .init(range: token.range, replacement: best)
      }
    }
    report(
      .missingOperator, "expected \(expected), found \(found)", at: token.range,
      label: "expected an operator here", help: help, fix: fix)
  }

  // values = value | "[" [ value { "," value } [ "," ] ] "]" | "(" ... ")"
  private mutating func parseValues(after operatorToken: Token) -> ([Located<String>], Bool)? {
    let closing: TokenKind
    switch token.kind {
    case .leftBracket: closing = .rightBracket
    case .leftParen: closing = .rightParen
    default:
      guard let value = parseValue(after: operatorToken) else { return nil }
      return ([value], false)
    }
    let open = token.range
    advance()
    var values: [Located<String>] = []
    while !aborted {
      if token.kind == closing {
        advance()
        return (values, true)
      }
      guard token.kind == .word || token.kind == .string else {
        if case .keyword = token.kind, token.kind != .keyword(.and), token.kind != .keyword(.or) {
          _ = parseValue(after: operatorToken)
          advance()
          continue
        }
        let close = closing == .rightBracket ? "']'" : "')'"
        report(
          .unclosedDelimiter, "expected a value or \(close), found \(token.describe(in: bytes))",
          at: token.range, notes: [.init("the list opens here", range: open)])
        return nil
      }
      values.append(Located(token.value, range: token.range))
      advance()
      if token.kind == .comma {
        advance()
      } else if token.kind != closing, token.kind == .word || token.kind == .string {
        report(
          .unexpectedToken, "expected ',' between values",
          at: SourceRange(start: previousEnd, end: token.range.start),
          label: "missing ','",
          fix: .init(range: SourceRange(start: previousEnd, end: previousEnd), replacement: ","))
      }
    }
    return nil
  }

  // value = WORD | STRING
  private mutating func parseValue(after operatorToken: Token) -> Located<String>? {
    switch token.kind {
    case .word, .string:
      defer { advance() }
      return Located(token.value, range: token.range)
    default:
      let op = operatorToken.describe(in: bytes)
      var help: String?
      var fix: Diagnostic.Fix?
      if case .keyword(let keyword) = token.kind {
        help = "quote it to use '\(keyword.rawValue)' as a value: \"\(keyword.rawValue)\""
        fix = .init(range: token.range, replacement: "\"\(token.value)\"")
        if keyword == .and || keyword == .or { help = nil; fix = nil }
      }
      report(
        .missingValue, "expected a value after \(op), found \(token.describe(in: bytes))",
        at: token.range, label: "expected a string or a word here", help: help, fix: fix)
      return nil
    }
  }
}
