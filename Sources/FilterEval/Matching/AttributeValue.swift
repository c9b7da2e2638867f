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
  case principal(String)
  case condition(String)
  /// A key no finding carries: always absent.
  case unknown

  init(key: String) {
    switch key {
    case "id": self = .id
    case "resource": self = .resource
    case "resourceType": self = .resourceType
    case "resourceOwnerAccount": self = .resourceOwnerAccount
    case "status": self = .status
    case "error": self = .error
    case "isPublic": self = .isPublic
    case "findingType": self = .findingType
    case "resourceControlPolicyRestriction": self = .resourceControlPolicyRestriction
    case "changeType": self = .changeType
    case "existingFindingId": self = .existingFindingId
    case "existingFindingStatus": self = .existingFindingStatus
    case "action": self = .action
    default:
      // Split at the first dot only: `condition.cognito-identity.amazonaws.com:aud`.
      if let entry = FilterKeyCatalog.familyEntry(key, prefix: "principal.") {
        self = .principal(entry)
      } else if let entry = FilterKeyCatalog.familyEntry(key, prefix: "condition.") {
        self = .condition(entry)
      } else {
        self = .unknown
      }
    }
    // `switch` on String uses canonical equivalence; filter keys are matched by bytes.
    if self != .unknown, !Self.isByteExact(key, self) { self = .unknown }
  }

  private static func isByteExact(_ key: String, _ accessor: AttributeAccessor) -> Bool {
    key.utf8.allSatisfy { $0 < 0x80 }
      || {
        if case .principal = accessor { return true }
        if case .condition = accessor { return true }
        return false
      }()
  }

  /// Keys whose data only full findings carry.
  var needsAccessDetails: Bool {
    switch self {
    case .isPublic, .action, .principal, .condition, .resourceControlPolicyRestriction: true
    default: false
    }
  }

  func value(of finding: Finding) -> AttributeValue {
    if needsAccessDetails, !finding.hasAccessDetails { return .undecidable }
    func scalar(_ value: String?) -> AttributeValue { value.map(AttributeValue.scalar) ?? .absent }
    switch self {
    case .id: return scalar(finding.id)
    case .resource: return scalar(finding.resource)
    case .resourceType: return scalar(finding.resourceType)
    case .resourceOwnerAccount: return scalar(finding.resourceOwnerAccount)
    case .status: return scalar(finding.status)
    case .error: return scalar(finding.error)
    case .isPublic: return scalar(finding.isPublic.map { $0 ? "true" : "false" })
    case .findingType: return scalar(finding.findingType)
    case .resourceControlPolicyRestriction: return scalar(finding.resourceControlPolicyRestriction)
    case .changeType: return scalar(finding.changeType)
    case .existingFindingId: return scalar(finding.existingFindingId)
    case .existingFindingStatus: return scalar(finding.existingFindingStatus)
    case .action:
      guard let action = finding.action, !action.isEmpty else { return .absent }
      return .list(action)
    case .principal(let entry): return scalar(finding.principal?[entry])
    case .condition(let entry): return scalar(finding.condition?[entry])
    case .unknown: return .absent
    }
  }
}
