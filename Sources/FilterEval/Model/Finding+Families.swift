import FilterDSL

/// What an unused access finding says about the unused role, user, key, password or
/// permission (`findingDetails[].unused*Details`), kept for output and explain.
public struct UnusedAccessDetails: Hashable, Sendable {
  /// When the entity was last used, as written (absent: never used).
  public var lastAccessed: String?
  /// The unused access key (`UnusedIAMUserAccessKey`).
  public var accessKeyId: String?
  /// The service whose permissions are unused (`UnusedPermission`).
  public var serviceNamespace: String?
  /// The unused actions (`UnusedPermission`), in input order.
  public var actions: [String]

  /// Creates details from their parts.
  public init(
    lastAccessed: String? = nil, accessKeyId: String? = nil, serviceNamespace: String? = nil,
    actions: [String] = []
  ) {
    self.lastAccessed = lastAccessed
    self.accessKeyId = accessKeyId
    self.serviceNamespace = serviceNamespace
    self.actions = actions
  }
}

/// What only internal and unused access findings carry. Kept apart in `Finding.Rare`: most
/// findings are external.
struct FamilyFields: Hashable, Sendable {
  var accessType: String?
  var principalType: String?
  var principalOwnerAccount: String?
  var serviceControlPolicyRestriction: String?
  var unused: UnusedAccessDetails?
}

extension Finding {
  /// The analyzer family the finding comes from: its `findingType`, else the kind of details
  /// it carries, else its EventBridge `detail-type`, else external for a v1 record with access
  /// fields. `nil` when nothing says.
  public var analyzerFamily: AnalyzerFamily? {
    get { storage.fields.family }
    set { mutate { $0.family = newValue } }
  }

  /// True for a get-finding-v2 page that still had a `nextToken`: its details are incomplete,
  /// so only the keys they settle are decided (grammar.md, *Undecidable records*).
  public var detailsArePartial: Bool {
    get { storage.fields.detailsArePartial }
    set { mutate { $0.detailsArePartial = newValue } }
  }

  /// Internal access: `INTRA_ACCOUNT` or `INTRA_ORG`.
  public var accessType: String? {
    get { storage.fields.rare?.family.accessType }
    set { mutateRare { $0.family.accessType = newValue } }
  }

  /// Internal access: `IAM_ROLE` or `IAM_USER`.
  public var principalType: String? {
    get { storage.fields.rare?.family.principalType }
    set { mutateRare { $0.family.principalType = newValue } }
  }

  /// Internal access: the account that owns the principal.
  public var principalOwnerAccount: String? {
    get { storage.fields.rare?.family.principalOwnerAccount }
    set { mutateRare { $0.family.principalOwnerAccount = newValue } }
  }

  /// Internal access: whether a service control policy restricts the access.
  public var serviceControlPolicyRestriction: String? {
    get { storage.fields.rare?.family.serviceControlPolicyRestriction }
    set { mutateRare { $0.family.serviceControlPolicyRestriction = newValue } }
  }

  /// Unused access: the unused entity's details, when the record carried them.
  public var unusedDetails: UnusedAccessDetails? {
    get { storage.fields.rare?.family.unused }
    set { mutateRare { $0.family.unused = newValue } }
  }
}
