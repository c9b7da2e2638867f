/// Rules that are valid and maybe intended, but can hide real exposure.
enum RiskChecks {
  /// Keys that, alone, say nothing about who has access.
  static let broadKeys: Set<String> = [
    "resourceType", "resourceOwnerAccount", "findingType", "error", "resource",
  ]

  static func check(
    _ maps: [FilterCriteriaMap], range: SourceRange, family: AnalyzerFamily = .external
  ) -> [Diagnostic] {
    if maps.contains(where: \.isEmpty) {
      // Advice that keeps the rule alive in its family: 'isPublic' exists on external only.
      let help =
        switch family {
        case .external: "narrow it, at least with 'isPublic eq false'"
        case .internal: "narrow it to the principals it trusts: 'principal.AWS in [...]'"
        case .unused: "narrow it to a finding type and the resources: 'resource in [...]'"
        }
      return [
        Diagnostic(
          .risk, .emptyFilter,
          "this archive rule has an empty filter: it archives every new finding", at: range,
          help: help)
      ]
    }
    switch family {
    case .external: return externalRisks(maps, range: range)
    case .internal: return internalRisks(maps, range: range)
    case .unused: return unusedRisks(maps, range: range)
    }
  }

  static func externalRisks(_ maps: [FilterCriteriaMap], range: SourceRange) -> [Diagnostic] {
    var diagnostics: [Diagnostic] = []
    if maps.contains(where: { !excludesPublic($0) }) {
      diagnostics.append(
        Diagnostic(
          .risk, .archivesPublicFindings, "this archive rule can archive public findings",
          at: range,
          label: "nothing here requires 'isPublic eq false'",
          help: "add 'and isPublic eq false' unless archiving public access is the point"))
      if maps.contains(where: {
        !excludesPublic($0) && $0.criteria.keys.allSatisfy(broadKeys.contains)
      }) {
        diagnostics.append(
          Diagnostic(
            .risk, .broadArchiveRule,
            "this archive rule narrows only by resource, type or account, so it archives every kind of access to them",
            at: range, help: "name the principals it trusts, e.g. 'principal.AWS in [...]'"))
      }
    }
    for map in maps {
      guard let criterion = map["principal.AWS"] else { continue }
      let values = (criterion.eq ?? []) + (criterion.contains ?? [])
      if values.contains("*") {
        diagnostics.append(
          Diagnostic(
            .risk, .principalWildcard,
            "this archive rule archives findings where anyone ('*') has access", at: range,
            label: "principal.AWS matches '*'",
            help: "'*' is the public principal; archive it only on purpose"))
      }
    }
    return diagnostics
  }

  /// Whether no finding with `isPublic = true` can match.
  static func excludesPublic(_ map: FilterCriteriaMap) -> Bool {
    guard let criterion = map["isPublic"] else { return false }
    if criterion.exists == false { return true }
    if let eq = criterion.eq, !eq.contains("true") { return true }
    if let neq = criterion.neq, neq.contains("true") { return true }
    if let contains = criterion.contains, !contains.contains(where: { "true".contains($0) }) {
      return true
    }
    return false
  }
}
