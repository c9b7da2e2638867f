import FilterDSL

/// The common record, read straight into a store's columns.
///
/// Only records of the ordinary kind are read here: members with the types the service
/// prints. Anything else (a wrapper key, `findingDetails`, a value of the wrong type, a
/// missing id, bad JSON) makes `read` give up, and the caller hands the record to the
/// reference decoder, which owns every rule about unusual records and every error message.
struct StoreRecordReader {
  /// Thrown inside the member loop to give up on a record.
  private struct GiveUp: Error {}

  /// The start of the input, for turning string positions into input offsets.
  let origin: UnsafePointer<UInt8>
  /// The interned columns to fill; other members are checked the same way and dropped.
  let columns: FindingStore.Columns
  private var id = FindingStore.Span.absent
  private var resource = FindingStore.Span.absent
  private var scalars = [UInt32](repeating: 0, count: FindingStore.scalarCount)
  private var isPublic: UInt8 = 0
  private var principal: [FindingStore.Entry] = []
  private var condition: [FindingStore.Entry] = []
  private var action: [UInt32] = []
  private var sawFindingType = false
  private var sawAccessField = false
  private var escaped: [String] = []
  /// The family of the last `findingType` id seen: runs of one type are the rule, and naming a
  /// family compares text. Ids belong to one store's table, and a reader fills one store.
  private var lastType: (id: UInt32, family: AnalyzerFamily?) = (0, nil)

  init(origin: UnsafePointer<UInt8>, columns: FindingStore.Columns = .all) {
    self.origin = origin
    self.columns = columns.union(.always)
  }

  /// Reads the object at the scanner into a new row of `store`. Returns false, with the
  /// scanner anywhere and the store untouched, when the record needs the reference decoder.
  mutating func read(_ s: inout JSONScanner, allowWrappers: Bool, into store: inout FindingStore)
    -> Bool
  {
    guard s.peek() == UInt8(ascii: "{"), let scannerBase = s.bytes.baseAddress else { return false }
    let start = s.position
    reset()
    do {
      try s.readObject { s, key in try member(key, &s, allowWrappers, &store.table) }
    } catch {
      return false
    }
    guard id.length >= 0 else { return false }
    commit(
      record: FindingStore.Span(
        start: scannerBase + start - origin, length: Int32(clamping: s.position - start)),
      into: &store)
    return true
  }

  private mutating func reset() {
    id = .absent
    resource = .absent
    for index in scalars.indices { scalars[index] = 0 }
    isPublic = 0
    principal.empty()
    condition.empty()
    action.empty()
    sawFindingType = false
    sawAccessField = false
    escaped.empty()
  }

  private mutating func commit(record: FindingStore.Span, into store: inout FindingStore) {
    let escapedBase = store.escaped.count
    func placed(_ span: FindingStore.Span) -> FindingStore.Span {
      span.start < 0
        ? FindingStore.Span(start: span.start - escapedBase, length: span.length) : span
    }
    if !escaped.isEmpty { store.escaped += escaped }
    store.records.append(record)
    store.ids.append(placed(id))
    store.resources.append(placed(resource))
    store.scalars += scalars
    store.isPublic.append(isPublic)
    // A list-findings-v2 summary: typed, with neither details nor access fields.
    store.hasAccessDetails.append(!(sawFindingType && !sawAccessField))
    // The reference decoder's order of evidence, for records without details or events.
    let byType = scalars[FindingStore.ScalarField.findingType.rawValue]
    if byType != 0, byType != lastType.id {
      lastType = (byType, AnalyzerFamily(findingType: store.table.value(byType)))
    }
    store.family.append((byType == 0 ? nil : lastType.family) ?? (sawAccessField ? .external : nil))
    if !principal.isEmpty { store.principals += principal }
    store.principalStarts.append(UInt32(store.principals.count))
    if !condition.isEmpty { store.conditions += condition }
    store.conditionStarts.append(UInt32(store.conditions.count))
    if !action.isEmpty { store.actions += action }
    store.actionStarts.append(UInt32(store.actions.count))
    store.count += 1
  }

