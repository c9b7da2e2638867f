/// Chooses few candidates that together archive the expected findings.
///
/// Greedy (always): take the candidate archiving the most findings not yet archived, the
/// preferred one on a tie; it uses at most H(m) ≤ ln(m) + 1 times the fewest rules possible
/// among the candidates, m being the most findings one candidate archives. Exact (while
/// small): a branch and bound over the same candidates, started from the greedy answer, which
/// proves the fewest rules or stops at its node budget.
enum SetCover {
  /// What a cover found.
  struct Result {
    var chosen: [Int]
    var isOptimal: Bool
    var nodes: Int
  }

  /// Greedy cover of the positions `covered` marks `false`, with lazily updated gains.
  /// - Returns: chosen candidate indices, in the order chosen; marks what they archive.
  static func greedy(_ candidates: [Candidate], among indices: [Int], covered: inout [Bool])
    -> [Int]
  {
    var heap = MaxHeap()
    for index in indices {
      let gain = candidates[index].rows.reduce(0) { $0 + (covered[Int($1)] ? 0 : 1) }
      if gain > 0 { heap.push(.init(gain: gain, cost: candidates[index].cost, index: index)) }
    }
    var chosen: [Int] = []
    while let top = heap.pop() {
      let gain = candidates[top.index].rows.reduce(0) { $0 + (covered[Int($1)] ? 0 : 1) }
      guard gain > 0 else { continue }
      if gain < top.gain {
        heap.push(.init(gain: gain, cost: top.cost, index: top.index))
        continue
      }
      chosen.append(top.index)
      for row in candidates[top.index].rows { covered[Int(row)] = true }
    }
    return chosen
  }

  /// Candidates whose findings another candidate archives too are dropped (the other
  /// archives at least as many; on equal sets the preferred one stays), so that the findings
  /// fall into few classes for the exact search.
  static func undominated(_ candidates: [Candidate], among indices: [Int], rows: Int) -> [Int] {
    var containing = [[Int]](repeating: [], count: rows)
    for index in indices {
      for row in candidates[index].rows { containing[Int(row)].append(index) }
    }
    // Whether every element of `inner` is in `outer`, both ascending: one merged walk.
    func contained(_ inner: [Int32], in outer: [Int32]) -> Bool {
      var position = 0
      for element in inner {
        while position < outer.count, outer[position] < element { position += 1 }
        guard position < outer.count, outer[position] == element else { return false }
        position += 1
      }
      return true
    }
    return indices.filter { index in
      let candidate = candidates[index]
      guard let first = candidate.rows.first else { return false }
      for other in containing[Int(first)] where other != index {
        let rival = candidates[other]
        guard rival.rows.count >= candidate.rows.count else { continue }
        let equal = rival.rows.count == candidate.rows.count
        // On equal sets one of them stays: the preferred one, else the first.
        if equal, (candidate.cost, index) < (rival.cost, other) { continue }
        if contained(candidate.rows, in: rival.rows) { return false }
      }
      return true
    }
  }

