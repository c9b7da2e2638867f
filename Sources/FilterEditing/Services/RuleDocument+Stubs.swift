import FilterDSL

extension RuleDocument {
  /// Candidates at a cursor.
  public func completions(at offset: Int) -> [CompletionCandidate] { [] }
  /// Hover at a cursor.
  public func hover(at offset: Int) -> HoverInfo? { nil }
  /// Fixes in a range.
  public func codeActions(in range: SourceRange) -> [CodeFix] { [] }
  /// Definition of the rule name at a cursor.
  public func definition(at offset: Int) -> SourceRange? { nil }
  /// References of the rule name at a cursor.
  public func references(at offset: Int) -> [SourceRange] { [] }
  /// Renames the rule at a cursor.
  public func rename(at offset: Int, to newName: String) -> Result<
    [TextReplacement], RenameRefusal
  > { .failure(RenameRefusal(message: "nothing to rename here")) }
}
