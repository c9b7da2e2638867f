/// The rules of a set indexed by the keys their maps use and the `eq` values of those keys, so
/// that ``RuleComparison`` compares a rule only with the rules that can cover it or share a
/// finding with it. Every lookup returns a superset of those rules (each is then compared in
/// full), in file order.
///
/// Keys are compared as `String`s and values by their bytes, as ``Coverage`` compares them;
/// both are numbered once, so lookups and the quick test before a full comparison work on
/// integers.
struct RuleSetIndex {
  /// A key and one of its `eq` values, by number.
  private struct Entry: Hashable {
    var key: Int
    var value: Int
  }

  /// One key of a map, as the overlap lookup needs it.
  private struct MapKey {
    var key: Int
    /// Any key but `isPublic`: sharing one makes an overlap worth reporting.
    var counts: Bool
    /// On a single-valued key, its distinct `eq` values, ascending; `nil` without `eq` or on
    /// a list-valued key, whose `eq` values do not exclude each other.
    var values: [Int]?
  }

  private let rules: [ComparedRule]
  /// Map id (maps numbered in rule order) to its rule.
  private var owner: [Int] = []
  /// Rule to the id of its first map; `firstMap[rule + 1]` ends its maps.
  private var firstMap: [Int] = []
  private var keyNumbers: [String: Int] = [:]
  private var valueNumbers: [ExactString: Int] = [:]
  /// Per map, its keys in ascending number.
  private var mapKeys: [[MapKey]] = []

  // Covering: a map is filed once, under the rarest of its `eq` lists (each of its values),
  // else under its rarest key, else (empty) as universal.
  private var coverByValue: [Entry: [Int]] = [:]
  private var coverByKey: [Int: [Int]] = [:]
  private var universal: [Int] = []

  // Overlapping: every map under each key it uses, and for single-valued keys under each of
  // its `eq` values, or among the maps that use the key without `eq`.
  private var withKey: [Int: [Int]] = [:]
  private var withValue: [Entry: [Int]] = [:]
  private var withKeyNoEq: [Int: [Int]] = [:]

  /// Per rule, the lookup that last listed it, so each lookup lists a rule once.
  private var listedBy: [Int]
  private var lookup = 0

  init(_ rules: [ComparedRule]) {
    self.rules = rules
    listedBy = Array(repeating: -1, count: rules.count)
    var keyCount: [Int: Int] = [:]
    var valueCount: [Entry: Int] = [:]
    // Per map, its `eq` lists on every key (covering compares them on list-valued keys too).
    var eqLists: [[(key: Int, values: [Int])]] = []
    for (ruleIndex, rule) in rules.enumerated() {
      firstMap.append(owner.count)
      for map in rule.maps {
        owner.append(ruleIndex)
        var keys: [MapKey] = []
        var lists: [(key: Int, values: [Int])] = []
        for (name, criterion) in map.criteria {
          let key = number(key: name)
          keyCount[key, default: 0] += 1
          let values = criterion.eq.map { Array(Set($0.map { number(value: $0) })).sorted() }
          for value in values ?? [] { valueCount[Entry(key: key, value: value), default: 0] += 1 }
          keys.append(
            MapKey(
              key: key, counts: name != "isPublic",
              values: FilterKeyCatalog.listValuedKeys.contains(name) ? nil : values))
          if let values { lists.append((key, values)) }
        }
        mapKeys.append(keys.sorted { $0.key < $1.key })
        eqLists.append(lists)
      }
    }
    firstMap.append(owner.count)
    for id in owner.indices {
      fileForCovering(id, eqLists: eqLists[id], keyCount: keyCount, valueCount: valueCount)
      for mapKey in mapKeys[id] {
        withKey[mapKey.key, default: []].append(id)
        if let values = mapKey.values {
          for value in values {
            withValue[Entry(key: mapKey.key, value: value), default: []].append(id)
          }
        } else if !listValuedNumbers.contains(mapKey.key) {
          withKeyNoEq[mapKey.key, default: []].append(id)
        }
      }
    }
  }

  private var listValuedNumbers: Set<Int> = []

  private mutating func number(key: String) -> Int {
    if let known = keyNumbers[key] { return known }
    let next = keyNumbers.count
    keyNumbers[key] = next
    if FilterKeyCatalog.listValuedKeys.contains(key) { listValuedNumbers.insert(next) }
    return next
  }

  private mutating func number(value: String) -> Int {
    let exact = ExactString(value)
    if let known = valueNumbers[exact] { return known }
    let next = valueNumbers.count
    valueNumbers[exact] = next
    return next
  }

