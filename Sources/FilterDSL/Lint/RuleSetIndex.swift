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

  /// A key and the first bytes (up to four) of a `contains` value, packed: the length above
  /// the bytes.
  private struct Needle: Hashable {
    var key: Int
    var prefix: UInt64

    init(key: Int, bytes: some Collection<UInt8>) {
      self.key = key
      var packed = UInt64(bytes.count) << 32
      for (shift, byte) in zip(stride(from: 0, to: 32, by: 8), bytes) {
        packed |= UInt64(byte) << UInt64(shift)
      }
      prefix = packed
    }

    /// The entry of a whole `contains` value: its first four bytes.
    init(key: Int, needle: String) {
      self.init(key: key, bytes: needle.utf8.prefix(Self.length))
    }

    static let length = 4
  }

  /// What a map is filed under for covering; the lookup from a map it may hold finds it.
  private enum Anchor {
    /// Each value of its `eq` list on the key: a held map's `eq` list is inside it.
    case values(Int, [Int])
    /// The start of each of its `contains` values on the key: each value of a held map's
    /// `eq` or `contains` list on the key contains one of them.
    case needles([Needle])
    /// The key: a held map uses every key this one does.
    case key(Int)
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
  /// The numbers of list-valued keys (`action`).
  private var listValuedNumbers: Set<Int> = []
  private var valueNumbers: [ExactString: Int] = [:]
  /// Per map, its keys in ascending number.
  private var mapKeys: [[MapKey]] = []

  // Covering: a map is filed once, under the rarest of its anchors (``Anchor``), or (empty) as
  // universal.
  private var coverByValue: [Entry: [Int]] = [:]
  private var coverByKey: [Int: [Int]] = [:]
  private var coverByNeedle: [Needle: [Int]] = [:]
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
    var needleCount: [Needle: Int] = [:]
    // Per map, what it could be filed under for covering (`eq` lists count on list-valued
    // keys too there).
    var anchors: [[Anchor]] = []
    for (ruleIndex, rule) in rules.enumerated() {
      firstMap.append(owner.count)
      for map in rule.maps {
        owner.append(ruleIndex)
        var keys: [MapKey] = []
        var options: [Anchor] = []
        for (name, criterion) in map.criteria {
          let key = number(key: name)
          keyCount[key, default: 0] += 1
          options.append(.key(key))
          let values = criterion.eq.map { Array(Set($0.map { number(value: $0) })).sorted() }
          for value in values ?? [] { valueCount[Entry(key: key, value: value), default: 0] += 1 }
          if let values, !values.isEmpty { options.append(.values(key, values)) }
          let needles = Set((criterion.contains ?? []).map { Needle(key: key, needle: $0) })
          for needle in needles { needleCount[needle, default: 0] += 1 }
          if !needles.isEmpty { options.append(.needles(Array(needles))) }
          keys.append(
            MapKey(
              key: key, counts: name != "isPublic",
              values: FilterKeyCatalog.listValuedKeys.contains(name) ? nil : values))
        }
        mapKeys.append(keys.sorted { $0.key < $1.key })
        anchors.append(options)
      }
    }
    firstMap.append(owner.count)
    for id in owner.indices {
      fileForCovering(
        id, anchors[id], keyCount: keyCount, valueCount: valueCount, needleCount: needleCount)
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

  /// Files a map under its anchor that the fewest maps share, so that few lookups list it;
  /// an empty map, which holds every map, is universal. Any anchor would be found by every
  /// map it may hold; ties go to the lowest key number, then values before needles before the
  /// key, so the filing is the same on every run.
  private mutating func fileForCovering(
    _ id: Int, _ anchors: [Anchor], keyCount: [Int: Int], valueCount: [Entry: Int],
    needleCount: [Needle: Int]
  ) {
    func cost(_ anchor: Anchor) -> (Int, Int) {
      switch anchor {
      case .values(let key, let values):
        (values.reduce(0) { $0 + (valueCount[Entry(key: key, value: $1)] ?? 0) }, key * 3)
      case .needles(let needles):
        (needles.reduce(0) { $0 + (needleCount[$1] ?? 0) }, (needles.first?.key ?? 0) * 3 + 1)
      case .key(let key): (keyCount[key] ?? 0, key * 3 + 2)
      }
    }
    guard let best = anchors.min(by: { cost($0) < cost($1) }) else {
      universal.append(id)
      return
    }
    switch best {
    case .values(let key, let values):
      for value in values {
        coverByValue[Entry(key: key, value: value), default: []].append(id)
      }
    case .needles(let needles):
      for needle in needles { coverByNeedle[needle, default: []].append(id) }
    case .key(let key): coverByKey[key, default: []].append(id)
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
      // An empty list has no value to look up (and is inside every list): compare all.
      if criterion.eq?.isEmpty == true || criterion.contains?.isEmpty == true {
        return everyRule(but: rule)
      }
      if let value = criterion.eq?.first {
        list(valueNumbers[ExactString(value)].flatMap { coverByValue[Entry(key: key, value: $0)] })
      }
      // A map filed under needles holds this one only if the first value of its `eq` (or
      // `contains`) list contains one of them: it starts with a needle's first bytes
      // somewhere.
      if criterion.eq != nil || criterion.contains != nil {
        list(coverByNeedle[Needle(key: key, bytes: [])])
      }
      for value in [criterion.eq?.first, criterion.contains?.first].compactMap({ $0 }) {
        let bytes = Array(value.utf8)
        for start in bytes.indices {
          for end in (start + 1)...min(start + Needle.length, bytes.count) {
            list(coverByNeedle[Needle(key: key, bytes: bytes[start..<end])])
          }
        }
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
