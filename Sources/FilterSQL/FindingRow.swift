/// One finding as a row of the `aafilter` layout's table, in plain values. Findings read by
/// FilterEval become rows with ``init(_:position:)``; a caller that reads findings its own way
/// fills these fields in.
public struct FindingRow: Hashable, Sendable {
  /// The finding's position in its input, from 0: the tie-break of every sort.
  public var position: Int
  /// Scalar attributes by filter key (`id`, `resourceType`, `findingType`, ...); a key left
  /// out is absent. Keys outside the table's columns are ignored.
  public var values: [String: String]
  /// `isPublic`; nil when absent.
  public var isPublic: Bool?
  /// `createdAt`, `analyzedAt`, `updatedAt` as UTC text that sorts by instant, fixed width
  /// with nine fraction digits: `YYYY-MM-DDThh:mm:ss.nnnnnnnnnZ`.
  public var timestamps: [String: String]
  /// The `principal` map's entries in order; a repeated key keeps its last value.
  public var principal: [(key: String, value: String)]?
  /// The `condition` map's entries, as `principal`.
  public var condition: [(key: String, value: String)]?
  /// `action`; nil when absent.
  public var action: [String]?
  /// False for records without access details (list-findings-v2 summaries).
  public var hasAccessDetails: Bool
  /// The analyzer family the record comes from (`external`, `internal`, `unused`), when it
  /// says; a summary's family decides the keys that family never carries.
  public var analyzerFamily: String?
  /// The finding's own JSON text, so a query's result can be read back by aafilter.
  public var json: String

  /// A row; every attribute starts absent.
  public init(position: Int, json: String, hasAccessDetails: Bool = true) {
    self.position = position
    self.json = json
    self.hasAccessDetails = hasAccessDetails
    values = [:]
    timestamps = [:]
  }

  /// Equality over every field (tuples are not `Hashable`).
  public static func == (lhs: FindingRow, rhs: FindingRow) -> Bool {
    func same(_ a: [(key: String, value: String)]?, _ b: [(key: String, value: String)]?) -> Bool {
      a?.map { [$0.key, $0.value] } == b?.map { [$0.key, $0.value] }
    }
    return lhs.position == rhs.position && lhs.values == rhs.values
      && lhs.isPublic == rhs.isPublic && lhs.timestamps == rhs.timestamps
      && same(lhs.principal, rhs.principal) && same(lhs.condition, rhs.condition)
      && lhs.action == rhs.action && lhs.hasAccessDetails == rhs.hasAccessDetails
      && lhs.analyzerFamily == rhs.analyzerFamily
      && lhs.json == rhs.json
  }

  /// Hashes the identifying fields.
  public func hash(into hasher: inout Hasher) {
    hasher.combine(position)
    hasher.combine(json)
  }
}
