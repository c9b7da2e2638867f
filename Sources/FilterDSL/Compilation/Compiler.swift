/// How an expression becomes filter maps.
public struct CompileOptions: Hashable, Sendable {
  /// Split an expression that needs `or` across keys into several maps whose union is exactly
  /// the expression (one archive rule each), instead of failing.
  public var split = false
  /// The limits to enforce: values per operator, maps, nesting and the rest.
  public var limits = Limits.default
  /// Keys whose attribute is a list of strings; there `eq` means "some element equals".
  public var listValuedKeys: Set<String> = FilterKeyCatalog.listValuedKeys

  /// Options for ``FilterCompiler/compile(_:options:)``.
  /// - Parameters:
  ///   - split: split `or` across keys into several maps instead of failing.
  ///   - limits: the limits to enforce.
  public init(split: Bool = false, limits: Limits = .default) {
    self.split = split
    self.limits = limits
  }
}

/// Turns an expression into the filter maps the API takes, preserving its meaning exactly.
///
/// `not` is pushed inward (De Morgan), the expression is brought to disjunctive normal form one
/// connective at a time, and after each step conjunctions that differ only in one key's `eq` or
/// `contains` list are merged, so `(a eq 1 or a eq 2) and b eq 3` never grows past one term.
/// Conjunctions that can never match are dropped; when all are, that is an error.
struct Compiler {
  let options: CompileOptions
  private(set) var diagnostics: [Diagnostic] = []
  var firstConflict: Diagnostic?
  /// The first `or` whose operands could not merge, named when one map was asked for.
  var firstSplit: SourceRange?

  init(options: CompileOptions) {
    self.options = options
  }

  static func compile(_ query: Query, options: CompileOptions) -> (
    [FilterCriteriaMap], [Diagnostic]
  ) {
    var compiler = Compiler(options: options)
    let maps = compiler.compile(query.expression) ?? []
    return (compiler.diagnostics.hasErrors ? [] : maps, compiler.diagnostics)
  }

  mutating func compile(_ expression: ExpressionNode?) -> [FilterCriteriaMap]? {
    guard let expression else { return [FilterCriteriaMap()] }
    guard let terms = terms(of: expression, negated: false, negation: nil) else { return nil }
    guard !terms.isEmpty else {
      if let firstConflict { report(firstConflict) }
      return nil
    }
    if let firstConflict {
      // Some alternative was dropped as impossible: legal, but rarely what was meant.
      var warning = firstConflict
      warning.severity = .warning
      warning.code = .unsatisfiableBranch
      warning.message = "part of this expression can never match: " + firstConflict.message
      report(warning)
    }
    guard let spread = spreadLongLists(terms) else { return nil }
    if spread.count > 1, !options.split {
      reportOrAcrossKeys(spread, at: firstSplit ?? expression.range)
      return nil
    }
    if spread.count > options.limits.maxFilterMaps {
      report(
        .error(
          .tooManyFilterMaps,
          "this expression splits into \(spread.count) filter maps, more than the limit of \(options.limits.maxFilterMaps)",
          at: expression.range,
          help: "simplify the expression, or raise the limit if your quota allows"))
      return nil
    }
    return spread.map(\.filterMap)
  }

  mutating func report(_ diagnostic: Diagnostic) {
    if !diagnostics.contains(diagnostic) { diagnostics.append(diagnostic) }
  }

  // MARK: Normal form

  /// The conjunctions whose union is `expression` (negated when `negated`); `[]` when it can
  /// never match; `nil` after an error.
  mutating func terms(of expression: ExpressionNode, negated: Bool, negation: SourceRange?)
    -> [Term]?
  {
    switch expression {
    case .predicate(let predicate):
      return literal(predicate, negated: negated, negation: negation).map { [$0] }
    case .not(let operand, let range):
      return terms(of: operand, negated: !negated, negation: negated ? nil : range)
    case .and(let operands, let range):
      return negated
        ? disjunction(operands, negated: true, negation: negation, range: range)
        : conjunction(operands, negated: false, negation: negation)
    case .or(let operands, let range):
      return negated
        ? conjunction(operands, negated: true, negation: negation)
        : disjunction(operands, negated: false, negation: negation, range: range)
    }
  }

