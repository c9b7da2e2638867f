import FilterDSL

/// Draws candidate rules from the expected findings' own values, shape by shape.
///
/// A shape is a set of keys. For each shape and each of its keys (the *free* key), the
/// expected findings are grouped by their values on the other keys; within a group, the
/// rule `other keys eq the group's values and free key in [values]` archives the group's
/// findings whose free value no kept finding of the group shares. The kept findings are
/// grouped the same way in one pass over their columns, so separation is tested for all
/// groups at once, not finding by finding.
struct CandidateGenerator {
  let problem: FamilyProblem
  /// Shapes of up to this many keys.
  var maxShapeSize = 2
  /// Work allowed for kept findings that cannot decide a key (compared group by group).
  var slowBudget = 4_000_000
  var log: [String] = []
  /// Per expected position, the best single-finding candidate: kept apart, since any
  /// candidate archiving more findings is chosen first.
  var singles: [Int32: Candidate] = [:]

  init(problem: FamilyProblem) {
    self.problem = problem
    let rows = problem.expected.count + problem.kept.count
    let keys = problem.shapeKeys.count
    let triples = keys * (keys - 1) * (keys - 2) / 6
    // Three-key shapes while the passes they take stay small.
    if triples * 3 * rows <= 30_000_000 { maxShapeSize = 3 }
  }

  /// Every shape allowed for the family, smaller shapes first: combinations of the shape keys,
  /// and each other key alone.
  func shapes() -> [[Int]] {
    let keys = problem.shapeKeys
    var result: [[Int]] = []
    func extend(_ shape: [Int], from start: Int) {
      if !shape.isEmpty { result.append(shape) }
      guard shape.count < maxShapeSize else { return }
      for index in start..<keys.count { extend(shape + [keys[index]], from: index + 1) }
    }
    extend([], from: 0)
    // Every key alone is a shape too: one pass each, so keys left out of the combined shapes
    // (condition keys beyond the most frequent) still give the one-key rules they separate by.
    let combined = Set(keys)
    result += problem.keys.filter { !combined.contains($0) }.map { [$0] }
    return result.filter(allowed).sorted { $0.count < $1.count }
  }

  /// The family's safety rules on shapes (docs/suggest.md, *Safety*).
  func allowed(_ shape: [Int]) -> Bool {
    let names = shape.map { problem.table.keys[$0] }
    guard !problem.options.allowPublic else { return true }
    switch problem.family {
    case .external: return true
    case .internal: return names.contains(where: KeyPreference.namesPrincipals)
    case .unused: return names.contains("resource") || names.contains("findingType")
    }
  }

  func cost(_ shape: [Int]) -> Int {
    KeyPreference.cost(shape.map { problem.table.keys[$0] }, in: problem.family)
  }

  /// Candidates of every allowed shape, several-finding ones only (see `singles`).
  mutating func generate() -> [Candidate] {
    var all: [Candidate] = []
    let shapes = shapes()
    log.append(
      "\(problem.family.displayName): \(shapes.count) shapes of up to \(maxShapeSize) keys over "
        + problem.shapeKeys.map { problem.table.keys[$0] }.joined(separator: ", "))
    for shape in shapes {
      for free in shape {
        all += candidates(shape: shape, free: free)
      }
    }
    return all
  }

  /// Whether the unused family's stale credential rule excludes a row from this shape.
  private func excludesStale(_ shape: [Int], _ row: Int) -> Bool {
    guard problem.family == .unused, !problem.options.allowPublic,
      !shape.contains(where: { problem.table.keys[$0] == "resource" })
    else { return false }
    return problem.stringValue("findingType", row).map(KeyPreference.staleCredentialTypes.contains)
      ?? true
  }

  private struct Group {
    var fixed: [UInt32]
    var values: [UInt32: [Int32]] = [:]
    var bad: Set<UInt32> = []
    var blocked = false
  }

  /// Packs up to two value ids into one hashable word.
  @inline(__always)
  private static func pack(_ ids: [UInt32]) -> UInt64 {
    var word: UInt64 = 0
    for id in ids { word = word << 32 | UInt64(id) }
    return word
  }