  // The members the reference decoder reads (FindingRecordBuilder.read), with the same
  // treatment of `null`: ignored, whatever the member.
  private mutating func member(
    _ key: UnsafeBufferPointer<UInt8>, _ s: inout JSONScanner, _ allowWrappers: Bool,
    _ table: inout ValueTable
  ) throws {
    if allowWrappers, Self.isWrapperKey(key) { throw GiveUp() }
    if s.skipNull() { return }
    switch key.count {
    case 2 where key.equals("id"): id = try span(&s)
    case 5 where key.equals("error"): try scalar(.error, &s, &table)
    case 6 where key.equals("status"): try scalar(.status, &s, &table)
    case 6 where key.equals("action"):
      sawAccessField = true
      if columns.contains(.action) { try list(&s, &table) } else { try Self.checkList(&s) }
    case 8 where key.equals("resource"): resource = try span(&s)
    case 8 where key.equals("isPublic"):
      sawAccessField = true
      guard let value = try s.readBool() else { throw GiveUp() }
      isPublic = value ? 2 : 1
    case 9 where key.equals("principal"):
      sawAccessField = true
      if columns.contains(.principal) {
        try Self.map(&s, &table, into: &principal)
      } else {
        try Self.checkMap(&s)
      }
    case 9 where key.equals("condition"):
      sawAccessField = true
      if columns.contains(.condition) {
        try Self.map(&s, &table, into: &condition)
      } else {
        try Self.checkMap(&s)
      }
    case 9 where key.equals("createdAt"), 9 where key.equals("updatedAt"):
      try timestamp(&s)
    case 10 where key.equals("analyzedAt"): try timestamp(&s)
    case 10 where key.equals("changeType"): try scalar(.changeType, &s, &table)
    case 11 where key.equals("findingType"):
      sawFindingType = true
      try scalar(.findingType, &s, &table)
    case 12 where key.equals("resourceType"): try scalar(.resourceType, &s, &table)
    case 14 where key.equals("findingDetails"): throw GiveUp()
    case 17 where key.equals("existingFindingId"): try scalar(.existingFindingId, &s, &table)
    case 20 where key.equals("resourceOwnerAccount"):
      try scalar(.resourceOwnerAccount, &s, &table)
    case 21 where key.equals("existingFindingStatus"):
      try scalar(.existingFindingStatus, &s, &table)
    case 32 where key.equals("resourceControlPolicyRestriction"):
      sawAccessField = true
      try scalar(.resourceControlPolicyRestriction, &s, &table)
    // Internal access fields settle a family by evidence the reference decoder weighs.
    case 10 where key.equals("accessType"), 13 where key.equals("principalType"),
      21 where key.equals("principalOwnerAccount"),
      31 where key.equals("serviceControlPolicyRestriction"):
      throw GiveUp()
    default:
      guard s.skipValueQuickly() else { throw GiveUp() }
    }
  }

  /// A member that makes a record a wrapper (a page, an event, get-finding output); the
  /// length test first, since nearly every key is of another length or spelling.
  @inline(__always)
  private static func isWrapperKey(_ key: UnsafeBufferPointer<UInt8>) -> Bool {
    switch key.count {
    case 6: key.equals("detail")
    case 7: key.equals("finding")
    case 8: key.equals("findings")
    case 9: key.equals("nextToken")
    case 11: key.equals("detail-type")
    default: false
    }
  }

  private static func string(_ s: inout JSONScanner) throws -> JSONScanner.StringBytes {
    guard s.peek() == UInt8(ascii: "\"") else { throw GiveUp() }
    return try s.readStringBytes()
  }

  /// What `string` accepts, kept nowhere.
  private static func checkString(_ s: inout JSONScanner) throws {
    guard s.peek() == UInt8(ascii: "\"") else { throw GiveUp() }
    try s.skipString()
  }

  private mutating func span(_ s: inout JSONScanner) throws -> FindingStore.Span {
    switch try Self.string(&s) {
    case .raw(let buffer):
      guard let base = buffer.baseAddress else { return FindingStore.Span(start: 0, length: 0) }
      return FindingStore.Span(start: base - origin, length: Int32(clamping: buffer.count))
    case .decoded(let bytes):
      escaped.append(String(decoding: bytes, as: UTF8.self))
      return FindingStore.Span(start: -escaped.count, length: Int32(clamping: bytes.count))
    }
  }

  private mutating func scalar(
    _ field: FindingStore.ScalarField, _ s: inout JSONScanner, _ table: inout ValueTable
  ) throws {
    guard columns.contains(.scalar(field)) else { return try Self.checkString(&s) }
    scalars[field.rawValue] = try Self.string(&s).withBytes { table.id($0) }
  }

  private func timestamp(_ s: inout JSONScanner) throws {
    guard try Self.string(&s).withBytes({ Timestamp.isReadable($0) }) else { throw GiveUp() }
  }

  private mutating func list(_ s: inout JSONScanner, _ table: inout ValueTable) throws {
    guard s.peek() == UInt8(ascii: "[") else { throw GiveUp() }
    var values = action
    action = []
    values.empty()
    defer { action = values }
    try s.readArray { s, _ in
      values.append(try Self.string(&s).withBytes { table.id($0) })
    }
  }

  /// What `list` accepts, kept nowhere.
  private static func checkList(_ s: inout JSONScanner) throws {
    guard s.peek() == UInt8(ascii: "[") else { throw GiveUp() }
    try s.readArray { s, _ in try Self.checkString(&s) }
  }

  /// What `map` accepts, kept nowhere.
  private static func checkMap(_ s: inout JSONScanner) throws {
    guard s.peek() == UInt8(ascii: "{") else { throw GiveUp() }
    try s.readObject { s, _ in
      if s.skipNull() { return }
      try Self.checkString(&s)
    }
  }

  private static func map(
    _ s: inout JSONScanner, _ table: inout ValueTable, into entries: inout [FindingStore.Entry]
  ) throws {
    guard s.peek() == UInt8(ascii: "{") else { throw GiveUp() }
    entries.empty()
    try s.readObject { s, key in
      let name = table.id(key)
      if s.skipNull() { return }
      let value = try Self.string(&s).withBytes { table.id($0) }
      entries.append(FindingStore.Entry(key: name, value: value))
    }
  }
}

extension Array {
  /// Removes every element, keeping the storage; nearly free when already empty (the
  /// library's `removeAll(keepingCapacity:)` is not, and readers call this per record).
  @inline(__always)
  fileprivate mutating func empty() {
    if !isEmpty { removeAll(keepingCapacity: true) }
  }
}
