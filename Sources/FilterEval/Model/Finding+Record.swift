extension Finding: FindingRecord {
  /// The finding's value for one attribute. Text read from the input without escapes comes
  /// back as ``FindingValue/utf8(_:)``, a span of the finding's own JSON, without a copy.
  /// - Parameter attribute: the attribute a filter key or sort reads.
  /// - Returns: the value, or `nil` when the finding has none.
  public func value(for attribute: FindingAttribute) -> FindingValue? {
    let storage = storage
    switch attribute {
    case .id: return storage.fields.id.map { storage.value($0) }
    case .resource: return storage.fields.resource.map { storage.value($0) }
    case .isPublic: return storage.fields.isPublic.map(FindingValue.bool)
    case .action: return storage.fields.action.map(FindingValue.list)
    case .createdAt: return createdAt.map(FindingValue.timestamp)
    case .analyzedAt: return analyzedAt.map(FindingValue.timestamp)
    case .updatedAt: return updatedAt.map(FindingValue.timestamp)
    default: return storage.scalar(attribute).map(FindingValue.text)
    }
  }
}

extension Finding.Storage {
  /// A text reference as a value: a span of the record stays a span.
  func value(_ reference: Finding.TextRef) -> FindingValue {
    switch reference {
    case .string(let string): return .text(string)
    case .span(let start, let length):
      let bytes = fields.json.bytes
      let lower = min(bytes.startIndex + Int(start), bytes.endIndex)
      let upper = min(lower + Int(length), bytes.endIndex)
      return .utf8(bytes[lower..<upper])
    }
  }

  /// The value of a single-valued text attribute held as a string (`nil` when absent, and
  /// for ids, ARNs, booleans, lists and timestamps, which callers read in their own way).
  @inline(__always)
  func scalar(_ attribute: FindingAttribute) -> String? {
    switch attribute {
    case .resourceType: return fields.resourceType
    case .resourceOwnerAccount: return fields.resourceOwnerAccount
    case .status: return fields.status
    case .error: return fields.rare?.error
    case .findingType: return fields.rare?.findingType
    case .resourceControlPolicyRestriction: return fields.rare?.resourceControlPolicyRestriction
    case .changeType: return fields.rare?.changeType
    case .existingFindingId: return fields.rare?.existingFindingId
    case .existingFindingStatus: return fields.rare?.existingFindingStatus
    case .accessType: return fields.rare?.family.accessType
    case .principalType: return fields.rare?.family.principalType
    case .principalOwnerAccount: return fields.rare?.family.principalOwnerAccount
    case .serviceControlPolicyRestriction:
      return fields.rare?.family.serviceControlPolicyRestriction
    case .principal(let entry): return fields.principal?[entry]
    case .condition(let entry): return fields.condition?[entry]
    case .id, .resource, .isPublic, .action, .createdAt, .analyzedAt, .updatedAt: return nil
    }
  }
}

