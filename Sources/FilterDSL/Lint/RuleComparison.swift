/// A compiled rule as the set-level checks see it: its name and its filter maps.
package struct ComparedRule: Hashable, Sendable {
  package var name: Located<String>
  package var maps: [FilterCriteriaMap]

  package init(name: Located<String>, maps: [FilterCriteriaMap]) {
    self.name = name
    self.maps = maps
  }
}

/// Shadowed and overlapping rules of a set (`shadowed-rule`, `overlapping-rules`).
///
/// The verdicts are those of comparing every pair, in this order: a rule is shadowed by the
/// first other rule (in file order) that covers it, unless that one comes later and they cover
/// each other (then the later of the two is the one reported); each rule that is not shadowed
/// is reported overlapping with every earlier rule that is not shadowed and can archive a
/// finding it archives, sharing a key other than `isPublic`. At most
/// ``maxOverlapReports`` overlaps are reported per rule, the earliest, the last one noting
/// that there are more.
///
/// Only pairs that can share a finding are compared, found through an index of the rules by
/// the keys they use, the `eq` values of those keys and the starts of their `contains` values
/// (``RuleSetIndex``), so a realistic set
/// costs about one comparison per rule and per rule it really shadows or overlaps. The worst
/// case is a set whose rules share keys without `eq` values that tell them apart (`resource
/// contains ...` on every rule) and do not overlap: every earlier rule is then a candidate,
/// which is an integer scan per pair, and a full comparison only for pairs whose `eq` values
/// agree.
package enum RuleComparison {
  /// Overlap reports per rule: a set of near-copies otherwise reports the square of its size.
  package static let maxOverlapReports = 10

  /// Shadowed and overlapping rules, as (index of the rule to report on, diagnostic): first
  /// every shadowed rule in order, then every overlap in order of the later rule, then of the
  /// earlier one.
  package static func compare(_ rules: [ComparedRule]) -> [(Int, Diagnostic)] {
    var index = RuleSetIndex(rules)
    var results: [(Int, Diagnostic)] = []
    var shadowed = [Bool](repeating: false, count: rules.count)
    for later in rules.indices {
      for earlier in index.coveringCandidates(of: later)
      where isShadowed(rules[later], by: rules[earlier], coverFirst: earlier < later) {
        results.append((later, shadowedRule(rules[later], by: rules[earlier])))
        shadowed[later] = true
        break
      }
    }
    for later in rules.indices where !shadowed[later] {
      var found: [Int] = []
      for earlier in index.overlapCandidates(of: later) where !shadowed[earlier] {
        guard overlap(rules[later].maps, rules[earlier].maps) else { continue }
        found.append(earlier)
        if found.count > maxOverlapReports { break }
      }
      results += overlapReports(rules, later: later, earlier: found)
    }
    return results
  }

  /// Whether `rule` is reported as shadowed by `other`: covered by it, and when `other` comes
  /// later (`coverFirst` false), not covering it in turn (of two equal rules, the later one is
  /// reported).
  package static func isShadowed(_ rule: ComparedRule, by other: ComparedRule, coverFirst: Bool)
    -> Bool
  {
    covers(other.maps, rule.maps) && (coverFirst || !covers(rule.maps, other.maps))
  }

  /// Whether every map of `maps` is inside some map of `other`: the rule of `maps` can archive
  /// nothing the rule of `other` does not.
  package static func covers(_ other: [FilterCriteriaMap], _ maps: [FilterCriteriaMap]) -> Bool {
    maps.allSatisfy { map in other.contains { Coverage.implies(map, $0) } }
  }

  /// Whether a map of each can match one finding, sharing a key other than `isPublic` (sharing
  /// only `isPublic eq false`, as careful rules all do, is not news).
  package static func overlap(_ maps: [FilterCriteriaMap], _ other: [FilterCriteriaMap]) -> Bool {
    maps.contains { map in
      other.contains {
        Coverage.overlaps(map, $0)
          && !Set(map.criteria.keys).subtracting(["isPublic"]).isDisjoint(with: $0.criteria.keys)
      }
    }
  }

  package static func shadowedRule(_ rule: ComparedRule, by other: ComparedRule) -> Diagnostic {
    Diagnostic(
      .risk, .shadowedRule,
      "rule '\(rule.name.value)' is covered by rule '\(other.name.value)': it archives nothing more",
      at: rule.name.range, help: "remove one of them, or narrow the broader one",
      notes: [.init("the covering rule", range: other.name.range)])
  }

  /// The reports for `later` overlapping each of `earlier` (in order), at most
  /// ``maxOverlapReports``; one more index in `earlier` means more were found.
  package static func overlapReports(_ rules: [ComparedRule], later: Int, earlier: [Int])
    -> [(Int, Diagnostic)]
  {
    let rule = rules[later]
    var reports = earlier.prefix(maxOverlapReports).map { index -> (Int, Diagnostic) in
      let other = rules[index]
      return (
        later,
        Diagnostic(
          .risk, .overlappingRules,
          "rules '\(other.name.value)' and '\(rule.name.value)' can archive the same findings",
          at: rule.name.range,
          help: "fine if intended; the preview shows findings matched by several rules",
          notes: [.init("the other rule", range: other.name.range)])
      )
    }
    if earlier.count > maxOverlapReports, !reports.isEmpty {
      reports[reports.count - 1].1.notes.append(
        .init(
          "more earlier rules overlap this one; only the first \(maxOverlapReports) are reported"
        ))
    }
    return reports
  }
}
