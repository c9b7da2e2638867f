import FilterDSL

/// The search for one family: candidates, the cover, the fallback for what no shape covers,
/// the merging of `in` lists and the rule limit.
struct FamilySearch {
  let problem: FamilyProblem
  var log: [String] = []

  /// The rules chosen, and the expected rows left over with their reasons.
  struct Outcome {
    var rules: [Candidate]
    /// Expected rows no rule archives: row and reason.
    var uncovered: [(position: Int, kind: Gap.Kind)]
  }

  init(problem: FamilyProblem) {
    self.problem = problem
  }

  mutating func run() -> Outcome {
    let expected = problem.expected
    guard !expected.isEmpty else { return Outcome(rules: [], uncovered: []) }
    log.append(
      "\(problem.family.displayName): \(expected.count) expected findings to archive, "
        + "\(problem.kept.count) kept findings to keep out")
    var generator = CandidateGenerator(problem: problem)
    var candidates = generator.generate()
    log += generator.log
    let narrow = candidates.indices.filter { !candidates[$0].isBroad }
    log.append(
      "  \(candidates.count) candidates (\(narrow.count) narrow) and "
        + "\(generator.singles.count) single-finding ones")
    // Singles, then a rule on every key for what no shape reached.
    candidates += generator.singles.keys.sorted().compactMap { generator.singles[$0] }
    var covered = [Bool](repeating: false, count: expected.count)
    for candidate in candidates where !candidate.isBroad {
      for row in candidate.rows { covered[Int(row)] = true }
    }
    var inseparable: [Int: Int] = [:]
    var nameless = Set<Int>()
    let missing = covered.indices.filter { !covered[$0] }
    if !missing.isEmpty {
      let points = pointCandidates(missing, inseparable: &inseparable, nameless: &nameless)
      log.append(
        "  \(missing.count) findings no narrow shape reaches: \(points.count) rules on every key, "
          + "\(inseparable.count) inseparable")
      candidates += points
    }
    // Narrow rules first; broad ones only for what nothing narrower separates.
    covered = [Bool](repeating: false, count: expected.count)
    for row in inseparable.keys { covered[row] = true }
    let narrowAll = SetCover.undominated(
      candidates, among: candidates.indices.filter { !candidates[$0].isBroad },
      rows: expected.count)
    var chosen = SetCover.greedy(candidates, among: narrowAll, covered: &covered)
    log.append(
      "  greedy cover: \(chosen.count) narrow rules from \(narrowAll.count) undominated candidates")
    // Exact part by part: parts share no finding, so the fewest rules are the sum of each
    // part's fewest, and independent traps for greedy are each solved within the class limit.
    let parts = SetCover.components(candidates, among: narrowAll, rows: expected.count)
    var improved: [Int] = []
    var solved = 0
    var optimal = true
    var nodes = 0
    var fewer = false
    for part in parts {
      let members = Set(part)
      let greedyPart = chosen.filter { members.contains($0) }
      let universe = Set(greedyPart.flatMap { candidates[$0].rows }).sorted()
      guard part.count <= 5_000,
        let exact = SetCover.exact(
          candidates, among: part, universe: universe, bound: greedyPart.count)
      else {
        improved += greedyPart
        if greedyPart.count > 1 { optimal = false }
        continue
      }
      solved += 1
      nodes += exact.nodes
      if !exact.isOptimal { optimal = false }
      if !exact.chosen.isEmpty, exact.chosen.count < greedyPart.count {
        improved += exact.chosen
        fewer = true
      } else {
        improved += greedyPart
      }
    }
    if solved > 0 {
      // Greedy's order stays unless a part found fewer rules.
      if fewer { chosen = improved }
      log.append(
        "  exact cover (branch and bound over \(parts.count) independent parts, "
          + "\(solved) searched, \(nodes) nodes): \(chosen.count) rules, "
          + (optimal
            ? "the fewest possible from these candidates"
            : "the fewest in the parts searched to the end; greedy elsewhere"))
    } else {
      let largest = chosen.map { candidates[$0].rows.count }.max() ?? 1
      log.append(
        String(
          format: "  greedy only: at most %.2f times the fewest rules (H(%d) <= ln(%d) + 1)",
          harmonic(largest), largest, largest))
    }
    let broad = candidates.indices.filter { candidates[$0].isBroad }
    let broadChosen = SetCover.greedy(candidates, among: broad, covered: &covered)
    if !broadChosen.isEmpty {
      log.append("  \(broadChosen.count) broad rules, for findings nothing narrower separates")
    }
    chosen += broadChosen
    var rules = chosen.map { candidates[$0] }
    var merger = RuleMerger(
      index: KeptIndex(problem: problem), limit: max(1, problem.options.maxValuesPerOperator))
    rules = merger.merge(rules)
    log.append(
      "  merged \(merger.merges) pairs into 'in' lists: \(rules.count) rules"
        + (merger.exhausted ? " (stopped after \(merger.attempts) pairs tried)" : ""))
    rules = dropRedundant(rules)
    var uncovered: [(position: Int, kind: Gap.Kind)] = []
    if rules.count > problem.options.maxRules {
      log.append(
        "  \(rules.count) rules exceed the limit of \(problem.options.maxRules); "
          + "the rules archiving most are kept")
      rules = Array(
        rules.sorted { $0.rows.count > $1.rows.count }.prefix(max(0, problem.options.maxRules)))
    }
    var archived = [Bool](repeating: false, count: expected.count)
    for rule in rules { for row in rule.rows { archived[Int(row)] = true } }
    for position in expected.indices where !archived[position] {
      if let kept = inseparable[position] {
        uncovered.append((position, .inseparable(keptRow: kept)))
      } else if nameless.contains(position) {
        uncovered.append((position, .nothingToName))
      } else {
        uncovered.append((position, .ruleLimit))
      }
    }
    return Outcome(rules: rules, uncovered: uncovered)
  }

