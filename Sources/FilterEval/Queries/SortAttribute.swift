import FilterDSL

/// The finding fields ListFindings can sort by here: the scalar ones.
public enum SortAttribute: String, CaseIterable, Hashable, Sendable {
  case id, resource, resourceType, resourceOwnerAccount, status, error, isPublic, createdAt,
    analyzedAt, updatedAt,
    findingType

  /// The attribute named exactly `name`, or an error listing the valid ones (with a
  /// suggestion when one is close).
  public init(validating name: String) throws {
    guard
      let attribute = SortAttribute.allCases.first(where: {
        $0.rawValue.utf8.elementsEqual(name.utf8)
      })
    else {
      throw QueryError.unknownSortAttribute(
        name,
        suggestion: Suggestion.closest(to: name, among: SortAttribute.allCases.map(\.rawValue)))
    }
    self = attribute
  }

  /// The value to order by; `nil` when the finding lacks it (sorted last either way).
  func key(of finding: Finding) -> SortKey? {
    switch self {
    case .id: finding.id.map(SortKey.text)
    case .resource: finding.resource.map(SortKey.text)
    case .resourceType: finding.resourceType.map(SortKey.text)
    case .resourceOwnerAccount: finding.resourceOwnerAccount.map(SortKey.text)
    case .status: finding.status.map(SortKey.text)
    case .error: finding.error.map(SortKey.text)
    case .findingType: finding.findingType.map(SortKey.text)
    case .isPublic: finding.isPublic.map(SortKey.flag)
    case .createdAt: finding.createdAt.map { .instant($0.seconds, $0.nanoseconds) }
    case .analyzedAt: finding.analyzedAt.map { .instant($0.seconds, $0.nanoseconds) }
    case .updatedAt: finding.updatedAt.map { .instant($0.seconds, $0.nanoseconds) }
    }
  }
}

/// Strings by UTF-8 bytes, timestamps by instant, booleans false before true.
enum SortKey: Comparable {
  case text(String)
  /// Seconds and nanoseconds only: comparing instants touches no reference counts.
  case instant(Int64, Int32)
  case flag(Bool)

  static func < (lhs: SortKey, rhs: SortKey) -> Bool {
    switch (lhs, rhs) {
    case (.text(let a), .text(let b)): a.utf8.lexicographicallyPrecedes(b.utf8)
    case (.instant(let a, let x), .instant(let b, let y)): a < b || (a == b && x < y)
    case (.flag(let a), .flag(let b)): !a && b
    default: false
    }
  }

  static func == (lhs: SortKey, rhs: SortKey) -> Bool {
    !(lhs < rhs) && !(rhs < lhs)
  }
}

public enum QueryError: Error, Hashable, Sendable, CustomStringConvertible {
  case unknownSortAttribute(String, suggestion: String?)
  case invalidPageToken(String)

  public var description: String {
    switch self {
    case .unknownSortAttribute(let name, let suggestion):
      let valid = SortAttribute.allCases.map(\.rawValue).joined(separator: ", ")
      let hint = suggestion.map { " (did you mean '\($0)'?)" } ?? ""
      return "cannot sort by '\(name)'\(hint); sortable attributes are \(valid)"
    case .invalidPageToken(let token):
      return
        "the page token '\(token)' does not belong to this query (filter, sort and findings must be the same)"
    }
  }
}
