/// A parsed filter expression, for the command line and tests; tools compile with
/// ``FilterCompiler/compile(_:options:)``.
package struct FilterExpression: Hashable, Sendable {
  package let source: String
  package let query: Query

  package var expression: ExpressionNode? { query.expression }

  /// The `order by` clause as the API's sort, if one was written.
  package var sort: SortCriteria? {
    query.sort.map { SortCriteria(attributeName: $0.attribute.value, orderBy: $0.order) }
  }

  /// Parses one expression; a rule-set file is an error here.
  package init(parsing source: String, limits: Limits = .default) throws {
    let (document, diagnostics) = Parser.parse(Array(source.utf8), limits: limits)
    guard !diagnostics.hasErrors else { throw DiagnosticError(diagnostics, source: source) }
    switch document {
    case .query(let query):
      self.init(source: source, query: query)
    case .ruleSet(let rules):
      let range = rules.first?.range ?? SourceRange(start: 0, end: 0)
      throw DiagnosticError(
        [
          .error(
            .unexpectedToken, "expected a filter expression, found a rule set", at: range,
            help: "compile rule-set files as a whole")
        ], source: source)
    }
  }

  init(source: String, query: Query) {
    self.source = source
    self.query = query
  }

  /// Compiles to exactly one filter map, or throws the diagnostics that say why it cannot be.
  package func filterMap(options: CompileOptions = CompileOptions()) throws -> FilterCriteriaMap {
    var options = options
    options.split = false
    let (maps, diagnostics) = compile(options: options)
    // Without splitting, the compiler yields one map or an error.
    guard !diagnostics.hasErrors, maps.count == 1, let map = maps.first else {
      throw DiagnosticError(diagnostics, source: source)
    }
    return map
  }

  /// Compiles to filter maps whose union is exactly the expression.
  package func filterMaps(splitting: Bool, limits: Limits = .default) throws
    -> [FilterCriteriaMap]
  {
    let (maps, diagnostics) = compile(options: CompileOptions(split: splitting, limits: limits))
    guard !diagnostics.hasErrors else { throw DiagnosticError(diagnostics, source: source) }
    return maps
  }

  /// The maps and every diagnostic, without throwing.
  package func compile(options: CompileOptions = CompileOptions()) -> (
    [FilterCriteriaMap], [Diagnostic]
  ) {
    Compiler.compile(query, options: options)
  }
}

