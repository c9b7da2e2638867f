import FilterDSL
import FilterFormats

extension EditorDocument {
  /// The edits that make the document exactly what `aafilter format` prints for it: canonical
  /// rule text, one `rule` block per rule, and a final line break.
  ///
  /// Formatting prints the compiled rules with the comments put back where grammar.md
  /// (*Printing*) says; a text that does not compile cannot be formatted.
  /// - Returns: one replacement of the whole text; `[]` when the text is already formatted or
  ///   has an error.
  public func formattingEdits() -> [TextReplacement] {
    guard let formatted = EditorDocument.formatted(text), formatted != text else { return [] }
    return [TextReplacement(range: SourceRange(start: 0, end: index.bytes.count), text: formatted)]
  }

  /// What `aafilter format` prints for rule text, or `nil` when it prints an error instead:
  /// the text read as rule text (an editor's document is a rule file, whatever its first
  /// word), so the analyzer directive's errors count, then formatted as the command does.
  static func formatted(_ text: String) -> String? {
    RuleReader.read(Array(text.utf8), format: .dsl).formatted().text
  }
}
