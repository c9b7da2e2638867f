import FilterDSL
import FilterEval

/// "Did you mean" for expected ids that are not among the findings: the closest known id by
/// edit distance. Bounded: comparing every unknown id with every finding's id is quadratic, so
/// hints are given only while the comparisons stay few (a typo in a short triage list, not a
/// file of the wrong account's ids against a million findings).
struct UnknownIDHints {
  /// The most id comparisons made for hints in one run.
  static let budget = 100_000
  private var known: [String] = []
  private var remaining = budget

  init(store: FindingStore) {
    for row in 0..<store.count {
      if let id = store.id(at: row) { known.append(id) }
    }
  }

  /// The known id nearest `id`, when close enough and the budget allows the search.
  mutating func closest(to id: String) -> String? {
    guard !known.isEmpty, known.count <= remaining else { return nil }
    remaining -= known.count
    return FilterDSL.Suggestion.closest(to: id, among: known)
  }
}
