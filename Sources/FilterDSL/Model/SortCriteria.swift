/// The API's `SortCriteria`: `{"attributeName": ..., "orderBy": "ASC"|"DESC"}`.
public struct SortCriteria: Hashable, Sendable, Codable {
  /// The direction of a sort.
  public enum Order: String, Hashable, Sendable, Codable {
    /// Smallest first (`ASC`).
    case ascending = "ASC"
    /// Largest first (`DESC`).
    case descending = "DESC"
  }

  /// The finding attribute to sort by.
  public var attributeName: String
  /// Absent in JSON means ascending, as in the API.
  public var orderBy: Order

  /// A sort.
  /// - Parameters:
  ///   - attributeName: the attribute to sort by.
  ///   - orderBy: the direction.
  public init(attributeName: String, orderBy: Order = .ascending) {
    self.attributeName = attributeName
    self.orderBy = orderBy
  }

  private enum CodingKeys: String, CodingKey {
    case attributeName, orderBy
  }

  /// Decodes the API shape; a missing `orderBy` is ascending.
  /// - Parameter decoder: the decoder.
  /// - Throws: `DecodingError` for a missing attribute name or an unknown order.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    attributeName = try container.decode(String.self, forKey: .attributeName)
    orderBy = try container.decodeIfPresent(Order.self, forKey: .orderBy) ?? .ascending
  }
}
