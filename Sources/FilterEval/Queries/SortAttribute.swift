import FilterDSL

/// The finding fields ListFindings can sort by here: the scalar ones.
public enum SortAttribute: String, CaseIterable, Hashable, Sendable {
  /// The attributes, named as the API names them.
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

  /// The attribute a record is asked for.
  var attribute: FindingAttribute {
    switch self {
    case .id: .id
    case .resource: .resource
    case .resourceType: .resourceType
    case .resourceOwnerAccount: .resourceOwnerAccount
    case .status: .status
    case .error: .error
    case .isPublic: .isPublic
    case .createdAt: .createdAt
    case .analyzedAt: .analyzedAt
    case .updatedAt: .updatedAt
    case .findingType: .findingType
    }
  }

  /// The value to order by; `nil` when the record lacks it (sorted last either way).
  func key(of record: some FindingRecord) -> SortKey? {
    switch record.value(for: attribute) {
    case nil: nil
    case .bool(let flag)?: .flag(flag)
    case .timestamp(let time)?: .instant(time.seconds, time.nanoseconds)
    case .list?: nil
    case let value?:
      // A record that answers text for a timestamp or a boolean is still ordered by meaning.
      switch self {
      case .createdAt, .analyzedAt, .updatedAt:
        value.text.flatMap(Timestamp.init(parsing:)).map { .instant($0.seconds, $0.nanoseconds) }
      case .isPublic:
        value.text.flatMap { $0 == "true" ? .flag(true) : $0 == "false" ? .flag(false) : nil }
      default: value.text.map(SortKey.text)
      }
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

/// A query that cannot run: a sort attribute that cannot be sorted by, or a page token from
/// another query.
public struct QueryError: Error, Hashable, Sendable, CustomStringConvertible {
  /// `DiagnosticCode.unknownSortAttribute` or
  /// `DiagnosticCode.invalidPageToken`.
  public var code: DiagnosticCode
  /// The sort attribute or page token at fault.
  public var value: String
  /// A sortable attribute close to the one given, if any.
  public var suggestion: String?

  /// The error for a sort attribute that cannot be sorted by.
  /// - Parameters:
  ///   - name: the attribute given.
  ///   - suggestion: a close sortable attribute, if any.
  /// - Returns: the error.
  public static func unknownSortAttribute(_ name: String, suggestion: String?) -> QueryError {
    QueryError(code: .unknownSortAttribute, value: name, suggestion: suggestion)
  }

  /// The error for a page token from another query.
  /// - Parameter token: the token given.
  /// - Returns: the error.
  public static func invalidPageToken(_ token: String) -> QueryError {
    QueryError(code: .invalidPageToken, value: token, suggestion: nil)
  }

  /// The message, with the valid attributes or what a token must match.
  public var description: String {
    if code == .invalidPageToken {
      return
        "the page token '\(value)' does not belong to this query (filter, sort and findings must be the same)"
    }
    let valid = SortAttribute.allCases.map(\.rawValue).joined(separator: ", ")
    let hint = suggestion.map { " (did you mean '\($0)'?)" } ?? ""
    return "cannot sort by '\(value)'\(hint); sortable attributes are \(valid)"
  }
}
