import FilterDSL

/// A table shape holding findings: which column holds each filter key, and how.
///
/// docs/sql.md documents each layout's DDL and the column for every key.
public enum SQLLayout: String, CaseIterable, Hashable, Sendable {
  /// `aafilter_findings`, the table `aafilter export --output sql` writes, in every dialect.
  case aafilter
  /// CloudQuery's `aws_accessanalyzer_analyzer_findings` in PostgreSQL.
  case cloudquery
  /// Steampipe's `aws_accessanalyzer_finding` (PostgreSQL).
  case steampipe
  /// `access_analyzer_events`: EventBridge finding events that Firehose writes to S3, read by
  /// Athena (Trino) or Spark through the same Glue table.
  case athenaEventBridge = "athena-eventbridge"

  /// The dialects this layout exists in.
  public var dialects: [SQLDialect] {
    switch self {
    case .aafilter: SQLDialect.allCases
    case .cloudquery, .steampipe: [.postgres]
    case .athenaEventBridge: [.trino, .spark]
    }
  }

  /// The table the queries read.
  public var tableName: String {
    switch self {
    case .aafilter: "aafilter_findings"
    case .cloudquery: "aws_accessanalyzer_analyzer_findings"
    case .steampipe: "aws_accessanalyzer_finding"
    case .athenaEventBridge: "access_analyzer_events"
    }
  }

  /// How a list or map is stored, which decides how SQL reads it.
  enum Storage: Hashable {
    /// The engine's own ARRAY / LIST / MAP type (PostgreSQL: `text[]`).
    case native
    /// JSON text (SQLite).
    case json
    /// PostgreSQL `jsonb`.
    case jsonb
  }

  /// Where the value of one filter key comes from.
  enum Source: Hashable {
    case text(String)
    /// A boolean column, compared as the strings `true` and `false`.
    case boolean(String)
    case list(String, Storage)
    case mapEntry(String, Storage, entry: String)
    /// No column holds the key: absent on every finding.
    case absent
  }

  /// The scalar keys and their column names in snake case, shared by every layout that has
  /// the column.
  static let scalarColumns: [(key: String, column: String)] = [
    ("id", "id"), ("resource", "resource"), ("resourceType", "resource_type"),
    ("resourceOwnerAccount", "resource_owner_account"), ("status", "status"), ("error", "error"),
    ("findingType", "finding_type"),
    ("resourceControlPolicyRestriction", "resource_control_policy_restriction"),
    ("changeType", "change_type"), ("existingFindingId", "existing_finding_id"),
    ("existingFindingStatus", "existing_finding_status"), ("accessType", "access_type"),
    ("principalType", "principal_type"), ("principalOwnerAccount", "principal_owner_account"),
    ("serviceControlPolicyRestriction", "service_control_policy_restriction"),
  ]

  /// Keys only full findings carry: a list-findings-v2 summary cannot decide them.
  static let detailKeys: Set<String> = [
    "isPublic", "action", "resourceControlPolicyRestriction", "accessType", "principalType",
    "principalOwnerAccount", "serviceControlPolicyRestriction",
  ]

  /// The analyzer families whose findings never carry `key`: on their records the key is
  /// decidably absent even without access details (the key catalog's answer).
  static func familiesLacking(_ key: String) -> [AnalyzerFamily] {
    let name: String
    if entry(key, prefix: "principal.") != nil {
      name = "principal.AWS"
    } else if entry(key, prefix: "condition.") != nil {
      name = "condition.aws:SourceIp"
    } else {
      name = key
    }
    guard let carriers = FilterKeyCatalog.key(named: name)?.families else { return [] }
    return AnalyzerFamily.allCases.filter { !carriers.contains($0) }
  }

  /// The columns a layout has beyond the `aafilter` table's, by key (nil: every scalar key).
  private var scalarKeys: Set<String>? {
    switch self {
    case .aafilter: nil
    case .cloudquery, .steampipe:
      ["id", "resource", "resourceType", "resourceOwnerAccount", "status", "error"]
    case .athenaEventBridge:
      [
        "id", "resource", "resourceType", "resourceOwnerAccount", "status", "error",
        "findingType", "resourceControlPolicyRestriction", "accessType", "principalType",
        "principalOwnerAccount", "serviceControlPolicyRestriction",
      ]
    }
  }

  /// The SQL that reads column `snake` (or event field `camel`) of the current row.
  private func column(_ snake: String, camel: String, _ dialect: SQLDialect) -> String {
    switch self {
    case .athenaEventBridge: "f.detail.\(camel)"
    default: "f.\(dialect.identifier(snake))"
    }
  }

  /// Where `key` is read from; byte-exact, so `ResourceType` is an unknown (absent) key.
  func source(of key: String, _ dialect: SQLDialect) -> Source {
    if let entry = Self.entry(key, prefix: "principal.") {
      return mapEntry("principal", entry, dialect)
    }
    if let entry = Self.entry(key, prefix: "condition.") {
      return mapEntry("condition", entry, dialect)
    }
    guard key.utf8.allSatisfy({ $0 < 0x80 }) else { return .absent }
    switch key {
    case "isPublic": return .boolean(column("is_public", camel: "isPublic", dialect))
    case "action":
      let storage: Storage =
        switch (self, dialect) {
        case (.steampipe, _): .jsonb
        case (_, .sqlite): .json
        default: .native
        }
      return .list(column("action", camel: "action", dialect), storage)
    default:
      guard let match = Self.scalarColumns.first(where: { $0.key == key }),
        scalarKeys?.contains(key) ?? true
      else { return .absent }
      return .text(column(match.column, camel: key, dialect))
    }
  }

  private func mapEntry(_ name: String, _ entry: String, _ dialect: SQLDialect) -> Source {
    let storage: Storage =
      switch (self, dialect) {
      case (.cloudquery, _), (.steampipe, _), (.aafilter, .postgres): .jsonb
      case (_, .sqlite): .json
      default: .native
      }
    return .mapEntry(column(name, camel: name, dialect), storage, entry: entry)
  }

  /// The entry after a family prefix, split at the first dot by bytes.
  static func entry(_ key: String, prefix: String) -> String? {
    guard key.utf8.starts(with: prefix.utf8) else { return nil }
    return String(decoding: key.utf8.dropFirst(prefix.utf8.count), as: UTF8.self)
  }

  /// Whether a list-findings-v2 summary (no access details) cannot decide `key`.
  static func isDetail(_ key: String) -> Bool {
    detailKeys.contains(key) || entry(key, prefix: "principal.") != nil
      || entry(key, prefix: "condition.") != nil
  }
}
