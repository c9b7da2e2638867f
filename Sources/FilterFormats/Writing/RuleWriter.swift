import FilterDSL

/// Writes archive rules in each format teams deploy them with. Lossless: when the target
/// cannot say exactly what the rules say, it throws and writes nothing.
public enum RuleWriter {
  /// Writes rules.
  /// - Parameters:
  ///   - rules: the rules, names valid and distinct.
  ///   - format: the target.
  ///   - single: the rules are one unnamed filter (`dsl` and `json` then write the bare map).
  ///   - options: the analyzer they belong to.
  /// - Returns: the text, ending in a newline, and any warnings.
  /// - Throws: `ConversionError` when the target cannot express the rules exactly.
  public static func write(
    _ rules: [ArchiveRule], as format: RuleOutputFormat, single: Bool = false,
    options: ConversionOptions = ConversionOptions()
  ) throws(ConversionError) -> Conversion {
    let one = single && rules.count == 1 ? rules.first : nil
    switch format {
    case .dsl:
      let printer = FilterPrinter()
      return Conversion(
        text: (one.map { printer.print($0.filter) } ?? printer.print(rules)) + "\n", warnings: [])
    case .json:
      let value = one.map(\.filter.json) ?? .object([("archiveRules", .array(rules.map(\.json)))])
      return Conversion(text: value.serialized() + "\n", warnings: [])
    case .rulesJSON:
      return Conversion(
        text: JSONValue.object([("archiveRules", .array(rules.map(\.json)))]).serialized() + "\n",
        warnings: [])
    case .cloudFormation:
      return Conversion(
        text: try CloudFormationWriter.template(rules, options: options).serialized() + "\n",
        warnings: [])
    case .cloudFormationYAML:
      return Conversion(
        text: YAMLWriter.write(try CloudFormationWriter.template(rules, options: options)),
        warnings: [])
    case .terraform:
      return try TerraformWriter.write(rules, options: options)
    case .cliShorthand:
      let lines = try rules.map { rule throws(ConversionError) in
        let text = try CLIShorthand.filter(rule.filter)
        return one == nil ? "\(rule.ruleName)\t\(text)" : text
      }
      return Conversion(text: lines.map { $0 + "\n" }.joined(), warnings: [])
    case .cliCommands:
      guard let analyzer = options.analyzerName else {
        throw ConversionError(
          "cli-commands needs the analyzer's name", help: "give --analyzer-name")
      }
      let lines = rules.map { ArchiveRuleCommand.create(analyzer: analyzer, rule: $0) }
      return Conversion(text: lines.map { $0 + "\n" }.joined(), warnings: [])
    }
  }
}

extension RuleWriter {
  /// Formats whose schema needs at least one criterion cannot hold an empty filter.
  static func requireFilter(_ rule: ArchiveRule, _ format: String, because reason: String)
    throws(ConversionError)
  {
    guard rule.filter.isEmpty else { return }
    throw ConversionError(
      "rule '\(rule.ruleName)' has an empty filter, which \(format) cannot hold (\(reason))",
      help: "create it with the CLI or the API, or give it a criterion")
  }
}

/// `aws accessanalyzer ...-archive-rule` command lines, quoted for POSIX shells.
public enum ArchiveRuleCommand {
  /// `aws accessanalyzer create-archive-rule --analyzer-name A --rule-name R --filter '{...}'`
  /// - Parameters:
  ///   - analyzer: the analyzer's name.
  ///   - rule: the rule to create.
  /// - Returns: one command line without a newline.
  public static func create(analyzer: String, rule: ArchiveRule) -> String {
    command("create-archive-rule", analyzer: analyzer, rule: rule.ruleName, filter: rule.filter)
  }

  /// `aws accessanalyzer update-archive-rule ...`, which replaces the rule's filter.
  /// - Parameters:
  ///   - analyzer: the analyzer's name.
  ///   - rule: the rule with its new filter.
  /// - Returns: one command line without a newline.
  public static func update(analyzer: String, rule: ArchiveRule) -> String {
    command("update-archive-rule", analyzer: analyzer, rule: rule.ruleName, filter: rule.filter)
  }

  /// `aws accessanalyzer delete-archive-rule --analyzer-name A --rule-name R`
  /// - Parameters:
  ///   - analyzer: the analyzer's name.
  ///   - ruleName: the rule to delete.
  /// - Returns: one command line without a newline.
  public static func delete(analyzer: String, ruleName: String) -> String {
    command("delete-archive-rule", analyzer: analyzer, rule: ruleName, filter: nil)
  }

  private static func command(
    _ operation: String, analyzer: String, rule: String, filter: FilterCriteriaMap?
  )
    -> String
  {
    var words = [
      "aws", "accessanalyzer", operation, "--analyzer-name", analyzer, "--rule-name", rule,
    ]
    if let filter { words += ["--filter", filter.json.serialized(pretty: false)] }
    return words.map(ShellWord.quote).joined(separator: " ")
  }
}

/// Quoting for POSIX shells.
public enum ShellWord {
  /// The word as the shell must see it: bare when it has only characters no shell treats
  /// specially, else in single quotes (a single quote inside written `'\''`).
  /// - Parameter word: any text.
  /// - Returns: text that a POSIX shell reads back as exactly `word`.
  public static func quote(_ word: String) -> String {
    let safe = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_@%+=:,./-".utf8)
    if !word.isEmpty, word.utf8.allSatisfy(safe.contains) { return word }
    var quoted = "'"
    for scalar in word.unicodeScalars {
      if scalar == "'" { quoted += "'\\''" } else { quoted.unicodeScalars.append(scalar) }
    }
    return quoted + "'"
  }
}
