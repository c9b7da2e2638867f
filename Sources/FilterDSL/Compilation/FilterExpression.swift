/// A filter expression parsed from the rule language: the entry point for most callers.
///
/// ```swift
/// let rule = try FilterExpression(parsing: "resourceType eq AWS::S3::Bucket and isPublic exists")
/// let map = try rule.filterMap()
/// ```
public struct FilterExpression: Hashable, Sendable {
  public let source: String
  public let query: Query

  public var expression: ExpressionNode? { query.expression }

  /// The `order by` clause as the API's sort, if one was written.
  public var sort: SortCriteria? {
    query.sort.map { SortCriteria(attributeName: $0.attribute.value, orderBy: $0.order) }
  }

  /// Parses one expression; a rule-set file is an error here (see `RuleSet`).
  public init(parsing source: String, limits: Limits = .default) throws {
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
            help: "parse rule-set files with RuleSet(parsing:)")
        ], source: source)
    }
  }

  init(source: String, query: Query) {
    self.source = source
    self.query = query
  }

  /// Compiles to exactly one filter map, or throws the diagnostics that say why it cannot be one.
  public func filterMap(options: CompileOptions = CompileOptions()) throws -> FilterCriteriaMap {
    var options = options
    options.split = false
    let maps = try filterMaps(options: options)
    guard let map = maps.first else {
      throw DiagnosticError(
        [.error(.orAcrossKeys, "the expression compiled to no filter map", at: query.range)],
        source: source)
    }
    return map
  }

  /// Compiles to filter maps whose union is exactly the expression. With `splitting` false this
  /// is one map or an error.
  public func filterMaps(splitting: Bool, limits: Limits = .default) throws -> [FilterCriteriaMap] {
    try filterMaps(options: CompileOptions(split: splitting, limits: limits))
  }

  public func filterMaps(options: CompileOptions) throws -> [FilterCriteriaMap] {
    let (maps, diagnostics) = compile(options: options)
    guard !diagnostics.hasErrors else { throw DiagnosticError(diagnostics, source: source) }
    return maps
  }

  /// The maps and every diagnostic, without throwing: for tools that collect problems.
  public func compile(options: CompileOptions = CompileOptions()) -> (
    [FilterCriteriaMap], [Diagnostic]
  ) {
    Compiler.compile(query, options: options)
  }
}

/// Several named archive rules, written `rule NAME { EXPRESSION }`.
public struct RuleSet: Hashable, Sendable {
  public let source: String
  public let rules: [RuleDefinition]

  public init(parsing source: String, limits: Limits = .default) throws {
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
  public func archiveRules(options: CompileOptions = CompileOptions()) throws -> [ArchiveRule] {
    let (rules, diagnostics) = compile(options: options)
    guard !diagnostics.hasErrors else { throw DiagnosticError(diagnostics, source: source) }
    return rules
  }

  public func compile(options: CompileOptions = CompileOptions()) -> ([ArchiveRule], [Diagnostic]) {
    var diagnostics: [Diagnostic] = []
    var output: [ArchiveRule] = []
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
      } else {
        for (index, map) in maps.enumerated() {
          output.append(ArchiveRule(ruleName: "\(name.value)-\(index + 1)", filter: map))
        }
      }
    }
    if !diagnostics.hasErrors {
      diagnostics += checkSplitNames(output)
      let range = rules.last?.range ?? SourceRange(start: 0, end: 0)
      if let quota = RuleSetChecks.quota(output.count, limits: options.limits, at: range) {
        diagnostics.append(quota)
      }
    }
    return (diagnostics.hasErrors ? [] : output, diagnostics)
  }

  /// Names made by splitting must still be unique and valid.
  private func checkSplitNames(_ output: [ArchiveRule]) -> [Diagnostic] {
    var seen = Set<ExactString>()
    var diagnostics: [Diagnostic] = []
    for rule in output
    where !seen.insert(ExactString(rule.ruleName)).inserted
      || !ArchiveRule.isValidName(rule.ruleName)
    {
      let source = rules.first { rule.ruleName.hasPrefix($0.name.value) }
      // Too long: the same error `check --split` gives.
      let parts = output.filter { $0.ruleName.hasPrefix((source?.name.value ?? "") + "-") }.count
      if let source, let tooLong = RuleSetChecks.splitName(source.name, parts: parts) {
        if !diagnostics.contains(tooLong) { diagnostics.append(tooLong) }
        continue
      }
      diagnostics.append(
        .error(
          .duplicateRuleName,
          "splitting makes the rule name '\(rule.ruleName)', which is taken or too long",
          at: source?.name.range ?? SourceRange(start: 0, end: 0), help: "rename one of the rules"))
    }
    return diagnostics
  }
}

/// A source that may be either one expression or a rule set, as the command line reads them.
public enum FilterSource: Sendable {
  case expression(FilterExpression)
  case ruleSet(RuleSet)

  public init(parsing source: String, limits: Limits = .default) throws {
    let (document, diagnostics) = Parser.parse(Array(source.utf8), limits: limits)
    guard !diagnostics.hasErrors else { throw DiagnosticError(diagnostics, source: source) }
    switch document {
    case .query(let query): self = .expression(FilterExpression(source: source, query: query))
    case .ruleSet: self = .ruleSet(try RuleSet(parsing: source, limits: limits))
    }
  }

  /// Parses without throwing: the document (when it parsed) and every syntax diagnostic.
  public static func parse(_ source: String, limits: Limits = .default) -> (Document, [Diagnostic])
  {
    Parser.parse(Array(source.utf8), limits: limits)
  }

  /// Parses raw bytes, which need not be valid UTF-8 (a file's contents).
  public static func parse(bytes: [UInt8], limits: Limits = .default) -> (Document, [Diagnostic]) {
    Parser.parse(bytes, limits: limits)
  }
}
