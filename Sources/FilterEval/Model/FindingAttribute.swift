import FilterDSL

/// One attribute of a finding that a filter key or a sort reads.
///
/// Filter keys resolve to attributes once per filter (`principal.AWS` → `.principal("AWS")`),
/// so evaluating a finding never splits or compares key strings. When you adopt
/// ``FindingRecord``, switch over the attributes your type carries and answer `nil` for the
/// rest in a `default:` branch, so that attributes added later need no change.
public enum FindingAttribute: Hashable, Sendable {
  /// The scalar fields of a finding, one per filter key of the same name.
  case id, resource, resourceType, resourceOwnerAccount, status, error, isPublic, findingType
  /// More scalar fields (the last three only on access-preview findings).
  case resourceControlPolicyRestriction, changeType, existingFindingId, existingFindingStatus
  /// The finding's actions: the one list-valued attribute.
  case action
  /// Internal access fields (`InternalAccessDetails`): `INTRA_ACCOUNT`/`INTRA_ORG`,
  /// `IAM_ROLE`/`IAM_USER`, the principal's account, the service control policy restriction.
  case accessType, principalType, principalOwnerAccount, serviceControlPolicyRestriction
  /// One entry of the finding's `principal` map (`principal.AWS` → `.principal("AWS")`).
  case principal(String)
  /// One entry of the finding's `condition` map.
  case condition(String)
  /// Timestamps, read by sorts (no filter key names them).
  case createdAt, analyzedAt, updatedAt

  /// The attribute a filter key reads, or `nil` for a key no finding carries (which the
  /// service treats as absent).
  ///
  /// Keys compare byte for byte, and the families split at the first dot only
  /// (`condition.cognito-identity.amazonaws.com:aud`).
  /// - Parameter filterKey: a key of a `FilterCriteriaMap`.
  public init?(filterKey: String) {
    if let entry = Self.familyEntry(filterKey, prefix: "principal.") {
      self = .principal(entry)
    } else if let entry = Self.familyEntry(filterKey, prefix: "condition.") {
      self = .condition(entry)
    } else if filterKey.utf8.allSatisfy({ $0 < 0x80 }), let field = Self.fields[filterKey] {
      // ASCII only: a `String` lookup treats canonically equivalent keys as equal (the Kelvin
      // sign as 'K'); the service compares bytes.
      self = field
    } else {
      return nil
    }
  }

  private static func familyEntry(_ key: String, prefix: String) -> String? {
    guard key.utf8.starts(with: prefix.utf8) else { return nil }
    return String(key.dropFirst(prefix.count))
  }

  private static let fields: [String: FindingAttribute] = [
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

  /// Whether only full findings carry this attribute: a record without access details (a
  /// list-findings-v2 summary) cannot decide a criterion on it.
  public var needsAccessDetails: Bool {
    switch self {
    case .isPublic, .action, .principal, .condition, .resourceControlPolicyRestriction,
      .accessType, .principalType, .principalOwnerAccount, .serviceControlPolicyRestriction:
      true
    default: false
    }
  }

  /// The analyzer families whose findings can carry this attribute (the key catalog's
  /// answer); for the others it is always absent.
  public var carriedBy: Set<AnalyzerFamily> {
    switch self {
    case .principal: Self.principalFamilies
    case .condition: Self.conditionFamilies
    default: Self.namedFamilies[self] ?? Set(AnalyzerFamily.allCases)
    }
  }

  private static let principalFamilies =
    FilterKeyCatalog.key(named: "principal.AWS")?.families ?? []
  private static let conditionFamilies =
    FilterKeyCatalog.key(named: "condition.aws:SourceIp")?.families ?? []
  private static let namedFamilies: [FindingAttribute: Set<AnalyzerFamily>] = Dictionary(
    fields.compactMap { name, attribute in
      FilterKeyCatalog.key(named: name).map { (attribute, $0.families) }
    }, uniquingKeysWith: { a, _ in a })

  /// Whether `record` cannot settle this attribute: the one definition of undecidable
  /// (grammar.md, *Undecidable records*).
  ///
  /// Only records without complete access details are in doubt, and only for the detail
  /// attributes. An attribute the record's family never carries is decidably absent. A
  /// list-findings-v2 summary decides nothing else; a get-finding-v2 page with more details
  /// to come decides the values it holds, but never `action`, which later pages can extend.
  /// - Parameter record: any finding record.
  /// - Returns: `true` when a criterion on this attribute is undecidable for the record.
  public func isUndecidable(on record: some FindingRecord) -> Bool {
    guard needsAccessDetails, !record.hasAccessDetails else { return false }
    if let family = record.analyzerFamily, !carriedBy.contains(family) { return false }
    guard record.detailsArePartial else { return true }
    return self == .action || record.value(for: self) == nil
  }
}
