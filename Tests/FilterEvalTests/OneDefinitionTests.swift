import AAFilterTestSupport
import FilterDSL
import XCTest

@testable import FilterEval

/// Matching has one definition (`CompiledCriterion`); the record matcher's fast path, the
/// generic path any `FindingRecord` takes, explain, the columnar table and the column store
/// (its columns and its rows) are all checked to give the same verdict, and that verdict to be
/// the one grammar.md's table gives, on seeded random filters and findings.
final class OneDefinitionTests: XCTestCase {
  static let keys = [
    "id", "resource", "resourceType", "status", "isPublic", "action", "principal.AWS",
    "condition.aws:SourceIp", "error", "noSuchKey", "principalType", "accessType",
  ]
  /// Finding types of every family, and one no family has (whose summaries decide nothing).
  static let findingTypes = ["ExternalAccess", "InternalAccess", "UnusedIAMRole", "FutureAccess"]
  /// Upper and lower case, prefixes of each other, empty, booleans in both cases, and
  /// canonically equivalent spellings that compare unequal by bytes.
  static let values = [
    "a", "A", "ab", "AB", "Ab", "", "true", "false", "TRUE", "x-1", "X-1", "caf\u{E9}",
    "cafe\u{301}",
  ]

  /// A finding that answers only through `value(for:)`, so the generic path is taken.
  struct Wrapped: FindingRecord {
    var finding: Finding
    func value(for attribute: FindingAttribute) -> FindingValue? {
      finding.value(for: attribute)
    }
    var hasAccessDetails: Bool { finding.hasAccessDetails }
    var analyzerFamily: AnalyzerFamily? { finding.analyzerFamily }
    var detailsArePartial: Bool { finding.detailsArePartial }
  }

  private func pick(_ random: inout SeededGenerator) -> String {
    Self.values[Int(random.next() % UInt64(Self.values.count))]
  }

  /// A JSON string for `value`, sometimes with an escape so the reader keeps a string rather
  /// than a span of the input.
  private func quoted(_ value: String, _ random: inout SeededGenerator) -> String {
    let json = JSONString.quote(value)
    guard random.next() % 3 == 0, value.hasPrefix("a") else { return json }
    return "\"\\u0061" + json.dropFirst(2)
  }

  private func randomFinding(_ random: inout SeededGenerator, index: Int) throws -> Finding {
    var fields: [String] = []
    func maybe(_ field: String, _ value: () -> String) {
      if random.next() % 4 != 0 { fields.append("\"\(field)\":\(value())") }
    }
    if random.next() % 5 != 0 {
      fields.append("\"id\":\(quoted(pick(&random) + "\(index)", &random))")
    } else {
      fields.append("\"id\":\"f\(index)\"")
    }
    maybe("resource") { quoted(pick(&random), &random) }
    maybe("resourceType") { quoted(pick(&random), &random) }
    maybe("status") { quoted(pick(&random), &random) }
    maybe("error") { quoted(pick(&random), &random) }
    let shape = random.next() % 8
    let findingType = Self.findingTypes[Int(random.next() % UInt64(Self.findingTypes.count))]
    if shape == 0 {
      // A list-findings-v2 summary: no access details at all.
      fields.append("\"findingType\":\"\(findingType)\"")
    } else if shape == 1 {
      // A get-finding-v2 page with more details to come.
      var details: [String] = []
      if random.next() % 2 == 0 { details.append("\"isPublic\":\(random.next() % 2 == 0)") }
      if random.next() % 2 == 0 {
        details.append("\"principalType\":\(quoted(pick(&random), &random))")
      }
      if random.next() % 2 == 0 {
        details.append("\"principal\":{\"AWS\":\(quoted(pick(&random), &random))}")
      }
      if random.next() % 2 == 0 { details.append("\"action\":[\(quoted(pick(&random), &random))]") }
      fields.append("\"findingType\":\"\(findingType)\",\"nextToken\":\"t\"")
      fields.append(
        "\"findingDetails\":[{\"internalAccessDetails\":{\(details.joined(separator: ","))}}]")
    } else {
      maybe("principalType") { quoted(pick(&random), &random) }
      maybe("accessType") { quoted(pick(&random), &random) }
      maybe("isPublic") { random.next() % 2 == 0 ? "true" : "false" }
      maybe("action") {
        "["
          + (0..<Int(random.next() % 3)).map { _ in quoted(pick(&random), &random) }
          .joined(separator: ",") + "]"
      }
      maybe("principal") { "{\"AWS\":\(quoted(pick(&random), &random))}" }
      maybe("condition") { "{\"aws:SourceIp\":\(quoted(pick(&random), &random))}" }
    }
    let json = "{" + fields.joined(separator: ",") + "}"
    return try XCTUnwrap(FindingsDecoder.decode(Array(json.utf8)).findings.first, json)
  }

  private func randomFilter(_ random: inout SeededGenerator) -> FilterCriteriaMap {
    var filter = FilterCriteriaMap()
    for _ in 0..<(1 + Int(random.next() % 3)) {
      let key = Self.keys[Int(random.next() % UInt64(Self.keys.count))]
      var criterion = Criterion()
      func list() -> [String] { (0...Int(random.next() % 2)).map { _ in pick(&random) } }
      repeat {
        if random.next() % 3 == 0 { criterion.eq = list() }
        if random.next() % 4 == 0 { criterion.neq = list() }
        if random.next() % 4 == 0 { criterion.contains = list() }
        if random.next() % 5 == 0 { criterion.exists = random.next() % 2 == 0 }
      } while criterion.isEmpty
      filter[key] = criterion
    }
    return filter
  }

