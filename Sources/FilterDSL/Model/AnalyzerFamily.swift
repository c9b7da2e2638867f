/// The three kinds of analyzer (the API's `type`). The family decides which findings exist, and
/// so which filter keys and values a rule can ever match.
public enum AnalyzerFamily: String, Hashable, Sendable, Codable, CaseIterable {
  /// `ACCOUNT`, `ORGANIZATION`: resource policies that grant access outside the zone of trust.
  case external
  /// `ACCOUNT_INTERNAL_ACCESS`, `ORGANIZATION_INTERNAL_ACCESS`: access paths between IAM
  /// principals and resources inside the zone of trust.
  case `internal`
  /// `ACCOUNT_UNUSED_ACCESS`, `ORGANIZATION_UNUSED_ACCESS`: unused roles, access keys,
  /// passwords and permissions.
  case unused

  /// The API `type` values of analyzers of this family.
  public var apiTypes: [String] {
    switch self {
    case .external: ["ACCOUNT", "ORGANIZATION"]
    case .internal: ["ACCOUNT_INTERNAL_ACCESS", "ORGANIZATION_INTERNAL_ACCESS"]
    case .unused: ["ACCOUNT_UNUSED_ACCESS", "ORGANIZATION_UNUSED_ACCESS"]
    }
  }

  /// How people name the family in messages: `unused-access`.
  public var displayName: String { rawValue + "-access" }

  /// The finding types analyzers of this family produce (the model's `FindingType`).
  public var findingTypes: [String] {
    switch self {
    case .external: ["ExternalAccess"]
    case .internal: ["InternalAccess"]
    case .unused:
      ["UnusedIAMRole", "UnusedIAMUserAccessKey", "UnusedIAMUserPassword", "UnusedPermission"]
    }
  }

  /// Every spelling `--analyzer` accepts, for usage messages.
  public static let acceptedNames: [String] =
    allCases.map(\.rawValue) + allCases.flatMap(\.apiTypes)

  /// The family named by `external`, `internal`, `unused`, `external-access` (and the other
  /// two), or one of the six API `type` values; case is ignored.
  ///
  /// - Parameter name: what the user typed.
  /// - Returns: `nil` when the name is none of these.
  public init?(name: String) {
    let upper = name.uppercased()
    for family in Self.allCases
    where upper == family.rawValue.uppercased() || upper == family.displayName.uppercased()
      || family.apiTypes.contains(upper)
    {
      self = family
      return
    }
    return nil
  }

  /// The family whose analyzers produce findings of type `findingType` (exact spelling).
  ///
  /// - Returns: `nil` for a type no family produces.
  public init?(findingType: String) {
    // Readers call this once per record: one flat table, built once, compared by bytes.
    guard
      let entry = Self.byFindingType.first(where: { $0.0.utf8.elementsEqual(findingType.utf8) })
    else { return nil }
    self = entry.1
  }

  private static let byFindingType: [(String, AnalyzerFamily)] = allCases.flatMap { family in
    family.findingTypes.map { ($0, family) }
  }

  /// The family of an EventBridge finding event's `detail-type`; `nil` for an event that is
  /// not a finding (`Access Preview State Change`) or unknown.
  public init?(eventDetailType: String) {
    switch eventDetailType {
    case "Access Analyzer Finding": self = .external
    case "Internal Access Finding": self = .internal
    case "Unused Access Finding for IAM entities": self = .unused
    default: return nil
    }
  }
}
