import FilterDSL
import FilterFormats

/// Filters and rules from the command line, in any rule format, detected or forced.
enum RuleSources {
  /// `--from` (or another format option): `nil` for auto-detection.
  static func format(_ arguments: Arguments, option: Option = .from) -> RuleFormat? {
    arguments.choice(option).flatMap(RuleFormat.init(rawValue:))
  }

  /// `--filter EXPR` or `--rules FILE`: one filter map, an optional sort, and the text's
  /// analyzer directive.
  static func filter(_ arguments: Arguments, console: Console) throws -> (
    FilterCriteriaMap, SortCriteria?, AnalyzerDirective?
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
    let compiled = try input.compile(document, options: CompileOptions(), console: console)
    try AnalyzerOption.warnIfOverridden(
      arguments, document: document, input: input, console: console)
    switch compiled {
    case .filters(let maps, let sort) where maps.count == 1:
      return (maps[0], sort, document.analyzerDirective)
    case .rules(let rules) where rules.count == 1:
      return (rules[0].filter, nil, document.analyzerDirective)
    default:
      let source = input.name == "filter" ? "--filter" : input.name
      console.writeErrorLine("error: \(source): expected one filter map")
      throw Reported()
    }
  }

  /// Archive rules from the command line, and the analyzer directive their text carries.
  struct RuleSet {
    var rules: [ArchiveRule]
    /// The first directive among the sources; the others agree with it.
    var directive: AnalyzerDirective?
  }

  /// `--rule [NAME=]EXPR ...` and `--rules FILE`, in that order, as archive rules. Sources whose
  /// analyzer directives name different families are an error: the rules are for one analyzer.
  /// - Parameter emptySet: whether a `--rules` file holding the empty rule set
  ///   (`{"archiveRules": []}`, as `suggest` writes when it suggests no rule) is zero rules
  ///   rather than a usage error; `preview` of it then archives nothing.
  static func rules(_ arguments: Arguments, console: Console, emptySet: Bool = false) throws
    -> RuleSet
  {
    let format = format(arguments)
    var options = CompileOptions(split: arguments.has(.split))
    // A raised quota (1,000 after an increase), for the commands that take --max-rules.
    if let quota = arguments.integer(.maxRules) { options.limits.maxRules = quota }
    var set = RuleSet(rules: [], directive: nil)
    func add(_ input: RuleInput, _ document: RuleDocument, defaultName: String) throws {
      set.rules += try input.rules(
        document, options: options, defaultName: defaultName, console: console)
      try AnalyzerOption.warnIfOverridden(
        arguments, document: document, input: input, console: console)
      guard let directive = document.analyzerDirective else { return }
      guard let first = set.directive else {
        set.directive = directive
        return
      }
      if first.family != directive.family {
        console.writeErrorLine(
          "error: \(input.name): the analyzer directive names \(directive.family.displayName), but an earlier rule source's names \(first.family.displayName)"
        )
        throw Reported()
      }
    }
    for (index, text) in arguments.all(.rule).enumerated() {
      let (name, body) = splitName(text, format: format)
      let input = RuleInput(bytes: Array(body.utf8), name: "rule")
      try add(input, input.read(format: format), defaultName: name ?? "Rule\(index + 1)")
    }
    if let path = arguments.value(.rules) {
      let input = try RuleInput.file(path, console: console)
      try add(
        input, input.read(format: format, analyzer: arguments.value(.analyzerName)),
        defaultName: "Rule1")
    }
    guard !set.rules.isEmpty || (emptySet && arguments.value(.rules) != nil) else {
      throw UsageError(message: "give at least one rule with --rule or --rules")
    }
    return set
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
    // `key={eq=[a]}` is one shorthand filter, not the rule `key` with the JSON `{eq=[a]}`.
    if format == nil, RuleFormat.detect(Array(text.utf8)) == .cliShorthand, !reads(rest) {
      return (nil, text)
    }
    return restFormat != .dsl || reads(rest) || !reads(text) ? (candidate, rest) : (nil, text)
  }
}
