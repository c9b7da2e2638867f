import FilterDSL
import FilterFormats

/// Seeded rule sets for the format round trips, over keys and values that each format must
/// quote or escape: separators of the CLI's shorthand, HCL template markers, YAML indicators,
/// control characters, line separators, non-ASCII and decomposed text.
package struct RuleSetGenerator {
  package var random: SeededGenerator

  package static let keys = [
    "resourceType", "isPublic", "principal.AWS", "condition.aws:SourceVpc", "resource", "error",
    "action",
  ]
  /// Keys no real filter has, that some formats must quote and the CLI's shorthand cannot spell.
  package static let oddKeys = ["my key", "ключ", "a,b", "quote\"d", "${key}"]
  package static let values = [
    "AWS::S3::Bucket", "false", "111122223333", "arn:aws:s3:::b/*", "", "with space", " lead",
    "trail ", "a,b", "[x]", "{y}", "k=v", "${var.x}", "$${x}", "%{if a}", "'single'",
    "\"double\"", "back\\slash", "new\nline", "tab\t", "é", "😀", "\u{1}", "\u{7F}", "\u{85}",
    "\u{2028}", "#hash", "// slash", "/* c */", "true", "null", "0x1F", "-", ":", "yes", "~",
    "@x", "*", "e\u{301}", "end\\", "]close", "}brace", "=eq", "it's",
  ]

  package init(seed: UInt64) { random = SeededGenerator(seed: seed) }

  package mutating func pick<T>(_ items: [T]) -> T {
    items[Int(random.next() % UInt64(items.count))]
  }
  package mutating func chance(_ percent: UInt64) -> Bool { random.next() % 100 < percent }

  package mutating func distinctValues(_ count: Int) -> [String] {
    var chosen: [String] = []
    while chosen.count < count {
      let value = pick(Self.values)
      if !chosen.contains(where: { $0.utf8.elementsEqual(value.utf8) }) { chosen.append(value) }
    }
    return chosen
  }

  /// A criterion the compiler accepts (satisfiable), so every format can carry it, rule text
  /// included: `neq` leaves an `eq` value, `contains` is a prefix of one, `exists: false` alone.
  package mutating func criterion(key: String) -> Criterion {
    var criterion = Criterion()
    while criterion.isEmpty {
      if chance(55) { criterion.eq = distinctValues(1 + Int(random.next() % 4)) }
      if chance(30) {
        let neq = distinctValues(1 + Int(random.next() % 3)).filter { value in
          !(criterion.eq ?? []).contains { $0.utf8.elementsEqual(value.utf8) }
        }
        if !neq.isEmpty { criterion.neq = neq }
      }
      if chance(25) {
        if let first = criterion.eq?.first, key != "action" {
          criterion.contains = [String(first.unicodeScalars.prefix(2))]
        } else {
          criterion.contains = distinctValues(1 + Int(random.next() % 3))
        }
      }
      if chance(25) {
        criterion.exists = criterion.eq == nil && criterion.contains == nil ? chance(50) : true
      }
    }
    return criterion
  }

  /// A non-empty filter map.
  package mutating func filter() -> FilterCriteriaMap {
    var map = FilterCriteriaMap()
    while map.isEmpty || (map.count < 4 && chance(50)) {
      let key = chance(8) ? pick(Self.oddKeys) : pick(Self.keys)
      if map.criteria.keys.contains(where: { $0.utf8.elementsEqual(key.utf8) }) { continue }
      map[key] = criterion(key: key)
    }
    return map
  }

  /// `count` rules with distinct valid names, some with `.`, `-` and `_`.
  package mutating func rules(_ count: Int) -> [ArchiveRule] {
    (0..<count).map { index in
      let name = pick(["Rule\(index)", "team.rule-\(index)", "R_\(index)", "x\(index).y"])
      return ArchiveRule(ruleName: name, filter: filter())
    }
  }
}

/// Exact equality of rule lists: names, keys and values compared by their bytes, operators
/// and value order included (`String ==` would equate decomposed and composed text).
package func exactlyEqual(_ a: [ArchiveRule], _ b: [ArchiveRule]) -> Bool {
  a.count == b.count
    && zip(a, b).allSatisfy { left, right in
      left.ruleName.utf8.elementsEqual(right.ruleName.utf8)
        && left.filter.json.serialized().utf8.elementsEqual(right.filter.json.serialized().utf8)
    }
}
