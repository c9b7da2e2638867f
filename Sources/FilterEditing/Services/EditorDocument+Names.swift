import FilterDSL

extension EditorDocument {
  /// Where the rule named at the cursor is defined: from its `rule NAME`, or from a mention
  /// in a comment of its name or of a part a split makes of it (`NAME-2`).
  /// - Parameter offset: the cursor, a UTF-8 offset into ``text``.
  /// - Returns: the name's range in the first rule of that name; `nil` elsewhere.
  public func definition(at offset: Int) -> SourceRange? {
    if let own = names.definitions.first(where: {
      $0.range.start <= offset && offset <= $0.range.end
    }) {
      return own.range
    }
    guard let (name, _, _) = names.name(at: offset) else { return nil }
    return names.definitions.first { $0.name == name }?.range
  }

  /// Every place the rule named at the cursor is written: its definitions and the comments
  /// that mention it or its split parts (`NAME-2`, the whole mention).
  /// - Parameter offset: the cursor.
  /// - Returns: ranges in source order; empty when no rule is named at the cursor.
  public func references(at offset: Int) -> [SourceRange] {
    guard let (name, _, _) = names.name(at: offset) else { return [] }
    let ranges =
      names.definitions.filter { $0.name == name }.map(\.range)
      + names.mentions.filter { $0.name == name }.map(\.range)
    return ranges.sorted { $0.start < $1.start }
  }

  /// The part of the text a rename at the cursor would replace (the name, without a split
  /// part's `-k`), for an editor's rename preparation.
  /// - Parameter offset: the cursor.
  /// - Returns: `nil` when no rule is named at the cursor.
  public func renameRange(at offset: Int) -> SourceRange? {
    names.name(at: offset)?.renamable
  }

  /// Renames the rule named at the cursor: every definition of the name, and every mention in
  /// comments, split parts keeping their `-k`.
  /// - Parameters:
  ///   - offset: the cursor, on a rule's name or a mention of it.
  ///   - newName: the new name; it must be a valid archive rule name no other rule has.
  /// - Returns: the edits, or why there are none.
  public func rename(at offset: Int, to newName: String) -> Result<
    [TextReplacement], RenameRefusal
  > {
    guard let (name, _, _) = names.name(at: offset) else {
      return .failure(RenameRefusal(message: "there is no rule name here to rename"))
    }
    guard ArchiveRule.isValidName(newName) else {
      return .failure(
        RenameRefusal(
          message:
            "'\(newName)' is not a valid archive rule name: 1 to 255 characters, a letter, then letters, digits, '_', '.' or '-'"
        ))
    }
    if newName == name { return .success([]) }
    if names.definitions.contains(where: { $0.name == newName }) {
      return .failure(RenameRefusal(message: "a rule named '\(newName)' already exists"))
    }
    let edits =
      names.definitions.filter { $0.name == name }.map {
        TextReplacement(range: $0.range, text: FilterPrinter.literal(newName))
      }
      + names.mentions.filter { $0.name == name }.map {
        TextReplacement(range: $0.nameRange, text: newName)
      }
    return .success(edits.sorted { $0.range.start < $1.range.start })
  }
}
