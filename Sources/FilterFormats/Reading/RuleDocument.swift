import FilterDSL

/// What a rule source holds, in whichever format it came: the rules (or the expression still
/// to be compiled), the analyzer they belong to when the source names one, and every problem
/// found while reading, with ranges into `source`.
public struct RuleDocument: Sendable {
  /// The rules as the source states them.
  public enum Content: Sendable {
    /// Rule-language text (one expression, or `rule NAME { ... }` blocks), compiled on demand
    /// so `--split` and limits apply.
    case text(String, isRuleSet: Bool)
    /// One unnamed filter map, with the sort of a ListFindings request if it had one.
    case filter(FilterCriteriaMap, sort: SortCriteria?)
    /// Unnamed filter maps whose union is meant (`compile --split` output).
    case filters([FilterCriteriaMap])
    /// Named archive rules.
    case rules([ArchiveRule])
  }

  /// The format read (detected or given).
  public var format: RuleFormat
  /// The text read (invalid UTF-8 replaced), which diagnostic ranges point into.
  public var source: String
  /// What could be read; with errors in `diagnostics` it may be partial (lint still checks it),
  /// and `archiveRules` returns nothing.
  public var content: Content?
  /// The analyzer the source attaches its rules to (CloudFormation `AnalyzerName`, Terraform
  /// `analyzer_name`), when it says so literally.
  public var analyzerName: String?
  /// The CloudFormation analyzer `Type` (`ACCOUNT`, `ORGANIZATION_UNUSED_ACCESS`, ...), if given.
  public var analyzerType: String?
  /// Rule text's analyzer directive (`# aafilter: analyzer=unused`), when its header has a
  /// valid one; the directive's problems are in `diagnostics`.
  public var analyzerDirective: AnalyzerDirective?
  /// For `.rules` read from JSON, CloudFormation or Terraform: where each rule is named.
  public var ruleRanges: [SourceRange]
  /// Import problems: syntax, shapes and the traps of each format (docs/checks.md).
  public var diagnostics: [Diagnostic]

  /// Creates a document; readers fill it.
  public init(
    format: RuleFormat, source: String, content: Content?, analyzerName: String? = nil,
    analyzerType: String? = nil, ruleRanges: [SourceRange] = [], diagnostics: [Diagnostic] = []
  ) {
    self.format = format
    self.source = source
    self.content = content
    self.analyzerName = analyzerName
    self.analyzerType = analyzerType
    self.ruleRanges = ruleRanges
    self.diagnostics = diagnostics
  }

  /// Compiled rules: unnamed filter maps (one expression or map) or named rules.
  public enum Compiled: Sendable {
    /// One expression or map (several when split), with its `order by` if it had one.
    case filters([FilterCriteriaMap], sort: SortCriteria?)
    /// Named rules: a rule set, or rules read from JSON, CloudFormation or Terraform.
    case rules([ArchiveRule])
  }

  /// Compiles rule text with `options`; other formats are already compiled.
  /// - Parameter options: split and limits for rule text.
  /// - Returns: the result (`nil` on any error) and the import diagnostics plus any from
  ///   compiling.
  public func compile(options: CompileOptions = CompileOptions()) -> (
    compiled: Compiled?, diagnostics: [Diagnostic]
  ) {
    guard let content, !diagnostics.hasErrors else { return (nil, diagnostics) }
    switch content {
    case .rules(let rules): return (.rules(rules), diagnostics)
    case .filter(let map, let sort): return (.filters([map], sort: sort), diagnostics)
    case .filters(let maps): return (.filters(maps, sort: nil), diagnostics)
    case .text(let text, let isRuleSet):
      let result = FilterCompiler.compile(text, options: options)
      guard !result.hasErrors else { return (nil, diagnostics + result.diagnostics) }
      return (
        isRuleSet ? .rules(result.rules) : .filters(result.maps, sort: result.sort),
        diagnostics + result.diagnostics
      )
    }
  }

  /// The document as named archive rules, compiling rule text with `options`.
  ///
  /// Unnamed maps are named `defaultName`, or `defaultName-1`, `-2`, ... when there are several
  /// (as `compile --split` names the parts of one rule).
  /// - Parameters:
  ///   - options: split and limits for rule text.
  ///   - defaultName: the name for unnamed filter maps.
  /// - Returns: the rules, and the import diagnostics plus any from compiling; the rules are
  ///   empty when there is an error.
  public func archiveRules(
    options: CompileOptions = CompileOptions(), defaultName: String = "Rule1"
  )
    -> (rules: [ArchiveRule], diagnostics: [Diagnostic])
  {
    let (compiled, diagnostics) = compile(options: options)
    switch compiled {
    case nil: return ([], diagnostics)
    case .rules(let rules): return (rules, diagnostics)
    case .filters(let maps, _):
      let rules =
        maps.count == 1
        ? [ArchiveRule(ruleName: defaultName, filter: maps[0])]
        : maps.enumerated().map {
          ArchiveRule(ruleName: "\(defaultName)-\($0.offset + 1)", filter: $0.element)
        }
      return (rules, diagnostics)
    }
  }

  /// Whether the source is one filter rather than a set of named rules.
  public var isSingleFilter: Bool {
    switch content {
    case .filter, .filters, .text(_, isRuleSet: false): true
    default: false
    }
  }
}
