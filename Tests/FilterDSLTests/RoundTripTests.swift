import AAFilterTestSupport
import FilterDSL
import XCTest

/// Generates filter maps and expressions from a seed, so failures reproduce.
struct FilterGenerator {
  var random: SeededGenerator

  static let keys = [
    "resourceType", "isPublic", "principal.AWS", "condition.aws:SourceVpc", "resource", "error",
    "action",
    "my key", "and", "ключ", "", "tab\there", "quote\"d",
  ]
  static let values = [
    "AWS::S3::Bucket", "true", "false", "111122223333", "arn:aws:s3:::b/*", "", "with space", "or",
    "Desc",
    "é", "e\u{301}", "😀", "back\\slash", "a\"b", "x", "y", "prod-", "\u{1}",
  ]

  mutating func pick<T>(_ items: [T]) -> T { items[Int(random.next() % UInt64(items.count))] }
  mutating func chance(_ percent: UInt64) -> Bool { random.next() % 100 < percent }

  mutating func distinctValues(_ count: Int, excluding: Set<String> = []) -> [String] {
    var chosen: [String] = []
    for value in Self.values.shuffled(using: &random) where chosen.count < count {
      if !excluding.contains(value), !chosen.contains(where: { $0.utf8.elementsEqual(value.utf8) })
      {
        chosen.append(value)
      }
    }
    return chosen
  }

  /// A criterion the compiler accepts: satisfiable, distinct values, at most 20 each.
  mutating func criterion(listValued: Bool) -> Criterion {
    while true {
      var criterion = Criterion()
      if chance(50) { criterion.eq = distinctValues(1 + Int(random.next() % 4)) }
      if chance(30) {
        let neq = distinctValues(1 + Int(random.next() % 3), excluding: Set(criterion.eq ?? []))
        if !neq.isEmpty { criterion.neq = neq }
      }
      if chance(30) {
        if let eq = criterion.eq, !listValued {
          criterion.contains = [String(eq[0].prefix(1))]
        } else if criterion.eq == nil || listValued {
          criterion.contains = distinctValues(1 + Int(random.next() % 3))
        }
      }
      if chance(30) {
        criterion.exists = criterion.eq == nil && criterion.contains == nil ? chance(50) : true
      }
      if !criterion.isEmpty { return criterion }
    }
  }

  mutating func map() -> FilterCriteriaMap {
    var map = FilterCriteriaMap()
    for _ in 0..<Int(random.next() % 5) {
      let key = pick(Self.keys)
      map[key] = criterion(listValued: key == "action")
    }
    return map
  }

  /// Expression text over a few keys, nested up to `depth`.
  mutating func expression(depth: Int) -> String {
    if depth == 0 || chance(35) { return predicate() }
    let count = 2 + Int(random.next() % 3)
    let parts = (0..<count).map { _ in expression(depth: depth - 1) }
    let joined = parts.joined(separator: chance(50) ? " and " : " or ")
    return chance(25) ? "not (\(joined))" : "(\(joined))"
  }

  mutating func predicate() -> String {
    let key = FilterPrinter.literal(pick(["a", "b", "c", "isPublic", "action"]))
    let value = { (g: inout FilterGenerator) in
      FilterPrinter.literal(g.pick(["1", "2", "3", "true", "x y"]))
    }
    switch random.next() % 7 {
    case 0: return "\(key) eq \(value(&self))"
    case 1: return "\(key) neq \(value(&self))"
    case 2: return "\(key) in [\(value(&self)), \(value(&self))]"
    case 3: return "\(key) not in [\(value(&self))]"
    case 4: return "\(key) contains \(value(&self))"
    case 5: return "\(key) exists"
    default: return "\(key) not exists"
    }
  }
}

final class RoundTripTests: XCTestCase {
  /// compile(print(map)) == map for every valid map.
  func testPrintThenCompile_givesTheSameMap() throws {
    var generator = FilterGenerator(random: SeededGenerator(seed: 0xA11CE))
    for iteration in 0..<3000 {
      let map = generator.map()
      let text = FilterPrinter().print(map)
      do {
        let compiled = try FilterExpression(parsing: text).filterMap()
        XCTAssertEqual(compiled, map, "iteration \(iteration): \(text)")
      } catch {
        XCTFail("iteration \(iteration): \(text)\n\(error)")
      }
    }
  }

  /// print(compile(text)) is canonical: compiling it again gives the same maps, and printing
  /// those gives the same text.
  func testCompileThenPrint_isAFixedPoint() throws {
    var generator = FilterGenerator(random: SeededGenerator(seed: 0xBEEF))
    var compiledCount = 0
    for iteration in 0..<2000 {
      let text = generator.expression(depth: 3)
      let options = CompileOptions(split: true)
      let result = FilterCompiler.compile(text, options: options)
      guard !result.hasErrors else { continue }
      compiledCount += 1
      let maps = result.maps
      let printed = FilterPrinter().print(maps)
      let again = try FilterCompiler.compile(printed, options: options).checked().maps
      XCTAssertEqual(Set(again), Set(maps), "iteration \(iteration): \(text)\nprinted: \(printed)")
      XCTAssertEqual(FilterPrinter().print(again), printed, "iteration \(iteration)")
    }
    XCTAssertGreaterThan(compiledCount, 1000, "the generator should mostly make valid expressions")
  }

  /// The API JSON round-trips through Codable unchanged.
  func testJSONRoundTrip() throws {
    var generator = FilterGenerator(random: SeededGenerator(seed: 7))
    for _ in 0..<500 {
      let map = generator.map()
      let data = try JSONEncoder().encode(map)
      XCTAssertEqual(try JSONDecoder().decode(FilterCriteriaMap.self, from: data), map)
    }
  }
}