  mutating func literal(_ predicate: Predicate, negated: Bool, negation: SourceRange?)
    -> Term?
  {
    let flipped = predicate.negated != negated
    var part = Term.Part()
    let op: ComparisonOperator
    switch predicate.op {
    case .exists:
      op = .exists
      part.exists = !flipped
    case .eq: op = flipped ? .neq : .eq
    case .neq: op = flipped ? .eq : .neq
    case .contains:
      guard !flipped else {
        report(
          .error(
            .negatedContains, "'not' cannot apply to 'contains': the API has no 'does not contain'",
            at: predicate.range, label: "negated here",
            help:
              "match whole values with 'neq' instead, or write the positive cases as 'contains'",
            notes: negation.map { [.init("the 'not' that applies", range: $0)] } ?? []))
        return nil
      }
      op = .contains
    }
    if op != .exists {
      guard !predicate.values.isEmpty else {
        report(
          .error(
            .emptyValueList, "'\(predicate.key.value)' has an empty value list",
            at: predicate.range,
            label: "the API needs 1 to \(options.limits.maxValuesPerOperator) values"))
        return nil
      }
      part.setList(op, predicate.values.map(\.value).uniquedExactly())
    }
    part.origins[op] = predicate.range
    var term = Term()
    term.set(predicate.key.value, part)
    return term
  }

  mutating func disjunction(
    _ operands: [ExpressionNode], negated: Bool, negation: SourceRange?, range: SourceRange
  ) -> [Term]? {
    var all: [Term] = []
    var failed = false
    for operand in operands {
      guard let terms = terms(of: operand, negated: negated, negation: negation) else {
        failed = true
        continue
      }
      all += terms
      // Merging as we go keeps a long 'or' over one key at one term, however long it is.
      if all.count > options.limits.maxIntermediateTerms / 2 { all = merge(all) }
    }
    let merged = merge(all)
    guard !failed, checkSize(merged.count, at: range) else { return nil }
    if merged.count > 1, firstSplit == nil { firstSplit = range }
    return merged
  }

  mutating func conjunction(
    _ operands: [ExpressionNode], negated: Bool, negation: SourceRange?
  ) -> [Term]? {
    var result = [Term.empty]
    var failed = false
    for operand in operands {
      guard let terms = terms(of: operand, negated: negated, negation: negation) else {
        failed = true
        continue
      }
      guard !failed, checkSize(result.count * terms.count, at: operand.range) else {
        failed = true
        continue
      }
      var next: [Term] = []
      next.reserveCapacity(result.count * terms.count)
      for index in result.indices {
        // Moving the term out leaves it uniquely referenced, so conjoining does not copy it.
        var left = result[index]
        result[index] = .empty
        for (position, right) in terms.enumerated() {
          var term: Term
          if position == terms.count - 1 {
            term = left
            left = .empty
          } else {
            term = left
          }
          switch conjoin(&term, right) {
          case nil: next.append(term)
          case .unsatisfiable(let diagnostic): firstConflict = firstConflict ?? diagnostic
          case .inexpressible(let diagnostic):
            report(diagnostic)
            failed = true
          }
        }
      }
      result = merge(next)
    }
    return failed ? nil : result
  }

  mutating func checkSize(_ count: Int, at range: SourceRange) -> Bool {
    guard count <= options.limits.maxIntermediateTerms else {
      report(
        .error(
          .tooManyFilterMaps,
          "this expression expands to more than \(options.limits.maxIntermediateTerms) alternatives",
          at: range, help: "'and' over several 'or' groups multiplies them; simplify the expression"
        ))
      return false
    }
    return true
  }
}

extension Term.Signature.PartSignature {
  init(_ part: Term.Part) {
    func set(_ list: [String]?) -> Set<ExactString>? { list.map { Set($0.map(ExactString.init)) } }
    self.init(
      eq: set(part.eq), neq: set(part.neq), contains: set(part.contains), exists: part.exists)
  }
}
