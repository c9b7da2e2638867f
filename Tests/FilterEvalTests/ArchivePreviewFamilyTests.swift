import FilterDSL
import FilterEval
import XCTest

/// A preview scoped to a stated analyzer family never archives another family's findings,
/// counts them apart, and keeps findings of unknown family as candidates.
final class ArchivePreviewFamilyTests: XCTestCase {
  /// One ACTIVE finding of each family on the same role, one of unknown family, and an
  /// ARCHIVED external one: the rule (on the resource alone) matches all five.
  private static let json = #"""
    [{"id":"ext","status":"ACTIVE","resource":"r","findingType":"ExternalAccess","isPublic":false,"principal":{"AWS":"1"}},
     {"id":"int","status":"ACTIVE","resource":"r","findingType":"InternalAccess","principalType":"IAM_ROLE"},
     {"id":"unu","status":"ACTIVE","resource":"r","findingType":"UnusedIAMRole"},
     {"id":"unknown","status":"ACTIVE","resource":"r"},
     {"id":"ext-archived","status":"ARCHIVED","resource":"r","findingType":"ExternalAccess","isPublic":false}]
    """#

  private static let rules = [
    ArchiveRule(ruleName: "Role", filter: ["resource": Criterion(eq: ["r"])])
  ]

  /// (stated family, archived ids, already archived ids, other-family count, active count)
  private static let cases: [(AnalyzerFamily?, [String], [String], Int, Int, UInt)] = [
    (nil, ["ext", "int", "unu", "unknown"], ["ext-archived"], 0, 4, #line),
    (.external, ["ext", "unknown"], ["ext-archived"], 2, 2, #line),
    (.internal, ["int", "unknown"], [], 3, 2, #line),
    (.unused, ["unu", "unknown"], [], 3, 2, #line),
  ]

  private func previews(_ family: AnalyzerFamily?) throws -> [(String, ArchivePreview)] {
    let bytes = Array(Self.json.utf8)
    let findings = try FindingsDecoder.decode(bytes).findings
    var oneByOne = ArchivePreview(rules: Self.rules, family: family)
    for finding in findings { oneByOne.add(finding) }
    var table = ArchivePreview(rules: Self.rules, family: family)
    table.add(contentsOf: findings)
    var mixed = ArchivePreview(rules: Self.rules, family: family)
    mixed.add(contentsOf: findings.map { $0 as any FindingRecord })
    var stored = ArchivePreview(rules: Self.rules, family: family)
    let (store, _) = try FindingsStoreReader(threads: 1).readAll(InputBytes(bytes))
    stored.add(store)
    return [("one by one", oneByOne), ("table", table), ("mixed", mixed), ("store", stored)]
  }

  func testStatedFamily_archivesOnlyItsOwnAndUnknownFindings() throws {
    for (family, archived, already, others, active, line) in Self.cases {
      for (path, preview) in try previews(family) {
        let label = "\(family?.rawValue ?? "none"), \(path)"
        XCTAssertEqual(preview.family, family, label, line: line)
        XCTAssertEqual(preview.entries(.archived).map(\.id), archived, label, line: line)
        XCTAssertEqual(preview.entries(.alreadyArchived).map(\.id), already, label, line: line)
        XCTAssertEqual(preview.otherFamilyCount, others, label, line: line)
        XCTAssertEqual(preview.findingCount, 5, label, line: line)
        XCTAssertEqual(preview.statusCounts["ACTIVE"], active, label, line: line)
        XCTAssertEqual(preview.archiveCounts, [archived.count], label, line: line)
        XCTAssertEqual(
          preview.families.archivedByFindingType.values.reduce(0, +), archived.count, label,
          line: line)
        // Entries keep their place in the input, counted or not.
        let indices = preview.entries(.archived).map(\.index)
        let expected = archived.compactMap {
          ["ext", "int", "unu", "unknown", "ext-archived"].firstIndex(of: $0)
        }
        XCTAssertEqual(indices, expected, label, line: line)
        guard case .object(let members) = preview.json else {
          XCTFail("not an object", line: line)
          continue
        }
        let json = Dictionary(members.map { ($0.0, $0.1) }, uniquingKeysWith: { a, _ in a })
        XCTAssertEqual(json["otherFamilyFindings"], .number(others), label, line: line)
        XCTAssertEqual(
          json["scopedToFamily"], family.map { .string($0.rawValue) } ?? .null, label,
          line: line)
        XCTAssertEqual(json["wouldArchive"], .number(archived.count), label, line: line)
      }
    }
  }

  func testIsOutside_knownAndDifferentOnly() throws {
    let findings = try FindingsDecoder.decode(Array(Self.json.utf8)).findings
    let families: [AnalyzerFamily?] = [nil] + AnalyzerFamily.allCases.map(Optional.some)
    for finding in findings {
      for stated in families {
        let expected =
          stated != nil && finding.analyzerFamily != nil && finding.analyzerFamily != stated
        XCTAssertEqual(
          finding.isOutside(analyzer: stated), expected,
          "\(finding.id ?? "-") against \(stated?.rawValue ?? "none")")
      }
    }
  }
}
