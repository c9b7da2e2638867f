/// What to check a rule or rule set for.
public struct LintOptions: Hashable, Sendable {
  /// Where the filter will be used; keys and sort clauses allowed differ.
  public var context: FilterContext = .archiveRule
  /// The limits to check against, including the archive-rule quota.
  public var limits = Limits.default
  /// Check as if rules were compiled with `--split`.
  public var split = false
  /// The analyzer family the rules are for, given explicitly (`--analyzer`): it wins over the
  /// file's analyzer directive. `nil` leaves it to the directive, then `fallbackAnalyzer`, then
  /// inference from the rules (grammar.md, *Analyzer families*).
  public var analyzer: AnalyzerFamily?
  /// The family configured as a default (an editor's settings): used only when neither
  /// `analyzer` nor the file's analyzer directive (`# aafilter: analyzer=unused`) names one,
  /// before inference from the rules.
  public var fallbackAnalyzer: AnalyzerFamily?

  /// Lint options.
  /// - Parameters:
  ///   - context: where the filter will be used.
  ///   - limits: the limits to check against.
  ///   - split: check as if compiled with splitting.
  ///   - analyzer: the analyzer family to check for; `nil` leaves it to the file's directive,
  ///     then `fallbackAnalyzer`, then inference from the rules.
  ///   - fallbackAnalyzer: the configured family, used when neither `analyzer` nor a directive
  ///     names one.
  public init(
    context: FilterContext = .archiveRule, limits: Limits = .default, split: Bool = false,
    analyzer: AnalyzerFamily? = nil, fallbackAnalyzer: AnalyzerFamily? = nil
  ) {
    self.context = context
    self.limits = limits
    self.split = split
    self.analyzer = analyzer
    self.fallbackAnalyzer = fallbackAnalyzer
  }
}

/// Every diagnostic for one source, grouped by rule.
public struct LintReport: Hashable, Sendable {
  /// The diagnostics of one rule (or of a single expression).
  public struct RuleReport: Hashable, Sendable {
    /// `nil` for a single expression, or for problems outside any rule.
    public var name: String?
    /// Where the rule is in the source: its block, or its name in JSON.
    public var range: SourceRange?
    /// The rule's diagnostics, in source order.
    public var diagnostics: [Diagnostic]

    package init(name: String?, range: SourceRange?, diagnostics: [Diagnostic]) {
      self.name = name
      self.range = range
      self.diagnostics = diagnostics
    }
  }

  /// The text every range points into.
  public var source: String
  /// Per rule, in order.
  public var rules: [RuleReport]
  /// The analyzer family the rules were checked for, and what settled it.
  public var family = FamilyResolution(family: .external, source: .default)

  package init(
    source: String, rules: [RuleReport],
    family: FamilyResolution = FamilyResolution(family: .external, source: .default)
  ) {
    self.source = source
    self.rules = rules
    self.family = family
  }

  /// Every diagnostic of every rule.
  public var diagnostics: [Diagnostic] { rules.flatMap(\.diagnostics) }

  /// How many diagnostics have a severity.
  /// - Parameter severity: the severity.
  /// - Returns: the count.
  public func count(_ severity: Severity) -> Int {
    diagnostics.filter { $0.severity == severity }.count
  }

  /// `2 errors, 1 warning, 3 risks`, or `no problems`.
  public var summaryLine: String {
    let parts = [(Severity.error, "error"), (.warning, "warning"), (.risk, "risk")].compactMap {
      severity, word -> String? in
      let count = count(severity)
      return count == 0 ? nil : "\(count) \(word)\(count == 1 ? "" : "s")"
    }
    return parts.isEmpty ? "no problems" : parts.joined(separator: ", ")
  }
}

/// Checks rules for everything AWS would reject and for what it silently accepts: unknown
/// keys and values, malformed account ids and ARNs, redundant predicates, and rules that can
/// hide public exposure. Each check has a stable code (docs/checks.md).
public enum Linter: Sendable {
  /// Lints rule text: one expression or a rule set.
  ///
  /// The analyzer family is `options.analyzer` when given, else the text's analyzer directive
  /// (`# aafilter: analyzer=unused`, ``AnalyzerDirective``), else `options.fallbackAnalyzer`,
  /// else inferred from the rules. Problems with the directive come first in the report: in
  /// the single report of an expression or of text with syntax errors, or in a report with no
  /// name before the rules' reports.
  /// - Parameters:
  ///   - source: the text.
  ///   - options: the context and limits to check against.
  /// - Returns: the report, one rule report per rule.
  public static func lint(_ source: String, options: LintOptions = LintOptions()) -> LintReport {
    lint(source, options: options, family: nil)
  }