  mutating func candidates(shape: [Int], free: Int) -> [Candidate] {
    let table = problem.table
    let fixed = shape.filter { $0 != free }
    let fixedColumns = fixed.map { table.columns[$0] }
    let freeColumn = table.columns[free]
    var groups: [Group] = []
    var groupIndex: [UInt64: Int] = [:]
    var tuple = [UInt32](repeating: 0, count: fixed.count)
    for (position, row) in problem.expected.enumerated() {
      let value = freeColumn[row]
      guard problem.usable(free, value), !excludesStale(shape, row) else { continue }
      var ok = true
      for index in fixed.indices {
        tuple[index] = fixedColumns[index][row]
        if !problem.usable(fixed[index], tuple[index]) { ok = false }
      }
      guard ok else { continue }
      let key = Self.pack(tuple)
      let group: Int
      if let existing = groupIndex[key] {
        group = existing
      } else {
        group = groups.count
        groups.append(Group(fixed: tuple))
        groupIndex[key] = group
      }
      groups[group].values[value, default: []].append(Int32(position))
    }
    guard !groups.isEmpty else { return [] }
    var slow: [Int] = []
    for row in problem.kept {
      var undecided = false
      var absent = false
      for index in fixed.indices {
        tuple[index] = fixedColumns[index][row]
        if tuple[index] == SuggestTable.undecidable { undecided = true }
        if tuple[index] == SuggestTable.absent { absent = true }
      }
      if absent { continue }
      if undecided {
        slow.append(row)
        continue
      }
      guard let group = groupIndex[Self.pack(tuple)] else { continue }
      Self.mark(&groups[group], freeColumn[row])
    }
    if !slow.isEmpty {
      guard slow.count * groups.count <= slowBudget else {
        log.append(
          "  skipped shape \(describe(shape)): \(slow.count) kept findings cannot decide it")
        return []
      }
      for row in slow {
        for group in groups.indices {
          let matches = fixed.indices.allSatisfy { index in
            let value = fixedColumns[index][row]
            return value == SuggestTable.undecidable || value == groups[group].fixed[index]
          }
          if matches { Self.mark(&groups[group], freeColumn[row]) }
        }
      }
    }
    return candidates(groups, shape: shape, free: free)
  }

  private static func mark(_ group: inout Group, _ value: UInt32) {
    if value == SuggestTable.undecidable {
      group.blocked = true
    } else if value != SuggestTable.absent {
      group.bad.insert(value)
    }
  }

  private mutating func candidates(_ groups: [Group], shape: [Int], free: Int) -> [Candidate] {
    // Keys in preference order, the free key among them.
    let order = problem.keys.filter(shape.contains)
    let cost = cost(shape)
    let isBroad = KeyPreference.isBroad(shape.map { problem.table.keys[$0] }, in: problem.family)
    let limit = max(1, problem.options.maxValuesPerOperator)
    var result: [Candidate] = []
    for group in groups where !group.blocked {
      let good = group.values.filter { !group.bad.contains($0.key) }
        .sorted { ($0.value.count, $1.key) > ($1.value.count, $0.key) }
      var start = 0
      while start < good.count {
        let chunk = good[start..<min(good.count, start + limit)]
        start += limit
        let values = order.map { key -> [UInt32] in
          if key == free { return chunk.map(\.key).sorted() }
          return group.fixed.indices.compactMap { index in
            shape.filter { $0 != free }[index] == key ? group.fixed[index] : nil
          }
        }
        let rows = chunk.flatMap(\.value).sorted()
        let candidate = Candidate(
          keys: order, values: values, rows: rows, cost: cost, isBroad: isBroad)
        if rows.count == 1, let row = rows.first {
          // Per finding the preferred single: narrow before broad, then the lower cost.
          if singles[row].map({ ($0.isBroad ? 1 : 0, $0.cost) > (isBroad ? 1 : 0, cost) }) ?? true {
            singles[row] = candidate
          }
        } else {
          result.append(candidate)
        }
      }
    }
    return result
  }

  func describe(_ shape: [Int]) -> String {
    "{" + shape.map { problem.table.keys[$0] }.joined(separator: ", ") + "}"
  }
}
