import AAFilterTestSupport
import FilterDSL
import XCTest

/// No input may crash, hang or cost more than linear time.
final class HostileInputTests: XCTestCase {
  private func parseAndCompile(_ bytes: [UInt8]) -> [Diagnostic] {
    let (document, diagnostics) = FilterSource.parse(bytes: bytes)
    guard !diagnostics.hasErrors else { return diagnostics }
    let text = String(decoding: bytes, as: UTF8.self)
    if case .query = document, let expression = try? FilterExpression(parsing: text) {
      return expression.compile(options: CompileOptions(split: true)).1
    }
    return []
  }

  func testDeepNesting_isADiagnostic() {
    for source in [
      String(repeating: "(", count: 100_000) + "a exists" + String(repeating: ")", count: 100_000),
      String(repeating: "not ", count: 100_000) + "a exists",
      String(repeating: "(", count: 100_000),
    ] {
      let codes = parseAndCompile(Array(source.utf8)).map(\.code)
      XCTAssertEqual(codes, [.nestingTooDeep])
    }
  }

  func testNestingAtTheCap_stillParses() throws {
    let depth = Limits.default.maxDepth
    let source =
      String(repeating: "(", count: depth) + "a exists" + String(repeating: ")", count: depth)
    XCTAssertEqual(
      try FilterExpression(parsing: source).filterMap(), ["a": Criterion(exists: true)])
  }

  func testLargeInputs_capErrors() {
    let tenMegabytes = 10 << 20
    let cases: [[UInt8]] = [
      Array(repeating: UInt8(ascii: "!"), count: tenMegabytes),
      Array(repeating: UInt8(ascii: "a"), count: tenMegabytes),
      Array(String(repeating: "a eq ", count: 200_000).utf8),
      Array(("\"" + String(repeating: "x", count: tenMegabytes)).utf8),
      Array(repeating: 0xFF, count: 1 << 20),
    ]
    for bytes in cases {
      let diagnostics = parseAndCompile(bytes)
      XCTAssertFalse(diagnostics.isEmpty)
      XCTAssertLessThanOrEqual(diagnostics.count, Limits.default.maxDiagnostics + 1)
    }
  }

  /// That this costs linear time is measured by `aafilter-bench --growth`, not here.
  func testLongBadInput_isDiagnosed() {
    for unit in ["!", "a eq ", "\u{FF}"] {
      let diagnostics = parseAndCompile(Array(String(repeating: unit, count: 200_000).utf8))
      XCTAssertFalse(diagnostics.isEmpty, unit)
      XCTAssertLessThanOrEqual(diagnostics.count, Limits.default.maxDiagnostics + 1, unit)
    }
  }

  func testLongValidRule_compiles() throws {
    let source = (0..<20_000).map { "k\($0) exists" }.joined(separator: " and ")
    XCTAssertEqual(try FilterExpression(parsing: source).filterMap().count, 20_000)
    let ors = (0..<5_000).map { "a eq v\($0)" }.joined(separator: " or ")
    let maps = try FilterExpression(parsing: ors).filterMaps(
      splitting: true,
      limits: {
        var limits = Limits()
        limits.maxFilterMaps = 1_000
        return limits
      }())
    XCTAssertEqual(maps.count, 250)
  }

  func testExplosiveDistribution_isCapped() {
    let source = (0..<20).map { "(a\($0) eq 1 or b\($0) eq 1)" }.joined(separator: " and ")
    let codes = parseAndCompile(Array(source.utf8)).map(\.code)
    XCTAssertEqual(codes.first, .tooManyFilterMaps)
  }

  /// Random bytes never crash, and every answer is well formed: either a clean compile or
  /// errors, each inside the input, with a message and at most the cap of them.
  func testRandomBytes_neverCrash() {
    var random = SeededGenerator(seed: 99)
    let alphabet =
      Array("ab eq neq in not and or ( ) [ ] { } , \" \\ u # = ! rule order by x\n\u{1}é".utf8) + [
        0xFF, 0xC3,
      ]
    var rejected = 0
    for _ in 0..<3000 {
      let length = Int(random.next() % 60)
      let bytes = (0..<length).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }
      let diagnostics = parseAndCompile(bytes)
      XCTAssertLessThanOrEqual(diagnostics.count, Limits.default.maxDiagnostics + 1)
      for diagnostic in diagnostics {
        XCTAssertFalse(diagnostic.message.isEmpty)
        XCTAssertLessThanOrEqual(diagnostic.range.end, bytes.count, diagnostic.message)
      }
      if diagnostics.hasErrors { rejected += 1 }
      // Whatever compiles must also compile through the public entry point, to the same maps.
      if !diagnostics.hasErrors, let text = String(validating: bytes, as: UTF8.self) {
        XCTAssertFalse(FilterCompiler.compile(text, options: CompileOptions(split: true)).hasErrors)
      }
    }
    // Most random byte strings are not rules; a generator that made only valid ones would
    // prove nothing about error paths.
    XCTAssertGreaterThan(rejected, 1_500)
  }
}
