import FilterDSL
import FilterEval

/// The findings as the search reads them: per row the id, whether it is active, its family
/// and public flag, and per candidate filter key one interned value id.
///
/// Separation is decided on these columns (small integers), never by re-reading records; the
/// rules chosen are then checked with the matcher itself (`RuleVerifier`).
struct SuggestTable: Sendable {
  /// Value id of an absent attribute.
  static let absent: UInt32 = 0
  /// Value id of an attribute the record cannot decide (no access details).
  static let undecidable = UInt32.max

  /// A row's public flag.
  enum PublicFlag: UInt8, Sendable { case absent, no, yes, undecidable }

  var ids: [String] = []
  var statuses: [UInt32] = []
  var families: [AnalyzerFamily?] = []
  var publicFlags: [PublicFlag] = []
  /// The candidate filter keys, in discovery order; `columns[k][row]` is a value id.
  var keys: [String] = []
  var columns: [[UInt32]] = []
  /// Value id to text; id 0 is absent.
  var values: [String] = [""]
  private var lookup: [ByteString: UInt32] = [:]
  private var keyIndex: [String: Int] = [:]

  var count: Int { ids.count }

  func column(_ key: String) -> [UInt32]? { keyIndex[key].map { columns[$0] } }
  func index(of key: String) -> Int? { keyIndex[key] }

  mutating func intern(_ text: String) -> UInt32 {
    let key = ByteString(text: text)
    if let id = lookup[key] { return id }
    let id = UInt32(values.count)
    values.append(text)
    lookup[key] = id
    return id
  }

  func existingID(_ text: String) -> UInt32? { lookup[ByteString(text: text)] }

  /// The text of a value id; `nil` for absent or undecidable.
  func text(_ id: UInt32) -> String? {
    id == Self.absent || id == Self.undecidable || Int(id) >= values.count ? nil : values[Int(id)]
  }

  /// Builds the table over `records`, with columns for the keys any family's findings carry,
  /// the catalog's `principal.X` and `condition.X` entries, and the condition entries found on
  /// the rows `discover` (the expected ones: only their values can become criteria).
  /// - Parameter conditionKeys: a row's condition entry keys, when the source can list them
  ///   (a `FindingRecord` answers entries by name only).
  init<Records: RandomAccessCollection>(
    _ records: Records, discover: [Int], conditionKeys: (Int) -> [String]
  ) where Records.Element: FindingRecord {
    let fixedKeys = [
      "resource", "resourceType", "resourceOwnerAccount", "findingType", "principalOwnerAccount",
      "principalType", "accessType",
    ]
    let principalEntries =
      FilterKeyCatalog.principalEntries
      + FilterKeyCatalog.observedPrincipalEntries
    var conditionEntries =
      FilterKeyCatalog.conditionEntries
      + FilterKeyCatalog.observedConditionEntries
    // Principal entries outside the catalog are not filter keys (an error to `check`);
    // condition keys are open-ended, so the ones the expected findings carry are added.
    var seen = Set(conditionEntries.map { ByteString(text: $0) })
    for row in discover {
      for key in conditionKeys(row) where seen.insert(ByteString(text: key)).inserted {
        conditionEntries.append(key)
      }
    }
    keys =
      fixedKeys + principalEntries.map { "principal." + $0 }
      + conditionEntries.map { "condition." + $0 }
    let attributes = keys.map { FindingAttribute(filterKey: $0) }
    for (index, key) in keys.enumerated() { keyIndex[key] = index }
    columns = Array(repeating: [], count: keys.count)
    for index in columns.indices { columns[index].reserveCapacity(records.count) }
    ids.reserveCapacity(records.count)
    for record in records {
      ids.append(record.findingID ?? "")
      statuses.append(record.value(for: .status)?.text.map { intern($0) } ?? Self.absent)
      families.append(record.analyzerFamily)
      publicFlags.append(Self.publicFlag(record))
      for (index, attribute) in attributes.enumerated() {
        columns[index].append(valueID(attribute, record))
      }
    }
    // Keys no row carries are dropped: they can neither separate nor cover.
    let used = columns.indices.filter { index in
      columns[index].contains { $0 != Self.absent && $0 != Self.undecidable }
    }
    keys = used.map { keys[$0] }
    columns = used.map { columns[$0] }
    keyIndex = [:]
    for (index, key) in keys.enumerated() { keyIndex[key] = index }
  }

  private mutating func valueID(_ attribute: FindingAttribute?, _ record: some FindingRecord)
    -> UInt32
  {
    guard let attribute else { return Self.absent }
    if attribute.isUndecidable(on: record) { return Self.undecidable }
    switch record.value(for: attribute) {
    case nil, .list?: return Self.absent
    case let value?: return value.text.map { intern($0) } ?? Self.absent
    }
  }

  private static func publicFlag(_ record: some FindingRecord) -> PublicFlag {
    if FindingAttribute.isPublic.isUndecidable(on: record) { return .undecidable }
    switch record.value(for: .isPublic) {
    case nil: return .absent
    case .bool(let flag)?: return flag ? .yes : .no
    case let other?:
      switch other.text {
      case "true": return .yes
      case "false": return .no
      default: return .absent
      }
    }
  }
}
