import FilterDSL

/// Which filter keys a family's rules may use, and in which order of preference: keys that
/// name who has access and to what come first; resource type, finding type and owner account
/// alone make a broad rule (the `broad-archive-rule` risk), used only as a last resort.
enum KeyPreference {
  /// Keys that narrow only by type or account (external and internal access: the
  /// `broad-archive-rule` risk's sense).
  static let broadKeys: Set<String> = ["resourceType", "resourceOwnerAccount", "findingType"]
  /// For unused access the owner account already narrows (the `archives-whole-finding-type`
  /// risk asks for it); only a type alone is broad.
  static let unusedBroadKeys: Set<String> = ["resourceType", "findingType"]

  /// Unused access finding types for credentials that still work; a rule archiving them
  /// must name the users (`resource`), as the `archives-stale-credentials` risk asks.
  static let staleCredentialTypes: Set<String> = [
    "UnusedIAMUserAccessKey", "UnusedIAMUserPassword",
  ]

  /// Whether a rule for `family` may use `key`.
  ///
  /// `isPublic` is a key of its own only when public findings may be archived: otherwise every
  /// external access rule already carries `isPublic eq false`. Allowing public findings must
  /// never cover less than without, so the flag then stays available to tell a private
  /// expected finding from a public kept one.
  static func allows(_ key: String, in family: AnalyzerFamily, allowPublic: Bool = false) -> Bool {
    switch family {
    case .external:
      return key.hasPrefix("principal.") || key.hasPrefix("condition.")
        || ["resource", "resourceOwnerAccount", "resourceType"].contains(key)
        || (allowPublic && key == "isPublic")
    case .internal:
      return key.hasPrefix("principal.")
        || [
          "principalOwnerAccount", "principalType", "accessType", "resource",
          "resourceOwnerAccount", "resourceType",
        ].contains(key)
    case .unused:
      return ["findingType", "resource", "resourceOwnerAccount", "resourceType"].contains(key)
    }
  }

  /// Lower is preferred: principals and the resource name who and what; conditions and the
  /// internal access details narrow how; account and type only where.
  static func rank(_ key: String, in family: AnalyzerFamily) -> Int {
    if key.hasPrefix("principal.") { return 0 }
    switch key {
    case "resource": return 1
    case "findingType": return family == .unused ? 1 : 6
    case "principalOwnerAccount": return 1
    case "principalType", "accessType": return 2
    case "resourceOwnerAccount": return family == .unused ? 2 : 4
    case "resourceType", "isPublic": return 5
    default: return key.hasPrefix("condition.") ? 2 : 6
    }
  }

  /// A rule's preference cost, lower preferred: first the best rank among its keys (a rule
  /// naming who has access before one naming only what), then `10 × rank + 1` summed over
  /// its keys (fewer keys, each more telling).
  static func cost(_ keys: [String], in family: AnalyzerFamily) -> Int {
    let ranks = keys.map { rank($0, in: family) }
    return 1_000 * (ranks.min() ?? 0) + ranks.reduce(0) { $0 + 10 * $1 + 1 }
  }

  /// Whether `key` names the principals, as internal access rules must (the
  /// `unscoped-internal-access` risk).
  static func namesPrincipals(_ key: String) -> Bool {
    key.hasPrefix("principal.") || key == "principalOwnerAccount"
  }

  /// Whether a rule on these keys narrows only by type or account.
  static func isBroad(_ keys: some Sequence<String>, in family: AnalyzerFamily) -> Bool {
    let broad = family == .unused ? unusedBroadKeys : broadKeys
    return keys.allSatisfy { broad.contains($0) || $0 == "isPublic" }
  }

  /// Why every external access rule carries `isPublic eq false` without `allowPublic`.
  static let requiredNotPublic = "required: never archive a finding that is public"

  /// What choosing `key` says, for the report.
  static func describe(_ key: String) -> String {
    if key.hasPrefix("principal.") { return "names who has access" }
    if key.hasPrefix("condition.") { return "names the condition the access is granted under" }
    switch key {
    case "resource": return "names the resources"
    case "principalOwnerAccount": return "names the account of the principals"
    case "principalType": return "names the kind of principal"
    case "accessType": return "names the kind of access"
    case "findingType": return "names the kind of unused access"
    case "resourceOwnerAccount": return "names the account that owns the resources"
    case "resourceType": return "names the type of resource"
    case "isPublic": return "tells public findings from the others"
    default: return "narrows the findings"
    }
  }
}
