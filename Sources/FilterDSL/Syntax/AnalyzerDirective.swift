/// `# aafilter: analyzer=unused`: a comment that names the analyzer family a rule file is for,
/// so every tool that reads the file (check, compile, preview, an editor) checks it against
/// the same family without being told on each run.
///
/// The directive is a comment line of its own in the file's header, before the first rule or
/// expression (only blank lines and other comments may come before it). `aafilter`, `analyzer`
/// and the family are read in any case; spaces may stand around `:` and `=`; the family is any
/// name `--analyzer` takes (`external`, `internal`, `unused`, `unused-access`, an API `type`).
///
/// A family given by the caller (`--analyzer`, `LintOptions.analyzer`) wins over the directive;
/// the directive wins over a configured default (`LintOptions.fallbackAnalyzer`) and over
/// inference (grammar.md, *The analyzer directive*).
///
/// ```swift
/// import FilterDSL
///
/// let text = """
///   # aafilter: analyzer=unused
///   rule Roles { findingType eq UnusedIAMRole and resource contains "role/ci-" }
///   """
/// let (directive, diagnostics) = AnalyzerDirective.find(in: text)
/// print(directive?.family == .unused, diagnostics.isEmpty)  // true true
/// ```
public struct AnalyzerDirective: Hashable, Sendable {
  /// The family the directive names.
  public var family: AnalyzerFamily
  /// The whole comment, from `#` to the end of its line (without a line break or `\r`).
  public var range: SourceRange
  /// The family word after `=`.
  public var valueRange: SourceRange

  /// A directive from its parts.
  /// - Parameters:
  ///   - family: the family named.
  ///   - range: the whole comment.
  ///   - valueRange: the family word.
  public init(family: AnalyzerFamily, range: SourceRange, valueRange: SourceRange) {
    self.family = family
    self.range = range
    self.valueRange = valueRange
  }

  /// The directive of rule text, and the problems with every `# aafilter:` comment in it.
  ///
  /// The first valid directive of the header wins. Diagnostics: an unknown family
  /// (`unknown-analyzer-directive`, error, with did-you-mean), a second directive naming
  /// another family (`conflicting-analyzer-directive`, error) or the same one
  /// (`duplicate-analyzer-directive`, warning), an `aafilter:` comment that is not
  /// `analyzer=FAMILY` (`unknown-directive`, warning), and a directive after the first rule
  /// (`misplaced-analyzer-directive`, warning; it is ignored).
  /// - Parameter source: rule text, as `Linter.lint` takes it.
  /// - Returns: the directive, if the header has a valid one, and the diagnostics in source
  ///   order.
  public static func find(in source: String) -> (
    directive: AnalyzerDirective?, diagnostics: [Diagnostic]
  ) {
    var found: AnalyzerDirective?
    var diagnostics: [Diagnostic] = []
    for comment in DirectiveComment.all(in: Array(source.utf8)) {
      guard comment.inHeader else {
        diagnostics.append(
          Diagnostic(
            .warning, .misplacedAnalyzerDirective,
            "an 'aafilter:' directive only counts before the first rule; this one is ignored",
            at: comment.range, label: "after the first rule",
            help: "move it to the top of the file"))
        continue
      }
      switch comment.reading {
      case .other(let word, let range):
        let suggestion = Suggestion.closest(to: word, among: ["analyzer"])
        diagnostics.append(
          Diagnostic(
            .warning, .unknownDirective,
            word.isEmpty
              ? "an 'aafilter:' comment needs 'analyzer=FAMILY'"
              : "'\(word)' is not an 'aafilter:' directive; the only one is 'analyzer=FAMILY'",
            at: range, label: "not understood",
            help: suggestion.map { "did you mean '\($0)'?" }
              ?? "write '# aafilter: analyzer=external|internal|unused'",
            fix: suggestion.map { Diagnostic.Fix(range: range, replacement: $0) }))
      case .unknownFamily(let word, let range):
        diagnostics.append(unknownFamily(word, at: range))
      case .family(let family, let valueRange):
        let directive = AnalyzerDirective(
          family: family, range: comment.range, valueRange: valueRange)
        guard let first = found else {
          found = directive
          continue
        }
        diagnostics.append(repeated(directive, first: first, line: comment.line))
      }
    }
    return (found, diagnostics)
  }

  /// `LintOptions.analyzer` (or `--analyzer`) names another family than this directive: the
  /// caller's family is used, and this warning says so at the directive.
  /// - Parameter given: the family the caller gave.
  /// - Returns: `analyzer-directive-overridden`, or `nil` when the two agree.
  public func overridden(by given: AnalyzerFamily) -> Diagnostic? {
    guard given != family else { return nil }
    return Diagnostic(
      .warning, .analyzerDirectiveOverridden,
      "the file's analyzer directive names \(family.displayName), but the analyzer given is \(given.displayName)",
      at: valueRange, label: "overridden: checked as \(given.displayName)",
      help: "change the directive, or drop --analyzer (LintOptions.analyzer) to use it")
  }

  private static func unknownFamily(_ word: String, at range: SourceRange) -> Diagnostic {
    let candidates =
      AnalyzerFamily.allCases.map(\.rawValue) + AnalyzerFamily.allCases.map(\.displayName)
      + AnalyzerFamily.allCases.flatMap(\.apiTypes)
    let suggestion = word.isEmpty ? nil : Suggestion.closest(to: word, among: candidates)
    let message =
      word.isEmpty
      ? "the analyzer directive names no family"
      : "'\(word)' is not an analyzer family"
    return .error(
      .unknownAnalyzerDirective, message, at: range, label: "not a family",
      help: suggestion.map { "did you mean '\($0)'?" }
        ?? "write external, internal, unused or an analyzer type (ACCOUNT_UNUSED_ACCESS, ...)",
      fix: suggestion.map { Diagnostic.Fix(range: range, replacement: $0) })
  }

  /// A second valid directive: an error when it disagrees with the first (which is used), a
  /// warning with a fix removing its line when it repeats it.
  private static func repeated(
    _ directive: AnalyzerDirective, first: AnalyzerDirective, line: SourceRange
  ) -> Diagnostic {
    if directive.family == first.family {
      return Diagnostic(
        .warning, .duplicateAnalyzerDirective,
        "the analyzer directive is repeated", at: directive.range, label: "already said above",
        help: "remove it", notes: [.init("first given here", range: first.range)],
        fix: .init(range: line, replacement: ""))
    }
    return .error(
      .conflictingAnalyzerDirective,
      "the analyzer directive names \(directive.family.displayName), but an earlier one names \(first.family.displayName)",
      at: directive.valueRange, label: "ignored: the first directive is used",
      help: "a rule file is for one analyzer: keep one directive",
      notes: [.init("first directive here", range: first.valueRange)])
  }
}
