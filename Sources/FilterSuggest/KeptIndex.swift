/// The kept findings indexed by value, key by key, so whether a rule keeps them all out is
/// answered from the findings that share its values instead of a pass over every one.
struct KeptIndex {
  private let problem: FamilyProblem
  /// Per key index, value id to kept rows holding it.
  private var postings: [Int: [UInt32: [Int32]]] = [:]
  /// Per key index, the kept rows that cannot decide it.
  private var undecided: [Int: [Int32]] = [:]

  init(problem: FamilyProblem) {
    self.problem = problem
  }

  private mutating func build(_ key: Int) {
    guard postings[key] == nil else { return }
    var map: [UInt32: [Int32]] = [:]
    var unsure: [Int32] = []
    let column = problem.table.columns[key]
    for row in problem.kept {
      let value = column[row]
      if value == SuggestTable.undecidable {
        unsure.append(Int32(row))
      } else if value != SuggestTable.absent {
        map[value, default: []].append(Int32(row))
      }
    }
    postings[key] = map
    undecided[key] = unsure
  }

  /// A kept row the rule would match or could not decide; `nil` when it keeps out every one.
  mutating func firstKeptMatch(keys: [Int], values: [[UInt32]]) -> Int? {
    guard !keys.isEmpty else { return problem.kept.first }
    for key in keys { build(key) }
    let sets = values.map(Set.init)
    // Start from the key whose values the fewest kept rows share.
    let sizes = keys.indices.map { index in
      values[index].reduce(undecided[keys[index]]?.count ?? 0) {
        $0 + (postings[keys[index]]?[$1]?.count ?? 0)
      }
    }
    guard let start = sizes.indices.min(by: { sizes[$0] < sizes[$1] }) else { return nil }
    let first = keys[start]
    let rows = values[start].flatMap { postings[first]?[$0] ?? [] } + (undecided[first] ?? [])
    for row in rows {
      let matches = keys.indices.allSatisfy { index in
        index == start
          || {
            let value = problem.table.columns[keys[index]][Int(row)]
            return value == SuggestTable.undecidable || sets[index].contains(value)
          }()
      }
      if matches { return Int(row) }
    }
    return nil
  }
}
