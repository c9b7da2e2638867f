import AAFilterTestSupport
import FilterDSL
import FilterEval
import XCTest

/// The compiler's central promise: the filter maps it produces match exactly the findings the
/// expression describes. Checked against the reference evaluation of the expression tree
/// (`referenceEvaluate`, which the `dsl` fuzz target shares) over seeded random expressions
/// and findings.
final class CompiledAgreesWithTreeTests: XCTestCase {
  static let keys = ["resource", "error", "isPublic", "action", "principal.AWS"]
  /// Upper case beside lower case (`x`, `X`, `True`), so a slip into case folding anywhere in
  /// the compiler or matcher shows up as a disagreement.
  static let values = ["1", "2", "12", "true", "false", "", "x", "X", "xX", "True"]

  private func randomFinding(_ random: inout SeededGenerator, index: Int) throws -> Finding {
    func value() -> String { Self.values[Int(random.next() % UInt64(Self.values.count))] }
    var fields = [#""id":"f\#(index)""#]
    if random.next() % 3 != 0 { fields.append(#""resource":"\#(value())""#) }
    if random.next() % 3 != 0 { fields.append(#""error":"\#(value())""#) }
    if random.next() % 3 != 0 { fields.append(#""isPublic":\#(random.next() % 2 == 0)"#) }
    if random.next() % 3 != 0 {
      let count = Int(random.next() % 3)
      fields.append(
        #""action":[\#((0..<count).map { _ in "\"\(value())\"" }.joined(separator: ","))]"#)
    }
    if random.next() % 3 != 0 { fields.append(#""principal":{"AWS":"\#(value())"}"#) }
    let json = "{" + fields.joined(separator: ",") + "}"
    return try XCTUnwrap(FindingsDecoder.decode(Array(json.utf8)).findings.first, json)
  }

  private func randomExpression(_ random: inout SeededGenerator, depth: Int) -> String {
    func pick(_ items: [String]) -> String { items[Int(random.next() % UInt64(items.count))] }
    if depth == 0 || random.next() % 3 == 0 {
      let key = pick(Self.keys)
      func value() -> String { FilterPrinter.literal(pick(Self.values)) }
      switch random.next() % 8 {
      case 0: return "\(key) eq \(value())"
      case 1: return "\(key) neq \(value())"
      case 2: return "\(key) in [\(value()), \(value())]"
      case 3: return "\(key) not in [\(value()), \(value())]"
      case 4: return "\(key) contains \(value())"
      case 5: return "\(key) exists"
      case 6: return "\(key) not exists"
      default: return "not \(key) eq \(value())"
      }
    }
    let parts = (0..<(2 + Int(random.next() % 2))).map { _ in
      randomExpression(&random, depth: depth - 1)
    }
    let joined = "(" + parts.joined(separator: random.next() % 2 == 0 ? " and " : " or ") + ")"
    return random.next() % 4 == 0 ? "not " + joined : joined
  }

  func testCompiledMaps_agreeWithTheTree() throws {
    var random = SeededGenerator(seed: 0x5EED)
    var findings = try (0..<200).map { try randomFinding(&random, index: $0) }
    // A few summaries without access details, so undecidable verdicts are exercised too.
    findings += try (0..<10).map { index in
      try XCTUnwrap(
        FindingsDecoder.decode(
          Array(#"{"id":"s\#(index)","findingType":"ExternalAccess","resource":"1"}"#.utf8)
        ).findings.first)
    }
    XCTAssertEqual(findings.filter { !$0.hasAccessDetails }.count, 10)
    let table = FindingTable(findings)
    var compiled = 0
    var errors: [DiagnosticCode: Int] = [:]
    for iteration in 0..<1500 {
      let text = randomExpression(&random, depth: 3)
      let expression = try FilterExpression(parsing: text)
      guard let tree = expression.expression else { continue }
      var options = CompileOptions(split: true)
      options.limits.maxFilterMaps = 2_048
      let (maps, diagnostics) = expression.compile(options: options)
      if let error = diagnostics.first(where: { $0.severity == .error }) {
        errors[error.code, default: 0] += 1
        // Only these may refuse an expression; an unsatisfiable one must really match nothing.
        XCTAssertTrue(
          [
            .negatedContains, .conflictingContains, .conflictingListEq, .unsatisfiable,
            .tooManyFilterMaps,
          ].contains(error.code), "\(text): \(error.message)")
        if error.code == .unsatisfiable {
          XCTAssertFalse(
            findings.contains { referenceEvaluate(tree, $0) }, "unsatisfiable but matches: \(text)")
        }
        continue
      }
      compiled += 1
      let matchers = maps.map(FindingMatcher.init)
      // The columnar table must give exactly the record matcher's verdicts.
      for (map, matcher) in zip(maps, matchers)
      where table.evaluate(map) != findings.map(matcher.evaluate) {
        XCTFail(
          "iteration \(iteration): table and matcher disagree on \(FilterPrinter().print(map))")
        return
      }
      for finding in findings {
        let verdicts = matchers.map { $0.evaluate(finding) }
        // A record that cannot decide some map could go either way; the tree cannot say.
        if verdicts.contains(.undecidable), !verdicts.contains(.match) { continue }
        let expected = referenceEvaluate(tree, finding)
        let actual = verdicts.contains(.match)
        if expected != actual {
          XCTFail(
            "iteration \(iteration): \(text)\nmaps: \(FilterPrinter().print(maps))\nfinding: \(finding.json.text)\nexpected \(expected)"
          )
          return
        }
      }
    }
    XCTAssertGreaterThan(compiled, 600, "too few expressions compiled: \(errors)")
  }
}
