import FilterDSL

extension Linter {
  /// Lints rules read in any format: the reader's import diagnostics (positioned in the
  /// source), then, when they have no error, every check on each rule's canonical text.
  ///
  /// Checks found on the canonical text are moved to the rule in the source (its name, or the
  /// start of a bare map), since JSON, CloudFormation and Terraform keep no spans for
  /// predicates; their fixes are dropped for the same reason.
  /// - Parameters:
  ///   - document: what `RuleReader.read` returned.
  ///   - options: what to check for.
  /// - Returns: one rule report per rule, import problems in the rule they fall in.
  public static func lint(_ document: RuleDocument, options: LintOptions = LintOptions())
    -> LintReport
  {
    let source = document.source
    // The reader refused the bytes; `source` is a repaired copy whose later positions are not
    // the file's, so nothing is checked on it.
    if document.diagnostics.contains(where: { $0.code == .invalidUTF8 }) {
      return LintReport(
        source: source, rules: [.init(name: nil, range: nil, diagnostics: document.diagnostics)])
    }
    if document.format == .json {
      // Every diagnostic at its key, operator or value in the JSON.
      return lint(json: Array(source.utf8), options: options)
    }
    if document.format == .dsl {
      guard document.content != nil else {
        var diagnostics = document.diagnostics
        if let given = options.analyzer,
          let overridden = document.analyzerDirective?.overridden(by: given)
        {
          diagnostics = sorted(diagnostics + [overridden])
        }
        var report = LintReport(
          source: source, rules: [.init(name: nil, range: nil, diagnostics: diagnostics)])
        // As `Linter.lint(source)` does on syntax errors: the family stated, else the default.
        report.family = resolveFamily(
          [], options: options, directive: document.analyzerDirective?.family)
        return report
      }
      // The text is linted as it is, directive included.
      return Linter.lint(source, options: options)
    }
    let origin = SourceRange(start: 0, end: min(1, source.utf8.count))
    let printer = FilterPrinter()
    var reports: [LintReport.RuleReport] = []
    // Checks on what an import error left behind would mislead (a map missing the criterion
    // that failed to read looks broad), so they wait until the source reads cleanly.
    let content = document.diagnostics.hasErrors ? nil : document.content
    // One family for the whole input, settled once and then given to each rule's lint; a
    // template's analyzer type settles it when the caller did not.
    var familyOptions = options
    if familyOptions.analyzer == nil, let type = document.analyzerType {
      familyOptions.analyzer = AnalyzerFamily(name: type)
    }
    let texts: [String]
    switch content {
    case .filter(let map, let sort): texts = [printer.print(map, sort: sort)]
    case .filters(let maps): texts = maps.map { printer.print($0) }
    case .rules(let rules): texts = [printer.print(rules)]
    case .text, nil: texts = []
    }
    let family = resolveFamily(
      texts.flatMap { text -> [Query] in
        switch FilterSource.parse(text, limits: options.limits).0 {
        case .query(let query): [query]
        case .ruleSet(let rules): rules.map(\.body)
        }
      }, options: familyOptions)
    func lintText(_ text: String, options: LintOptions) -> LintReport {
      Linter.lint(text, options: options, family: family)
    }
    switch content {
    case nil: break
    case .text: return Linter.lint(source, options: options)
    case .filter(let map, let sort):
      let report = lintText(printer.print(map, sort: sort), options: options)
      reports = [
        .init(
          name: nil, range: origin, diagnostics: report.diagnostics.map { anchored($0, at: origin) }
        )
      ]
    case .filters(let maps):
      for map in maps {
        let report = lintText(printer.print(map), options: options)
        reports.append(
          .init(
            name: nil, range: origin,
            diagnostics: report.diagnostics.map { anchored($0, at: origin) }))
      }
    case .rules(let rules):
      var setOptions = options
      setOptions.context = .archiveRule
      let report = lintText(printer.print(rules), options: setOptions)
      for (index, rule) in report.rules.enumerated() {
        let anchor = index < document.ruleRanges.count ? document.ruleRanges[index] : origin
        reports.append(
          .init(
            name: rule.name, range: anchor,
            diagnostics: rule.diagnostics.map { anchored($0, at: anchor) }))
      }
    }
    if reports.isEmpty { reports = [.init(name: nil, range: origin, diagnostics: [])] }
    // Import problems go to the rule named last before them.
    for diagnostic in document.diagnostics {
      let target =
        reports.lastIndex { ($0.range?.start ?? 0) <= diagnostic.range.start && $0.name != nil }
        ?? 0
      let duplicate = reports[target].diagnostics.contains {
        $0.code == diagnostic.code && $0.range == diagnostic.range
      }
      if !duplicate { reports[target].diagnostics.append(diagnostic) }
    }
    for index in reports.indices {
      reports[index].diagnostics = sorted(reports[index].diagnostics)
    }
    var report = LintReport(source: source, rules: reports)
    report.family = family
    return report
  }

  private static func anchored(_ diagnostic: Diagnostic, at range: SourceRange) -> Diagnostic {
    var moved = diagnostic
    moved.range = range
    moved.label = nil
    moved.fix = nil
    moved.notes = diagnostic.notes.map { Diagnostic.Note($0.message) }
    return moved
  }
}
