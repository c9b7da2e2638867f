/// The filter keys of Access Analyzer, with their value kinds, where they apply, which analyzer
/// families' findings carry them, and whether AWS documents them as filter keys.
///
/// Sources: the IAM User Guide's filter-key table (documented keys), the service model (enum
/// values, `InternalAccessDetails`, `FindingDetails`) and the AWS CLI's examples (keys observed
/// in finding data). The enum values are checked against the model excerpt by a test, so a
/// model update fails loudly.
public enum FilterKeyCatalog: Sendable {
  /// The API's `ResourceType` values.
  public static let resourceTypes = [
    "AWS::S3::Bucket", "AWS::IAM::Role", "AWS::SQS::Queue", "AWS::Lambda::Function",
    "AWS::Lambda::LayerVersion", "AWS::KMS::Key", "AWS::SecretsManager::Secret",
    "AWS::EFS::FileSystem",
    "AWS::EC2::Snapshot", "AWS::ECR::Repository", "AWS::RDS::DBSnapshot",
    "AWS::RDS::DBClusterSnapshot",
    "AWS::SNS::Topic", "AWS::S3Express::DirectoryBucket", "AWS::DynamoDB::Table",
    "AWS::DynamoDB::Stream",
    "AWS::IAM::User",
  ]
  /// The types internal access analyzers support (`InternalAccessAnalysisRuleCriteria`).
  public static let internalResourceTypes = [
    "AWS::S3::Bucket", "AWS::RDS::DBSnapshot", "AWS::RDS::DBClusterSnapshot",
    "AWS::S3Express::DirectoryBucket", "AWS::DynamoDB::Table", "AWS::DynamoDB::Stream",
  ]
  /// Unused access analyzers look at IAM roles and users only.
  public static let unusedResourceTypes = ["AWS::IAM::Role", "AWS::IAM::User"]
  /// The API's `FindingStatus` values.
  public static let findingStatuses = ["ACTIVE", "ARCHIVED", "RESOLVED"]
  /// The API's `FindingType` values.
  public static let findingTypes = [
    "ExternalAccess", "UnusedIAMRole", "UnusedIAMUserAccessKey", "UnusedIAMUserPassword",
    "UnusedPermission",
    "InternalAccess",
  ]
  /// The API's `ResourceControlPolicyRestriction` values.
  public static let rcpRestrictions = [
    "APPLICABLE", "FAILED_TO_EVALUATE_RCP", "NOT_APPLICABLE", "APPLIED",
  ]
  /// `serviceControlPolicyRestriction` values (internal access).
  public static let scpRestrictions = [
    "APPLICABLE", "FAILED_TO_EVALUATE_SCP", "NOT_APPLICABLE", "APPLIED",
  ]
  /// `accessType` values (internal access).
  public static let internalAccessTypes = ["INTRA_ACCOUNT", "INTRA_ORG"]
  /// `principalType` values (internal access).
  public static let principalTypes = ["IAM_ROLE", "IAM_USER"]
  /// The API's `FindingChangeType` values (access previews).
  public static let changeTypes = ["CHANGED", "NEW", "UNCHANGED"]

  private static let everyFamily = Set(AnalyzerFamily.allCases)
  private static let findingQueries: Set<FilterContext> = [.listFindings, .accessPreview]

  /// Every key outside the `principal.` and `condition.` families.
  public static let keys: [FilterKey] = [
    FilterKey("resource", .arn, families: everyFamily),
    FilterKey(
      "resourceType", .enumeration(resourceTypes), families: everyFamily,
      familyValues: [.internal: internalResourceTypes, .unused: unusedResourceTypes]),
    FilterKey("resourceOwnerAccount", .accountID, families: everyFamily),
    FilterKey("isPublic", .boolean, families: [.external], isDetail: true),
    FilterKey(
      "status", .enumeration(findingStatuses), contexts: findingQueries, families: everyFamily),
    FilterKey("error", .string, families: everyFamily),
    FilterKey("id", .string, contexts: findingQueries, families: everyFamily),
    // "You can only filter by finding type for unused access findings."
    FilterKey(
      "findingType", .enumeration(findingTypes), families: everyFamily, documentedFor: [.unused],
      familyValues: Dictionary(
        uniqueKeysWithValues: AnalyzerFamily.allCases.map {
          ($0, $0.findingTypes)
        })),
    // Documented for external access only, without APPLIED ("not currently available").
    FilterKey(
      "resourceControlPolicyRestriction", .enumeration(rcpRestrictions),
      documentedFor: [.external],
      familyValues: [.external: ["APPLICABLE", "FAILED_TO_EVALUATE_RCP", "NOT_APPLICABLE"]],
      isDetail: true),
    FilterKey("action", .stringList, documentedFor: [], isDetail: true),
    // InternalAccessDetails: carried by internal access findings, not in the filter-key table.
    FilterKey(
      "accessType", .enumeration(internalAccessTypes), families: [.internal], documentedFor: [],
      isDetail: true),
    FilterKey(
      "principalType", .enumeration(principalTypes), families: [.internal], documentedFor: [],
      isDetail: true),
    FilterKey(
      "principalOwnerAccount", .accountID, families: [.internal], documentedFor: [],
      isDetail: true),
    FilterKey(
      "serviceControlPolicyRestriction", .enumeration(scpRestrictions), families: [.internal],
      documentedFor: [], isDetail: true),
    // Access previews are previews of external access.
    FilterKey(
      "changeType", .enumeration(changeTypes), contexts: [.accessPreview], families: [.external]),
    FilterKey("existingFindingId", .string, contexts: [.accessPreview], families: [.external]),
    FilterKey(
      "existingFindingStatus", .enumeration(findingStatuses), contexts: [.accessPreview],
      families: [.external]),
  ]

