import FilterDSL

/// One rule document as an editor holds it, and every language service over it: diagnostics,
/// completion, hover, formatting, quick fixes, outline, folding, and rule-name navigation.
///
/// Editor-agnostic: every position is a UTF-8 byte offset into ``text`` (`SourceRange`), and
/// nothing here knows a protocol; a language server converts positions and messages.
/// Creating a document only lexes and parses it; the lint behind ``diagnostics`` runs on
/// first use, and each other service does its own small amount of work when asked.
///
/// ```swift
/// import FilterEditing
///
/// let document = EditorDocument(text: "rule Buckets {\n  resourcetype eq AWS::S3::Bucket\n}\n")
/// for diagnostic in document.diagnostics {
///   print(diagnostic.code, diagnostic.range)  // unknown-key 17..<29, ...
/// }
/// let fixes = document.codeActions(in: document.diagnostics[0].range)
/// print(fixes.first?.title ?? "")  // Replace 'resourcetype' with 'resourceType'
/// ```
///
/// The analyzer family is settled as `check` settles it without `--analyzer`: the file's
/// directive (`# aafilter: analyzer=unused`), then ``DocumentSettings/fallbackAnalyzer``, then
/// inference from the rules.
public struct EditorDocument: Sendable {
  /// The document's text.
  public let text: String
  /// The settings it was opened with.
  public let settings: DocumentSettings
  let index: DocumentIndex
  private let lint: Lazy<LintReport>
  private let cachedFamily: Lazy<FamilyResolution>
  private let cachedNames: Lazy<RuleNames>

  /// Lexes and parses a document; nothing else runs until asked.
  /// - Parameters:
  ///   - text: the whole text.
  ///   - settings: the client's settings for every document.
  public init(text: String, settings: DocumentSettings = DocumentSettings()) {
    self.text = text
    self.settings = settings
    index = DocumentIndex(text)
    let options = EditorDocument.lintOptions(settings)
    lint = Lazy { Linter.lint(text, options: options) }
    let index = index
    // The lint settles the family the same way, from the same parse; settled apart, the
    // family costs one compile per rule, not the rule-set checks, so completion and hover do
    // not wait for the whole lint.
    cachedFamily = Lazy {
      Linter.resolveFamily(
        index.queries, options: options,
        directive: AnalyzerDirective.find(in: text).directive?.family)
    }
    cachedNames = Lazy { RuleNames(index) }
  }

  /// Where rule names are defined and mentioned, found on first use.
  var names: RuleNames { cachedNames.wrapped }

  /// The options `aafilter check` uses for a rule file with the same settings.
  static func lintOptions(_ settings: DocumentSettings) -> LintOptions {
    // No explicit family: the file's directive, then the client's setting, then inference,
    // exactly as `check` without `--analyzer` settles it.
    LintOptions(split: settings.split, fallbackAnalyzer: settings.fallbackAnalyzer)
  }

  /// The analyzer family the document is checked for, and what settled it.
  ///
  /// The same as `check`'s when the text parses. While it has syntax errors `check` infers
  /// nothing from the rules, but completion and hover still need the family of the rule being
  /// typed: it is then inferred, as `check` would, from the rules that parsed.
  public var family: FamilyResolution { cachedFamily.wrapped }

  /// Every diagnostic, exactly as `aafilter check` reports them for the same text and
  /// settings, in source order per rule.
  public var diagnostics: [Diagnostic] { lint.wrapped.diagnostics }

  /// The lint report behind ``diagnostics``, grouped by rule.
  public var report: LintReport { lint.wrapped }
}