  /// `family`: settled by the caller (rule JSON settles it once for all its rules).
  package static func lint(
    _ source: String, options: LintOptions, family settled: FamilyResolution?
  )
    -> LintReport
  {
    let bytes = Array(source.utf8)
    let (document, syntax) = Parser.parse(bytes, limits: options.limits)
    // A family settled by the caller was read from somewhere else (JSON, a template); the
    // text linted then is printed, with no comments.
    var (directive, directiveDiagnostics) =
      settled == nil ? AnalyzerDirective.find(in: source) : (nil, [])
    if let given = options.analyzer, let overridden = directive?.overridden(by: given) {
      directiveDiagnostics.append(overridden)
    }
    guard !syntax.hasErrors else {
      var report = LintReport(
        source: source,
        rules: [.init(name: nil, range: nil, diagnostics: sorted(directiveDiagnostics + syntax))])
      // Editors still want the family of text being typed.
      report.family =
        settled ?? resolveFamily([], options: options, directive: directive?.family)
      return report
    }
    let queries: [Query]
    switch document {
    case .query(let query): queries = [query]
    case .ruleSet(let rules): queries = rules.map(\.body)
    }
    let family =
      settled ?? resolveFamily(queries, options: options, directive: directive?.family)
    var report: LintReport
    switch document {
    case .query(let query):
      let whole = SourceRange(start: 0, end: source.utf8.count)
      var rule = lintQuery(query, options: options, family: family, anchor: whole, source: bytes).0
      rule.diagnostics = sorted(directiveDiagnostics + rule.diagnostics)
      report = LintReport(source: source, rules: [rule])
    case .ruleSet(let rules):
      report = lintRuleSet(rules, source: source, options: options, family: family)
      if !directiveDiagnostics.isEmpty {
        report.rules.insert(
          .init(name: nil, range: directive?.range, diagnostics: sorted(directiveDiagnostics)),
          at: 0)
      }
    }
    report.family = family
    return report
  }

  /// The family to check against: given, else the directive's, else the configured fallback,
  /// else inferred from what the rules require. Finding types of several families settle on
  /// the first one written; the others are then reported as `analyzer-conflict` at their
  /// values.
  package static func resolveFamily(
    _ queries: [Query], options: LintOptions, directive: AnalyzerFamily? = nil
  ) -> FamilyResolution {
    if let given = options.analyzer { return FamilyResolution(family: given, source: .given) }
    if let directive { return FamilyResolution(family: directive, source: .directive) }
    if let configured = options.fallbackAnalyzer {
      return FamilyResolution(family: configured, source: .configured)
    }
    var maps: [FilterCriteriaMap] = []
    for query in queries {
      let (compiled, diagnostics) = Compiler.compile(
        query, options: CompileOptions(split: true, limits: options.limits))
      if !diagnostics.hasErrors { maps += compiled }
    }
    let findingTypes = FamilyResolution.findingTypeFamilies(maps)
    if findingTypes.count > 1, let first = firstFindingTypeFamily(queries) {
      return FamilyResolution(family: first, source: .ruleFindingType)
    }
    return
      (try? FamilyResolution.resolve(
        given: nil, ruleFindingTypes: findingTypes, ruleKeys: FamilyResolution.keyFamilies(maps)))
      ?? FamilyResolution(family: .external, source: .default)
  }

  /// The family of the first finding type written in the text.
  private static func firstFindingTypeFamily(_ queries: [Query]) -> AnalyzerFamily? {
    var first: (Int, AnalyzerFamily)?
    func visit(_ node: ExpressionNode) {
      switch node {
      case .predicate(let predicate) where predicate.key.value == "findingType":
        for value in predicate.values {
          guard let family = AnalyzerFamily(findingType: value.value) else { continue }
          if first.map({ value.range.start < $0.0 }) ?? true {
            first = (value.range.start, family)
          }
        }
      case .predicate: break
      case .not(let operand, _): visit(operand)
      case .and(let operands, _), .or(let operands, _): operands.forEach(visit)
      }
    }
    for query in queries { query.expression.map(visit) }
    return first?.1
  }

