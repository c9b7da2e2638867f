/// Risks of rules for internal and unused access analyzers, whose findings have no `isPublic`:
/// each piece of advice keeps the rule able to match.
extension RiskChecks {
  /// Unused access finding types that stand for credentials which still work.
  static let staleCredentialTypes = ["UnusedIAMUserAccessKey", "UnusedIAMUserPassword"]

  /// Keys that narrow an unused access rule to particular entities.
  static let entityKeys: Set<String> = ["resource", "resourceOwnerAccount"]

  static func unusedRisks(_ maps: [FilterCriteriaMap], range: SourceRange) -> [Diagnostic] {
    var diagnostics: [Diagnostic] = []
    if maps.contains(where: { map in entityKeys.allSatisfy { map[$0] == nil } }) {
      diagnostics.append(
        Diagnostic(
          .risk, .archivesWholeFindingType,
          "this archive rule archives a whole finding type across every role, user and account",
          at: range, label: "nothing here names the entities or accounts",
          help: "narrow it with 'resourceOwnerAccount in [...]' or 'resource in [...]'"))
    }
    let stale = staleCredentialTypes.filter { type in
      maps.contains { map in
        map["resource"]?.eq == nil && canMatch(map["findingType"], value: type)
      }
    }
    if !stale.isEmpty {
      diagnostics.append(
        Diagnostic(
          .risk, .archivesStaleCredentials,
          "this archive rule archives unused credentials that still work (\(stale.joined(separator: ", ")))",
          at: range, label: "stale access keys and passwords are a way in",
          help:
            "delete or rotate them instead; if archiving is the point, name the users: 'resource in [...]'"
        ))
    }
    return diagnostics
  }

  static func internalRisks(_ maps: [FilterCriteriaMap], range: SourceRange) -> [Diagnostic] {
    guard maps.contains(where: { !scopesPrincipals($0) }) else { return [] }
    return [
      Diagnostic(
        .risk, .unscopedInternalAccess,
        "this archive rule archives internal access to data by any principal", at: range,
        label: "nothing here names the principals",
        help: "name the principals it trusts, e.g. 'principal.AWS in [...]'")
    ]
  }

  /// Whether the map names the principals whose access it archives.
  static func scopesPrincipals(_ map: FilterCriteriaMap) -> Bool {
    map.criteria.contains { key, criterion in
      (key.hasPrefix("principal.") || key == "principalOwnerAccount")
        && (criterion.eq != nil || criterion.contains != nil)
    }
  }

  /// Whether a present attribute holding `value` can satisfy the criterion (no criterion: yes).
  static func canMatch(_ criterion: Criterion?, value: String) -> Bool {
    guard let criterion else { return true }
    if criterion.exists == false { return false }
    if let eq = criterion.eq, !eq.contains(where: { $0.utf8.elementsEqual(value.utf8) }) {
      return false
    }
    if let neq = criterion.neq, neq.contains(where: { $0.utf8.elementsEqual(value.utf8) }) {
      return false
    }
    if let contains = criterion.contains, !contains.contains(where: { value.contains($0) }) {
      return false
    }
    return true
  }
}
