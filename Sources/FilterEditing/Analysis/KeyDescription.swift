import FilterDSL

/// What a filter key means, for people: one sentence per key, then the catalog's facts (values,
/// families, whether AWS documents it) as Markdown.
enum KeyDescription {
  /// What each catalog key holds, in the words of the Access Analyzer finding it reads.
  static let meanings: [String: String] = [
    "resource": "The ARN of the resource the finding is about.",
    "resourceType": "The type of the resource the finding is about.",
    "resourceOwnerAccount": "The id of the account that owns the resource.",
    "isPublic": "Whether the policy grants public access to the resource.",
    "status":
      "The finding's status. Archive rules apply to new findings whatever their status, so only list-findings queries filter on it.",
    "error": "The error code when the analyzer could not analyze the resource (`ACCESS_DENIED`).",
    "id": "The finding's id.",
    "findingType": "The kind of finding, which tells the analyzer family that produced it.",
    "resourceControlPolicyRestriction":
      "Whether a resource control policy (RCP) restricts the access the finding reports.",
    "action":
      "The actions the policy grants. A list: `eq` matches when some action equals a value.",
    "accessType":
      "Whether the internal access stays within the account (`INTRA_ACCOUNT`) or the organization (`INTRA_ORG`).",
    "principalType": "The type of the principal that has the internal access.",
    "principalOwnerAccount": "The id of the account that owns the principal with access.",
    "serviceControlPolicyRestriction":
      "Whether a service control policy (SCP) restricts the internal access.",
    "changeType": "How an access preview's finding compares with the existing findings.",
    "existingFindingId": "The id of the existing finding an access preview's finding matches.",
    "existingFindingStatus":
      "The status of the existing finding an access preview's finding matches.",
  ]

  /// A key's meaning: from the table, or from its `principal.` or `condition.` family.
  static func meaning(of name: String) -> String {
    if let meaning = meanings[name] { return meaning }
    if name == "principal.AWS" {
      return "The AWS principal that has access: an account id, an ARN, or `*` (anyone)."
    }
    if let entry = FilterKeyCatalog.familyEntry(name, prefix: "principal.") {
      return "The `\(entry)` principal of the policy statement that grants access."
    }
    if let entry = FilterKeyCatalog.familyEntry(name, prefix: "condition.") {
      return "The value of the policy condition key `\(entry)` under which access is granted."
    }
    return "Not a filter key aafilter knows."
  }

  /// What values a key takes, in words.
  static func values(of key: FilterKey, family: AnalyzerFamily) -> String {
    switch key.kind {
    case .string: return "any string"
    case .boolean: return "`true` or `false`"
    case .accountID: return "a 12-digit account id"
    case .arn: return "an ARN"
    case .principal: return "an account id, an ARN, or `*`"
    case .stringList: return "strings (the attribute is a list)"
    case .enumeration(let all):
      let values = key.values(in: family) ?? all
      return values.map { "`\($0)`" }.joined(separator: ", ")
    }
  }

  /// The full description of a key as Markdown: meaning, values, families, documentation.
  static func markdown(_ name: String, family: AnalyzerFamily) -> String {
    guard let key = FilterKeyCatalog.key(named: name) else {
      return "**\(name)**\n\n" + meaning(of: name)
        + "\n\nUnknown keys are accepted by the service but absent on every finding: a predicate on one never matches."
    }
    let families = AnalyzerFamily.allCases.filter(key.families.contains).map(\.displayName)
    var lines = [
      "**\(name)**", "", meaning(of: name), "",
      "- Values: \(values(of: key, family: family))",
      "- Carried by: \(families.isEmpty ? "no analyzer's findings" : families.joined(separator: ", ")) findings",
    ]
    let documented = AnalyzerFamily.allCases.filter(key.documentedFor.contains)
    if documented.isEmpty {
      lines.append("- Not in AWS's filter-key table: seen in finding data only")
    } else {
      let others = families.count > documented.count ? " only" : ""
      lines.append(
        "- Documented by AWS as a filter key for \(documented.map(\.displayName).joined(separator: ", "))\(others)"
      )
    }
    if !key.contexts.contains(.archiveRule) {
      let contexts = FilterContext.allCases.filter(key.contexts.contains).map(\.rawValue)
      lines.append("- Not for archive rules: only in \(contexts.joined(separator: ", ")) filters")
    }
    if !key.families.contains(family) {
      lines.append("- \(family.displayName) findings never carry it")
    }
    return lines.joined(separator: "\n")
  }

  /// The one-line detail beside a key in a completion list.
  static func detail(_ name: String) -> String {
    guard let key = FilterKeyCatalog.key(named: name) else { return "filter key" }
    let families = AnalyzerFamily.allCases.filter(key.families.contains).map(\.rawValue)
    let documented = key.documentedFor.isEmpty ? ", undocumented" : ""
    return "filter key · \(families.joined(separator: ", "))\(documented)"
  }
}
