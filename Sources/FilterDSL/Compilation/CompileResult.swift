/// Compiles rule-language text to the filter maps and archive rules the Access Analyzer API
/// takes: the one entry point for compiling.
///
/// ```swift
/// import FilterDSL
///
/// let result = FilterCompiler.compile("resourceType eq AWS::S3::Bucket and isPublic eq false")
/// if let map = result.filterMap {
///   print(map.sortedKeys, result.json.serialized())  // {"isPublic": {"eq": ["false"]}, ...}
/// } else {
///   print(DiagnosticRenderer().render(result.diagnostics, source: result.source, name: "rule"))
/// }
/// ```
public enum FilterCompiler: Sendable {
  /// Parses and compiles one expression or a rule set (`rule NAME { ... }` blocks), reporting
  /// every problem as a diagnostic rather than throwing.
  /// - Parameters:
  ///   - source: rule text: a single expression (optionally with `order by`), or a rule set.
  ///   - options: whether to split `or` across keys, and the limits to enforce.
  /// - Returns: the maps or rules (empty when there are errors) and every diagnostic.
  public static func compile(_ source: String, options: CompileOptions = CompileOptions())
    -> CompileResult
  {
    let (document, syntax) = Parser.parse(Array(source.utf8), limits: options.limits)
    var result = CompileResult(source: source, split: options.split)
    guard !syntax.hasErrors else {
      if case .ruleSet = document { result.isRuleSet = true }
      result.diagnostics = syntax
      return result
    }
    switch document {
    case .query(let query):
      let (maps, diagnostics) = Compiler.compile(query, options: options)
      result.maps = maps
      result.sort = query.sort.map {
        SortCriteria(attributeName: $0.attribute.value, orderBy: $0.order)
      }
      result.diagnostics = syntax + diagnostics
    case .ruleSet(let definitions):
      let (rules, origins, diagnostics) = RuleSet(source: source, rules: definitions)
        .compileWithOrigins(options: options)
      result.isRuleSet = true
      result.rules = rules
      result.origins = origins
      result.maps = rules.map(\.filter)
      result.diagnostics = syntax + diagnostics
    }
    return result
  }
}

/// What compiling rule text produced: filter maps or archive rules, and every diagnostic.
public struct CompileResult: Hashable, Sendable {
  /// The text that was compiled; diagnostic ranges are UTF-8 offsets into it.
  public var source: String
  /// Whether the text was a rule set rather than a single expression.
  public var isRuleSet = false
  /// Whether `or` across keys was split into several maps (``CompileOptions/split``).
  public var split: Bool
  /// The filter maps: an expression's (one, or several when split), or each rule's in order.
  /// Empty when there are errors.
  public var maps: [FilterCriteriaMap] = []
  /// A rule set's archive rules, in order; a rule that split into several maps becomes
  /// `NAME-1`, `NAME-2`, ... Empty for an expression, and when there are errors.
  public var rules: [ArchiveRule] = []
  /// Where each of ``rules`` came from, in the same order: its written rule, and the part
  /// when that rule was split. Empty when ``rules`` is.
  public var origins: [RuleOrigin] = []
  /// An expression's `order by` clause as the API's sort.
  public var sort: SortCriteria?
  /// Every diagnostic, errors and warnings, in the order found.
  public var diagnostics: [Diagnostic] = []

  init(source: String, split: Bool) {
    self.source = source
    self.split = split
  }

  /// Where the rule named `ruleName` came from: leads a part of a split rule (`NAME-2`), as
  /// a preview or a plan names it, back to the rule written as `NAME`.
  /// - Parameter ruleName: the name of one of ``rules``.
  /// - Returns: its origin, or `nil` when no compiled rule has that name.
  public func origin(ofRuleNamed ruleName: String) -> RuleOrigin? {
    // Compiled rule names are unique (a clash is an error), so the first is the only one.
    guard let index = rules.firstIndex(where: { $0.ruleName.utf8.elementsEqual(ruleName.utf8) })
    else { return nil }
    return origins.indices.contains(index) ? origins[index] : nil
  }

  /// The diagnostics that made compilation fail.
  public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }

  /// Diagnostics about rules that compiled but are probably not what was meant.
  public var warnings: [Diagnostic] { diagnostics.filter { $0.severity != .error } }

  /// Whether compilation failed.
  public var hasErrors: Bool { diagnostics.hasErrors }

  /// The one filter map of an expression that compiled to exactly one; `nil` after errors,
  /// for a rule set, and when splitting produced several.
  public var filterMap: FilterCriteriaMap? {
    guard !isRuleSet, !hasErrors, maps.count == 1 else { return nil }
    return maps.first
  }

  /// The result itself when it has no errors, for code that prefers `try`.
  /// - Returns: this result.
  /// - Throws: ``DiagnosticError`` holding every diagnostic, when any is an error.
  public func checked() throws -> CompileResult {
    guard !hasErrors else { throw DiagnosticError(diagnostics, source: source) }
    return self
  }

  /// The JSON the API takes, as `aafilter compile` prints it: a filter map (an array of
  /// maps when splitting), or `{"archiveRules": [...]}` for a rule set. Keys in byte order.
  public var json: JSONValue {
    if isRuleSet { return .object([("archiveRules", .array(rules.map(\.json)))]) }
    if split { return .array(maps.map(\.json)) }
    return maps.first?.json ?? .object([])
  }
}
