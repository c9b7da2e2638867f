/// How serious a diagnostic is.
public enum Severity: String, Hashable, Sendable, Codable, Comparable {
  /// The API would reject the rule, or the rule cannot mean what it says.
  case error
  /// Accepted by AWS, almost certainly a mistake.
  case warning
  /// Valid and probably intended, but it can hide real exposure.
  case risk

  private var rank: Int {
    switch self {
    case .error: 0
    case .warning: 1
    case .risk: 2
    }
  }
  /// Errors first, then warnings, then risks.
  public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rank < rhs.rank }
}

/// One problem in a piece of source text, as data: rendering is a separate step.
public struct Diagnostic: Hashable, Sendable, Codable {
  /// A secondary location that explains the primary one ("first written here").
  public struct Note: Hashable, Sendable, Codable {
    /// What the note says.
    public var message: String
    /// Where it points, if anywhere.
    public var range: SourceRange?
    /// A note.
    /// - Parameters:
    ///   - message: what it says.
    ///   - range: where it points, if anywhere.
    public init(_ message: String, range: SourceRange? = nil) {
      self.message = message
      self.range = range
    }
  }

  /// A replacement that fixes the problem, for editors and `--fix`-style tools.
  public struct Fix: Hashable, Sendable, Codable {
    /// The text to replace.
    public var range: SourceRange
    /// The text to put there.
    public var replacement: String
    /// A fix.
    /// - Parameters:
    ///   - range: the text to replace.
    ///   - replacement: the text to put there.
    public init(range: SourceRange, replacement: String) {
      self.range = range
      self.replacement = replacement
    }
  }

  /// How serious it is.
  public var severity: Severity
  /// The stable code, documented in docs/checks.md.
  public var code: DiagnosticCode
  /// What is wrong, on its own line: lower case, identifiers in quotes.
  public var message: String
  /// The UTF-8 range of the source text at fault.
  public var range: SourceRange
  /// Detail shown under the caret.
  public var label: String?
  /// The fix in words ("did you mean 'resourceType'?").
  public var help: String?
  /// Secondary locations and remarks.
  public var notes: [Note]
  /// A replacement that fixes the problem, when there is an obvious one.
  public var fix: Fix?

  /// A diagnostic.
  /// - Parameters:
  ///   - severity: how serious it is.
  ///   - code: the stable code.
  ///   - message: what is wrong.
  ///   - range: where.
  ///   - label: detail shown under the caret.
  ///   - help: the fix in words.
  ///   - notes: secondary locations.
  ///   - fix: a replacement that fixes it.
  public init(
    _ severity: Severity, _ code: DiagnosticCode, _ message: String, at range: SourceRange,
    label: String? = nil, help: String? = nil, notes: [Note] = [], fix: Fix? = nil
  ) {
    self.severity = severity
    self.code = code
    self.message = message
    self.range = range
    self.label = label
    self.help = help
    self.notes = notes
    self.fix = fix
  }

  package static func error(
    _ code: DiagnosticCode, _ message: String, at range: SourceRange, label: String? = nil,
    help: String? = nil, notes: [Note] = [], fix: Fix? = nil
  ) -> Diagnostic {
    Diagnostic(.error, code, message, at: range, label: label, help: help, notes: notes, fix: fix)
  }
}

/// Thrown by the throwing entry points: every diagnostic of the failed step, with the text they
/// point into so that the error can render itself.
public struct DiagnosticError: Error, Sendable, Hashable, CustomStringConvertible {
  /// Every diagnostic of the failed step, errors and warnings.
  public var diagnostics: [Diagnostic]
  /// The text the diagnostics point into.
  public var source: String

  /// An error holding diagnostics.
  /// - Parameters:
  ///   - diagnostics: the diagnostics.
  ///   - source: the text they point into.
  public init(_ diagnostics: [Diagnostic], source: String) {
    self.diagnostics = diagnostics
    self.source = source
  }

  /// The diagnostics rendered for people, against a source named `rule`.
  public var description: String {
    DiagnosticRenderer().render(diagnostics, source: source, name: "rule")
  }
}

extension Array where Element == Diagnostic {
  /// Whether any diagnostic is an error.
  public var hasErrors: Bool { contains { $0.severity == .error } }
}