  /// Entries of the finding's `principal` map that AWS documents as filter keys.
  public static let principalEntries = ["AWS", "Federated"]
  /// Principal entries seen in finding data (and offered by the console) but not documented.
  public static let observedPrincipalEntries = ["CanonicalUser", "Service"]

  /// Entries of the finding's `condition` map that AWS documents as filter keys.
  public static let conditionEntries = [
    "aws:PrincipalArn", "aws:PrincipalOrgID", "aws:PrincipalOrgPaths", "aws:SourceIp",
    "aws:SourceVpc", "aws:UserId",
    "cognito-identity.amazonaws.com:aud", "graph.facebook.com:app_id", "accounts.google.com:aud",
    "kms:CallerAccount", "www.amazon.com:app_id",
  ]
  /// Condition entries the console offers but AWS does not document as filter keys. Condition
  /// keys are open-ended (any policy condition key can appear), so every entry outside
  /// `conditionEntries` is observed, not documented; near misses of these lists are flagged.
  public static let observedConditionEntries = [
    "aws:SourceAccount", "aws:SourceArn", "aws:SourceVpce", "aws:SourceOwner",
  ]

  /// Condition entries whose values have a known shape.
  static let conditionKinds: [String: ValueKind] = [
    "aws:PrincipalArn": .arn, "aws:SourceArn": .arn, "aws:SourceAccount": .accountID,
    "aws:SourceOwner": .accountID,
    "kms:CallerAccount": .accountID,
  ]

  /// Attributes ListFindings can sort by (the finding's scalar fields).
  public static let sortableAttributes = [
    "id", "resource", "resourceType", "resourceOwnerAccount", "status", "error", "isPublic",
    "createdAt", "analyzedAt",
    "updatedAt", "findingType",
  ]

  /// Keys whose attribute is a list of strings.
  public static let listValuedKeys: Set<String> = Set(
    keys.filter { $0.kind == .stringList }.map(\.name))

  /// Every known key spelled out, families included, for "did you mean".
  public static let allKeyNames: [String] =
    keys.map(\.name) + (principalEntries + observedPrincipalEntries).map { "principal." + $0 }
    + (conditionEntries + observedConditionEntries).map { "condition." + $0 }

  private static let byName: [String: FilterKey] = Dictionary(
    keys.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })

  /// The catalog entry for a key, with the families resolved: `principal.AWS` is a principal,
  /// `condition.X` a string.
  ///
  /// - Returns: `nil` for a key the catalog does not know (an unknown `principal.` entry).
  public static func key(named name: String) -> FilterKey? {
    if name.utf8.allSatisfy({ $0 < 0x80 }), let key = byName[name] { return key }
    if let entry = familyEntry(name, prefix: "principal.") {
      let documented = principalEntries.contains { $0.utf8.elementsEqual(entry.utf8) }
      guard
        documented
          || observedPrincipalEntries.contains(where: { $0.utf8.elementsEqual(entry.utf8) })
      else { return nil }
      return FilterKey(
        name, entry == "AWS" ? .principal : .string,
        documentedFor: documented ? nil : [], isDetail: true)
    }
    if let entry = familyEntry(name, prefix: "condition.") {
      let documented = conditionEntries.contains { $0.utf8.elementsEqual(entry.utf8) }
      return FilterKey(
        name, conditionKinds[entry] ?? .string, documentedFor: documented ? nil : [],
        isDetail: true)
    }
    return nil
  }

  /// The entry name after a family prefix (`principal.AWS` → `AWS`), split at the first dot.
  package static func familyEntry(_ key: String, prefix: String) -> String? {
    guard key.utf8.starts(with: prefix.utf8) else { return nil }
    return String(key.dropFirst(prefix.count))
  }
}
