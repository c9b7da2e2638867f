import FilterDSL

/// One Access Analyzer finding, from any of the shapes the CLI and events print.
///
/// Every field is optional: `null` and absent are the same, and a record type that lacks a
/// field (a list-findings-v2 summary has no `principal`) simply does not set it.
///
/// A value type whose fields live in one shared, copy-on-write box: copying a finding (into a
/// result list, through a sort) costs one reference count, not one per field, which is most of
/// what evaluating millions of findings would otherwise spend.
public struct Finding: Hashable, Sendable {
  struct Fields: Hashable, Sendable {
    var id: TextRef?
    var resource: TextRef?
    var resourceType: String?
    var resourceOwnerAccount: String?
    var status: String?
    var isPublic: Bool?
    var hasAccessDetails = true
    /// The analyzer family, when the record says (grammar.md, *Findings of every family*).
    var family: AnalyzerFamily?
    /// A get-finding-v2 page with a `nextToken`: more `findingDetails` are still to come.
    var detailsArePartial = false
    var createdAt: Instant?
    var analyzedAt: Instant?
    var updatedAt: Instant?
    var principal: StringMap?
    var condition: StringMap?
    var action: [String]?
    /// Fields most findings lack, in a box of their own so the common case does not pay for them.
    var rare: Rare?
    var json = RawJSON([])
  }

  /// Text that is usually unique per finding (ids, ARNs): a span of the finding's own JSON
  /// when it had no escapes, so it costs no allocation; a string otherwise.
  enum TextRef: Hashable, Sendable {
    case span(start: UInt32, length: UInt32)
    case string(String)
  }

  /// A timestamp without its text: the text is a range of the finding's own JSON.
  struct Instant: Hashable, Sendable {
    var seconds: Int64
    var nanoseconds: Int32
    var textStart: UInt32
    var textLength: UInt32
  }

  final class Rare: Hashable, @unchecked Sendable {
    // Written only while decoding, before the finding is shared.
    var error: String?
    var findingType: String?
    var resourceControlPolicyRestriction: String?
    var changeType: String?
    var existingFindingId: String?
    var existingFindingStatus: String?
    /// A timestamp whose JSON text held escapes, so the raw text would not read back.
    var decodedTimestampTexts: [String: [UInt8]] = [:]
    /// The finding's family and the fields only internal and unused access findings carry.
    var family = FamilyFields()

    init() {}

    func copy() -> Rare {
      let copy = Rare()
      copy.error = error
      copy.findingType = findingType
      copy.resourceControlPolicyRestriction = resourceControlPolicyRestriction
      copy.changeType = changeType
      copy.existingFindingId = existingFindingId
      copy.existingFindingStatus = existingFindingStatus
      copy.decodedTimestampTexts = decodedTimestampTexts
      copy.family = family
      return copy
    }

    static func == (a: Rare, b: Rare) -> Bool {
      (a.error, a.findingType, a.resourceControlPolicyRestriction) == (
        b.error, b.findingType, b.resourceControlPolicyRestriction
      )
        && (a.changeType, a.existingFindingId, a.existingFindingStatus) == (
          b.changeType, b.existingFindingId, b.existingFindingStatus
        ) && a.family == b.family
    }

    func hash(into hasher: inout Hasher) {
      hasher.combine(error)
      hasher.combine(findingType)
      hasher.combine(changeType)
    }
  }

  final class Storage: @unchecked Sendable {
    // Mutated only through `mutate`, after making the box unique.
    var fields: Fields
    init(_ fields: Fields) { self.fields = fields }

    func text(_ reference: TextRef) -> String {
      switch reference {
      case .string(let string): return string
      case .span: return withBytes(reference) { String(decoding: $0, as: UTF8.self) }
      }
    }

    /// The UTF-8 of a text reference, without building a string.
    @inline(__always)
    func withBytes<R>(_ reference: TextRef, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
      switch reference {
      case .string(let string):
        var string = string
        return string.withUTF8(body)
      case .span(let start, let length):
        return fields.json.bytes.withUnsafeBufferPointer { record in
          let lower = min(Int(start), record.count)
          let upper = min(lower + Int(length), record.count)
          return body(UnsafeBufferPointer(rebasing: record[lower..<upper]))
        }
      }
    }
  }

  var storage: Storage

  /// An empty finding with no fields set (set them through the properties), carrying
  /// `json` as its text.
  /// - Parameter json: the record's own JSON, shown by outputs that print findings as they
  ///   came in; empty for a finding built in code.
  public init(json: RawJSON = RawJSON([])) {
    var fields = Fields()
    fields.json = json
    storage = Storage(fields)
  }

  /// A finding sharing `storage` (no copy), for reading a stored record through its API.
  init(storage: Storage) {
    self.storage = storage
  }

  init(fields: Fields) {
    storage = Storage(fields)
  }

  mutating func mutate(_ body: (inout Fields) -> Void) {
    if !isKnownUniquelyReferenced(&storage) { storage = Storage(storage.fields) }
    body(&storage.fields)
  }

  mutating func mutateRare(_ body: (Rare) -> Void) {
    mutate { fields in
      let rare = fields.rare?.copy() ?? Rare()
      body(rare)
      fields.rare = rare
    }
  }

