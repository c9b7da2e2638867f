import FilterDSL

/// Which section of docs/checks.md lists each diagnostic code, by the section's anchor, so a
/// diagnostic's link opens the table row's section. A code listed in two sections links to the
/// first. `ChecksSectionsTests` reads docs/checks.md and holds this table to it.
enum ChecksSections {
  static let sections: [(anchor: String, codes: [String])] = [
    (
      "syntax-errors",
      [
        "unexpected-token", "missing-value", "missing-operator", "unterminated-string",
        "invalid-escape", "lone-surrogate", "control-character-in-string", "invalid-character",
        "invalid-utf8", "unclosed-delimiter", "nesting-too-deep", "too-many-errors",
      ]
    ),
    (
      "compilation-errors",
      [
        "negated-contains", "unsatisfiable", "conflicting-contains", "conflicting-list-eq",
        "or-across-keys", "too-many-values", "empty-value-list", "too-many-filter-maps",
        "invalid-rule-name", "duplicate-rule-name", "too-many-rules", "sort-in-archive-rule",
        "key-not-allowed", "invalid-filter-json",
      ]
    ),
    (
      "warnings",
      [
        "unknown-key", "unknown-enum-value", "invalid-boolean", "exists-as-string",
        "invalid-account-id", "invalid-arn", "invalid-principal", "empty-value", "duplicate-value",
        "redundant-predicate", "redundant-criterion", "unsatisfiable-branch",
        "unknown-sort-attribute",
      ]
    ),
    (
      "risks",
      [
        "archives-public-findings", "broad-archive-rule", "empty-filter", "principal-wildcard",
        "shadowed-rule", "overlapping-rules",
      ]
    ),
    (
      "analyzer-families",
      [
        "analyzer-conflict", "key-not-in-family", "value-not-in-family", "undocumented-key",
        "archives-whole-finding-type", "archives-stale-credentials", "unscoped-internal-access",
      ]
    ),
    (
      "the-analyzer-directive",
      [
        "unknown-analyzer-directive", "conflicting-analyzer-directive",
        "duplicate-analyzer-directive", "misplaced-analyzer-directive", "unknown-directive",
        "analyzer-directive-overridden",
      ]
    ),
    (
      "import-checks-json-cloudformation-terraform",
      [
        "duplicate-criteria", "unsupported-syntax", "invalid-template", "ambiguous-analyzer",
        "rule-name-collision",
      ]
    ),
  ]

  private static let anchors: [String: String] = {
    var anchors: [String: String] = [:]
    for (anchor, codes) in sections {
      for code in codes where anchors[code] == nil { anchors[code] = anchor }
    }
    return anchors
  }()

  /// The anchor of the section listing `code`; `nil` for a code the page does not list.
  static func anchor(of code: DiagnosticCode) -> String? { anchors[code.rawValue] }
}
