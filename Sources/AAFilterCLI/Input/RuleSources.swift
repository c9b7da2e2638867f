import FilterDSL
import FilterFormats

/// Filters and rules from the command line, in any rule format, detected or forced.
enum RuleSources {
  /// `--from` (or another format option): `nil` for auto-detection.
  static func format(_ arguments: Arguments, option: Option = .from) -> RuleFormat? {
    arguments.choice(option).flatMap(RuleFormat.init(rawValue:))
  }

  /// `--filter EXPR` or `--rules FILE`: one filter map and an optional sort.
  static func filter(_ arguments: Arguments, console: Console) throws -> (
    FilterCriteriaMap, SortCriteria?
  ) {
    let input: RuleInput
    switch (arguments.value(.filter), arguments.value(.rules)) {
    case (let text?, nil): input = RuleInput(bytes: Array(text.utf8), name: "filter")
    case (nil, let path?): input = try RuleInput.file(path, console: console)
    case (.some, .some):
      throw UsageError(message: "give the filter either with --filter or with --rules, not both")
    case (nil, nil): throw UsageError(message: "--filter is required (or --rules FILE)")
    }
    let document = input.read(format: format(arguments), analyzer: arguments.value(.analyzerName))
    switch try input.compile(document, options: CompileOptions(), console: console) {
    case .filters(let maps, let sort) where maps.count == 1: return (maps[0], sort)
    case .rules(let rules) where rules.count == 1: return (rules[0].filter, nil)
    default:
      let source = input.name == "filter" ? "--filter" : input.name
      console.writeErrorLine("error: \(source): expected one filter map")
      throw Reported()
    }
  }

  /// `--rule [NAME=]EXPR ...` and `--rules FILE`, in that order, as archive rules.
  /// - Parameter emptySet: whether a `--rules` file holding the empty rule set
  ///   (`{"archiveRules": []}`, as `suggest` writes when it suggests no rule) is zero rules
  ///   rather than a usage error; `preview` of it then archives nothing.
  static func rules(_ arguments: Arguments, console: Console, emptySet: Bool = false) throws
    -> [ArchiveRule]
  {
    let format = format(arguments)
    let options = CompileOptions(split: arguments.has(.split))
    var rules: [ArchiveRule] = []
    for (index, text) in arguments.all(.rule).enumerated() {
      let (name, body) = splitName(text, format: format)
      let input = RuleInput(bytes: Array(body.utf8), name: "rule")
      rules += try input.rules(
        input.read(format: format), options: options, defaultName: name ?? "Rule\(index + 1)",
        console: console)
    }
    if let path = arguments.value(.rules) {
      let input = try RuleInput.file(path, console: console)
      rules += try input.rules(
        input.read(format: format, analyzer: arguments.value(.analyzerName)), options: options,
        defaultName: "Rule1", console: console)
    }
    guard !rules.isEmpty || (emptySet && arguments.value(.rules) != nil) else {
      throw UsageError(message: "give at least one rule with --rule or --rules")
    }
    return rules
  }

  /// `NAME=EXPR` when the part before `=` is a valid rule name and the rest reads; otherwise
  /// the whole text is the expression (`isPublic=true` is a predicate).
  private static func splitName(_ text: String, format: RuleFormat?) -> (String?, String) {
    guard let equals = text.firstIndex(of: "=") else { return (nil, text) }
    let candidate = String(text[..<equals])
    let rest = String(text[text.index(after: equals)...])
    guard ArchiveRule.isValidName(candidate) else { return (nil, text) }
    func reads(_ body: String) -> Bool {
      !RuleReader.read(Array(body.utf8), format: format).diagnostics.hasErrors
    }
    let restFormat = format ?? RuleFormat.detect(Array(rest.utf8))
    return restFormat != .dsl || reads(rest) || !reads(text) ? (candidate, rest) : (nil, text)
  }
}