  /// `anchor` is where rule-wide findings point when the query itself has no text (empty).
  /// The query's diagnostics, and its filter maps when it compiled (for set-level checks).
  static func lintQuery(
    _ query: Query, options: LintOptions, family: FamilyResolution, anchor: SourceRange,
    source: [UInt8]
  )
    -> (LintReport.RuleReport, [FilterCriteriaMap]?)
  {
    var diagnostics: [Diagnostic] = []
    let (maps, compileDiagnostics) = Compiler.compile(
      query, options: CompileOptions(split: options.split, limits: options.limits))
    diagnostics += compileDiagnostics
    diagnostics += checkSort(query.sort, options: options)
    if let expression = query.expression {
      diagnostics += PredicateChecks(options: options, family: family, source: source).check(
        expression)
    }
    // Risks assume the family; a rule that contradicts it is fixed first.
    if options.context == .archiveRule, !compileDiagnostics.hasErrors,
      !diagnostics.contains(where: { $0.code == .analyzerConflict })
    {
      diagnostics += RiskChecks.check(
        maps, range: query.expression == nil ? anchor : query.range, family: family.family)
    }
    let report = LintReport.RuleReport(
      name: nil, range: query.range, diagnostics: sorted(diagnostics))
    return (report, compileDiagnostics.hasErrors ? nil : maps)
  }

  static func lintRuleSet(
    _ rules: [RuleDefinition], source: String, options: LintOptions, family: FamilyResolution
  ) -> LintReport {
    var reports: [LintReport.RuleReport] = []
    var compiled: [ComparedRule] = []
    // Per compiled rule, its report: set-level findings go there without a search per finding.
    var reportOfCompiled: [Int] = []
    var ruleOptions = options
    ruleOptions.context = .archiveRule
    let bytes = Array(source.utf8)
    for (rule, nameDiagnostics) in zip(rules, RuleSetChecks.names(rules)) {
      let (report, maps) = lintQuery(
        rule.body, options: ruleOptions, family: family, anchor: rule.name.range, source: bytes)
      if let maps {
        compiled.append(ComparedRule(name: rule.name, maps: maps))
        reportOfCompiled.append(reports.count)
      }
      let splitName = maps.flatMap { RuleSetChecks.splitName(rule.name, parts: $0.count) }
      reports.append(
        .init(
          name: rule.name.value, range: rule.range,
          diagnostics: sorted(nameDiagnostics + (splitName.map { [$0] } ?? []) + report.diagnostics)
        ))
    }
    let total = compiled.reduce(0) { $0 + $1.maps.count }
    if let last = rules.last,
      let quota = RuleSetChecks.quota(total, limits: options.limits, at: last.name.range)
    {
      reports[reports.count - 1].diagnostics.append(quota)
    }
    for (index, diagnostic) in RuleComparison.compare(compiled) {
      reports[reportOfCompiled[index]].diagnostics.append(diagnostic)
    }
    return LintReport(source: source, rules: reports)
  }

  static func checkSort(_ sort: SortClause?, options: LintOptions) -> [Diagnostic] {
    guard let sort else { return [] }
    if options.context != .listFindings {
      return [
        .error(
          .sortInArchiveRule,
          "a sort clause is only for list-findings queries, not \(options.context.rawValue)",
          at: sort.range, label: "remove it", fix: .init(range: sort.range, replacement: ""))
      ]
    }
    let name = sort.attribute.value
    guard !FilterKeyCatalog.sortableAttributes.contains(where: { $0.utf8.elementsEqual(name.utf8) })
    else { return [] }
    let suggestion = Suggestion.closest(to: name, among: FilterKeyCatalog.sortableAttributes)
    return [
      Diagnostic(
        .warning, .unknownSortAttribute, "'\(name)' is not a sortable attribute",
        at: sort.attribute.range,
        help: suggestion.map { "did you mean '\($0)'?" }
          ?? "sortable: \(FilterKeyCatalog.sortableAttributes.joined(separator: ", "))",
        fix: suggestion.map { .init(range: sort.attribute.range, replacement: $0) })
    ]
  }

  package static func sorted(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
    var seen = Set<Diagnostic>()
    return diagnostics.filter { seen.insert($0).inserted }.enumerated()
      .sorted { ($0.element.range.start, $0.offset) < ($1.element.range.start, $1.offset) }.map(
        \.element)
  }
}
