import FilterDSL
import FilterFormats

extension RuleDocument {
  /// The edits that make the document exactly what `aafilter format` prints for it: canonical
  /// rule text, one `rule` block per rule, and a final line break.
  ///
  /// Formatting prints the compiled rules, so comments are not kept, and a text that does not
  /// compile cannot be formatted.
  /// - Returns: one replacement of the whole text; `[]` when the text is already formatted or
  ///   has an error.
  public func formattingEdits() -> [TextReplacement] {
    guard let formatted = RuleDocument.formatted(text), formatted != text else { return [] }
    return [TextReplacement(range: SourceRange(start: 0, end: index.bytes.count), text: formatted)]
  }

  /// What `aafilter format` prints for rule text, or `nil` when it prints an error instead.
  ///
  /// The same steps as the command, on the text read as rule text (an editor's document is a
  /// rule file, whatever its first word): read it, so the analyzer directive's errors count;
  /// compile with splitting and no value, map or rule limits (formatting is about text, so
  /// long lists stay whole); print.
  static func formatted(_ text: String) -> String? {
    var options = CompileOptions(split: true)
    options.limits.maxValuesPerOperator = .max
    options.limits.maxFilterMaps = .max
    options.limits.maxRules = .max
    let printer = FilterPrinter()
    switch RuleReader.read(Array(text.utf8), format: .dsl).compile(options: options).compiled {
    case nil:
      return nil
    case .rules(let rules):
      return printer.print(rules) + "\n"
    case .filters(let maps, let sort):
      var printed = printer.print(maps)
      if let sort { printed += (printed.isEmpty ? "" : " ") + printer.print(sort) }
      return printed + "\n"
    }
  }
}
