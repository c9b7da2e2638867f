/// A stable identifier for one kind of diagnostic.
///
/// An open struct rather than an enum so that new codes can arrive without breaking a caller's
/// exhaustive `switch`. Tools match on `rawValue`; it never changes once published.
public struct DiagnosticCode: RawRepresentable, Hashable, Sendable, Codable,
  ExpressibleByStringLiteral, CustomStringConvertible
{
  /// The code as tools match it: `unknown-key`.
  public let rawValue: String
  /// A code from its text.
  /// - Parameter rawValue: the code's text.
  public init(rawValue: String) { self.rawValue = rawValue }
  /// A code from a literal.
  /// - Parameter value: the code's text.
  public init(stringLiteral value: String) { self.rawValue = value }
  /// Decodes the code's text.
  /// - Parameter decoder: the decoder.
  /// - Throws: `DecodingError` when the value is not a string.
  public init(from decoder: any Decoder) throws {
    rawValue = try decoder.singleValueContainer().decode(String.self)
  }
  /// Encodes the code's text.
  /// - Parameter encoder: the encoder.
  /// - Throws: what the encoder throws.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(rawValue)
  }
  /// The code's text.
  public var description: String { rawValue }
}

// Syntax.
extension DiagnosticCode {
  /// For example `resource eq é`, `resource ! x`; fix: quote non-ASCII values; write `!=` or `not`.
  public static let invalidCharacter: Self = "invalid-character"
  /// For example a rule file with Latin-1 bytes; fix: save the file as UTF-8.
  public static let invalidUTF8: Self = "invalid-utf8"
  /// For example `resource eq "arn:aws:s3:::b`; fix: close the string on the same line.
  public static let unterminatedString: Self = "unterminated-string"
  /// For example `resource eq "\q"`; fix: use a JSON escape (`\" \\ \/ \b \f \n \r \t \uXXXX`).
  public static let invalidEscape: Self = "invalid-escape"
  /// For example a raw tab inside `"..."`; fix: escape it (`\t`).
  public static let controlCharacterInString: Self = "control-character-in-string"
  /// For example `resource eq "\ud800"`; fix: pair a high surrogate with a low one, or write the character.
  public static let loneSurrogate: Self = "lone-surrogate"
  /// For example `isPublic eq false resource eq x`; fix: join predicates with `and` or `or`.
  public static let unexpectedToken: Self = "unexpected-token"
  /// For example `resourceType eq and isPublic exists`; fix: give a value; quote keywords used as values (`"and"`).
  public static let missingValue: Self = "missing-value"
  /// For example `resourceType exisst`; fix: use `eq`, `neq`, `contains`, `in`, `not in`, `exists`, `not exists`.
  public static let missingOperator: Self = "missing-operator"
  /// For example `(isPublic eq false`, `resource eq [a, b`; fix: close the `(`, `[` or `{`.
  public static let unclosedDelimiter: Self = "unclosed-delimiter"
  /// For example 65 nested parentheses; fix: flatten the expression (limit 64).
  public static let nestingTooDeep: Self = "nesting-too-deep"
  /// For example more than 50 problems; fix: fix the first ones and run again.
  public static let tooManyErrors: Self = "too-many-errors"
}

