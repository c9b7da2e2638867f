/// Where a filter map is used; the service allows different keys in each.
public enum FilterContext: String, Hashable, Sendable, Codable, CaseIterable {
  /// An archive rule's filter.
  case archiveRule = "archive-rule"
  /// A ListFindings (or ListFindingsV2) filter.
  case listFindings = "list-findings"
  /// An access preview's findings filter.
  case accessPreview = "access-preview"
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

/// Whether AWS lists a key in its filter-key table, or it is only seen in finding data.
public enum KeyDocumentation: String, Hashable, Sendable, Codable {
  /// In the IAM User Guide's filter-key table for this family.
  case documented
  /// Carried by the family's findings (API model, CLI output) but not listed as a filter key:
  /// the service may ignore or reject it.
  case observed
}

/// One filter key: its values, where it may be used, and which analyzer families' findings
/// carry it.
public struct FilterKey: Hashable, Sendable {
  /// The key as written in a filter map (`principal.AWS`).
  public var name: String
  /// What values it takes, for the value checks.
  public var kind: ValueKind
  /// Where the service accepts it (archive rules, list findings, access previews).
  public var contexts: Set<FilterContext>
  /// Families whose findings can carry the attribute; for the others it is always absent.
  public var families: Set<AnalyzerFamily>
  /// Families for which AWS documents the key as a filter key.
  public var documentedFor: Set<AnalyzerFamily>
  /// Values a family's findings can hold, where narrower than the enumeration in `kind`.
  public var familyValues: [AnalyzerFamily: [String]]
  /// A key that only some finding shapes carry (list-findings-v2 summaries lack these).
  public var isDetail: Bool

  init(
    _ name: String, _ kind: ValueKind, contexts: Set<FilterContext> = Set(FilterContext.allCases),
    families: Set<AnalyzerFamily> = [.external, .internal],
    documentedFor: Set<AnalyzerFamily>? = nil,
    familyValues: [AnalyzerFamily: [String]] = [:], isDetail: Bool = false
  ) {
    self.name = name
    self.kind = kind
    self.contexts = contexts
    self.families = families
    self.documentedFor = documentedFor ?? families
    self.familyValues = familyValues
    self.isDetail = isDetail
  }

  /// Whether AWS documents the key for `family`.
  ///
  /// - Returns: `.observed` for a key the family's findings carry that AWS does not list.
  public func documentation(in family: AnalyzerFamily) -> KeyDocumentation {
    documentedFor.contains(family) ? .documented : .observed
  }

  /// The values the family's findings can hold for an enumerated key.
  ///
  /// - Returns: `nil` for keys without an enumeration, and for families that never carry the
  ///   key.
  public func values(in family: AnalyzerFamily) -> [String]? {
    guard families.contains(family), case .enumeration(let all) = kind else { return nil }
    return familyValues[family] ?? all
  }
}
