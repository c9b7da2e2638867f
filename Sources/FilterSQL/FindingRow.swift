/// One finding as a row of the `aafilter` layout's table, in plain values: the caller reads
/// findings its own way (`aafilter export` uses FilterEval's reader) and fills these in.
public struct FindingRow: Hashable, Sendable {
  /// The finding's position in its input, from 0: the tie-break of every sort.
  public var position: Int
  /// Scalar attributes by filter key (`id`, `resourceType`, `findingType`, ...); a key left
  /// out is absent. Keys outside the table's columns are ignored.
  public var values: [String: String]
  /// `isPublic`; nil when absent.
  public var isPublic: Bool?
  /// `createdAt`, `analyzedAt`, `updatedAt` as UTC text that sorts by instant:
  /// `YYYY-MM-DDThh:mm:ss.nnnnnnnnnZ` (see `FindingRow.canonicalTimestamp`).
  public var timestamps: [String: String]
  /// The `principal` map's entries in order; a repeated key keeps its last value.
  public var principal: [(key: String, value: String)]?
  /// The `condition` map's entries, as `principal`.
  public var condition: [(key: String, value: String)]?
  /// `action`; nil when absent.
  public var action: [String]?
  /// False for records without access details (list-findings-v2 summaries).
  public var hasAccessDetails: Bool
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

  /// UTC text for an instant, fixed width so that byte order is instant order for the years
  /// 0000 to 9999.
  /// - Parameters:
  ///   - seconds: seconds since 1970-01-01T00:00:00Z.
  ///   - nanoseconds: 0 to 999,999,999.
  public static func canonicalTimestamp(seconds: Int64, nanoseconds: Int32) -> String {
    let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
    let secondOfDay = seconds - days * 86_400
    // Civil date from a day count (Howard Hinnant's algorithm).
    let shifted = days + 719_468
    let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
    let dayOfEra = shifted - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let monthIndex = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
    let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
    let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    func pad(_ value: Int64, _ width: Int) -> String {
      let digits = String(value)
      return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
    return
      "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(secondOfDay / 3_600, 2)):"
      + "\(pad(secondOfDay / 60 % 60, 2)):\(pad(secondOfDay % 60, 2)).\(pad(Int64(nanoseconds), 9))Z"
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
      && lhs.json == rhs.json
  }

  /// Hashes the identifying fields.
  public func hash(into hasher: inout Hasher) {
    hasher.combine(position)
    hasher.combine(json)
  }
}