  private func timestamp(_ instant: Instant?, _ field: String) -> Timestamp? {
    guard let instant else { return nil }
    if let text = storage.fields.rare?.decodedTimestampTexts[field] {
      return Timestamp(
        seconds: instant.seconds, nanoseconds: instant.nanoseconds, textBytes: text[...])
    }
    let bytes = storage.fields.json.bytes
    let start = bytes.startIndex + Int(instant.textStart)
    let end = min(bytes.endIndex, start + Int(instant.textLength))
    return Timestamp(
      seconds: instant.seconds, nanoseconds: instant.nanoseconds,
      textBytes: bytes[min(start, end)..<end])
  }

  /// A timestamp set from outside keeps its own text in the side box.
  private mutating func setTimestamp(
    _ value: Timestamp?, _ field: String, _ path: WritableKeyPath<Fields, Instant?>
  ) {
    mutate {
      $0[keyPath: path] = value.map {
        Instant(seconds: $0.seconds, nanoseconds: $0.nanoseconds, textStart: 0, textLength: 0)
      }
    }
    mutateRare { $0.decodedTimestampTexts[field] = value.map { Array($0.textBytes) } }
  }

  /// The finding id.
  public var id: String? {
    get { storage.fields.id.map { storage.text($0) } }
    set { mutate { $0.id = newValue.map(TextRef.string) } }
  }

  /// The resource's ARN.
  public var resource: String? {
    get { storage.fields.resource.map { storage.text($0) } }
    set { mutate { $0.resource = newValue.map(TextRef.string) } }
  }

  /// The resource type (`AWS::S3::Bucket`).
  public var resourceType: String? {
    get { storage.fields.resourceType }
    set { mutate { $0.resourceType = newValue } }
  }

  /// The account that owns the resource.
  public var resourceOwnerAccount: String? {
    get { storage.fields.resourceOwnerAccount }
    set { mutate { $0.resourceOwnerAccount = newValue } }
  }

  /// `ACTIVE`, `ARCHIVED` or `RESOLVED`.
  public var status: String? {
    get { storage.fields.status }
    set { mutate { $0.status = newValue } }
  }

  /// The error the analyzer met, if any.
  public var error: String? {
    get { storage.fields.rare?.error }
    set { mutateRare { $0.error = newValue } }
  }

  /// Whether the resource is public.
  public var isPublic: Bool? {
    get { storage.fields.isPublic }
    set { mutate { $0.isPublic = newValue } }
  }

  /// `ExternalAccess`, `UnusedIAMRole`, ...
  public var findingType: String? {
    get { storage.fields.rare?.findingType }
    set { mutateRare { $0.findingType = newValue } }
  }

  /// How a resource control policy restricts the access.
  public var resourceControlPolicyRestriction: String? {
    get { storage.fields.rare?.resourceControlPolicyRestriction }
    set { mutateRare { $0.resourceControlPolicyRestriction = newValue } }
  }

  /// An access-preview finding's change: `CHANGED`, `NEW` or `UNCHANGED`.
  public var changeType: String? {
    get { storage.fields.rare?.changeType }
    set { mutateRare { $0.changeType = newValue } }
  }

  /// The id of the existing finding an access-preview finding corresponds to.
  public var existingFindingId: String? {
    get { storage.fields.rare?.existingFindingId }
    set { mutateRare { $0.existingFindingId = newValue } }
  }

  /// The status of that existing finding.
  public var existingFindingStatus: String? {
    get { storage.fields.rare?.existingFindingStatus }
    set { mutateRare { $0.existingFindingStatus = newValue } }
  }

  /// When the finding was created.
  public var createdAt: Timestamp? {
    get { timestamp(storage.fields.createdAt, "createdAt") }
    set { setTimestamp(newValue, "createdAt", \.createdAt) }
  }

  /// When the resource was last analyzed.
  public var analyzedAt: Timestamp? {
    get { timestamp(storage.fields.analyzedAt, "analyzedAt") }
    set { setTimestamp(newValue, "analyzedAt", \.analyzedAt) }
  }

  /// When the finding was last updated.
  public var updatedAt: Timestamp? {
    get { timestamp(storage.fields.updatedAt, "updatedAt") }
    set { setTimestamp(newValue, "updatedAt", \.updatedAt) }
  }

  /// The principal that has access (`AWS`, `Federated`, `Service`, ... entries).
  public var principal: StringMap? {
    get { storage.fields.principal }
    set { mutate { $0.principal = newValue } }
  }

  /// The policy conditions that grant the access.
  public var condition: StringMap? {
    get { storage.fields.condition }
    set { mutate { $0.condition = newValue } }
  }

  /// The actions the principal may take.
  public var action: [String]? {
    get { storage.fields.action }
    set { mutate { $0.action = newValue } }
  }

  /// False for records that carry no access details at all (list-findings-v2 summaries):
  /// predicates on `principal.*`, `condition.*`, `isPublic`, `action` and
  /// `resourceControlPolicyRestriction` cannot be decided from them.
  public var hasAccessDetails: Bool {
    get { storage.fields.hasAccessDetails }
    set { mutate { $0.hasAccessDetails = newValue } }
  }

  /// The record's JSON exactly as it came in; empty for a finding built in code.
  public var json: RawJSON {
    get { storage.fields.json }
    set { mutate { $0.json = newValue } }
  }
}
