import FilterDSL

/// One attribute of a finding that a filter key or a sort reads.
///
/// Filter keys resolve to attributes once per filter (`principal.AWS` → `.principal("AWS")`),
/// so evaluating a finding never splits or compares key strings. When you adopt
/// ``FindingRecord``, switch over the attributes your type carries and answer `nil` for the
/// rest in a `default:` branch, so that attributes added later need no change.
public enum FindingAttribute: Hashable, Sendable {
  case id, resource, resourceType, resourceOwnerAccount, status, error, isPublic, findingType
  case resourceControlPolicyRestriction, changeType, existingFindingId, existingFindingStatus
  /// The finding's actions: the one list-valued attribute.
  case action
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
  /// - Parameter filterKey: a key of a ``FilterDSL/FilterCriteriaMap``.
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
  ]

  /// Whether only full findings carry this attribute: a record without access details (a
  /// list-findings-v2 summary) cannot decide a criterion on it.
  public var needsAccessDetails: Bool {
    switch self {
    case .isPublic, .action, .principal, .condition, .resourceControlPolicyRestriction: true
    default: false
    }
  }
}
