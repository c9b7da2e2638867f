/// A parsed source: either one query or a rule-set file.
package enum Document: Hashable, Sendable {
  case query(Query)
  case ruleSet([RuleDefinition])
}

/// Recursive descent over the tokens of the lexer, one function per grammar rule.
///
/// After a bad predicate the parser skips to the next `and`, `or`, `)` or `}` and carries on, so
/// one run reports several independent mistakes; diagnostics inside an earlier one are dropped.
struct Parser {
  var lexer: Lexer
  var token: Token
  var previousEnd = 0
  var diagnostics: [Diagnostic] = []
  var depth = 0
  /// Set when parsing cannot go on meaningfully (nesting cap, too many errors).
  var aborted = false
  let limits: Limits

  init(_ bytes: [UInt8], limits: Limits = .default) {
    lexer = Lexer(bytes)
    token = lexer.next()
    self.limits = limits
  }

  /// Text that is not UTF-8 gets one error at its first bad byte and is not parsed: its
  /// positions must be positions in the file, and a repaired copy would shift them.
  static func parse(_ bytes: [UInt8], limits: Limits = .default) -> (Document, [Diagnostic]) {
    if let refusal = UTF8Validation.refusal(bytes) {
      let empty = Query(expression: nil, sort: nil, range: SourceRange(start: 0, end: 0))
      return (.query(empty), [refusal])
    }
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

  var bytes: [UInt8] { lexer.bytes }

  mutating func advance() {
    previousEnd = token.range.end
    token = lexer.next()
    if lexer.diagnostics.count + diagnostics.count > limits.maxDiagnostics, !aborted {
      abort(.tooManyErrors, "too many errors; the rest of the input was not checked")
    }
  }

  func at(_ keyword: Keyword) -> Bool { token.kind == .keyword(keyword) }

  mutating func report(
    _ code: DiagnosticCode, _ message: String, at range: SourceRange, label: String? = nil,
    help: String? = nil, notes: [Diagnostic.Note] = [], fix: Diagnostic.Fix? = nil
  ) {
    guard !aborted else { return }
    diagnostics.append(
      .error(code, message, at: range, label: label, help: help, notes: notes, fix: fix))
  }

  mutating func abort(_ code: DiagnosticCode, _ message: String, label: String? = nil) {
    report(code, message, at: token.range, label: label)
    aborted = true
  }

  /// Merges lexer and parser diagnostics in source order and drops those that fall inside an
  /// earlier error's span: they are consequences, not news.
  func finish() -> [Diagnostic] {
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
  mutating func synchronize() {
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

  // MARK: Queries

  // query = [ orExpr ] [ sortClause ]
  mutating func parseQuery(insideRule: Bool) -> Query {
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

  mutating func expectEnd() {
    guard !aborted, token.kind != .endOfInput else { return }
    report(
      .unexpectedToken, "expected the end of the input, found \(token.describe(in: bytes))",
      at: token.range)
  }

  // sortClause = "order" "by" attribute [ "asc" | "desc" ]
  mutating func parseSort() -> SortClause? {
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
  mutating func parseOr() -> ExpressionNode? {
    parseChain(.or, operand: { $0.parseAnd() }, build: ExpressionNode.or)
  }

  // andExpr = notExpr { "and" notExpr }
  mutating func parseAnd() -> ExpressionNode? {
    parseChain(.and, operand: { $0.parseNot() }, build: ExpressionNode.and)
  }

  mutating func parseChain(
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
  mutating func parseNot() -> ExpressionNode? {
    guard at(.not) else { return parsePrimary() }
    let start = token.range.start
    guard enterNesting() else { return nil }
    defer { depth -= 1 }
    advance()
    guard let operand = parseNot() else { return nil }
    return .not(operand, range: SourceRange(start: start, end: previousEnd))
  }

  mutating func enterNesting() -> Bool {
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
  mutating func parsePrimary() -> ExpressionNode? {
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
}
