import FilterDSL

/// What a record says about its analyzer family besides `findingType`.
struct FamilyEvidence {
  /// The kind of the first `findingDetails` entry (`internalAccessDetails` → internal).
  var details: AnalyzerFamily?
  /// An internal access field seen at the top level (an EventBridge internal access event).
  var internalField = false
  /// The EventBridge `detail-type` of the event the record came in.
  var event: AnalyzerFamily?
}

/// Reading the fields of internal and unused access findings, and settling each record's
/// family. Kept apart from the common reader so the external access path stays as it was.
extension FindingRecordBuilder {
  /// The family of a `findingDetails` entry's kind; `nil` for a kind we do not read.
  static func detailsFamily(_ kind: UnsafeBufferPointer<UInt8>) -> AnalyzerFamily? {
    if kind.equals("externalAccessDetails") { return .external }
    if kind.equals("internalAccessDetails") { return .internal }
    if kind.equals("unusedPermissionDetails") || kind.equals("unusedIamUserAccessKeyDetails")
      || kind.equals("unusedIamRoleDetails") || kind.equals("unusedIamUserPasswordDetails")
    {
      return .unused
    }
    return nil
  }

  /// Reads an internal access field (`InternalAccessDetails`), returning whether `key` was one.
  mutating func readFamilyField(
    _ key: UnsafeBufferPointer<UInt8>, _ s: inout JSONScanner, _ interner: inout StringInterner
  ) throws -> Bool {
    switch key.count {
    case 10 where key.equals("accessType"):
      rare.family.accessType = try string(&s, "accessType", &interner)
    case 13 where key.equals("principalType"):
      rare.family.principalType = try string(&s, "principalType", &interner)
    case 21 where key.equals("principalOwnerAccount"):
      rare.family.principalOwnerAccount = try string(&s, "principalOwnerAccount", &interner)
    case 31 where key.equals("serviceControlPolicyRestriction"):
      rare.family.serviceControlPolicyRestriction = try string(
        &s, "serviceControlPolicyRestriction", &interner)
    default:
      return false
    }
    sawAccessField = true
    familyEvidence.internalField = true
    return true
  }

  /// One `unused*Details` entry: its fields are kept for output and explain; the first entry
  /// wins for single values, actions are united.
  mutating func unusedDetails(
    _ s: inout JSONScanner, index: Int, _ interner: inout StringInterner
  ) throws {
    var details = rare.family.unused ?? UnusedAccessDetails()
    let path = "findingDetails[\(index)]"
    try s.readObject { scanner, key in
      if scanner.skipNull() { return }
      // Every value is read (the scanner must move on) even when an earlier entry won.
      if key.equals("lastAccessed") {
        let value = try string(&scanner, "\(path).lastAccessed")
        details.lastAccessed = details.lastAccessed ?? value
      } else if key.equals("accessKeyId") {
        let value = try string(&scanner, "\(path).accessKeyId")
        details.accessKeyId = details.accessKeyId ?? value
      } else if key.equals("serviceNamespace") {
        let value = try string(&scanner, "\(path).serviceNamespace", &interner)
        details.serviceNamespace = details.serviceNamespace ?? value
      } else if key.equals("actions") {
        details.actions += try unusedActions(&scanner, "\(path).actions", &interner)
      } else {
        try scanner.skipValue()
      }
    }
    rare.family.unused = details
  }

  /// `actions: [{"action": "s3:GetObject", "lastAccessed": ...}]`: the action names.
  private mutating func unusedActions(
    _ s: inout JSONScanner, _ field: String, _ interner: inout StringInterner
  ) throws -> [String] {
    guard s.peek() == UInt8(ascii: "[") else {
      try fail(field, "expected a list, found \(s.describeHere())", &s)
      return []
    }
    var actions: [String] = []
    try s.readArray { scanner, index in
      guard scanner.peek() == UInt8(ascii: "{") else {
        try fail(
          "\(field)[\(index)]", "expected an object, found \(scanner.describeHere())", &scanner)
        return
      }
      try scanner.readObject { scanner, key in
        guard key.equals("action") else { return try scanner.skipValue() }
        // A null action is ignored, as a null member anywhere; `skipNull` has consumed it.
        if scanner.skipNull() { return }
        if let action = try string(&scanner, "\(field)[\(index)].action", &interner) {
          actions.append(action)
        }
      }
    }
    return actions
  }

  /// Internal access fields of a `findingDetails` entry; the first entry wins.
  mutating func mergeFamilyFields(_ details: FamilyFields?) {
    guard let details else { return }
    let current = fields.rare?.family ?? FamilyFields()
    guard
      current.accessType == nil || current.principalType == nil
        || current.principalOwnerAccount == nil || current.serviceControlPolicyRestriction == nil
    else { return }
    let target = rare
    target.family.accessType = current.accessType ?? details.accessType
    target.family.principalType = current.principalType ?? details.principalType
    target.family.principalOwnerAccount =
      current.principalOwnerAccount ?? details.principalOwnerAccount
    target.family.serviceControlPolicyRestriction =
      current.serviceControlPolicyRestriction ?? details.serviceControlPolicyRestriction
  }

  /// The record's family, from the strongest evidence it has (grammar.md, *Which family*).
  mutating func settleFamily() {
    let byType = fields.rare?.findingType.flatMap { AnalyzerFamily(findingType: $0) }
    let family =
      byType ?? familyEvidence.details ?? (familyEvidence.internalField ? .internal : nil)
      ?? familyEvidence.event ?? (sawAccessField ? .external : nil)
    // In the common box, not the rare one: almost every record has a family.
    fields.family = family
    fields.detailsArePartial = detailsArePartial
  }
}
