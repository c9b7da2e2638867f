import FilterDSL

/// One thing the editor may offer at the cursor: a key, an operator, a value, `rule`, or a name
/// already used in the document.
public struct CompletionCandidate: Hashable, Sendable {
  /// What the candidate is, for the editor's icon and sorting.
  public enum Kind: Hashable, Sendable {
    /// A filter key (`resourceType`, `principal.AWS`, `condition.aws:SourceIp`).
    case key
    /// A comparison (`eq`, `not in`, `exists`, `=`) or a connective (`and`, `or`).
    case `operator`
    /// An enumerated value of the key before the operator (`AWS::S3::Bucket`, `false`).
    case value
    /// A reserved word (`rule`).
    case keyword
    /// A template with placeholders (`rule ${1:NAME} {...}`); ``CompletionCandidate/isSnippet``.
    case snippet
    /// An account id or principal already written elsewhere in the document.
    case reference
  }

  /// What the list shows.
  public var label: String
  /// What the candidate is.
  public var kind: Kind
  /// A short line beside the label (`filter key · external, internal`).
  public var detail: String?
  /// Markdown shown when the candidate is selected.
  public var documentation: String?
  /// The text that replaces ``replacing``, quoted as the grammar requires.
  public var insertText: String
  /// Whether ``insertText`` is an LSP snippet (`$1`, `${1:NAME}`, `$0` placeholders).
  public var isSnippet: Bool
  /// The bytes the candidate replaces: the word or string being typed at the cursor, or an
  /// empty range at the cursor. Always on the cursor's line and containing the cursor.
  public var replacing: SourceRange

  /// A candidate.
  /// - Parameters:
  ///   - label: what the list shows.
  ///   - kind: what the candidate is.
  ///   - detail: a short line beside the label.
  ///   - documentation: markdown shown when selected.
  ///   - insertText: the text to insert; the label when `nil`.
  ///   - isSnippet: whether `insertText` has snippet placeholders.
  ///   - replacing: the bytes the candidate replaces.
  public init(
    label: String, kind: Kind, detail: String? = nil, documentation: String? = nil,
    insertText: String? = nil, isSnippet: Bool = false, replacing: SourceRange
  ) {
    self.label = label
    self.kind = kind
    self.detail = detail
    self.documentation = documentation
    self.insertText = insertText ?? label
    self.isSnippet = isSnippet
    self.replacing = replacing
  }
}
