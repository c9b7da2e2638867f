import FilterDSL

/// What a finding holds for one filter key.
public enum AttributeValue: Hashable, Sendable {
  case absent
  /// The record cannot say (a list-findings-v2 summary asked about `isPublic`).
  case undecidable
  case scalar(String)
  case list([String])
}

/// How to read one filter key from a finding, resolved once per filter rather than per finding.
enum AttributeAccessor: Hashable, Sendable {
  case id, resource, resourceType, resourceOwnerAccount, status, error, isPublic, findingType
  case resourceControlPolicyRestriction, changeType, existingFindingId, existingFindingStatus
  case action
  /// Internal access fields (`InternalAccessDetails`).
  case accessType, principalType, principalOwnerAccount, serviceControlPolicyRestriction
  case principal(String)
  case condition(String)
  /// A key no finding carries: always absent.
  case unknown

  init(key: String) {
    // Split at the first dot only: `condition.cognito-identity.amazonaws.com:aud`.
    if let entry = FilterKeyCatalog.familyEntry(key, prefix: "principal.") {
      self = .principal(entry)
    } else if let entry = FilterKeyCatalog.familyEntry(key, prefix: "condition.") {
      self = .condition(entry)
    } else if key.utf8.allSatisfy({ $0 < 0x80 }), let field = Self.fields[key] {
      // ASCII only: a `String` lookup treats canonically equivalent keys as equal (the Kelvin
      // sign as 'K'); the service compares bytes.
      self = field
    } else {
      self = .unknown
    }
  }

  private static let fields: [String: AttributeAccessor] = [
    "id": .id, "resource": .resource, "resourceType": .resourceType,
    "resourceOwnerAccount": .resourceOwnerAccount,
    "status": .status, "error": .error, "isPublic": .isPublic, "findingType": .findingType,
    "resourceControlPolicyRestriction": .resourceControlPolicyRestriction,
    "changeType": .changeType,
    "existingFindingId": .existingFindingId, "existingFindingStatus": .existingFindingStatus,
    "action": .action,
    "accessType": .accessType, "principalType": .principalType,
    "principalOwnerAccount": .principalOwnerAccount,
    "serviceControlPolicyRestriction": .serviceControlPolicyRestriction,
  ]

  /// Keys whose data only full findings carry.
  var needsAccessDetails: Bool {
    switch self {
    case .isPublic, .action, .principal, .condition, .resourceControlPolicyRestriction,
      .accessType, .principalType, .principalOwnerAccount, .serviceControlPolicyRestriction:
      true
    default: false
    }
  }

  /// The families whose findings can carry this attribute (the key catalog's answer).
  var carriedBy: Set<AnalyzerFamily> {
    switch self {
    case .principal: FilterKeyCatalog.key(named: "principal.AWS")?.families ?? []
    case .condition: FilterKeyCatalog.key(named: "condition.aws:SourceIp")?.families ?? []
    case .unknown: []
    default: Self.namedFamilies[self] ?? Set(AnalyzerFamily.allCases)
    }
  }

  private static let namedFamilies: [AttributeAccessor: Set<AnalyzerFamily>] = Dictionary(
    fields.compactMap { name, accessor in
      FilterKeyCatalog.key(named: name).map { (accessor, $0.families) }
    }, uniquingKeysWith: { a, _ in a })

  /// Whether a record without complete access details cannot settle this key. Callers check
  /// `needsAccessDetails` and `hasAccessDetails` first, so complete records never get here.
  ///
  /// A key the record's family never carries is decidably absent. A list-findings-v2 summary
  /// decides nothing else. A get-finding-v2 page with more details to come decides what its
  /// details hold: single values and maps (the first entry wins), never the `action` list,
  /// which later pages can extend.
  func isUndecidable(_ storage: Finding.Storage) -> Bool {
    let family = storage.fields.rare?.family
    if let known = family?.family, !carriedBy.contains(known) { return false }
    guard family?.detailsArePartial == true else { return true }
    switch self {
    case .action: return true
    case .principal: return storage.fields.principal == nil
    case .condition: return storage.fields.condition == nil
    default: return scalar(in: storage) == nil
    }
  }

  func value(of finding: Finding) -> AttributeValue {
    let storage = finding.storage
    if needsAccessDetails, !storage.fields.hasAccessDetails, isUndecidable(storage) {
      return .undecidable
    }
    guard self == .action else { return scalar(in: storage).map(AttributeValue.scalar) ?? .absent }
    guard let action = storage.fields.action, !action.isEmpty else { return .absent }
    return .list(action)
  }

  /// The value of a single-valued key as a string (`nil` when absent, and for `action`).
  /// Callers check `needsAccessDetails` first.
  func scalar(in storage: Finding.Storage) -> String? {
    switch self {
    case .id: return storage.fields.id.map { storage.text($0) }
    case .resource: return storage.fields.resource.map { storage.text($0) }
    case .resourceType: return storage.fields.resourceType
    case .resourceOwnerAccount: return storage.fields.resourceOwnerAccount
    case .status: return storage.fields.status
    case .error: return storage.fields.rare?.error
    case .isPublic: return storage.fields.isPublic.map { $0 ? "true" : "false" }
    case .findingType: return storage.fields.rare?.findingType
    case .resourceControlPolicyRestriction:
      return storage.fields.rare?.resourceControlPolicyRestriction
    case .changeType: return storage.fields.rare?.changeType
    case .existingFindingId: return storage.fields.rare?.existingFindingId
    case .existingFindingStatus: return storage.fields.rare?.existingFindingStatus
    case .accessType: return storage.fields.rare?.family.accessType
    case .principalType: return storage.fields.rare?.family.principalType
    case .principalOwnerAccount: return storage.fields.rare?.family.principalOwnerAccount
    case .serviceControlPolicyRestriction:
      return storage.fields.rare?.family.serviceControlPolicyRestriction
    case .principal(let entry): return storage.fields.principal?[entry]
    case .condition(let entry): return storage.fields.condition?[entry]
    case .action, .unknown: return nil
    }
  }

}
