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
  public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rank < rhs.rank }
}

/// One problem in a piece of source text, as data: rendering is a separate step.
public struct Diagnostic: Hashable, Sendable, Codable, Error {
  /// A secondary location that explains the primary one ("first written here").
  public struct Note: Hashable, Sendable, Codable {
    public var message: String
    public var range: SourceRange?
    public init(_ message: String, range: SourceRange? = nil) {
      self.message = message
      self.range = range
    }
  }

  /// A replacement that fixes the problem, for editors and `--fix`-style tools.
  public struct Fix: Hashable, Sendable, Codable {
    public var range: SourceRange
    public var replacement: String
    public init(range: SourceRange, replacement: String) {
      self.range = range
      self.replacement = replacement
    }
  }

  public var severity: Severity
  public var code: DiagnosticCode
  public var message: String
  public var range: SourceRange
  /// Detail shown under the caret.
  public var label: String?
  /// The fix in words ("did you mean 'resourceType'?").
  public var help: String?
  public var notes: [Note]
  public var fix: Fix?

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

  static func error(
    _ code: DiagnosticCode, _ message: String, at range: SourceRange, label: String? = nil,
    help: String? = nil, notes: [Note] = [], fix: Fix? = nil
  ) -> Diagnostic {
    Diagnostic(.error, code, message, at: range, label: label, help: help, notes: notes, fix: fix)
  }
}

/// Thrown by the throwing entry points: every diagnostic of the failed step, with the text they
/// point into so that the error can render itself.
public struct DiagnosticError: Error, Sendable, Hashable, CustomStringConvertible {
  public var diagnostics: [Diagnostic]
  public var source: String

  public init(_ diagnostics: [Diagnostic], source: String) {
    self.diagnostics = diagnostics
    self.source = source
  }

  public var description: String {
    DiagnosticRenderer().render(diagnostics, source: source, name: "rule")
  }
}

extension Array where Element == Diagnostic {
  public var hasErrors: Bool { contains { $0.severity == .error } }
}
