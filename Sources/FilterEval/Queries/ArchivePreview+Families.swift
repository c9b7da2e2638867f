import FilterDSL

/// What a preview says in each analyzer family's terms: for unused access, counts per finding
/// type and the stale credentials that would be archived; for internal access, the resource
/// types and the principals whose access would be archived. Exact counts; entries bounded by
/// the preview's `entryLimit`.
public struct FamilyTally: Hashable, Sendable {
  /// Unused access finding types whose findings grant working credentials.
  public static let staleCredentialTypes: Set<String> = [
    "UnusedIAMUserAccessKey", "UnusedIAMUserPassword",
  ]

  /// ACTIVE findings that would be archived, per `findingType` (`(none)` when absent).
  public private(set) var archivedByFindingType: [String: Int] = [:]
  /// ACTIVE findings that would be archived, per `resourceType` (`(none)` when absent).
  public private(set) var archivedByResourceType: [String: Int] = [:]
  /// Internal access that would be archived, per principal (`principal.AWS`, else the
  /// principal's type and owner account).
  public private(set) var archivedByPrincipal: [String: Int] = [:]
  /// Unused access keys and passwords that would be archived, the first `entryLimit` kept.
  public private(set) var staleCredentials: [StaleCredential] = []
  /// How many unused access keys and passwords would be archived (exact).
  public private(set) var staleCredentialCount = 0

  /// One unused access key or password a rule would archive.
  public struct StaleCredential: Hashable, Sendable {
    /// The finding id.
    public var id: String?
    /// `UnusedIAMUserAccessKey` or `UnusedIAMUserPassword`.
    public var findingType: String
    /// The IAM user.
    public var resource: String?
    /// The access key (access key findings with details).
    public var accessKeyId: String?
    /// When the credential was last used; `nil` with `detailsKnown` means never.
    public var lastAccessed: String?
    /// Whether the record carried the unused details (a list-findings-v2 summary does not).
    public var detailsKnown: Bool
    /// Indices into the preview's rules.
    public var matchedRules: [Int]
    /// The names of the preview's rules that match, in rule order.
    public var matchedRuleNames: [String]
  }

  mutating func recordArchived(
    _ record: some FindingRecord, matchedRules: [Int], names: [String], limit: Int
  ) {
    let type = record.text(.findingType) ?? "(none)"
    archivedByFindingType[type, default: 0] += 1
    archivedByResourceType[record.text(.resourceType) ?? "(none)", default: 0] += 1
    if record.analyzerFamily == .internal {
      archivedByPrincipal[Self.principal(of: record), default: 0] += 1
    }
    if Self.staleCredentialTypes.contains(type) {
      staleCredentialCount += 1
      if staleCredentials.count < limit {
        // Unused details are a decoded finding's; other records may not have them.
        let details = (record as? Finding)?.unusedDetails
        staleCredentials.append(
          StaleCredential(
            id: record.text(.id), findingType: type, resource: record.text(.resource),
            accessKeyId: details?.accessKeyId, lastAccessed: details?.lastAccessed,
            detailsKnown: details != nil, matchedRules: matchedRules,
            matchedRuleNames: names))
      }
    }
  }

  /// How a person names the principal of an internal access finding.
  static func principal(of record: some FindingRecord) -> String {
    if let principal = record.text(.principal("AWS")) { return principal }
    let type = record.text(.principalType) ?? "principal"
    return record.text(.principalOwnerAccount).map { "\(type) in \($0)" } ?? type
  }
}
