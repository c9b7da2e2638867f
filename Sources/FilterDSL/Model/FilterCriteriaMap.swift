/// The API's `FilterCriteriaMap`: filter key → criterion, all of which must match.
///
/// The empty map matches every finding. Encodes as a JSON object; encode with `.sortedKeys` for
/// output that is stable for diffs (the CLI does).
public struct FilterCriteriaMap: Hashable, Sendable, Codable, ExpressibleByDictionaryLiteral {
  /// Filter key to criterion.
  public var criteria: [String: Criterion]

  /// A map.
  /// - Parameter criteria: filter key to criterion.
  public init(_ criteria: [String: Criterion] = [:]) {
    self.criteria = criteria
  }

  /// A map from a literal; a repeated key keeps its last criterion.
  /// - Parameter elements: key and criterion pairs.
  public init(dictionaryLiteral elements: (String, Criterion)...) {
    self.criteria = Dictionary(elements, uniquingKeysWith: { _, last in last })
  }

  /// The criterion for a key.
  /// - Parameter key: the filter key, compared as a `String`.
  public subscript(key: String) -> Criterion? {
    get { criteria[key] }
    set { criteria[key] = newValue }
  }

  /// Whether the map is empty, and so matches every finding.
  public var isEmpty: Bool { criteria.isEmpty }
  /// The number of keys.
  public var count: Int { criteria.count }

  /// Keys in byte order, the order of canonical text and JSON output.
  public var sortedKeys: [String] { criteria.keys.sorted(by: Self.byteOrder) }

  /// Orders strings by their UTF-8 bytes, the comparison every output here uses.
  package static func byteOrder(_ a: String, _ b: String) -> Bool {
    a.utf8.lexicographicallyPrecedes(b.utf8)
  }

  /// Decodes a JSON object of criteria.
  /// - Parameter decoder: the decoder.
  /// - Throws: `DecodingError` for a malformed criterion.
  public init(from decoder: any Decoder) throws {
    criteria = try decoder.singleValueContainer().decode([String: Criterion].self)
  }

  /// Encodes a JSON object of criteria.
  /// - Parameter encoder: the encoder.
  /// - Throws: what the encoder throws.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(criteria)
  }
}
