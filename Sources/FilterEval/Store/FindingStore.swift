import FilterDSL

/// Findings held by column over the bytes they were read from: no object per finding.
///
/// Repeated values (types, statuses, accounts, principals, condition entries, actions) are
/// interned to small integer ids; ids and ARNs are spans of the input; each record keeps the
/// span of its own JSON, so output shows it byte for byte. A `Finding` is built only when
/// asked for (`finding(at:)`), by decoding the record's bytes with the reference decoder, so
/// it is exactly what `FindingsDecoder` would have produced.
///
/// Records the store's reader does not take apart itself (wrappers, `findingDetails`, type
/// errors) are decoded by the reference decoder as they are met and kept whole.
public struct FindingStore: Sendable {
  /// A run of input bytes; `start < 0` names a decoded text, `escaped[-start - 1]`, for text
  /// whose JSON held escapes; `length < 0` means absent.
  struct Span: Sendable {
    var start: Int
    var length: Int32
    static let absent = Span(start: 0, length: -1)
  }

  /// One `principal` or `condition` entry, both sides interned.
  struct Entry: Sendable {
    var key: UInt32
    var value: UInt32
  }

  /// The interned single-valued fields, in column order.
  enum ScalarField: Int, CaseIterable, Sendable {
    case resourceType, resourceOwnerAccount, status, error, findingType
    case resourceControlPolicyRestriction, changeType, existingFindingId, existingFindingStatus

    init?(_ attribute: FindingAttribute) {
      switch attribute {
      case .resourceType: self = .resourceType
      case .resourceOwnerAccount: self = .resourceOwnerAccount
      case .status: self = .status
      case .error: self = .error
      case .findingType: self = .findingType
      case .resourceControlPolicyRestriction: self = .resourceControlPolicyRestriction
      case .changeType: self = .changeType
      case .existingFindingId: self = .existingFindingId
      case .existingFindingStatus: self = .existingFindingStatus
      default: return nil
      }
    }
  }

  static let scalarCount = ScalarField.allCases.count

  /// The bytes the spans point into.
  public let input: InputBytes
  /// The interned columns kept; the others are read from each row's bytes when asked for.
  public internal(set) var columns = Columns.all
  var table = ValueTable()
  /// How many findings the store holds.
  public internal(set) var count = 0
  var records: [Span] = []
  var ids: [Span] = []
  var resources: [Span] = []
  var escaped: [String] = []
  /// `scalarCount` ids per row.
  var scalars: [UInt32] = []
  /// 0 absent, 1 false, 2 true.
  var isPublic: [UInt8] = []
  var hasAccessDetails: [Bool] = []
  /// Each row's analyzer family, settled as the reference decoder settles it.
  var family: [AnalyzerFamily?] = []
  var principalStarts: [UInt32] = [0]
  var principals: [Entry] = []
  var conditionStarts: [UInt32] = [0]
  var conditions: [Entry] = []
  var actionStarts: [UInt32] = [0]
  var actions: [UInt32] = []
  /// Rows the reference decoder read, kept as it made them.
  var decoded: [Int: Finding] = [:]
  /// The input bytes the rows came from, handed back to the kernel once the store is used.
  var byteRange: Range<Int> = 0..<0

  /// An empty store over `input`.
  public init(input: InputBytes) {
    self.input = input
  }

  // MARK: Reading values back

