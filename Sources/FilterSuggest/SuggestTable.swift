import FilterDSL
import FilterEval

/// The findings as the search reads them: per row whether it is active, its family and
/// public flag, and per candidate filter key one interned value id.
///
/// Only the expected findings' values are interned (rules are drawn from them); any other
/// present value is `other`, which no rule names, so it separates like any value a rule does
/// not list. Separation is decided on these columns (small integers), never by re-reading
/// records; the rules chosen are then checked with the matcher itself (`RuleVerifier`).
struct SuggestTable {
  /// Value id of an absent attribute.
  static let absent: UInt32 = 0
  /// Value id of an attribute the record cannot decide (no access details).
  static let undecidable = UInt32.max
  /// Value id of a present value no expected finding holds.
  static let other = UInt32.max - 1

  /// A row's public flag.
  enum PublicFlag: UInt8, Sendable { case absent, no, yes, undecidable }

  var families: [AnalyzerFamily?] = []
  var publicFlags: [PublicFlag] = []
  /// The candidate filter keys the expected findings carry; `columns[k][row]` is a value id.
  var keys: [String] = []
  var columns: [[UInt32]] = []
  /// Value id to text; id 0 is absent.
  var values: [String] = [""]
  private var lookup: [ByteString: UInt32] = [:]
  private var keyIndex: [String: Int] = [:]
  /// A row's finding id and a row's value for a key, read from the findings when asked
  /// (only for the few rows a report names).
  private let idOf: (Int) -> String
  private let valueOf: (Int, String) -> String?
  private let releaseRows: (Range<Int>) -> Void

  var count: Int { families.count }

  func index(of key: String) -> Int? { keyIndex[key] }

  /// The finding id of `row`.
  func id(_ row: Int) -> String { idOf(row) }

  /// The finding ids of many rows, read in row order and a window of pages at a time.
  func ids(_ rows: some Sequence<Int>) -> [Int: String] {
    var result: [Int: String] = [:]
    let window = 4_096
    var released = 0
    for row in Set(rows).sorted() {
      while row >= released + window {
        releaseRows(released..<released + window)
        released += window
      }
      result[row] = idOf(row)
    }
    releaseRows(released..<max(released, count))
    return result
  }

  /// The text of a value id; `nil` for absent, undecidable and other values.
  func text(_ id: UInt32) -> String? {
    Int(id) < values.count && id != Self.absent ? values[Int(id)] : nil
  }

  /// Row `row`'s value for key index `key`, as text.
  func text(row: Int, key: Int) -> String? {
    let id = columns[key][row]
    if id == Self.other { return valueOf(row, keys[key]) }
    return text(id)
  }

  /// Builds the table over `records`: the keys are the ones any family's findings carry, the
  /// catalog's `principal.X` entries, and the `condition.X` entries, from the catalog and the
  /// expected rows, that some expected row holds.
  /// - Parameters:
  ///   - expected: the expected rows, whose values rules may name.
  ///   - conditionKeys: a row's condition entry keys, when the source can list them (a
  ///     `FindingRecord` answers entries by name only).
  ///   - release: called after each piece of rows is read, so a store can hand its input
  ///     pages back.
  init<Records: RandomAccessCollection>(
    _ records: Records, expected: [Int], conditionKeys: (Int) -> [String],
    release: @escaping (Range<Int>) -> Void, id: @escaping (Int) -> String,
    value: @escaping (Int, String) -> String?
  ) where Records.Element: FindingRecord, Records.Index == Int {
    idOf = id
    valueOf = value
    releaseRows = release
    let fixedKeys = [
      "resource", "resourceType", "resourceOwnerAccount", "findingType", "principalOwnerAccount",
      "principalType", "accessType", "isPublic",
    ]
    let principalEntries =
      FilterKeyCatalog.principalEntries + FilterKeyCatalog.observedPrincipalEntries
    var conditionEntries =
      FilterKeyCatalog.conditionEntries + FilterKeyCatalog.observedConditionEntries
    // Principal entries outside the catalog are not filter keys (an error to `check`);
    // condition keys are open-ended, so the ones the expected findings carry are added.
    var seen = Set(conditionEntries.map { ByteString(text: $0) })
    for row in expected {
      for key in conditionKeys(row) where seen.insert(ByteString(text: key)).inserted {
        conditionEntries.append(key)
      }
    }
    let allKeys =
      fixedKeys + principalEntries.map { "principal." + $0 }
      + conditionEntries.map { "condition." + $0 }
    // First the expected rows: which keys they carry, and their values.
    var used = [Bool](repeating: false, count: allKeys.count)
    let allAttributes = allKeys.map { FindingAttribute(filterKey: $0) }
    // In row order, handing each window's pages back as the pass leaves it.
    let window = 4_096
    var released = 0
    for row in expected.sorted() {
      while row >= released + window {
        release(released..<released + window)
        released += window
      }
      let record = records[row]
      for (index, attribute) in allAttributes.enumerated() {
        guard let attribute, !attribute.isUndecidable(on: record),
          let text = Self.text(record.value(for: attribute))
        else { continue }
        used[index] = true
        _ = intern(text)
      }
    }
    release(released..<records.count)
    keys = allKeys.indices.filter { used[$0] }.map { allKeys[$0] }
    for (index, key) in keys.enumerated() { keyIndex[key] = index }
    let attributes = keys.map { FindingAttribute(filterKey: $0) }
    columns = keys.map { _ in [UInt32](repeating: Self.absent, count: records.count) }
    families.reserveCapacity(records.count)
    publicFlags.reserveCapacity(records.count)
    // Then every row, in pieces, looking values up without adding any.
    var start = 0
    while start < records.count {
      let end = min(records.count, start + window)
      for row in start..<end {
        let record = records[row]
        families.append(record.analyzerFamily)
        publicFlags.append(Self.publicFlag(record))
        for (index, attribute) in attributes.enumerated() {
          columns[index][row] = valueID(attribute, record)
        }
      }
      release(start..<end)
      start = end
    }
  }

  private mutating func intern(_ text: String) -> UInt32 {
    let key = ByteString(text: text)
    if let id = lookup[key] { return id }
    let id = UInt32(values.count)
    values.append(text)
    lookup[key] = id
    return id
  }

  private static func text(_ value: FindingValue?) -> String? {
    switch value {
    case nil, .list?: return nil
    case let value?: return value.text
    }
  }

  private func valueID(_ attribute: FindingAttribute?, _ record: some FindingRecord) -> UInt32 {
    guard let attribute else { return Self.absent }
    if attribute.isUndecidable(on: record) { return Self.undecidable }
    guard let text = Self.text(record.value(for: attribute)) else { return Self.absent }
    return lookup[ByteString(text: text)] ?? Self.other
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
