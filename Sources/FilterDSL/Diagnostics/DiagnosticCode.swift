/// A stable identifier for one kind of diagnostic.
///
/// An open struct rather than an enum so that new codes can arrive without breaking a caller's
/// exhaustive `switch`. Tools match on `rawValue`; it never changes once published.
public struct DiagnosticCode: RawRepresentable, Hashable, Sendable, Codable,
  ExpressibleByStringLiteral, CustomStringConvertible
{
  public let rawValue: String
  public init(rawValue: String) { self.rawValue = rawValue }
  public init(stringLiteral value: String) { self.rawValue = value }
  public init(from decoder: any Decoder) throws {
    rawValue = try decoder.singleValueContainer().decode(String.self)
  }
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(rawValue)
  }
  public var description: String { rawValue }
}

// Syntax.
extension DiagnosticCode {
  public static let invalidCharacter: Self = "invalid-character"
  public static let invalidUTF8: Self = "invalid-utf8"
  public static let unterminatedString: Self = "unterminated-string"
  public static let invalidEscape: Self = "invalid-escape"
  public static let controlCharacterInString: Self = "control-character-in-string"
  public static let loneSurrogate: Self = "lone-surrogate"
  public static let unexpectedToken: Self = "unexpected-token"
  public static let missingValue: Self = "missing-value"
  public static let missingOperator: Self = "missing-operator"
  public static let unclosedDelimiter: Self = "unclosed-delimiter"
  public static let nestingTooDeep: Self = "nesting-too-deep"
  public static let tooManyErrors: Self = "too-many-errors"
}

// Compilation.
extension DiagnosticCode {
  public static let negatedContains: Self = "negated-contains"
  public static let unsatisfiable: Self = "unsatisfiable"
  public static let conflictingContains: Self = "conflicting-contains"
  public static let conflictingListEq: Self = "conflicting-list-eq"
  public static let orAcrossKeys: Self = "or-across-keys"
  public static let tooManyValues: Self = "too-many-values"
  public static let emptyValueList: Self = "empty-value-list"
  public static let tooManyFilterMaps: Self = "too-many-filter-maps"
  public static let invalidRuleName: Self = "invalid-rule-name"
  public static let duplicateRuleName: Self = "duplicate-rule-name"
  public static let tooManyRules: Self = "too-many-rules"
  public static let sortInArchiveRule: Self = "sort-in-archive-rule"
  public static let invalidFilterJSON: Self = "invalid-filter-json"
}

// Validation and lint (see docs/checks.md).
extension DiagnosticCode {
  public static let unsatisfiableBranch: Self = "unsatisfiable-branch"
  public static let keyNotAllowed: Self = "key-not-allowed"
  public static let unknownKey: Self = "unknown-key"
  public static let unknownValue: Self = "unknown-enum-value"
  public static let invalidBoolean: Self = "invalid-boolean"
  public static let existsAsString: Self = "exists-as-string"
  public static let invalidAccountID: Self = "invalid-account-id"
  public static let invalidARN: Self = "invalid-arn"
  public static let invalidPrincipal: Self = "invalid-principal"
  public static let emptyValue: Self = "empty-value"
  public static let duplicateValue: Self = "duplicate-value"
  public static let redundantPredicate: Self = "redundant-predicate"
  public static let unknownSortAttribute: Self = "unknown-sort-attribute"
  public static let archivesPublicFindings: Self = "archives-public-findings"
  public static let broadArchiveRule: Self = "broad-archive-rule"
  public static let emptyFilter: Self = "empty-filter"
  public static let principalWildcard: Self = "principal-wildcard"
  public static let shadowedRule: Self = "shadowed-rule"
  public static let overlappingRules: Self = "overlapping-rules"
}

// Analyzer families (see docs/checks.md, "Analyzer families").
extension DiagnosticCode {
  public static let analyzerConflict: Self = "analyzer-conflict"
  public static let keyNotInFamily: Self = "key-not-in-family"
  public static let valueNotInFamily: Self = "value-not-in-family"
  public static let undocumentedKey: Self = "undocumented-key"
  public static let archivesWholeFindingType: Self = "archives-whole-finding-type"
  public static let archivesStaleCredentials: Self = "archives-stale-credentials"
  public static let unscopedInternalAccess: Self = "unscoped-internal-access"
}
