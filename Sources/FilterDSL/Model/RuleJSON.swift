/// Filter JSON as people have it at hand: a filter map, an array of maps (`compile --split`),
/// a ListFindings-style `{"filter", "sort"}`, an archive rule, or the output of
/// `get-archive-rule` / `list-archive-rules`.
public enum RuleJSON: Sendable, Hashable {
  /// One filter map, with the sort of a ListFindings-style request if it had one.
  case filterMap(FilterCriteriaMap, sort: SortCriteria?)
  /// Several filter maps (the output of `compile --split`).
  case filterMaps([FilterCriteriaMap])
  /// Named archive rules.
  case rules([ArchiveRule])

  /// Whether the bytes look like JSON rather than rule text (first non-space is `{` or `[`).
  /// Rule text never starts with either.
  /// - Parameter bytes: the start of the input, or all of it.
  /// - Returns: `true` for JSON.
  public static func looksLikeJSON(_ bytes: [UInt8]) -> Bool {
    let first = bytes.first { ![0x20, 0x09, 0x0A, 0x0D, 0xEF, 0xBB, 0xBF].contains($0) }
    return first == UInt8(ascii: "{") || first == UInt8(ascii: "[")
  }

  /// Decodes filter JSON strictly, as the service reads it: unknown operators, empty or
  /// non-string value lists and a non-boolean `exists` are errors.
  /// - Parameter bytes: the JSON text.
  /// - Returns: the maps or rules it holds.
  /// - Throws: ``RuleJSONError`` naming the offending value and where it is.
  public static func decode(_ bytes: [UInt8]) throws -> RuleJSON {
    var reader = RuleJSONReader(lenientExists: false)
    return try reader.read(bytes).decoded
  }
}
