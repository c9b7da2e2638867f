/// Checks on a rule set as a whole, shared by compilation (`RuleSet`) and lint (`Linter`).
package enum RuleSetChecks {
  /// Per rule, in order: an invalid name, and a name already used by an earlier rule.
  static func names(_ rules: [RuleDefinition]) -> [[Diagnostic]] {
    names(rules.map { ($0.name.value, $0.name.range) })
  }

  /// The same checks for names read from JSON, CloudFormation or Terraform.
  package static func names(_ names: [(value: String, range: SourceRange)]) -> [[Diagnostic]] {
    var firstDefinition: [ExactString: SourceRange] = [:]
    return names.map { name in
      var diagnostics: [Diagnostic] = []
      if !ArchiveRule.isValidName(name.value) {
        diagnostics.append(
          .error(
            .invalidRuleName, "'\(name.value)' is not a valid archive rule name", at: name.range,
            label: "names are 1 to 255 characters: a letter, then letters, digits, '_', '.' or '-'")
        )
      }
      if let first = firstDefinition[ExactString(name.value)] {
        diagnostics.append(
          .error(
            .duplicateRuleName, "rule '\(name.value)' is defined twice", at: name.range,
            notes: [.init("first defined here", range: first)]))
      } else {
        firstDefinition[ExactString(name.value)] = name.range
      }
      return diagnostics
    }
  }

  /// A valid name that becomes too long once split into `NAME-1` ... `NAME-N`.
  static func splitName(_ name: Located<String>, parts: Int) -> Diagnostic? {
    guard parts > 1, ArchiveRule.isValidName(name.value),
      !ArchiveRule.isValidName("\(name.value)-\(parts)")
    else { return nil }
    return .error(
      .invalidRuleName,
      "'\(name.value)' is too long to split: '\(name.value.prefix(8))...-\(parts)' would pass 255 characters",
      at: name.range,
      label: "split rules are named NAME-1 to NAME-\(parts)",
      help: "shorten the name to at most \(255 - "-\(parts)".count) characters")
  }

  /// An error when a set makes more archive rules than the quota allows.
  static func quota(_ total: Int, limits: Limits, at range: SourceRange) -> Diagnostic? {
    guard total > limits.maxRules else { return nil }
    return .error(
      .tooManyRules,
      "the rule set makes \(total) archive rules, more than the quota of \(limits.maxRules)",
      at: range,
      help: "an analyzer holds 100 archive rules by default (1,000 after a quota increase)")
  }
}
