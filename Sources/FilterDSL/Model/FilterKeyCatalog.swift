/// Where a filter map is used; the service allows different keys in each.
public enum FilterContext: String, Hashable, Sendable, Codable, CaseIterable {
  /// An archive rule's filter.
  case archiveRule = "archive-rule"
  /// A ListFindings (or ListFindingsV2) filter.
  case listFindings = "list-findings"
  /// An access preview's findings filter.
  case accessPreview = "access-preview"
}

/// Analyzer families a key applies to.
public enum AnalyzerKind: String, Hashable, Sendable, Codable, CaseIterable {
  /// External access analyzers.
  case externalAccess = "external-access"
  /// Internal access analyzers.
  case internalAccess = "internal-access"
  /// Unused access analyzers.
  case unusedAccess = "unused-access"
}

/// What values a key takes, for the value checks of the linter.
public enum ValueKind: Hashable, Sendable {
  /// Any string.
  case string
  /// `true` or `false`.
  case boolean
  /// A 12-digit account id.
  case accountID
  /// An ARN.
  case arn
  /// An account id, an ARN or `*` (`principal.AWS`).
  case principal
  /// One of a fixed list of values.
  case enumeration([String])
  /// The attribute is a list of strings (`action`).
  case stringList
}

/// One documented filter key.
public struct FilterKey: Hashable, Sendable {
  /// The key as written in a filter map.
  public var name: String
  /// What values it takes.
  public var kind: ValueKind
  /// Where the key may be used.
  public var contexts: Set<FilterContext>
  /// Analyzer families whose findings carry it.
  public var analyzers: Set<AnalyzerKind>
  /// A key that only some finding shapes carry (list-findings-v2 summaries lack these).
  public var isDetail: Bool

  init(
    _ name: String, _ kind: ValueKind, contexts: Set<FilterContext> = Set(FilterContext.allCases),
    analyzers: Set<AnalyzerKind> = [.externalAccess, .internalAccess], isDetail: Bool = false
  ) {
    self.name = name
    self.kind = kind
    self.contexts = contexts
    self.analyzers = analyzers
    self.isDetail = isDetail
  }
}

/// The filter keys Access Analyzer documents, with their value kinds and where they apply.
///
/// Sources: the IAM User Guide's filter-key table and the service model (enum values). The enum
/// values are checked against the model excerpt by a test, so a model update fails loudly.
public enum FilterKeyCatalog {
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
  /// The API's `FindingChangeType` values (access previews).
  public static let changeTypes = ["CHANGED", "NEW", "UNCHANGED"]

  private static let everyAnalyzer = Set(AnalyzerKind.allCases)
  private static let findingQueries: Set<FilterContext> = [.listFindings, .accessPreview]

  /// Every key outside the `principal.` and `condition.` families.
  public static let keys: [FilterKey] = [
    FilterKey("resource", .arn, analyzers: everyAnalyzer),
    FilterKey("resourceType", .enumeration(resourceTypes), analyzers: everyAnalyzer),
    FilterKey("resourceOwnerAccount", .accountID, analyzers: everyAnalyzer),
    FilterKey("isPublic", .boolean, analyzers: [.externalAccess], isDetail: true),
    FilterKey(
      "status", .enumeration(findingStatuses), contexts: findingQueries, analyzers: everyAnalyzer),
    FilterKey("error", .string, analyzers: everyAnalyzer),
    FilterKey("id", .string, contexts: findingQueries, analyzers: everyAnalyzer),
    FilterKey("findingType", .enumeration(findingTypes), analyzers: everyAnalyzer),
    FilterKey("resourceControlPolicyRestriction", .enumeration(rcpRestrictions), isDetail: true),
    FilterKey("action", .stringList, isDetail: true),
    FilterKey("changeType", .enumeration(changeTypes), contexts: [.accessPreview]),
    FilterKey("existingFindingId", .string, contexts: [.accessPreview]),
    FilterKey("existingFindingStatus", .enumeration(findingStatuses), contexts: [.accessPreview]),
  ]

  /// Documented entries of the finding's `principal` map.
  public static let principalEntries = ["AWS", "Federated", "CanonicalUser", "Service"]

  /// Documented entries of the finding's `condition` map. Condition keys are open-ended (any
  /// policy condition key can appear), so only near misses of these are flagged.
  public static let conditionEntries = [
    "aws:PrincipalArn", "aws:PrincipalOrgID", "aws:PrincipalOrgPaths", "aws:SourceIp",
    "aws:SourceVpc",
    "aws:SourceVpce", "aws:SourceAccount", "aws:SourceArn", "aws:SourceOwner", "aws:UserId",
    "cognito-identity.amazonaws.com:aud", "graph.facebook.com:app_id", "accounts.google.com:aud",
    "kms:CallerAccount", "www.amazon.com:app_id",
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

  /// Every documented key spelled out, families included, for "did you mean".
  public static let allKeyNames: [String] =
    keys.map(\.name) + principalEntries.map { "principal." + $0 }
    + conditionEntries.map { "condition." + $0 }

  private static let byName: [String: FilterKey] = Dictionary(
    keys.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })

  /// The catalog entry for a key, with the families resolved: `principal.AWS` is a principal,
  /// `condition.X` a string. `nil` for a key the catalog does not know.
  public static func key(named name: String) -> FilterKey? {
    if let key = byName[name] { return key }
    if let entry = familyEntry(name, prefix: "principal.") {
      guard principalEntries.contains(entry) else { return nil }
      return FilterKey(name, entry == "AWS" ? .principal : .string, isDetail: true)
    }
    if let entry = familyEntry(name, prefix: "condition.") {
      return FilterKey(name, conditionKinds[entry] ?? .string, isDetail: true)
    }
    return nil
  }

  /// The entry name after a family prefix (`principal.AWS` → `AWS`), split at the first dot.
  package static func familyEntry(_ key: String, prefix: String) -> String? {
    guard key.utf8.starts(with: prefix.utf8) else { return nil }
    return String(key.dropFirst(prefix.count))
  }
}
