/// Filter JSON as people have it at hand: a filter map, an array of maps (`compile --split`),
/// a ListFindings-style `{"filter", "sort"}`, an archive rule, or the output of
/// `get-archive-rule` / `list-archive-rules`.
public enum RuleJSON: Sendable, Hashable {
  case filterMap(FilterCriteriaMap, sort: SortCriteria?)
  case filterMaps([FilterCriteriaMap])
  case rules([ArchiveRule])

  /// Why the JSON is not one of the shapes.
  public struct Error: Swift.Error, Hashable, Sendable, CustomStringConvertible {
    /// The first problem, with its JSON path.
    public var message: String
    /// The message.
    public var description: String { message }
  }

  /// Whether the bytes look like JSON rather than rule text or Terraform (`RuleFormat.detect`).
  public static func looksLikeJSON(_ bytes: [UInt8]) -> Bool {
    [.json, .cloudFormation, .terraformJSON].contains(RuleFormat.detect(bytes))
  }

  /// Decodes the API's JSON shapes strictly: any problem `RuleReader` reports, a string
  /// `exists` included, is an error. The same reader every command uses.
  /// - Parameter bytes: the JSON text.
  /// - Returns: the filter map, maps or rules it holds.
  /// - Throws: `RuleJSON.Error` with the first problem's message.
  public static func decode(_ bytes: [UInt8]) throws -> RuleJSON {
    let document = RuleReader.read(bytes, format: .json)
    if let problem = document.diagnostics.first(where: {
      $0.severity == .error || $0.code == .existsAsString
    }) {
      throw Error(message: problem.message)
    }
    switch document.content {
    case .filter(let map, let sort): return .filterMap(map, sort: sort)
    case .filters(let maps): return .filterMaps(maps)
    case .rules(let rules): return .rules(rules)
    case .text, nil: throw Error(message: "expected a JSON object or array of filter maps")
    }
  }
}