  /// The fewest candidates archiving every position of `universe`, by branch and bound over
  /// classes of findings (findings that the same candidates archive are one class); `nil`
  /// when the classes are too many or it finds nothing better than `bound` rules.
  static func exact(
    _ candidates: [Candidate], among indices: [Int], universe: [Int32], bound: Int,
    nodeBudget: Int = 200_000
  ) -> Result? {
    guard bound > 1, !universe.isEmpty else { return nil }
    var inUniverse: [Int32: Int] = [:]
    for (position, row) in universe.enumerated() { inUniverse[row] = position }
    var membership = [[Int]](repeating: [], count: universe.count)
    for (slot, index) in indices.enumerated() {
      for row in candidates[index].rows {
        if let at = inUniverse[row] { membership[at].append(slot) }
      }
    }
    var classOf: [[Int]: Int] = [:]
    for members in membership where classOf[members] == nil { classOf[members] = classOf.count }
    let classCount = classOf.count
    guard classCount <= 64 * maxWords else { return nil }
    let words = (classCount + 63) / 64
    var masks = [[UInt64]](repeating: [UInt64](repeating: 0, count: words), count: indices.count)
    for (members, number) in classOf {
      for slot in members { masks[slot][number / 64] |= 1 << UInt64(number % 64) }
    }
    // Distinct masks not inside another, each with its preferred candidate.
    var best: [[UInt64]: Int] = [:]
    for (slot, mask) in masks.enumerated() where mask.contains(where: { $0 != 0 }) {
      if let other = best[mask],
        (candidates[indices[other]].cost, other) <= (candidates[indices[slot]].cost, slot)
      {
        continue
      }
      best[mask] = slot
    }
    func count(_ mask: [UInt64]) -> Int { mask.reduce(0) { $0 + $1.nonzeroBitCount } }
    var sets = best.map { (mask: $0.key, slot: $0.value) }.sorted {
      (count($0.mask), -candidates[indices[$0.slot]].cost, -$0.slot)
        > (count($1.mask), -candidates[indices[$1.slot]].cost, -$1.slot)
    }
    sets = sets.enumerated().filter { position, entry in
      !sets[..<position].contains { other in
        zip(other.mask, entry.mask).allSatisfy { $0 & $1 == $1 }
      }
    }.map(\.element)
    var byClass = [[Int]](repeating: [], count: classCount)
    for (position, entry) in sets.enumerated() {
      for number in 0..<classCount where entry.mask[number / 64] & (1 << UInt64(number % 64)) != 0 {
        byClass[number].append(position)
      }
    }
    let largest = max(1, sets.map { count($0.mask) }.max() ?? 1)
    var found: [Int]? = nil
    var bestCount = bound
    var nodes = 0
    var exhausted = false
    var stack: [Int] = []
    // Depth is at most `bound` (chosen sets), itself at most the number of classes.
    func search(_ covered: [UInt64]) {
      let remaining = classCount - count(covered)
      if remaining == 0 {
        if stack.count < bestCount {
          bestCount = stack.count
          found = stack
        }
        return
      }
      nodes += 1
      if nodes > nodeBudget {
        exhausted = true
        return
      }
      guard stack.count + (remaining + largest - 1) / largest < bestCount else { return }
      // Branch on the class fewest sets hold: some chosen set must hold it.
      var pick = -1
      for number in 0..<classCount
      where covered[number / 64] & (1 << UInt64(number % 64)) == 0
        && (pick < 0 || byClass[number].count < byClass[pick].count)
      {
        pick = number
      }
      guard pick >= 0 else { return }
      for position in byClass[pick] {
        stack.append(position)
        search(zip(covered, sets[position].mask).map { $0 | $1 })
        stack.removeLast()
        if exhausted { return }
      }
    }
    search([UInt64](repeating: 0, count: words))
    guard let found else {
      return exhausted ? nil : Result(chosen: [], isOptimal: true, nodes: nodes)
    }
    return Result(
      chosen: found.map { indices[sets[$0].slot] }, isOptimal: !exhausted, nodes: nodes)
  }

  /// The candidates split into independent parts: two candidates are in one part when a
  /// chain of candidates, each sharing an archived finding with the next, links them. The
  /// fewest rules of the whole cover are the sum of each part's fewest, so the exact search
  /// runs part by part and its class limit applies to a part, not to the whole.
  /// - Returns: the parts, each in the order of `indices`, in the order of their first member.
  static func components(_ candidates: [Candidate], among indices: [Int], rows: Int) -> [[Int]] {
    var parent = Array(indices.indices)
    // Iterative, with path halving: no recursion on the number of candidates.
    func root(_ slot: Int) -> Int {
      var slot = slot
      while parent[slot] != slot {
        parent[slot] = parent[parent[slot]]
        slot = parent[slot]
      }
      return slot
    }
    var firstHolder = [Int](repeating: -1, count: rows)
    for (slot, index) in indices.enumerated() {
      for row in candidates[index].rows where Int(row) < rows {
        let holder = firstHolder[Int(row)]
        if holder < 0 {
          firstHolder[Int(row)] = slot
        } else {
          let (a, b) = (root(holder), root(slot))
          if a != b { parent[max(a, b)] = min(a, b) }
        }
      }
    }
    var partOf: [Int: Int] = [:]
    var parts: [[Int]] = []
    for (slot, index) in indices.enumerated() {
      let top = root(slot)
      if let part = partOf[top] {
        parts[part].append(index)
      } else {
        partOf[top] = parts.count
        parts.append([index])
      }
    }
    return parts
  }

  /// The exact search works on at most `64 × maxWords` classes.
  static let maxWords = 4
}

/// A binary max-heap of greedy entries: most gain first, then lowest cost, then lowest index.
struct MaxHeap {
  struct Entry {
    var gain: Int
    var cost: Int
    var index: Int
    func above(_ other: Entry) -> Bool {
      (gain, -cost, -index) > (other.gain, -other.cost, -other.index)
    }
  }
  private var items: [Entry] = []

  mutating func push(_ entry: Entry) {
    items.append(entry)
    var child = items.count - 1
    while child > 0 {
      let parent = (child - 1) / 2
      guard items[child].above(items[parent]) else { break }
      items.swapAt(child, parent)
      child = parent
    }
  }

  mutating func pop() -> Entry? {
    guard let top = items.first else { return nil }
    let last = items.removeLast()
    if !items.isEmpty {
      items[0] = last
      var parent = 0
      while true {
        let left = 2 * parent + 1
        let right = left + 1
        var largest = parent
        if left < items.count, items[left].above(items[largest]) { largest = left }
        if right < items.count, items[right].above(items[largest]) { largest = right }
        if largest == parent { break }
        items.swapAt(parent, largest)
        parent = largest
      }
    }
    return top
  }
}
