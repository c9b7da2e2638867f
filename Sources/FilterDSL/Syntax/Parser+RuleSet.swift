extension Parser {
  // ruleSet = { "rule" name "{" query "}" }
  mutating func parseRuleSet() -> [RuleDefinition] {
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
  mutating func parseRule() -> RuleDefinition? {
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
}