  private func harmonic(_ n: Int) -> Double {
    (1...max(1, n)).reduce(0.0) { $0 + 1.0 / Double($1) }
  }

  /// Rules whose findings the other rules archive anyway are dropped, smallest first; each
  /// rule's findings are then recomputed from its values.
  private func dropRedundant(_ rules: [Candidate]) -> [Candidate] {
    var rules = rules.map { rule -> Candidate in
      var copy = rule
      copy.rows = archivedRows(rule)
      return copy
    }
    var counts = [Int](repeating: 0, count: problem.expected.count)
    for rule in rules { for row in rule.rows { counts[Int(row)] += 1 } }
    let order = rules.indices.sorted { rules[$0].rows.count < rules[$1].rows.count }
    var drop = Set<Int>()
    for position in order where rules[position].rows.allSatisfy({ counts[Int($0)] > 1 }) {
      for row in rules[position].rows { counts[Int(row)] -= 1 }
      drop.insert(position)
    }
    rules = rules.enumerated().filter { !drop.contains($0.offset) }.map(\.element)
    return rules
  }

  /// The expected positions whose values the rule accepts on every key.
  func archivedRows(_ rule: Candidate) -> [Int32] {
    let sets = rule.values.map(Set.init)
    let columns = rule.keys.map { problem.table.columns[$0] }
    var rows: [Int32] = []
    for (position, row) in problem.expected.enumerated()
    where columns.indices.allSatisfy({ sets[$0].contains(columns[$0][row]) }) {
      rows.append(Int32(position))
    }
    return rows
  }

  /// For each expected position no shape reaches, the rule on every key it carries: safe
  /// unless a kept finding agrees on all of them, which is then reported as inseparable.
  private func pointCandidates(
    _ positions: [Int], inseparable: inout [Int: Int], nameless: inout Set<Int>
  ) -> [Candidate] {
    let table = problem.table
    var bySignature: [[Int]: [Int]] = [:]
    for position in positions {
      let row = problem.expected[position]
      let keys = problem.keys.filter { problem.usable($0, table.columns[$0][row]) }
      // A rule with no key would archive everything: never suggested. Such a finding agrees
      // with every kept finding on every key a rule could use.
      guard !keys.isEmpty else {
        if let kept = problem.kept.first {
          inseparable[position] = kept
        } else {
          nameless.insert(position)
        }
        continue
      }
      bySignature[keys, default: []].append(position)
    }
    var result: [Candidate] = []
    for (keys, members) in bySignature.sorted(by: { $0.value[0] < $1.value[0] }) {
      // Kept rows by the keys they decide: a kept row that cannot decide some keys agrees
      // with every value there, so it is looked up with those positions blanked out.
      var keptByMask: [[Bool]: [[UInt32]: Int]] = [:]
      for row in problem.kept {
        var tuple = keys.map { table.columns[$0][row] }
        let mask = tuple.map { $0 == SuggestTable.undecidable }
        for index in tuple.indices where mask[index] { tuple[index] = SuggestTable.undecidable }
        if keptByMask[mask]?[tuple] == nil { keptByMask[mask, default: [:]][tuple] = row }
      }
      // Fewest undecided keys first, then a fixed order, so the kept finding named is the
      // same on every run.
      let masks = keptByMask.keys.sorted { a, b in
        let (countA, countB) = (a.filter { $0 }.count, b.filter { $0 }.count)
        if countA != countB { return countA < countB }
        return a.map { $0 ? 1 : 0 }.lexicographicallyPrecedes(b.map { $0 ? 1 : 0 })
      }
      var byTuple: [[UInt32]: [Int32]] = [:]
      for position in members {
        let row = problem.expected[position]
        let tuple = keys.map { table.columns[$0][row] }
        var blocker: Int? = nil
        for mask in masks where blocker == nil {
          var blanked = tuple
          for index in blanked.indices where mask[index] {
            blanked[index] = SuggestTable.undecidable
          }
          blocker = keptByMask[mask]?[blanked]
        }
        if let blocker {
          inseparable[position] = blocker
        } else {
          byTuple[tuple, default: []].append(Int32(position))
        }
      }
      let names = keys.map { table.keys[$0] }
      let cost = KeyPreference.cost(names, in: problem.family)
      for (tuple, rows) in byTuple.sorted(by: { $0.value[0] < $1.value[0] }) {
        result.append(
          Candidate(
            keys: keys, values: tuple.map { [$0] }, rows: rows.sorted(), cost: cost,
            isBroad: KeyPreference.isBroad(names, in: problem.family)))
      }
    }
    return result
  }
}