  /// grammar.md's operator table, written out independently of the library.
  private func reference(_ filter: FilterCriteriaMap, _ finding: Finding) -> Verdict {
    var result = Verdict.match
    for (key, criterion) in filter.criteria {
      let detail =
        ["isPublic", "action", "principalType", "accessType"].contains(key)
        || key.hasPrefix("principal.") || key.hasPrefix("condition.")
      let elements: [String]
      switch key {
      case "id": elements = finding.id.map { [$0] } ?? []
      case "resource": elements = finding.resource.map { [$0] } ?? []
      case "resourceType": elements = finding.resourceType.map { [$0] } ?? []
      case "status": elements = finding.status.map { [$0] } ?? []
      case "error": elements = finding.error.map { [$0] } ?? []
      case "isPublic": elements = finding.isPublic.map { [$0 ? "true" : "false"] } ?? []
      case "action": elements = finding.action ?? []
      case "principal.AWS": elements = finding.principal?["AWS"].map { [$0] } ?? []
      case "condition.aws:SourceIp":
        elements = finding.condition?["aws:SourceIp"].map { [$0] } ?? []
      case "principalType": elements = finding.principalType.map { [$0] } ?? []
      case "accessType": elements = finding.accessType.map { [$0] } ?? []
      default: elements = []
      }
      if detail, !finding.hasAccessDetails {
        // grammar.md, "Undecidable records": absent when the family never carries the key;
        // on a partial page, decided when the page holds a value (never for action).
        let carriers: [String: Set<String>] = [
          "isPublic": ["ExternalAccess"], "principalType": ["InternalAccess"],
          "accessType": ["InternalAccess"],
        ]
        // The family: the finding type's, else the kind of details (internal, as generated).
        let written = finding.findingType ?? ""
        let type =
          Self.findingTypes.dropLast().contains(written)
          ? written : finding.detailsArePartial ? "InternalAccess" : ""
        let known = !type.isEmpty
        let carried = carriers[key]?.contains(type) ?? (type != "UnusedIAMRole")
        if !known || carried {
          if !(finding.detailsArePartial && key != "action" && !elements.isEmpty) {
            result = .undecidable
            continue
          }
        }
      }
      let bytes = elements.map { Array($0.utf8) }
      func equalsOne(_ list: [String]?) -> Bool {
        bytes.contains { element in (list ?? []).contains { Array($0.utf8) == element } }
      }
      func containsOne(_ needles: [String]) -> Bool {
        bytes.contains { element in
          needles.contains { needle in
            let n = Array(needle.utf8)
            return n.isEmpty
              || (0...max(0, element.count - n.count)).contains { start in
                start + n.count <= element.count && Array(element[start..<start + n.count]) == n
              }
          }
        }
      }
      var ok = true
      if let eq = criterion.eq, !equalsOne(eq) { ok = false }
      if criterion.neq != nil, equalsOne(criterion.neq) { ok = false }
      if let contains = criterion.contains, !containsOne(contains) { ok = false }
      if let exists = criterion.exists, exists == bytes.isEmpty { ok = false }
      if !ok { return .noMatch }
    }
    return result
  }

  func testMatcherExplainAndTable_giveOneVerdict() throws {
    var random = SeededGenerator(seed: 0xD0_0D1E)
    let findings = try (0..<60).map { try randomFinding(&random, index: $0) }
    let table = FindingTable(findings)
    let wrappedTable = FindingTable(findings.map(Wrapped.init))
    // The column store, read in parallel from the findings' own JSON.
    let json = "[" + findings.map(\.json.text).joined(separator: ",\n") + "]"
    let (store, _) = try FindingsStoreReader(threads: 2, pieceSize: 256).readAll(
      InputBytes(Array(json.utf8)))
    XCTAssertEqual(store.count, findings.count)
    var pairs = 0
    var seen: [Verdict: Int] = [:]
    for iteration in 0..<60 {
      let filter = randomFilter(&random)
      let matcher = FindingMatcher(filter)
      let columns = table.evaluate(filter)
      let wrappedColumns = wrappedTable.evaluate(filter)
      let storeColumns = store.evaluate(filter)
      for (row, finding) in findings.enumerated() {
        pairs += 1
        let verdict = matcher.evaluate(finding)
        seen[verdict, default: 0] += 1
        let context =
          "iteration \(iteration), filter \(FilterPrinter().print(filter)), "
          + "finding \(finding.json.text)"
        XCTAssertEqual(verdict, reference(filter, finding), "reference: " + context)
        XCTAssertEqual(verdict, matcher.evaluate(Wrapped(finding: finding)), "generic: " + context)
        let explanation = matcher.explain(finding)
        XCTAssertEqual(verdict, explanation.verdict, "explain: " + context)
        XCTAssertEqual(verdict, columns[row], "table: " + context)
        XCTAssertEqual(verdict, wrappedColumns[row], "generic table: " + context)
        XCTAssertEqual(verdict, storeColumns[row], "store: " + context)
        XCTAssertEqual(verdict, matcher.evaluate(store[row]), "store row: " + context)
        XCTAssertEqual(finding, store.finding(at: row), "store finding: " + context)
        // Each criterion explained alone agrees with a one-criterion matcher.
        for criterion in explanation.criteria {
          let single = FindingMatcher([criterion.key: filter[criterion.key] ?? Criterion()])
          XCTAssertEqual(criterion.verdict, single.evaluate(finding), context)
        }
      }
    }
    XCTAssertGreaterThanOrEqual(pairs, 2_000)
    // The generator must exercise every verdict, or the agreement above proves little.
    for verdict in [Verdict.match, .noMatch, .undecidable] {
      XCTAssertGreaterThan(seen[verdict, default: 0], 50, "\(verdict): \(seen)")
    }
  }
}
