/// The condition on one filter key, exactly as the API's `Criterion` shape.
///
/// Every operator is optional; a criterion matches when all the operators it sets match.
/// Encodes only the operators that are set, `exists` as a JSON boolean.
public struct Criterion: Hashable, Sendable, Codable {
  /// Some element must equal one of these values.
  public var eq: [String]?
  /// No element may equal any of these values.
  public var neq: [String]?
  /// Some element must contain one of these values.
  public var contains: [String]?
  /// `true`: the attribute must be present; `false`: absent.
  public var exists: Bool?

  /// A criterion with the operators given.
  /// - Parameters:
  ///   - eq: values one of which must be equal.
  ///   - neq: values none of which may be equal.
  ///   - contains: values one of which must be contained.
  ///   - exists: whether the attribute must be present or absent.
  public init(
    eq: [String]? = nil, neq: [String]? = nil, contains: [String]? = nil, exists: Bool? = nil
  ) {
    self.eq = eq
    self.neq = neq
    self.contains = contains
    self.exists = exists
  }

  /// Whether no operator is set (the API rejects such a criterion).
  public var isEmpty: Bool { eq == nil && neq == nil && contains == nil && exists == nil }

  private enum CodingKeys: String, CodingKey, CaseIterable {
    case eq, neq, contains, exists
  }

  /// Decodes strictly: unknown operators, empty lists, non-string values and a non-boolean
  /// `exists` are errors, since the service would reject or misread them.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: AnyKey.self)
    for key in container.allKeys where CodingKeys(rawValue: key.stringValue) == nil {
      let suggestion = Suggestion.closest(
        to: key.stringValue, among: CodingKeys.allCases.map(\.rawValue))
      let hint = suggestion.map { " (did you mean '\($0)'?)" } ?? ""
      throw DecodingError.dataCorruptedError(
        forKey: key, in: container,
        debugDescription:
          "unknown operator '\(key.stringValue)'\(hint); operators are eq, neq, contains, exists")
    }
    func list(_ name: String) throws -> [String]? {
      let key = AnyKey(name)
      guard container.contains(key), try !container.decodeNil(forKey: key) else { return nil }
      let values = try container.decode([String].self, forKey: key)
      if values.isEmpty {
        throw DecodingError.dataCorruptedError(
          forKey: key, in: container, debugDescription: "'\(name)' must hold at least one value")
      }
      return values
    }
    eq = try list("eq")
    neq = try list("neq")
    contains = try list("contains")
    let existsKey = AnyKey("exists")
    if container.contains(existsKey), try !container.decodeNil(forKey: existsKey) {
      do {
        exists = try container.decode(Bool.self, forKey: existsKey)
      } catch {
        throw DecodingError.dataCorruptedError(
          forKey: existsKey, in: container,
          debugDescription: "'exists' must be the JSON boolean true or false")
      }
    }
    if isEmpty {
      throw DecodingError.dataCorrupted(
        .init(
          codingPath: decoder.codingPath,
          debugDescription: "a criterion needs at least one of eq, neq, contains, exists"))
    }
  }

  /// Encodes the operators that are set, `exists` as a JSON boolean.
  /// - Parameter encoder: the encoder.
  /// - Throws: what the encoder throws.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encodeIfPresent(eq, forKey: .eq)
    try container.encodeIfPresent(neq, forKey: .neq)
    try container.encodeIfPresent(contains, forKey: .contains)
    try container.encodeIfPresent(exists, forKey: .exists)
  }
}

/// A coding key for any string, for decoders that must see keys they do not know.
struct AnyKey: CodingKey, Hashable {
  var stringValue: String
  var intValue: Int? { nil }
  init(_ string: String) { stringValue = string }
  init?(stringValue: String) { self.stringValue = stringValue }
  init?(intValue: Int) { nil }
}