  private mutating func fileForCovering(
    _ id: Int, eqLists: [(key: Int, values: [Int])], keyCount: [Int: Int],
    valueCount: [Entry: Int]
  ) {
    // The cheapest non-empty list, ties to the lowest key number, so the filing is the same
    // on every run (any choice would find the same rules).
    var best: (key: Int, values: [Int], cost: Int)?
    for (key, values) in eqLists where !values.isEmpty {
      let cost = values.reduce(0) { $0 + (valueCount[Entry(key: key, value: $1)] ?? 0) }
      if best.map({ cost != $0.cost ? cost < $0.cost : key < $0.key }) ?? true {
        best = (key, values, cost)
      }
    }
    if let best {
      for value in best.values {
        coverByValue[Entry(key: best.key, value: value), default: []].append(id)
      }
      return
    }
    let rarest = mapKeys[id].min {
      let (a, b) = (keyCount[$0.key] ?? 0, keyCount[$1.key] ?? 0)
      return a != b ? a < b : $0.key < $1.key
    }
    if let rarest {
      coverByKey[rarest.key, default: []].append(id)
    } else {
      universal.append(id)
    }
  }

  /// Rules other than `rule` that may cover it, in file order: those with a map that may
  /// hold its first map. A map holds another only if its keys are among the other's, and each
  /// of its `eq` lists contains the other's `eq` list on that key, so the rarest-list filing
  /// finds it from any one value of the other's list.
  mutating func coveringCandidates(of rule: Int) -> [Int] {
    guard firstMap[rule] < firstMap[rule + 1] else { return everyRule(but: rule) }
    let first = rules[rule].maps[0]
    lookup += 1
    listedBy[rule] = lookup
    var found: [Int] = []
    func list(_ ids: [Int]?) {
      for id in ids ?? [] where listedBy[owner[id]] != lookup {
        listedBy[owner[id]] = lookup
        found.append(owner[id])
      }
    }
    list(universal)
    for (name, criterion) in first.criteria {
      guard let key = keyNumbers[name] else { continue }
      if let eq = criterion.eq {
        // An empty list is held by an empty list only; no value to look up, so compare all.
        guard let value = eq.first else { return everyRule(but: rule) }
        list(valueNumbers[ExactString(value)].flatMap { coverByValue[Entry(key: key, value: $0)] })
      }
      list(coverByKey[key])
    }
    return found.sorted()
  }

  private func everyRule(but rule: Int) -> [Int] { rules.indices.filter { $0 != rule } }

  /// Earlier rules that may share a finding with `rule` and a key other than `isPublic`, in
  /// file order: through each such key of each of its maps, the maps with that key whose
  /// `eq` values, on every single-valued key both constrain with `eq`, meet its own.
  mutating func overlapCandidates(of rule: Int) -> [Int] {
    lookup += 1
    var found: [Int] = []
    for id in firstMap[rule]..<firstMap[rule + 1] {
      func list(_ ids: [Int]?) {
        guard let ids else { return }
        for other in ids[..<earlierEnd(ids, than: rule)] where listedBy[owner[other]] != lookup {
          if mayMeet(id, other) {
            listedBy[owner[other]] = lookup
            found.append(owner[other])
          }
        }
      }
      for mapKey in mapKeys[id] where mapKey.counts {
        if let values = mapKey.values {
          for value in values { list(withValue[Entry(key: mapKey.key, value: value)]) }
          list(withKeyNoEq[mapKey.key])
        } else {
          list(withKey[mapKey.key])
        }
      }
    }
    return found.sorted()
  }

  /// Where the ids of rules before `rule` end in an ascending list: ids ascend with their
  /// rules, so a binary search finds it.
  private func earlierEnd(_ ids: [Int], than rule: Int) -> Int {
    var low = 0
    var high = ids.count
    while low < high {
      let middle = (low + high) / 2
      if owner[ids[middle]] < rule { low = middle + 1 } else { high = middle }
    }
    return low
  }

  /// Whether two maps agree on the `eq` values of every single-valued key both constrain with
  /// `eq`: if not, no finding matches both. Both key lists ascend, as do the values.
  private func mayMeet(_ a: Int, _ b: Int) -> Bool {
    let (left, right) = (mapKeys[a], mapKeys[b])
    var (i, j) = (0, 0)
    while i < left.count, j < right.count {
      if left[i].key < right[j].key {
        i += 1
      } else if left[i].key > right[j].key {
        j += 1
      } else {
        if let x = left[i].values, let y = right[j].values, !intersect(x, y) { return false }
        i += 1
        j += 1
      }
    }
    return true
  }

  private func intersect(_ x: [Int], _ y: [Int]) -> Bool {
    var (i, j) = (0, 0)
    while i < x.count, j < y.count {
      if x[i] == y[j] { return true }
      if x[i] < y[j] { i += 1 } else { j += 1 }
    }
    return false
  }
}