extension Finding {
  /// A finding built in code, with the fields you have; the rest stay absent.
  ///
  /// ```swift
  /// import FilterEval
  /// import Foundation
  ///
  /// let finding = Finding(
  ///   id: "f-1", resource: "arn:aws:s3:::reports", resourceType: "AWS::S3::Bucket",
  ///   status: "ACTIVE", isPublic: true, principal: ["AWS": "*"],
  ///   updatedAt: Timestamp(Date()))
  /// ```
  /// - Parameters:
  ///   - id: the finding id.
  ///   - resource: the resource ARN.
  ///   - resourceType: the resource type (`AWS::S3::Bucket`).
  ///   - resourceOwnerAccount: the account that owns the resource.
  ///   - status: `ACTIVE`, `ARCHIVED` or `RESOLVED`.
  ///   - isPublic: whether the resource is public.
  ///   - findingType: the finding type (`ExternalAccess`, ...).
  ///   - error: the analyzer's error, if any.
  ///   - principal: the principal map.
  ///   - condition: the condition map.
  ///   - action: the actions granted.
  ///   - resourceControlPolicyRestriction: the resource control policy restriction.
  ///   - createdAt: when the finding was created.
  ///   - analyzedAt: when the resource was analyzed.
  ///   - updatedAt: when the finding was updated.
  public init(
    id: String? = nil, resource: String? = nil, resourceType: String? = nil,
    resourceOwnerAccount: String? = nil, status: String? = nil, isPublic: Bool? = nil,
    findingType: String? = nil, error: String? = nil, principal: StringMap? = nil,
    condition: StringMap? = nil, action: [String]? = nil,
    resourceControlPolicyRestriction: String? = nil, createdAt: Timestamp? = nil,
    analyzedAt: Timestamp? = nil, updatedAt: Timestamp? = nil
  ) {
    var fields = Fields()
    fields.id = id.map(TextRef.string)
    fields.resource = resource.map(TextRef.string)
    fields.resourceType = resourceType
    fields.resourceOwnerAccount = resourceOwnerAccount
    fields.status = status
    fields.isPublic = isPublic
    fields.principal = principal
    fields.condition = condition
    fields.action = action
    self.init(fields: fields)
    if findingType != nil { self.findingType = findingType }
    if error != nil { self.error = error }
    if resourceControlPolicyRestriction != nil {
      self.resourceControlPolicyRestriction = resourceControlPolicyRestriction
    }
    if createdAt != nil { self.createdAt = createdAt }
    if analyzedAt != nil { self.analyzedAt = analyzedAt }
    if updatedAt != nil { self.updatedAt = updatedAt }
  }

  /// The same finding holding only its own bytes.
  ///
  /// A decoded finding shares the whole input buffer: its JSON text, ids, ARNs and
  /// timestamps are spans of it, which is what makes decoding cheap. Keeping one such
  /// finding keeps the entire input in memory. Detach the findings you keep beyond the
  /// input's lifetime (a handful of matches from a large file); the copy costs one buffer
  /// the size of the finding's own JSON.
  /// - Returns: an equal finding that no longer refers to the input.
  public func detached() -> Finding {
    var copy = self
    // Spans are relative to the record's own text, so they stay valid in the copy.
    copy.json = RawJSON(ArraySlice(Array(json.bytes)))
    return copy
  }

  /// Findings are equal when every modeled field is (text compared by bytes, timestamps
  /// by instant). Where they came from is not compared: neither the raw JSON text nor the
  /// positions of values in it, so a finding built in code equals the same finding decoded.
  public static func == (lhs: Finding, rhs: Finding) -> Bool {
    if lhs.storage === rhs.storage { return true }
    func same(_ a: String?, _ b: String?) -> Bool {
      switch (a, b) {
      case (nil, nil): true
      case (let a?, let b?): a.utf8.elementsEqual(b.utf8)
      default: false
      }
    }
    return same(lhs.id, rhs.id) && same(lhs.resource, rhs.resource)
      && same(lhs.resourceType, rhs.resourceType)
      && same(lhs.resourceOwnerAccount, rhs.resourceOwnerAccount)
      && same(lhs.status, rhs.status) && same(lhs.error, rhs.error)
      && lhs.isPublic == rhs.isPublic && same(lhs.findingType, rhs.findingType)
      && same(lhs.resourceControlPolicyRestriction, rhs.resourceControlPolicyRestriction)
      && same(lhs.changeType, rhs.changeType)
      && same(lhs.existingFindingId, rhs.existingFindingId)
      && same(lhs.existingFindingStatus, rhs.existingFindingStatus)
      && lhs.createdAt == rhs.createdAt && lhs.analyzedAt == rhs.analyzedAt
      && lhs.updatedAt == rhs.updatedAt && lhs.principal == rhs.principal
      && lhs.condition == rhs.condition
      && (lhs.action ?? []).count == (rhs.action ?? []).count
      && zip(lhs.action ?? [], rhs.action ?? []).allSatisfy { same($0, $1) }
      && (lhs.action == nil) == (rhs.action == nil)
      && lhs.hasAccessDetails == rhs.hasAccessDetails
  }

  /// Hashes the fields equality compares.
  public func hash(into hasher: inout Hasher) {
    hasher.combine(id)
    hasher.combine(resource)
    hasher.combine(resourceType)
    hasher.combine(status)
    hasher.combine(updatedAt)
  }
}
