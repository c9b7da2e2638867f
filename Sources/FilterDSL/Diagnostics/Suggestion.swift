/// "Did you mean" support: the closest candidate by edit distance, when it is close enough.
package enum Suggestion {
  /// The candidate nearest `word`, if its distance is small for the word's length. Case-only
  /// differences count as nearest of all, since they are the commonest slip.
  package static func closest(to word: String, among candidates: some Sequence<String>) -> String? {
    var best: (candidate: String, distance: Int)?
    let lowered = word.lowercased()
    for candidate in candidates where candidate != word {
      let distance = candidate.lowercased() == lowered ? 0 : editDistance(word, candidate)
      if distance < (best?.distance ?? Int.max) { best = (candidate, distance) }
    }
    guard let best else { return nil }
    let threshold = min(4, max(1, word.count / 3))
    return best.distance <= threshold ? best.candidate : nil
  }

  /// Levenshtein distance over Unicode scalars, with transpositions counted as one edit.
  package static func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a.unicodeScalars)
    let b = Array(b.unicodeScalars)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    if abs(a.count - b.count) > 8 { return abs(a.count - b.count) }
    var previous2 = [Int](repeating: 0, count: b.count + 1)
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
      current[0] = i
      for j in 1...b.count {
        let cost = a[i - 1] == b[j - 1] ? 0 : 1
        current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
        if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
          current[j] = min(current[j], previous2[j - 2] + 1)
        }
      }
      (previous2, previous, current) = (previous, current, previous2)
    }
    return previous[b.count]
  }
}
