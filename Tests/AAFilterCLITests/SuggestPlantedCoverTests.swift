import AAFilterTestSupport
import FilterDSL
import FilterEval
import XCTest

/// `suggest` end to end on seeded findings with 1, 2, 3, 5, 8 and 50 planted rules in each
/// family: exit status 0 and no more rules than were planted; `preview` of what it prints
/// archives exactly the expected ACTIVE findings and no public trap. Planted twins give exit
/// status 1, each named with its kept twin; rules learned with `--from-status ARCHIVED`
/// archive no ACTIVE finding.
final class SuggestPlantedCoverTests: XCTestCase {
  struct Case {
    var family: AnalyzerFamily
    var rules: Int
    var seed: UInt64
  }

  static let cases: [Case] = AnalyzerFamily.allCases.flatMap { family in
    [(1, 11), (2, 12), (3, 13), (5, 14), (8, 15), (50, 16)].map { rules, seed in
      Case(family: family, rules: rules, seed: UInt64(seed) * 31 + UInt64(rules))
    }
  }

  /// The findings as JSON Lines, and the ids of the ACTIVE ones among `ids`.
  static func files(_ cover: PlantedCoverGenerator.Cover) -> (findings: String, active: Set<String>)
  {
    let findings = cover.findings.map { PlantedCoverGenerator.json($0) + "\n" }.joined()
    let active = Set(cover.findings.filter { $0.status == "ACTIVE" }.compactMap(\.id))
    return (findings, active.intersection(cover.expectedIDs))
  }

  /// The rule names of rule text.
  static func ruleCount(_ text: String) -> Int {
    text.split(separator: "\n").filter { $0.hasPrefix("rule ") }.count
  }

  /// What `preview` archives with `rules`, as ids.
  static func archived(_ rules: String, findings: String) -> [String] {
    let result = aafilter(
      ["preview", "--findings", "f.jsonl", "--rules", "s.aaf", "--output", "ids"],
      files: ["f.jsonl": findings, "s.aaf": rules])
    XCTAssertEqual(result.status, 0, result.stderr)
    return result.stdout.split(separator: "\n").map(String.init)
  }

  func testPlantedCovers_exactWithNoMoreRulesThanPlanted() {
    for test in Self.cases {
      var generator = PlantedCoverGenerator(seed: test.seed)
      let cover = generator.make(family: test.family, ruleCount: test.rules)
      let (findings, active) = Self.files(cover)
      let result = aafilter(
        ["suggest", "--findings", "f.jsonl", "--expected", "ids"],
        files: ["f.jsonl": findings, "ids": cover.expectedIDs.joined(separator: "\n")])
      let label = "\(test.family) \(test.rules) rules"
      XCTAssertEqual(result.status, 0, "\(label): \(result.stderr)")
      XCTAssertLessThanOrEqual(Self.ruleCount(result.stdout), test.rules, label)
      XCTAssertTrue(
        result.stdout.hasPrefix("# aafilter: analyzer=\(test.family.rawValue)\n"), label)
      let archived = Self.archived(result.stdout, findings: findings)
      XCTAssertEqual(Set(archived), active, label)
      XCTAssertTrue(
        Set(archived).isDisjoint(with: cover.publicTrapIDs), "\(label): a public trap archived")
      XCTAssertTrue(
        result.stderr.contains(
          "archive\(Self.ruleCount(result.stdout) == 1 ? "s" : "") all \(cover.expectedIDs.count) expected findings"
        ),
        result.stderr)
    }
  }

  func testTwins_exitOneNamingEachPair() {
    for family in AnalyzerFamily.allCases {
      var generator = PlantedCoverGenerator(seed: 77)
      let cover = generator.make(family: family, ruleCount: 3, inseparable: 2)
      XCTAssertEqual(cover.inseparable.count, 2, "\(family)")
      let (findings, active) = Self.files(cover)
      let result = aafilter(
        ["suggest", "--findings", "f.jsonl", "--expected", "ids"],
        files: ["f.jsonl": findings, "ids": cover.expectedIDs.joined(separator: "\n")])
      XCTAssertEqual(result.status, 1, "\(family): \(result.stderr)")
      for pair in cover.inseparable {
        XCTAssertTrue(
          result.stderr.contains(
            "  \(pair.expected) (\(family.displayName)): cannot be told apart from the kept finding \(pair.kept)"
          ), "\(family): \(result.stderr)")
      }
      // The rules still archive every other expected ACTIVE finding, and no kept one.
      let archived = Set(Self.archived(result.stdout, findings: findings))
      let twins = Set(cover.inseparable.map(\.expected))
      XCTAssertEqual(archived, active.subtracting(twins), "\(family)")
    }
  }

  func testFromStatusArchived_learnsThePlantedRules() {
    for family in AnalyzerFamily.allCases {
      var generator = PlantedCoverGenerator(seed: 91)
      let cover = generator.make(family: family, ruleCount: 3, archivedOnly: true)
      let (findings, _) = Self.files(cover)
      let result = aafilter(
        ["suggest", "--findings", "f.jsonl", "--from-status", "ARCHIVED"],
        files: ["f.jsonl": findings])
      XCTAssertEqual(result.status, 0, "\(family): \(result.stderr)")
      XCTAssertLessThanOrEqual(Self.ruleCount(result.stdout), 3, "\(family)")
      XCTAssertEqual(Self.archived(result.stdout, findings: findings), [], "\(family)")
      XCTAssertTrue(
        result.stderr.contains("all \(cover.expectedIDs.count) expected findings"), result.stderr)
    }
  }
}
