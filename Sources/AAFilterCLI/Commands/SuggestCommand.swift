import FilterDSL
import FilterEval
import FilterFormats
import FilterSuggest

/// `aafilter suggest --findings FILE|- (--expected IDS_FILE | --from-status ARCHIVED) ...`
struct SuggestCommand: Command {
  static let name = "suggest"
  static let summary =
    "suggest the fewest narrow archive rules that archive exactly what was triaged"
  static let about = """
    The expected findings are the ids in --expected (one a line; blank lines and '#' comments
    are skipped), or with --from-status ARCHIVED the findings archived by hand. Every other
    ACTIVE finding is kept: no suggested rule matches it. Rules are drawn from the expected
    findings' own values, the fewest first, then the narrowest (principals, accounts,
    resources, conditions; finding type with the role or user for unused access), never
    matching a public finding without --allow-public; each set is checked against every
    finding before it is printed (docs/suggest.md).

    Rules belong to an analyzer: each family is suggested for apart, and when several
    families get rules, --analyzer picks the one to write. Standard output gets the rules
    only: rule text by default, after the analyzer directive '# aafilter: analyzer=FAMILY',
    or any format convert writes. Standard error gets the
    report: per rule the findings it covers, why each key, its margin (the nearest kept
    finding and the key that tells it apart); every expected finding left uncovered, and
    why; --explain adds the search.

    Exit status: 0 the rules archive exactly the expected findings, 1 some expected findings
    cannot be told apart from kept ones (the rules cover the rest exactly), 2 trouble (usage,
    unreadable input, unknown ids, no expected findings, rules of several families).
    """
  static let output = Option.output(RuleOutputFormat.allCases.map(\.rawValue), default: "dsl")
    .also("--to")
  static let required = [Option.findings.name]
  static let options: [Option] =
    OptionGroup.findingsInput.map {
      $0.name == Option.quiet.name
        ? $0.described("show no progress and no report, only errors and warnings") : $0
    } + [
      .expected, .fromStatus, .analyzer,
      .maxRules.described("the most rules per family: the archive-rule quota (default 100)"), .namePrefix, .allowPublic, output,
      .analyzerName, .analyzerType, .explainSearch,
    ]

  /// The longest `--name-prefix`: the rest of a name's 255 characters say what the rule covers.
  static let maxPrefixLength = 100

  static func run(_ arguments: Arguments, console: Console) throws {
    guard let path = arguments.value(.findings) else {
      throw UsageError(message: "--findings is required")
    }
    let format = arguments.choice(output).flatMap(RuleOutputFormat.init(rawValue:)) ?? .dsl
    let options = try suggestOptions(arguments)
    if format == .terraform || format == .cliCommands, arguments.value(.analyzerName) == nil {
      throw UsageError(
        message: "\(format.rawValue) needs the analyzer's name: give --analyzer-name")
    }
    let expected: ExpectedFindings
    switch (arguments.value(.expected), arguments.value(.fromStatus)) {
    case (.some, .some):
      throw UsageError(message: "give either --expected or --from-status, not both")
    case (nil, nil):
      throw UsageError(
        message:
          "which findings should be archived? give --expected IDS_FILE or --from-status ARCHIVED")
    case (.some(let file), nil):
      if file == "-", path == "-" {
        throw UsageError(message: "--expected and --findings cannot both read standard input")
      }
      expected = .ids(try ExpectedIDsFile.read(file, console: console))
    case (nil, .some(let status)):
      expected = .status(status)
    }

    let store = try readFindings(arguments, path: path, console: console)
    let suggestion: FilterSuggest.Suggestion
    do {
      suggestion = try RuleSuggester.suggest(store, expected: expected, options: options)
    } catch let error as SuggestError {
      report(error, store: store, console: console)
      throw Reported(status: .usage)
    } catch {
      // Nothing else is documented to be thrown; whatever it is, it is trouble, not status 1.
      console.writeErrorLine("error: \(error)")
      throw Reported(status: .usage)
    }
    if suggestion.ruleSets.isEmpty, suggestion.uncovered.isEmpty {
      let scope = options.family.map { " of the \($0.displayName) family" } ?? ""
      let what: String =
        switch expected {
        case .status(let status): "no finding\(scope) has status \(status)"
        case .ids: "none of the expected findings is\(scope.isEmpty ? " of a known family" : scope)"
        }
      console.writeErrorLine("error: \(what): nothing to suggest rules for")
      throw Reported(status: .usage)
    }

    console.write(
      try SuggestOutput.text(
        suggestion, format: format, analyzerName: arguments.value(.analyzerName),
        analyzerType: arguments.value(.analyzerType), console: console))
    if arguments.has(.quiet) {
      if let warning = SuggestReportText.noRuleWarning(suggestion) {
        console.writeErrorLine(warning)
      }
    } else {
      for line in SuggestReportText.lines(
        suggestion, maxRules: options.maxRules, explain: arguments.has(.explainSearch))
      {
        console.writeErrorLine(line)
      }
    }
    if !suggestion.isExact { throw Reported(status: .invalidInput) }
  }

  /// The library's options from the command line; a prefix no rule name can start with is a
  /// usage error before anything is read.
  static func suggestOptions(_ arguments: Arguments) throws -> SuggestOptions {
    var options = SuggestOptions()
    options.family = try AnalyzerOption.given(arguments)
    if let quota = arguments.integer(.maxRules) { options.maxRules = quota }
    if let prefix = arguments.value(.namePrefix) {
      guard ArchiveRule.isValidName(prefix), prefix.utf8.count <= maxPrefixLength else {
        throw UsageError(
          message:
            "'\(DisplayText.escape(prefix))' cannot start a rule name: give a letter, then letters, digits, '_', '.' or '-', at most \(maxPrefixLength) in all"
        )
      }
      options.namePrefix = prefix
    }
    options.allowPublic = arguments.has(.allowPublic)
    return options
  }

  /// Every finding in one store, so the library tests separation on its columns; trouble
  /// reading is exit status 2.
  private static func readFindings(_ arguments: Arguments, path: String, console: Console) throws
    -> FindingStore
  {
    do {
      return try FindingsInput(arguments, path: path, console: console).readAll(console: console).0
    } catch is Reported {
      throw Reported(status: .usage)
    } catch {
      // A read that fails midway (a directory, a device) is trouble too: exit status 1 means
      // that rules were printed and some expected findings are uncovered.
      console.writeErrorLine("error: \(error)")
      throw Reported(status: .usage)
    }
  }

  /// Unknown ids, each with the closest known id when one is near; or a rejected option.
  private static func report(_ error: SuggestError, store: FindingStore, console: Console) {
    switch error.kind {
    case .invalidOption(let message):
      console.writeErrorLine("error: \(message)")
    case .unknownIDs(let ids):
      let count = ids.count
      console.writeErrorLine(
        "error: \(count == 1 ? "1 expected id is" : "\(count) expected ids are") not among the findings"
      )
      var known = UnknownIDHints(store: store)
      for id in ids.prefix(20) {
        let hint = known.closest(to: id).map { " (did you mean '\($0)'?)" } ?? ""
        console.writeErrorLine("  \(id)\(hint)")
      }
      if count > 20 { console.writeErrorLine("  ... and \(count - 20) more") }
    }
  }
}
