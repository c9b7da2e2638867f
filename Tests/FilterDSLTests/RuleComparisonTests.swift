import AAFilterTestSupport
import FilterDSL
import XCTest

/// The indexed set-level checks give exactly the diagnostics of comparing every pair
/// (`PairwiseRuleComparison`, with the same cap), on generated rule sets of every kind.
final class RuleComparisonTests: XCTestCase {
  /// How the maps of a generated set are drawn.
  private enum Shape: CaseIterable {
    /// The format generator's maps: every operator, odd keys and values.
    case mixed
    /// Few keys and few values, so rules collide, cover and overlap often.
    case crowded
    /// No `eq` at all: `neq`, `contains`, `exists` only (nothing to index values by).
    case noEq
    /// `eq` lists with wildcards, shared values and `neq` that removes them.
    case wildcards
    /// Empty maps, copies, and rules of several maps.
    case copies
  }

  private struct Builder {
    var random: RuleSetGenerator
    let shape: Shape

    static let keys = ["resourceType", "isPublic", "principal.AWS", "resource", "error", "action"]
    // Long values, some inside others, so `contains` meets values longer than the index's
    // four-byte needle starts, matched in their middle.
    static let values = [
      "a", "b", "c", "ab", "*", "false", "true", "", "arn:aws:s3:::b/*", "aws:s3",
      "x-arn:aws:s3:::b/*-y", "arn:aws",
    ]

    mutating func values(_ most: Int) -> [String] {
      var chosen: [String] = []
      for _ in 0...(Int(random.random.next() % UInt64(most))) {
        let value = random.pick(Self.values)
        if !chosen.contains(value) { chosen.append(value) }
      }
      return chosen
    }

    mutating func criterion() -> Criterion {
      var criterion = Criterion()
      while criterion.isEmpty {
        if shape != .noEq, random.chance(shape == .wildcards ? 70 : 50) {
          criterion.eq = shape == .wildcards && random.chance(40) ? ["*"] + values(2) : values(3)
        }
        if random.chance(30) { criterion.neq = values(2) }
        if random.chance(25) { criterion.contains = values(2) }
        if random.chance(20) { criterion.exists = random.chance(60) }
      }
      return criterion
    }

    mutating func map() -> FilterCriteriaMap {
      if shape == .mixed { return random.filter() }
      if shape == .copies, random.chance(5) { return FilterCriteriaMap() }
      var map = FilterCriteriaMap()
      let keys = shape == .crowded ? Array(Self.keys.prefix(3)) : Self.keys
      for _ in 0...(Int(random.random.next() % 3)) {
        map[random.pick(keys)] = criterion()
      }
      if random.chance(60) { map["isPublic"] = Criterion(eq: ["false"]) }
      return map
    }

    mutating func rules(_ count: Int) -> [ComparedRule] {
      var rules: [ComparedRule] = []
      for index in 0..<count {
        var maps = (0...(random.chance(15) ? 2 : 0)).map { _ in map() }
        if shape == .copies, let earlier = rules.randomElement(using: &random.random),
          random.chance(30)
        {
          maps = random.chance(50) ? earlier.maps : earlier.maps + [map()]
        }
        let range = SourceRange(start: index * 10, end: index * 10 + 4)
        rules.append(ComparedRule(name: Located("R\(index)", range: range), maps: maps))
      }
      return rules
    }
  }

