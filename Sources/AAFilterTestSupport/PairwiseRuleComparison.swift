import FilterDSL

/// The set-level checks as they were first written: every rule compared with every other.
/// Kept as the reference the indexed ``RuleComparison`` must agree with on every rule set
/// (the property tests), with the one later addition, the cap on overlap reports per rule,
/// applied to its output.
package enum PairwiseRuleComparison {
  package static func compare(_ rules: [ComparedRule]) -> [(Int, Diagnostic)] {
    var results: [(Int, Diagnostic)] = []
    for later in rules.indices {
      for earlier in rules.indices where earlier != later {
        let (maps, otherMaps) = (rules[later].maps, rules[earlier].maps)
        // Every map of this rule inside some map of the other: it can archive nothing new.
        let covered = RuleComparison.covers(otherMaps, maps)
        if covered, !(earlier > later && RuleComparison.covers(maps, otherMaps)) {
          results.append((later, RuleComparison.shadowedRule(rules[later], by: rules[earlier])))
          break
        }
      }
    }
    let shadowed = Set(results.map(\.0))
    for later in rules.indices where !shadowed.contains(later) {
      var overlapping: [Int] = []
      for earlier in 0..<later where !shadowed.contains(earlier) {
        if RuleComparison.overlap(rules[later].maps, rules[earlier].maps) {
          overlapping.append(earlier)
        }
      }
      // The cap: the first reports, and whether there were more.
      let kept = Array(overlapping.prefix(RuleComparison.maxOverlapReports + 1))
      results += RuleComparison.overlapReports(rules, later: later, earlier: kept)
    }
    return results
  }
}