  func bytes<R>(_ span: Span, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R? {
    guard span.length >= 0 else { return nil }
    if span.start < 0 {
      var text = escaped[-span.start - 1]
      return text.withUTF8(body)
    }
    return body(
      UnsafeBufferPointer(rebasing: input.buffer[span.start..<span.start + Int(span.length)]))
  }

  func text(_ span: Span) -> String? { bytes(span) { String(decoding: $0, as: UTF8.self) } }

  func scalar(_ field: ScalarField, _ row: Int) -> String? {
    let id = scalars[row * Self.scalarCount + field.rawValue]
    return id == 0 ? nil : table.value(id)
  }

  /// The finding's JSON, exactly as it came in.
  public func json(at row: Int) -> String {
    if let finding = decoded[row] { return finding.json.text }
    return text(records[row]) ?? ""
  }

  /// The finding's `id`.
  public func id(at row: Int) -> String? { decoded[row]?.id ?? text(ids[row]) }

  /// The finding's `status`.
  public func status(at row: Int) -> String? {
    if let finding = decoded[row] { return finding.status }
    return holds(.status) ? scalar(.status, row) : finding(at: row).status
  }

  /// The finding at `row`, as `FindingsDecoder` would have decoded it.
  public func finding(at row: Int) -> Finding {
    if let finding = decoded[row] { return finding }
    let span = records[row]
    let bytes = Array(input.buffer[span.start..<span.start + Int(span.length)])
    return (try? FindingsDecoder.decodeRecord(bytes)) ?? Finding()
  }

  // MARK: Writing rows

  /// Room for the rows that about `bytes` of input hold, so the columns do not grow by copying
  /// as a piece is read. Large buffers are fresh pages the kernel maps on first write, so a
  /// generous guess costs address space, not memory.
  mutating func reserve(forBytes bytes: Int) {
    let rows = bytes / 256 + 16
    records.reserveCapacity(rows)
    ids.reserveCapacity(rows)
    resources.reserveCapacity(rows)
    scalars.reserveCapacity(rows * Self.scalarCount)
    isPublic.reserveCapacity(rows)
    hasAccessDetails.reserveCapacity(rows)
    family.reserveCapacity(rows)
    principalStarts.reserveCapacity(rows + 1)
    conditionStarts.reserveCapacity(rows + 1)
    actionStarts.reserveCapacity(rows + 1)
    if columns.contains(.principal) { principals.reserveCapacity(rows * 2) }
    if columns.contains(.condition) { conditions.reserveCapacity(rows * 2) }
    if columns.contains(.action) { actions.reserveCapacity(rows * 4) }
    table.reserve(values: rows * 2)
  }

  /// Appends a row for a finding the reference decoder made.
  mutating func append(_ finding: Finding) {
    let row = count
    decoded[row] = finding
    records.append(.absent)
    ids.append(keep(finding.id))
    resources.append(keep(finding.resource))
    for field in ScalarField.allCases {
      let value: String? =
        switch field {
        case .resourceType: finding.resourceType
        case .resourceOwnerAccount: finding.resourceOwnerAccount
        case .status: finding.status
        case .error: finding.error
        case .findingType: finding.findingType
        case .resourceControlPolicyRestriction: finding.resourceControlPolicyRestriction
        case .changeType: finding.changeType
        case .existingFindingId: finding.existingFindingId
        case .existingFindingStatus: finding.existingFindingStatus
        }
      scalars.append(value.map { intern($0) } ?? 0)
    }
    isPublic.append(finding.isPublic.map { $0 ? 2 : 1 } ?? 0)
    hasAccessDetails.append(finding.hasAccessDetails)
    family.append(finding.analyzerFamily)
    for entry in finding.principal?.entries ?? [] {
      principals.append(Entry(key: intern(entry.key), value: intern(entry.value)))
    }
    principalStarts.append(UInt32(principals.count))
    for entry in finding.condition?.entries ?? [] {
      conditions.append(Entry(key: intern(entry.key), value: intern(entry.value)))
    }
    conditionStarts.append(UInt32(conditions.count))
    for action in finding.action ?? [] { actions.append(intern(action)) }
    actionStarts.append(UInt32(actions.count))
    count += 1
  }

  private mutating func keep(_ text: String?) -> Span {
    guard let text else { return .absent }
    escaped.append(text)
    return Span(start: -escaped.count, length: Int32(clamping: text.utf8.count))
  }

  mutating func intern(_ text: String) -> UInt32 {
    var text = text
    return text.withUTF8 { table.id($0) }
  }

  /// Appends the rows of `other`, a store over the same input, renumbering its values.
  mutating func append(contentsOf other: FindingStore) {
    columns.formIntersection(other.columns)
    let renumber = table.merge(other.table)
    let escapedBase = escaped.count
    escaped += other.escaped
    func moved(_ span: Span) -> Span {
      span.start < 0 ? Span(start: span.start - escapedBase, length: span.length) : span
    }
    for (row, finding) in other.decoded { decoded[count + row] = finding }
    records += other.records.map(moved)
    ids += other.ids.map(moved)
    resources += other.resources.map(moved)
    scalars += other.scalars.map { renumber[Int($0)] }
    isPublic += other.isPublic
    hasAccessDetails += other.hasAccessDetails
    family += other.family
    func entries(_ list: [Entry]) -> [Entry] {
      list.map { Entry(key: renumber[Int($0.key)], value: renumber[Int($0.value)]) }
    }
    let principalBase = UInt32(principals.count)
    principals += entries(other.principals)
    principalStarts += other.principalStarts.dropFirst().map { $0 + principalBase }
    let conditionBase = UInt32(conditions.count)
    conditions += entries(other.conditions)
    conditionStarts += other.conditionStarts.dropFirst().map { $0 + conditionBase }
    let actionBase = UInt32(actions.count)
    actions += other.actions.map { renumber[Int($0)] }
    actionStarts += other.actionStarts.dropFirst().map { $0 + actionBase }
    count += other.count
  }
}

extension FindingStore {
  /// Drops rows `row...`, for a record read too eagerly.
  mutating func removeRows(from row: Int) {
    guard row < count else { return }
    for index in row..<count { decoded[index] = nil }
    records.removeSubrange(row...)
    ids.removeSubrange(row...)
    resources.removeSubrange(row...)
    scalars.removeSubrange((row * Self.scalarCount)...)
    isPublic.removeSubrange(row...)
    hasAccessDetails.removeSubrange(row...)
    family.removeSubrange(row...)
    principals.removeSubrange(Int(principalStarts[row])...)
    principalStarts.removeSubrange((row + 1)...)
    conditions.removeSubrange(Int(conditionStarts[row])...)
    conditionStarts.removeSubrange((row + 1)...)
    actions.removeSubrange(Int(actionStarts[row])...)
    actionStarts.removeSubrange((row + 1)...)
    count = row
  }
}

extension FindingStore {
  /// One finding of a store, read from its columns: filters, sorts and previews take it as
  /// they take a ``Finding``, and nothing is decoded until a field the columns lack (a
  /// timestamp) is asked for.
  public struct Row: FindingRecord, Sendable {
    /// The store the row belongs to.
    public let store: FindingStore
    /// The row's position in the store, from 0.
    public let index: Int

