extension Linter {
  /// Lints rule JSON (a filter map, an array of maps, a ListFindings-style request,
  /// `get-archive-rule` or `list-archive-rules` output) in one pass over the text.
  ///
  /// The maps are checked as they are, never printed and parsed again, and every diagnostic
  /// points into the JSON: at the key, operator or value concerned, and rule-wide findings at
  /// the rule's name. `"exists": "true"` is read as the boolean, with a warning.
  /// - Parameters:
  ///   - bytes: the JSON text.
  ///   - options: the context and limits to check against.
  /// - Returns: one rule report per map or rule; a single error report when the JSON cannot
  ///   be read as filters, or when it is not UTF-8 (`invalid-utf8` at the first bad byte).
  public static func lint(json bytes: [UInt8], options: LintOptions = LintOptions()) -> LintReport {
    let source = String(decoding: bytes, as: UTF8.self)
    var reader = RuleJSONReader(lenientExists: true)
    let located: LocatedRuleJSON
    do {
      located = try reader.read(bytes)
    } catch let error as RuleJSONError {
      let range = error.range ?? SourceRange(start: 0, end: min(1, bytes.count))
      return LintReport(
        source: source,
        rules: [
          .init(name: nil, range: nil, diagnostics: [.error(error.code, error.message, at: range)])
        ])
    } catch {
      return LintReport(source: source, rules: [])
    }
    let warnings = located.stringExists.map { path, range in
      Diagnostic(
        .warning, .existsAsString,
        "'\(path)' is a string; the API takes the JSON boolean true or false", at: range,
        help: "write \"exists\": true, not \"exists\": \"true\"",
        fix: .init(range: range, replacement: Self.unquoted(range, in: bytes)))
    }
    var reports: [LintReport.RuleReport] = []
    let queries: [Query]
    var definitions: [RuleDefinition] = []
    switch located.decoded {
    case .filterMap(let map, let sort):
      queries = [Self.query(map, sort: sort, in: located.filters.first, source: bytes)]
    case .filterMaps(let maps):
      queries = zip(maps, located.filters).map { Self.query($0, sort: nil, in: $1, source: bytes) }
    case .rules(let rules):
      definitions = zip(rules, zip(located.filters, located.names)).map { rule, located in
        let (node, name) = located
        let body = Self.query(rule.filter, sort: nil, in: node, source: bytes)
        return RuleDefinition(
          name: Located(rule.ruleName, range: name), body: body, range: name.union(node.range))
      }
      queries = definitions.map(\.body)
    }
    // One family for the whole input, settled once and then given to each rule's lint.
    let family = resolveFamily(queries, options: options)
    if case .rules = located.decoded {
      var setOptions = options
      setOptions.context = .archiveRule
      let report = lintRuleSet(definitions, source: source, options: setOptions, family: family)
      // A rule's report is anchored at its name, where people look for it in the file.
      reports = zip(report.rules, located.names).map { rule, name in
        var rule = rule
        rule.range = name
        return rule
      }
    } else {
      reports = queries.map {
        lintQuery($0, options: options, family: family, anchor: $0.range, source: bytes).0
      }
    }
    if reports.isEmpty {
      reports = [
        .init(name: nil, range: SourceRange(start: 0, end: min(1, bytes.count)), diagnostics: [])
      ]
    }
    reports[0].diagnostics = sorted(warnings + reports[0].diagnostics)
    var report = LintReport(source: source, rules: reports)
    report.family = family
    return report
  }

  /// The text of a JSON string without its quotes (`"true"` → `true`).
  private static func unquoted(_ range: SourceRange, in bytes: [UInt8]) -> String {
    guard range.length >= 2, range.end <= bytes.count else { return "" }
    return String(decoding: bytes[(range.start + 1)..<(range.end - 1)], as: UTF8.self)
  }

  /// A map's tree with every span in the JSON text: keys at their member names, operators at
  /// theirs, values at their strings.
  static func query(
    _ map: FilterCriteriaMap, sort: SortCriteria?, in node: LocatedJSON?, source: [UInt8]
  ) -> Query {
    let range = node?.range ?? SourceRange(start: 0, end: min(1, source.count))
    return query(map, sort: nil, range: range) { key, op, criterion in
      guard let member = node?.member(key) else {
        return PredicateSpans(key: range, op: range, values: [], whole: range)
      }
      let opMember = member.value.member(op.rawValue)
      let opRange = opMember?.keyRange ?? member.keyRange
      var values: [SourceRange] = []
      if case .array(let elements)? = opMember?.value.value {
        values = elements.map(\.range)
      }
      let count = Linter.operators(criterion).first { $0.0 == op }?.1.count ?? 0
      if values.count != count { values = Array(repeating: opRange, count: count) }
      return PredicateSpans(
        key: member.keyRange, op: opRange, values: values,
        whole: member.keyRange.union(opMember?.value.range ?? member.value.range))
    }
  }
}
