/// The API's `SortCriteria`: `{"attributeName": ..., "orderBy": "ASC"|"DESC"}`.
public struct SortCriteria: Hashable, Sendable, Codable {
  public enum Order: String, Hashable, Sendable, Codable {
    case ascending = "ASC"
    case descending = "DESC"
  }

  public var attributeName: String
  /// Absent in JSON means ascending, as in the API.
  public var orderBy: Order

  public init(attributeName: String, orderBy: Order = .ascending) {
    self.attributeName = attributeName
    self.orderBy = orderBy
  }

  private enum CodingKeys: String, CodingKey {
    case attributeName, orderBy
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    attributeName = try container.decode(String.self, forKey: .attributeName)
    orderBy = try container.decodeIfPresent(Order.self, forKey: .orderBy) ?? .ascending
  }
}
