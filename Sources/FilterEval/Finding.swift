/// A small string-to-string map compared by bytes (the finding's `principal` and `condition`).
///
/// An array of entries, not a `Dictionary`: these maps hold a handful of entries, and
/// `Dictionary<String, _>` would match canonically equivalent keys, which the service does not.
public struct StringMap: Hashable, Sendable {
  public struct Entry: Hashable, Sendable {
    public var key: String
    public var value: String
  }

  public var entries: [Entry]

  public init(_ entries: [Entry] = []) {
    self.entries = entries
  }

  /// The value for `key`, compared byte for byte. A repeated key keeps its last value, as a
  /// JSON object's would.
  public subscript(key: String) -> String? {
    entries.last { $0.key.utf8.elementsEqual(key.utf8) }?.value
  }
}

/// A finding's own JSON text, kept so that output shows the record exactly as it came in,
/// unknown fields and all.
public struct RawJSON: Hashable, Sendable {
  public var bytes: ArraySlice<UInt8>

  public init(_ bytes: ArraySlice<UInt8>) {
    self.bytes = bytes
  }

  public var text: String { String(decoding: bytes, as: UTF8.self) }
}

/// One Access Analyzer finding, from any of the shapes the CLI and events print.
///
/// Every field is optional: `null` and absent are the same, and a record type that lacks a
/// field (a list-findings-v2 summary has no `principal`) simply does not set it.
public struct Finding: Hashable, Sendable {
  public var id: String?
  public var resource: String?
  public var resourceType: String?
  public var resourceOwnerAccount: String?
  public var status: String?
  public var error: String?
  public var isPublic: Bool?
  public var findingType: String?
  public var resourceControlPolicyRestriction: String?
  public var changeType: String?
  public var existingFindingId: String?
  public var existingFindingStatus: String?
  public var createdAt: Timestamp?
  public var analyzedAt: Timestamp?
  public var updatedAt: Timestamp?
  public var principal: StringMap?
  public var condition: StringMap?
  public var action: [String]?
  /// False for records that carry no access details at all (list-findings-v2 summaries):
  /// predicates on `principal.*`, `condition.*`, `isPublic`, `action` and
  /// `resourceControlPolicyRestriction` cannot be decided from them.
  public var hasAccessDetails = true
  public var json: RawJSON

  public init(json: RawJSON = RawJSON([])) {
    self.json = json
  }
}
