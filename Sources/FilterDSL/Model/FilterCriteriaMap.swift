/// The API's `FilterCriteriaMap`: filter key → criterion, all of which must match.
///
/// The empty map matches every finding. Encodes as a JSON object; encode with `.sortedKeys` for
/// output that is stable for diffs (the CLI does).
public struct FilterCriteriaMap: Hashable, Sendable, Codable, ExpressibleByDictionaryLiteral {
  public var criteria: [String: Criterion]

  public init(_ criteria: [String: Criterion] = [:]) {
    self.criteria = criteria
  }

  public init(dictionaryLiteral elements: (String, Criterion)...) {
    self.criteria = Dictionary(elements, uniquingKeysWith: { _, last in last })
  }

  public subscript(key: String) -> Criterion? {
    get { criteria[key] }
    set { criteria[key] = newValue }
  }

  public var isEmpty: Bool { criteria.isEmpty }
  public var count: Int { criteria.count }

  /// Keys in byte order, the order of canonical text and JSON output.
  public var sortedKeys: [String] { criteria.keys.sorted(by: Self.byteOrder) }

  /// Orders strings by their UTF-8 bytes, the comparison every output here uses.
  public static func byteOrder(_ a: String, _ b: String) -> Bool {
    a.utf8.lexicographicallyPrecedes(b.utf8)
  }

  public init(from decoder: any Decoder) throws {
    criteria = try decoder.singleValueContainer().decode([String: Criterion].self)
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(criteria)
  }
}
