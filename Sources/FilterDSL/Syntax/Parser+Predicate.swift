extension Parser {
  // predicate = key [ "not" ] ( "exists" | ( "in" | comparison ) values )
  mutating func parsePredicate() -> ExpressionNode? {
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

  mutating func reportMissingOperator(after key: Located<String>, negated: Bool) {
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
  mutating func parseValues(after operatorToken: Token) -> ([Located<String>], Bool)? {
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
  mutating func parseValue(after operatorToken: Token) -> Located<String>? {
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
