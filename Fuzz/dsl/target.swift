@testable import FilterDSL
@testable import FilterEval

/// Arbitrary bytes into the rule language: lex, parse, compile (one map and split), lint,
/// render, print and format. Invariants: no crash or hang; every diagnostic range lies inside the
/// input; compiled maps print to text that compiles to the same maps; formatted text (comments
/// kept) compiles to the same rules under the same directive and formats to itself; the maps, and the maps reduced
/// as diff compares them, agree with a direct evaluation of the expression tree on findings
/// generated from the expression's own values.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDSL(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = Array(UnsafeBufferPointer(start: data, count: size))
  let (document, diagnostics) = FilterSource.parse(bytes: bytes)
  requireInside(diagnostics, count: bytes.count)
  let source = String(decoding: bytes, as: UTF8.self)
  _ = DiagnosticRenderer(colored: true).render(diagnostics, source: source, name: "fuzz")
  let report = Linter.lint(source)
  requireInside(report.diagnostics, count: source.utf8.count)
  _ = report.rendered(name: "fuzz")
  _ = report.sarif(file: "fuzz", toolVersion: "0").serialized()
  guard !diagnostics.hasErrors else { return 0 }
  requireFormatted(source)
  var random = InputSeededGenerator(bytes)
  switch document {
  case .query(let query):
    let expression = FilterExpression(source: source, query: query)
    for split in [false, true] {
      let (maps, compileDiagnostics) = expression.compile(options: CompileOptions(split: split))
      requireInside(compileDiagnostics, count: bytes.count)
      guard !compileDiagnostics.hasErrors else { continue }
      requireRoundTrip(maps, split: split)
      if let tree = query.expression {
        requireAgreement(tree, maps, &random)
        // What diff compares must match what the maps match; a map that matches nothing has
        // no reduced form and is left out of the union.
        requireAgreement(tree, maps.compactMap { FilterMeaning($0).reduced }, &random)
      }
    }
  case .ruleSet:
    guard let ruleSet = try? RuleSet(parsing: source) else {
      require(false, "a rule set without syntax errors failed to parse again")
      return 0
    }
    let (rules, compileDiagnostics) = ruleSet.compile()
    requireInside(compileDiagnostics, count: bytes.count)
    guard !compileDiagnostics.hasErrors else { return 0 }
    let printed = FilterPrinter().print(rules)
    let reparsed = try? RuleSet(parsing: printed).archiveRules()
    require(reparsed == rules, "printed rule set compiles differently:\n\(printed)")
    for (definition, rule) in zip(ruleSet.rules, rules) where definition.body.expression != nil {
      if let tree = definition.body.expression {
        requireAgreement(tree, [rule.filter], &random)
        requireAgreement(tree, FilterMeaning(rule.filter).reduced.map { [$0] } ?? [], &random)
      }
    }
  }
  return 0
}

private func requireInside(_ diagnostics: [Diagnostic], count: Int) {
  for diagnostic in diagnostics {
    let ranges =
      [diagnostic.range] + diagnostic.notes.compactMap(\.range)
      + (diagnostic.fix.map { [$0.range] } ?? [])
    for range in ranges {
      require(
        0 <= range.start && range.start <= range.end && range.end <= count,
        "diagnostic range \(range) outside input of \(count) bytes: \(diagnostic.message)")
    }
  }
}

/// `aafilter format`'s text, comments kept: it compiles to what the input compiles to, keeps
/// the header's analyzer directive, and formats to itself.
private func requireFormatted(_ source: String) {
  var options = CompileOptions(split: true)
  options.limits.maxValuesPerOperator = .max
  options.limits.maxFilterMaps = .max
  options.limits.maxRules = .max
  let result = FilterCompiler.compile(source, options: options)
  guard !result.hasErrors else { return }
  let printer = FilterPrinter()
  let formatted = printer.printKeepingComments(result, limits: options.limits)
  let again = FilterCompiler.compile(formatted, options: options)
  require(
    !again.hasErrors && again.maps == result.maps && again.sort == result.sort
      && again.rules == result.rules,
    "formatted text compiles differently:\n\(formatted)")
  require(
    AnalyzerDirective.find(in: formatted).directive?.family
      == AnalyzerDirective.find(in: source).directive?.family,
    "formatting changed the analyzer directive:\n\(formatted)")
  require(
    printer.printKeepingComments(again, limits: options.limits) == formatted,
    "formatting is not idempotent:\n\(formatted)")
}

private func requireRoundTrip(_ maps: [FilterCriteriaMap], split: Bool) {
  let printed = FilterPrinter().print(maps)
  let again = try? FilterExpression(parsing: printed).filterMaps(splitting: split)
  require(
    again.map(Set.init) == Set(maps),
    "printed maps compile differently:\n\(printed)\nwas: \(maps)\nnow: \(again.map(String.init(describing:)) ?? "an error")"
  )
}

/// Compares the maps (their union) with the tree on a few findings built from the values the
/// expression mentions, where the interesting boundaries are.
private func requireAgreement(
  _ tree: ExpressionNode, _ maps: [FilterCriteriaMap], _ random: inout InputSeededGenerator
) {
  var values: [String: [String]] = [:]
  collect(tree, into: &values)
  let matchers = maps.map(FindingMatcher.init)
  for _ in 0..<6 {
    guard let finding = generatedFinding(values, &random) else { continue }
    let expected = referenceEvaluate(tree, finding)
    let actual = matchers.contains { $0.matches(finding) }
    require(
      expected == actual,
      "maps \(maps) say \(actual), the tree says \(expected) for \(finding.json.text)")
  }
}

private func collect(_ node: ExpressionNode, into values: inout [String: [String]]) {
  switch node {
  case .predicate(let predicate):
    values[predicate.key.value, default: []] += predicate.values.map(\.value)
  case .not(let operand, _): collect(operand, into: &values)
  case .and(let operands, _), .or(let operands, _):
    for operand in operands { collect(operand, into: &values) }
  }
}