  func testIndexed_agreesWithPairwise_onGeneratedSets() {
    var compared = 0
    var reported = (shadowed: 0, overlapping: 0, capped: 0)
    for shape in Shape.allCases {
      for seed in UInt64(1)...60 {
        var builder = Builder(random: RuleSetGenerator(seed: seed * 7_919), shape: shape)
        let count = Int(seed % 4 == 0 ? 40 : 2 + seed % 17)
        let rules = builder.rules(count)
        let indexed = RuleComparison.compare(rules)
        let pairwise = PairwiseRuleComparison.compare(rules)
        XCTAssertEqual(indexed.count, pairwise.count, "\(shape) seed \(seed)")
        let mismatch = zip(indexed, pairwise).first { $0.0 != $1.0 || $0.1 != $1.1 }
        XCTAssertNil(
          mismatch.map { "\($0.0): \($0.1.message) != \($1.0): \($1.1.message)" },
          "\(shape) seed \(seed)")
        compared += 1
        for (_, diagnostic) in pairwise {
          if diagnostic.code == .shadowedRule { reported.shadowed += 1 }
          if diagnostic.code == .overlappingRules { reported.overlapping += 1 }
          if diagnostic.notes.count > 1 { reported.capped += 1 }
        }
      }
    }
    XCTAssertEqual(compared, 300)
    // The sets exercise every verdict, the cap included.
    XCTAssertGreaterThan(reported.shadowed, 100)
    XCTAssertGreaterThan(reported.overlapping, 100)
    XCTAssertGreaterThan(reported.capped, 5)
  }

  func testLint_reportsWhatPairwiseFinds_onRuleFiles() throws {
    // Rule files shaped like real ones, through the whole lint: the set-level reports are the
    // pairwise ones, on the rules they name, in order.
    var total = 0
    for (seed, count) in [(1, 60), (2, 150), (3, 400)] {
      var generator = RuleFileGenerator(seed: UInt64(seed))
      let text = generator.text(rules: count)
      guard case .ruleSet(let definitions) = FilterSource.parse(text).0 else {
        return XCTFail("not a rule set")
      }
      var limits = Limits.default
      limits.maxRules = 1_000
      let compiled = FilterCompiler.compile(text, options: CompileOptions(limits: limits)).rules
      XCTAssertEqual(compiled.count, definitions.count)
      let rules = zip(definitions, compiled).map {
        ComparedRule(name: $0.name, maps: [$1.filter])
      }
      let expected = PairwiseRuleComparison.compare(rules)
      total += expected.count
      let report = Linter.lint(text, options: LintOptions(limits: limits))
      var found: [(String?, Diagnostic)] = []
      for rule in report.rules {
        for diagnostic in rule.diagnostics
        where diagnostic.code == .shadowedRule || diagnostic.code == .overlappingRules {
          found.append((rule.name, diagnostic))
        }
      }
      // The lint groups them per rule; the comparison lists shadowed rules first.
      let grouped = rules.indices.flatMap { index in
        expected.filter { $0.0 == index }.map { (Optional(rules[index].name.value), $0.1) }
      }
      XCTAssertEqual(found.count, grouped.count, "seed \(seed)")
      let mismatch = zip(found, grouped).first { $0.0 != $1.0 || $0.1 != $1.1 }
      XCTAssertNil(mismatch.map { "\($0.1.message) != \($1.1.message)" }, "seed \(seed)")
    }
    // Shadowed rules and overlaps both occur.
    XCTAssertGreaterThan(total, 30)
  }

  func testCap_notesTheRest() {
    // Twelve rules that all overlap: the last one reports the first ten, and says so.
    let rules = (0..<12).map { index in
      ComparedRule(
        name: Located("R\(index)", range: SourceRange(start: index, end: index + 1)),
        maps: [
          ["resource": Criterion(contains: ["<\(index)>"]), "isPublic": Criterion(eq: ["false"])]
        ])
    }
    let results = RuleComparison.compare(rules).filter { $0.0 == 11 }
    XCTAssertEqual(results.count, RuleComparison.maxOverlapReports)
    XCTAssertEqual(
      results.last?.1.notes.map(\.message),
      ["the other rule", "more earlier rules overlap this one; only the first 10 are reported"])
    XCTAssertEqual(results.first?.1.message, "rules 'R0' and 'R11' can archive the same findings")
    // Eleven: ten reports, no note.
    let ten = RuleComparison.compare(Array(rules.prefix(11))).filter { $0.0 == 10 }
    XCTAssertEqual(ten.count, 10)
    XCTAssertEqual(ten.last?.1.notes.count, 1)
  }
}