// Compilation.
extension DiagnosticCode {
  /// For example `not resource contains prod`; fix: the API has no "does not contain": match whole values with `neq`.
  public static let negatedContains: Self = "negated-contains"
  /// For example `isPublic eq true and isPublic eq false`; fix: remove one side: the rule can never match.
  public static let unsatisfiable: Self = "unsatisfiable"
  /// For example `resource contains a and resource contains b`; fix: one `contains` list per key; use `or` (any-of) or split the rule.
  public static let conflictingContains: Self = "conflicting-contains"
  /// For example `action eq s3:GetObject and action eq s3:PutObject`; fix: one `eq` list per list-valued key, or split the rule.
  public static let conflictingListEq: Self = "conflicting-list-eq"
  /// For example `resourceType eq AWS::S3::Bucket or isPublic eq false`; fix: compile with `--split` (one rule per alternative).
  public static let orAcrossKeys: Self = "or-across-keys"
  /// For example 21 values in one `eq`; fix: at most 20 per operator; `--split` spreads `eq`/`contains` lists.
  public static let tooManyValues: Self = "too-many-values"
  /// For example `error neq []`; fix: give 1 to 20 values.
  public static let emptyValueList: Self = "empty-value-list"
  /// For example a split into more than 100 maps; fix: simplify the expression.
  public static let tooManyFilterMaps: Self = "too-many-filter-maps"
  /// For example `rule 1st { ... }`; fix: names match `[A-Za-z][A-Za-z0-9_.-]*`, 1 to 255 characters.
  public static let invalidRuleName: Self = "invalid-rule-name"
  /// For example two `rule A { ... }`; fix: rename one.
  public static let duplicateRuleName: Self = "duplicate-rule-name"
  /// For example 101 rules (default quota 100); fix: merge rules, or raise `--max-rules` after a quota increase.
  public static let tooManyRules: Self = "too-many-rules"
  /// For example `rule A { isPublic eq false order by id }`; fix: sorts are for list-findings queries only.
  public static let sortInArchiveRule: Self = "sort-in-archive-rule"
  /// For example `{"k": {"eq": []}}`; fix: fix the JSON shape the message names.
  public static let invalidFilterJSON: Self = "invalid-filter-json"
}

// Validation and lint (see docs/checks.md).
extension DiagnosticCode {
  /// For example `(error eq a) and error eq c or resource eq x`; fix: part of the rule can never match; fix or drop it.
  public static let unsatisfiableBranch: Self = "unsatisfiable-branch"
  /// For example `status eq ACTIVE` in an archive rule; `changeType` outside access previews; fix: drop the predicate; `status` and `id` are list-findings keys.
  public static let keyNotAllowed: Self = "key-not-allowed"
  /// For example `resourcetype`, `principal.aws`, `condition.aws:SourceVPC`; fix: use the suggested key (keys are case-sensitive).
  public static let unknownKey: Self = "unknown-key"
  /// For example `resourceType eq AWS::S3::bucket`, `status eq ARCHIVE`; fix: use the suggested value.
  public static let unknownValue: Self = "unknown-enum-value"
  /// For example `isPublic eq True`, `isPublic eq yes`; fix: `true` or `false`, lower case.
  public static let invalidBoolean: Self = "invalid-boolean"
  /// For example `"exists": "true"` in rule JSON; fix: `"exists": true`.
  public static let existsAsString: Self = "exists-as-string"
  /// For example `resourceOwnerAccount eq 11112222333`; fix: 12 digits, leading zeros included.
  public static let invalidAccountID: Self = "invalid-account-id"
  /// For example `resource eq my-bucket`; fix: a full ARN, or `contains` for a part.
  public static let invalidARN: Self = "invalid-arn"
  /// For example `principal.AWS eq root`; fix: an account id, an ARN, or `*`.
  public static let invalidPrincipal: Self = "invalid-principal"
  /// For example `error eq ""`; fix: remove it, or use `not exists`.
  public static let emptyValue: Self = "empty-value"
  /// For example `error in [A, A]`; fix: list each value once.
  public static let duplicateValue: Self = "duplicate-value"
  /// For example `error exists and error eq X`; `error neq a and error neq a`; fix: remove the predicate that adds nothing.
  public static let redundantPredicate: Self = "redundant-predicate"
  /// For example `isPublic eq false and isPublic neq true`; `resource contains bucket and resource neq x`; fix: remove the criterion the others on its key already imply.
  public static let redundantCriterion: Self = "redundant-criterion"
  /// For example `order by severity` (list-findings); fix: sort by `id`, `resource`, `resourceType`, `resourceOwnerAccount`, `status`, `error`, `isPublic`, `createdAt`, `analyzedAt`, `updatedAt` or `findingType`.
  public static let unknownSortAttribute: Self = "unknown-sort-attribute"
  /// For example `principal.AWS eq 111122223333`; fix: add `and isPublic eq false` unless archiving public access is the point.
  public static let archivesPublicFindings: Self = "archives-public-findings"
  /// For example `resourceType eq AWS::S3::Bucket` (only type, account, resource, error); fix: name the trusted principals: `principal.AWS in [...]`.
  public static let broadArchiveRule: Self = "broad-archive-rule"
  /// For example `rule Everything { }`; fix: an empty filter archives every new finding; narrow it.
  public static let emptyFilter: Self = "empty-filter"
  /// For example `principal.AWS eq "*"`; fix: `*` is the public principal; archive it only on purpose.
  public static let principalWildcard: Self = "principal-wildcard"
  /// For example `rule Wide { isPublic eq false }` then `rule Narrow { isPublic eq false and error exists }`; fix: remove one rule, or narrow the broader one.
  public static let shadowedRule: Self = "shadowed-rule"
  /// For example `principal.AWS in [1, 2]` and `principal.AWS in [2, 3]` in two rules; fix: fine if intended; `aafilter preview` lists findings matched by several rules.
  public static let overlappingRules: Self = "overlapping-rules"
}