    /// The row's value for one attribute, as the ``Finding`` at this row would answer.
    /// - Parameter attribute: the attribute a filter key or sort reads.
    /// - Returns: the value, or `nil` when absent.
    public func value(for attribute: FindingAttribute) -> FindingValue? {
      if let finding = store.decoded[index] { return finding.value(for: attribute) }
      guard store.holds(attribute) else { return store.finding(at: index).value(for: attribute) }
      switch attribute {
      case .id: return store.text(store.ids[index]).map(FindingValue.text)
      case .resource: return store.text(store.resources[index]).map(FindingValue.text)
      case .isPublic:
        let flag = store.isPublic[index]
        return flag == 0 ? nil : .bool(flag == 2)
      case .action:
        let range = Int(store.actionStarts[index])..<Int(store.actionStarts[index + 1])
        return range.isEmpty ? nil : .list(store.actions[range].map { store.table.value($0) })
      case .principal(let key):
        return store.entry(key, store.principals, store.principalStarts, index)
      case .condition(let key):
        return store.entry(key, store.conditions, store.conditionStarts, index)
      case .createdAt, .analyzedAt, .updatedAt:
        return store.finding(at: index).value(for: attribute)
      default:
        return ScalarField(attribute).flatMap { store.scalar($0, index) }.map(FindingValue.text)
      }
    }

    /// False for list-findings-v2 summaries, as for ``Finding``.
    public var hasAccessDetails: Bool { store.hasAccessDetails[index] }

    /// The row's analyzer family, as for ``Finding``.
    public var analyzerFamily: AnalyzerFamily? { store.family[index] }

    /// True for a get-finding-v2 page with a `nextToken`, as for ``Finding``.
    public var detailsArePartial: Bool { store.decoded[index]?.detailsArePartial ?? false }
  }

  /// The finding at `row`, read from the columns.
  public subscript(row: Int) -> Row { Row(store: self, index: row) }

  /// The analyzer families of the store's findings.
  public var families: Set<AnalyzerFamily> { Set(family.compactMap { $0 }) }

  /// How many findings are get-finding-v2 pages with incomplete details.
  public var partialDetailsCount: Int { decoded.values.filter(\.detailsArePartial).count }

  /// The last entry with `key`, compared byte for byte, as a JSON object's repeated key reads.
  fileprivate func entry(_ key: String, _ entries: [Entry], _ starts: [UInt32], _ row: Int)
    -> FindingValue?
  {
    var key = key
    guard let keyID = key.withUTF8({ table.existingID($0) }),
      let value = Self.lastEntry(keyID, entries, starts, row)
    else { return nil }
    return .text(table.value(value))
  }

  /// The value id of `row`'s last entry whose key has id `keyID`: the one a JSON object with
  /// a repeated key means, as the reference decoder keeps it.
  @inline(__always)
  static func lastEntry(_ keyID: UInt32, _ entries: [Entry], _ starts: [UInt32], _ row: Int)
    -> UInt32?
  {
    var index = Int(starts[row + 1])
    while index > Int(starts[row]) {
      index -= 1
      if entries[index].key == keyID { return entries[index].value }
    }
    return nil
  }
}
