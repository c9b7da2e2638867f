import FilterDSL

/// Filters and rules from the command line: DSL text or API JSON, detected or forced.
enum RuleSources {
  enum Format: String, CaseIterable {
    case auto, dsl, json
  }

  static func format(_ arguments: Arguments) throws -> Format {
    Format(
      rawValue: try arguments.choice(
        "--rule-format", Format.allCases.map(\.rawValue), default: "auto")) ?? .auto
  }

  /// `--filter`: one filter map and an optional sort.
  static func filter(_ text: String, format: Format, console: Console) throws -> (
    FilterCriteriaMap, SortCriteria?
  ) {
    if isJSON(text, format) {
      switch try decodeJSON(Array(text.utf8), name: "--filter", console: console) {
      case .filterMap(let map, let sort): return (map, sort)
      case .filterMaps(let maps) where maps.count == 1: return (maps[0], nil)
      case .rules(let rules) where rules.count == 1: return (rules[0].filter, nil)
      default:
        console.writeErrorLine("error: --filter: expected one filter map")
        throw Reported()
      }
    }
    let input = RuleInput(text: text, name: "filter")
    do {
      let expression = try FilterExpression(parsing: text)
      return (try expression.filterMap(), expression.sort)
    } catch let error as DiagnosticError {
      input.report(error.diagnostics, console: console)
      throw Reported()
    }
  }

  /// `--rule [NAME=]EXPR ...` and `--rules FILE`, in that order, as archive rules.
  static func rules(_ arguments: Arguments, console: Console) throws -> [ArchiveRule] {
    let format = try format(arguments)
    let split = arguments.has("--split")
    var rules: [ArchiveRule] = []
    for (index, text) in arguments.all("--rule").enumerated() {
      rules += try rule(
        text, defaultName: "Rule\(index + 1)", format: format, split: split, console: console)
    }
    if let path = arguments.value("--rules") {
      let bytes = path == "-" ? console.readInput() : try readFile(path, console: console)
      rules += try ruleFile(
        bytes, name: path == "-" ? "<stdin>" : path, format: format, split: split, console: console)
    }
    guard !rules.isEmpty else {
      throw UsageError(message: "give at least one rule with --rule or --rules")
    }
    return rules
  }

  /// `NAME=EXPR` when the part before `=` is a valid rule name and the rest parses;
  /// otherwise the whole text is the expression (`isPublic=true` is a predicate).
  private static func rule(
    _ text: String, defaultName: String, format: Format, split: Bool, console: Console
  ) throws -> [ArchiveRule] {
    var name = defaultName
    var body = text
    if let equals = text.firstIndex(of: "=") {
      let candidate = String(text[..<equals])
      let rest = String(text[text.index(after: equals)...])
      if ArchiveRule.isValidName(candidate),
        isJSON(rest, format) || (try? FilterExpression(parsing: rest)) != nil
          || (try? FilterExpression(parsing: text)) == nil
      {
        name = candidate
        body = rest
      }
    }
    if isJSON(body, format) {
      return named(try decodeJSON(Array(body.utf8), name: "--rule", console: console), name)
    }
    let input = RuleInput(text: body, name: "rule")
    do {
      let maps = try FilterExpression(parsing: body).filterMaps(splitting: split)
      return maps.count == 1
        ? [ArchiveRule(ruleName: name, filter: maps[0])]
        : maps.enumerated().map {
          ArchiveRule(ruleName: "\(name)-\($0.offset + 1)", filter: $0.element)
        }
    } catch let error as DiagnosticError {
      input.report(error.diagnostics, console: console)
      throw Reported()
    }
  }

  private static func ruleFile(
    _ bytes: [UInt8], name: String, format: Format, split: Bool, console: Console
  ) throws -> [ArchiveRule] {
    if format == .json || (format == .auto && RuleJSON.looksLikeJSON(bytes)) {
      return named(try decodeJSON(bytes, name: name, console: console), "Rule1")
    }
    let input = try RuleInput.decodeFile(bytes, name: name, console: console)
    switch try input.parse(console: console) {
    case .ruleSet(let set):
      let (rules, diagnostics) = set.compile(options: CompileOptions(split: split))
      guard !diagnostics.hasErrors else {
        input.report(diagnostics, console: console)
        throw Reported()
      }
      return rules
    case .expression:
      return try rule(
        input.text, defaultName: "Rule1", format: .dsl, split: split, console: console)
    }
  }

  private static func named(_ json: RuleJSON, _ name: String) -> [ArchiveRule] {
    switch json {
    case .rules(let rules): rules
    case .filterMap(let map, _): [ArchiveRule(ruleName: name, filter: map)]
    case .filterMaps(let maps):
      maps.count == 1
        ? [ArchiveRule(ruleName: name, filter: maps[0])]
        : maps.enumerated().map {
          ArchiveRule(ruleName: "\(name)-\($0.offset + 1)", filter: $0.element)
        }
    }
  }

  private static func isJSON(_ text: String, _ format: Format) -> Bool {
    format == .json || (format == .auto && RuleJSON.looksLikeJSON(Array(text.utf8)))
  }

  private static func decodeJSON(_ bytes: [UInt8], name: String, console: Console) throws
    -> RuleJSON
  {
    do {
      return try RuleJSON.decode(bytes)
    } catch let error as RuleJSONError {
      console.writeErrorLine("error: \(name): \(error.message)")
      throw Reported()
    }
  }
}