// Reading rules from JSON, CloudFormation and Terraform (see docs/checks.md).
extension DiagnosticCode {
  /// One key twice in a filter: a repeated CloudFormation `Property`, two Terraform `filter`
  /// blocks with one `criteria`, a repeated JSON key.
  public static let duplicateCriteria: Self = "duplicate-criteria"
  /// Terraform or CloudFormation the readers do not evaluate: templates, heredocs, function
  /// calls, intrinsic functions, YAML templates.
  public static let unsupportedSyntax: Self = "unsupported-syntax"
  /// A template that does not have the resource schema's shape (a missing `RuleName`, an
  /// unknown member).
  public static let invalidTemplate: Self = "invalid-template"
  /// Archive rules for several analyzers in one source, and none picked.
  public static let ambiguousAnalyzer: Self = "ambiguous-analyzer"
  /// Rule names that become the same Terraform resource label.
  public static let ruleNameCollision: Self = "rule-name-collision"
}

// Errors of the findings reader and queries (FilterEval).
extension DiagnosticCode {
  /// Findings input that is not valid JSON.
  public static let invalidFindingsJSON: Self = "invalid-findings-json"
  /// A findings record that is valid JSON but not a finding (a field of the wrong type, no
  /// `id`, an unreadable timestamp).
  public static let malformedFinding: Self = "malformed-finding"
  /// A page token that belongs to another query, filter or input.
  public static let invalidPageToken: Self = "invalid-page-token"
}

// Analyzer families (see docs/checks.md, "Analyzer families").
extension DiagnosticCode {
  /// A finding type of another analyzer family than the one given or inferred (error).
  public static let analyzerConflict: Self = "analyzer-conflict"
  /// A key the family's findings never carry: the predicate never matches or adds nothing.
  public static let keyNotInFamily: Self = "key-not-in-family"
  /// A known value the family's findings never hold (`AWS::S3::Bucket` for unused access).
  public static let valueNotInFamily: Self = "value-not-in-family"
  /// A key seen in finding data but not in AWS's filter-key table for the family.
  public static let undocumentedKey: Self = "undocumented-key"
  /// Unused access: a rule that names no entity or account (risk).
  public static let archivesWholeFindingType: Self = "archives-whole-finding-type"
  /// Unused access: a rule that can archive unused access keys or passwords (risk).
  public static let archivesStaleCredentials: Self = "archives-stale-credentials"
  /// Internal access: a rule that names no principal (risk).
  public static let unscopedInternalAccess: Self = "unscoped-internal-access"
}

// The analyzer directive, `# aafilter: analyzer=FAMILY` (see docs/checks.md).
extension DiagnosticCode {
  /// For example `# aafilter: analyzer=unsued`; fix: name a family (error).
  public static let unknownAnalyzerDirective: Self = "unknown-analyzer-directive"
  /// For example `analyzer=unused`, then `analyzer=internal` in the header; fix: keep one (error).
  public static let conflictingAnalyzerDirective: Self = "conflicting-analyzer-directive"
  /// For example the same directive twice; fix: remove the second (warning).
  public static let duplicateAnalyzerDirective: Self = "duplicate-analyzer-directive"
  /// For example a directive after the first rule, which is ignored; fix: move it to the top.
  public static let misplacedAnalyzerDirective: Self = "misplaced-analyzer-directive"
  /// For example `# aafilter: analyser=unused`; fix: the only directive is `analyzer=FAMILY`.
  public static let unknownDirective: Self = "unknown-directive"
  /// For example `analyzer=unused` checked with `--analyzer internal`, which wins (warning).
  public static let analyzerDirectiveOverridden: Self = "analyzer-directive-overridden"
}
