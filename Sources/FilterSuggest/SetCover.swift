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

  /// The fewest candidates archiving every position of `universe` (positions below 64), by
  /// branch and bound; `nil` when it finds nothing better than `bound` rules.
  static func exact(
    _ candidates: [Candidate], among indices: [Int], universe: [Int32], bound: Int,
    nodeBudget: Int = 200_000
  ) -> Result? {
    guard universe.count <= 64, bound > 1 else { return nil }
    var bit: [Int32: Int] = [:]
    for (index, row) in universe.enumerated() { bit[row] = index }
    let full: UInt64 = universe.count == 64 ? .max : (1 << UInt64(universe.count)) - 1
    // Each candidate as a mask; among equal masks, the preferred one.
    var masks: [(mask: UInt64, index: Int)] = []
    var bestForMask: [UInt64: Int] = [:]
    for index in indices {
      var mask: UInt64 = 0
      for row in candidates[index].rows { if let b = bit[row] { mask |= 1 << UInt64(b) } }
      guard mask != 0 else { continue }
      if let other = bestForMask[mask], candidates[other].cost <= candidates[index].cost {
        continue
      }
      bestForMask[mask] = index
    }
    masks = bestForMask.map { ($0.key, $0.value) }.sorted {
      ($0.mask.nonzeroBitCount, -candidates[$0.index].cost, -$0.index)
        > ($1.mask.nonzeroBitCount, -candidates[$1.index].cost, -$1.index)
    }
    // Drop masks inside another mask (a superset archives more for one rule).
    masks = masks.enumerated().filter { position, entry in
      !masks[..<position].contains { $0.mask & entry.mask == entry.mask }
    }.map(\.element)
    guard !masks.isEmpty else { return nil }
    let largest = masks.map(\.mask.nonzeroBitCount).max() ?? 1
    var best: [Int]? = nil
    var bestCount = bound
    var nodes = 0
    var exhausted = false
    var stack: [Int] = []
    func search(_ covered: UInt64) {
      if covered & full == full {
        if stack.count < bestCount {
          bestCount = stack.count
          best = stack
        }
        return
      }
      nodes += 1
      if nodes > nodeBudget {
        exhausted = true
        return
      }
      let remaining = (full & ~covered).nonzeroBitCount
      let lower = stack.count + (remaining + largest - 1) / largest
      guard lower < bestCount else { return }
      // Branch on the first position not yet archived: some chosen mask must hold it.
      let first = UInt64((full & ~covered).trailingZeroBitCount)
      for (position, entry) in masks.enumerated() where entry.mask & (1 << first) != 0 {
        stack.append(position)
        search(covered | entry.mask)
        stack.removeLast()
        if exhausted { return }
      }
    }
    search(0)
    guard let best else {
      return exhausted ? nil : Result(chosen: [], isOptimal: true, nodes: nodes)
    }
    return Result(chosen: best.map { masks[$0].index }, isOptimal: !exhausted, nodes: nodes)
  }
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
