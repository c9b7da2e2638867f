/// Merges chosen rules of the same shape into one, value lists joined into `in` lists, while
/// every list stays within the cap and the merged rule still keeps out every kept finding.
///
/// Rules of a shape that differ on one key merge into exactly their union; rules that differ
/// on several keys merge only when the cross product of their values matches no kept finding,
/// which the kept index answers.
struct RuleMerger {
  var index: KeptIndex
  let limit: Int
  var merges = 0
  /// Pairs tried, at most `budget`: many rules of one shape would otherwise cost their
  /// square. Stopping early leaves correct rules, only more of them.
  var attempts = 0
  var budget = 200_000
  var exhausted: Bool { attempts >= budget }

  mutating func merge(_ rules: [Candidate]) -> [Candidate] {
    var byShape: [[Int]: [Candidate]] = [:]
    var order: [[Int]] = []
    for rule in rules {
      if byShape[rule.shape] == nil { order.append(rule.shape) }
      byShape[rule.shape, default: []].append(rule)
    }
    return order.flatMap { mergeShape(byShape[$0] ?? []) }
  }

  private mutating func mergeShape(_ input: [Candidate]) -> [Candidate] {
    var rules = input
    var changed = true
    while changed {
      changed = false
      var first = 0
      while first < rules.count {
        var second = first + 1
        while second < rules.count {
          guard attempts < budget else { return rules }
          attempts += 1
          if let merged = tryMerge(rules[first], rules[second]) {
            rules[first] = merged
            rules.remove(at: second)
            merges += 1
            changed = true
          } else {
            second += 1
          }
        }
        first += 1
      }
    }
    return rules
  }

  private mutating func tryMerge(_ a: Candidate, _ b: Candidate) -> Candidate? {
    var values: [[UInt32]] = []
    for index in a.keys.indices {
      let union = Array(Set(a.values[index]).union(b.values[index])).sorted()
      guard union.count <= limit else { return nil }
      values.append(union)
    }
    guard index.firstKeptMatch(keys: a.keys, values: values) == nil else { return nil }
    var merged = a
    merged.values = values
    merged.rows = Array(Set(a.rows).union(b.rows)).sorted()
    return merged
  }
}