/// Several named archive rules, written `rule NAME { EXPRESSION }`.
package struct RuleSet: Hashable, Sendable {
  package let source: String
  package let rules: [RuleDefinition]

  init(source: String, rules: [RuleDefinition]) {
    self.source = source
    self.rules = rules
  }

  package init(parsing source: String, limits: Limits = .default) throws {
    let (document, diagnostics) = Parser.parse(Array(source.utf8), limits: limits)
    guard !diagnostics.hasErrors else { throw DiagnosticError(diagnostics, source: source) }
    switch document {
    case .ruleSet(let rules):
      self.source = source
      self.rules = rules
    case .query(let query):
      throw DiagnosticError(
        [
          .error(
            .unexpectedToken,
            "expected a rule set ('rule NAME { ... }'), found a filter expression",
            at: query.range)
        ], source: source)
    }
  }

  /// The archive rules, each compiled to one filter map; with `splitting`, a rule that needs
  /// several maps becomes rules `NAME-1`, `NAME-2`, ... in order.
  package func archiveRules(options: CompileOptions = CompileOptions()) throws -> [ArchiveRule] {
    let (rules, diagnostics) = compile(options: options)
    guard !diagnostics.hasErrors else { throw DiagnosticError(diagnostics, source: source) }
    return rules
  }

  package func compile(options: CompileOptions = CompileOptions()) -> ([ArchiveRule], [Diagnostic])
  {
    let (rules, _, diagnostics) = compileWithOrigins(options: options)
    return (rules, diagnostics)
  }

  /// The archive rules, where each came from (parallel to them), and every diagnostic.
  func compileWithOrigins(options: CompileOptions) -> (
    [ArchiveRule], [RuleOrigin], [Diagnostic]
  ) {
    var diagnostics: [Diagnostic] = []
    var output: [ArchiveRule] = []
    // The name each output rule came from, so a clash is blamed on the rule that made it.
    var origins: [(name: Located<String>, parts: Int)] = []
    var parts: [Int?] = []
    for (rule, nameDiagnostics) in zip(rules, RuleSetChecks.names(rules)) {
      let name = rule.name
      diagnostics += nameDiagnostics
      if let sort = rule.body.sort {
        diagnostics.append(
          .error(
            .sortInArchiveRule, "an archive rule cannot have a sort clause", at: sort.range,
            label: "archive rules only filter", fix: .init(range: sort.range, replacement: "")))
      }
      let (maps, ruleDiagnostics) = Compiler.compile(rule.body, options: options)
      diagnostics += ruleDiagnostics
      if maps.count == 1, let map = maps.first {
        output.append(ArchiveRule(ruleName: name.value, filter: map))
        origins.append((name, 1))
        parts.append(nil)
      } else {
        for (index, map) in maps.enumerated() {
          output.append(ArchiveRule(ruleName: "\(name.value)-\(index + 1)", filter: map))
          origins.append((name, maps.count))
          parts.append(index + 1)
        }
      }
    }
    if !diagnostics.hasErrors {
      diagnostics += Self.checkSplitNames(output, origins: origins)
      let range = rules.last?.range ?? SourceRange(start: 0, end: 0)
      if let quota = RuleSetChecks.quota(output.count, limits: options.limits, at: range) {
        diagnostics.append(quota)
      }
    }
    guard !diagnostics.hasErrors else { return ([], [], diagnostics) }
    let sources = zip(origins, parts).map { origin, part in
      RuleOrigin(ruleName: origin.name.value, part: part, partCount: origin.parts)
    }
    return (output, sources, diagnostics)
  }

  /// Names made by splitting must still be unique and valid.
  static func checkSplitNames(
    _ output: [ArchiveRule], origins: [(name: Located<String>, parts: Int)]
  ) -> [Diagnostic] {
    var seen = Set<ExactString>()
    var diagnostics: [Diagnostic] = []
    for (rule, origin) in zip(output, origins)
    where !seen.insert(ExactString(rule.ruleName)).inserted
      || !ArchiveRule.isValidName(rule.ruleName)
    {
      // Too long: the same error `check --split` gives.
      if let tooLong = RuleSetChecks.splitName(origin.name, parts: origin.parts) {
        if !diagnostics.contains(tooLong) { diagnostics.append(tooLong) }
        continue
      }
      diagnostics.append(
        .error(
          .duplicateRuleName,
          "splitting makes the rule name '\(rule.ruleName)', which is taken or too long",
          at: origin.name.range, help: "rename one of the rules"))
    }
    return diagnostics
  }
}

/// A source that may be either one expression or a rule set, as the command line reads them.
package enum FilterSource: Sendable {
  case expression(FilterExpression)
  case ruleSet(RuleSet)

  package init(parsing source: String, limits: Limits = .default) throws {
    let (document, diagnostics) = Parser.parse(Array(source.utf8), limits: limits)
    guard !diagnostics.hasErrors else { throw DiagnosticError(diagnostics, source: source) }
    switch document {
    case .query(let query): self = .expression(FilterExpression(source: source, query: query))
    case .ruleSet: self = .ruleSet(try RuleSet(parsing: source, limits: limits))
    }
  }

  /// Parses without throwing: the document (when it parsed) and every syntax diagnostic.
  package static func parse(_ source: String, limits: Limits = .default) -> (Document, [Diagnostic])
  {
    Parser.parse(Array(source.utf8), limits: limits)
  }

  /// Parses raw bytes, which need not be valid UTF-8 (a file's contents).
  package static func parse(bytes: [UInt8], limits: Limits = .default) -> (Document, [Diagnostic]) {
    Parser.parse(bytes, limits: limits)
  }
}
