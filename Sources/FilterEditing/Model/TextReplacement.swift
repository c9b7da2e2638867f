import FilterDSL

/// One edit to a document: the bytes of `range` become `text`.
///
/// Ranges are UTF-8 byte offsets into the document's text as it was before any of the edits
/// of the same answer; several replacements of one answer never overlap.
public struct TextReplacement: Hashable, Sendable {
  /// The bytes to replace; empty to insert at `range.start`.
  public var range: SourceRange
  /// The text to put there; empty to delete.
  public var text: String

  /// A replacement.
  /// - Parameters:
  ///   - range: the bytes to replace.
  ///   - text: the text to put there.
  public init(range: SourceRange, text: String) {
    self.range = range
    self.text = text
  }
}

extension TextReplacement {
  /// Applies non-overlapping replacements to a text, all at once.
  ///
  /// Ranges past the end, or inside a character, are clamped to the text so that a stale edit
  /// never traps; edits are applied from the last to the first.
  /// - Parameters:
  ///   - replacements: edits whose ranges point into `text`.
  ///   - text: the text before the edits.
  /// - Returns: the text after them.
  public static func apply(_ replacements: [TextReplacement], to text: String) -> String {
    var bytes = Array(text.utf8)
    let ordered = replacements.sorted {
      ($0.range.start, $0.range.end) > ($1.range.start, $1.range.end)
    }
    var limit = bytes.count
    for replacement in ordered {
      let end = min(max(0, replacement.range.end), limit)
      let start = min(max(0, replacement.range.start), end)
      bytes.replaceSubrange(start..<end, with: Array(replacement.text.utf8))
      limit = start
    }
    return String(decoding: bytes, as: UTF8.self)
  }
}
