/// Where each part of one predicate was written, for a predicate made from a filter map.
struct PredicateSpans {
  var key: SourceRange
  var op: SourceRange
  var values: [SourceRange]
  var whole: SourceRange
}

extension Linter {
  /// Lints a filter map as it is, without printing or parsing it (a map from an SDK, or
  /// decoded from JSON).
  ///
  /// The report's source is the map's canonical rule text, which its diagnostics point into.
  /// - Parameters:
  ///   - map: the filter map.
  ///   - sort: a ListFindings sort to check with it (only allowed for `.listFindings`).
  ///   - options: the context and limits to check against.
  /// - Returns: the report: one rule report holding every diagnostic.
  public static func lint(
    _ map: FilterCriteriaMap, sort: SortCriteria? = nil, options: LintOptions = LintOptions()
  ) -> LintReport {
    var text = CanonicalText()
    let query = text.query(map, sort: sort)
    let whole = SourceRange(start: 0, end: text.source.utf8.count)
    let family = resolveFamily([query], options: options)
    var report = LintReport(
      source: text.source,
      rules: [
        lintQuery(
          query, options: options, family: family, anchor: whole, source: Array(text.source.utf8)
        ).0
      ])
    report.family = family
    return report
  }

  /// Lints archive rules as they are (from `list-archive-rules`, an SDK, or a tool's own
  /// store), with the checks across rules (names, quota, shadowed and overlapping rules).
  ///
  /// The report's source is the rules' canonical rule-set text, which its diagnostics point
  /// into.
  /// - Parameters:
  ///   - rules: the archive rules, in order.
  ///   - options: the limits to check against (the context is always archive rules).
  /// - Returns: one rule report per rule.
  public static func lint(_ rules: [ArchiveRule], options: LintOptions = LintOptions())
    -> LintReport
  {
    var text = CanonicalText()
    let definitions = text.ruleSet(rules)
    let family = resolveFamily(definitions.map(\.body), options: options)
    var report = lintRuleSet(
      definitions, source: text.source, options: options, family: family)
    report.family = family
    return report
  }

  /// The expression tree a filter map stands for: the `and` of one predicate per operator.
  static func query(
    _ map: FilterCriteriaMap, sort: SortClause?, range: SourceRange,
    spans: (String, ComparisonOperator, Criterion) -> PredicateSpans
  ) -> Query {
    var predicates: [ExpressionNode] = []
    for key in map.sortedKeys {
      guard let criterion = map[key] else { continue }
      for (op, values) in operators(criterion) {
        let at = spans(key, op, criterion)
        predicates.append(
          .predicate(
            Predicate(
              key: Located(key, range: at.key), op: op,
              negated: op == .exists && criterion.exists == false,
              values: zip(values, at.values).map { Located($0, range: $1) },
              isList: values.count > 1, operatorRange: at.op, range: at.whole)))
      }
    }
    let expression: ExpressionNode? =
      predicates.count > 1
      ? .and(predicates, range: range) : predicates.first
    return Query(expression: expression, sort: sort, range: range)
  }

  /// The operators a criterion sets, with their values, in the order eq, neq, contains,
  /// exists.
  static func operators(_ criterion: Criterion) -> [(ComparisonOperator, [String])] {
    [
      criterion.eq.map { (.eq, $0) }, criterion.neq.map { (.neq, $0) },
      criterion.contains.map { (.contains, $0) }, criterion.exists.map { _ in (.exists, []) },
    ].compactMap { $0 }
  }
}

/// Canonical rule text written while the tree is built, so every node has its span.
struct CanonicalText {
  var source = ""
  private var offset: Int { source.utf8.count }

  private mutating func append(_ text: String) -> SourceRange {
    let start = offset
    source += text
    return SourceRange(start: start, end: offset)
  }

  mutating func query(_ map: FilterCriteriaMap, sort: SortCriteria?) -> Query {
    let start = offset
    var first = true
    let bodyQuery = Linter.query(
      map, sort: nil, range: SourceRange(start: start, end: start)
    ) { key, op, criterion in
      if !first { _ = append(" and ") }
      first = false
      let keyRange = append(FilterPrinter.literal(key))
      let values = Linter.operators(criterion).first { $0.0 == op }?.1 ?? []
      var opText: String
      switch op {
      case .eq: opText = values.count > 1 ? "in" : "eq"
      case .neq: opText = values.count > 1 ? "not in" : "neq"
      case .contains: opText = "contains"
      case .exists: opText = criterion.exists == false ? "not exists" : "exists"
      }
      _ = append(" ")
      let opRange = append(opText)
      var valueRanges: [SourceRange] = []
      if op != .exists {
        _ = append(values.count > 1 ? " [" : " ")
        for (index, value) in values.enumerated() {
          if index > 0 { _ = append(", ") }
          valueRanges.append(append(FilterPrinter.literal(value)))
        }
        if values.count > 1 { _ = append("]") }
      }
      return PredicateSpans(
        key: keyRange, op: opRange, values: valueRanges,
        whole: SourceRange(start: keyRange.start, end: offset))
    }
    var clause: SortClause?
    if let sort {
      let clauseStart = offset + (offset > start ? 1 : 0)
      if offset > start { _ = append(" ") }
      _ = append("order by ")
      let attribute = append(FilterPrinter.literal(sort.attributeName))
      _ = append(sort.orderBy == .ascending ? " asc" : " desc")
      clause = SortClause(
        attribute: Located(sort.attributeName, range: attribute), order: sort.orderBy,
        range: SourceRange(start: clauseStart, end: offset))
    }
    var query = bodyQuery
    query.sort = clause
    query.range = SourceRange(start: start, end: offset)
    if case .and(let operands, _)? = query.expression {
      query.expression = .and(operands, range: query.range)
    }
    return query
  }

  mutating func ruleSet(_ rules: [ArchiveRule]) -> [RuleDefinition] {
    rules.enumerated().map { index, rule in
      if index > 0 { _ = append("\n\n") }
      let start = offset
      _ = append("rule ")
      let name = append(FilterPrinter.literal(rule.ruleName))
      _ = append(" {")
      let body: Query
      if rule.filter.isEmpty {
        // As the printer writes it: `rule NAME { }`.
        body = query(rule.filter, sort: nil)
        _ = append(" }")
      } else {
        _ = append("\n  ")
        body = query(rule.filter, sort: nil)
        _ = append("\n}")
      }
      return RuleDefinition(
        name: Located(rule.ruleName, range: name), body: body,
        range: SourceRange(start: start, end: offset))
    }
  }
}
