import AAFilterTestSupport
import FilterDSL
import FilterEval
import FilterSuggest
import XCTest

/// Random findings of every family (some without access details, some public, some of no
/// known family) and random expected sets: whatever is suggested must be sound.
final class SuggestPropertyTests: XCTestCase {
  private struct RandomFindings {
    var random: SeededGenerator

    mutating func below(_ bound: Int) -> Int { Int(random.next() % UInt64(max(1, bound))) }
    mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
    mutating func maybe<T>(_ value: T) -> T? { below(5) == 0 ? nil : value }

    mutating func finding(_ index: Int) -> Finding {
      let family = pick([AnalyzerFamily.external, .external, .internal, .unused])
      let account = pick(["111122223333", "444455556666", "777788889999"])
      let principal = pick([
        "111122223333", "999988887777", "arn:aws:iam::111122223333:role/a", "*",
      ])
      let status = pick(["ACTIVE", "ACTIVE", "ARCHIVED", "RESOLVED"])
      var finding: Finding
      switch family {
      case .external:
        finding = Finding(
          id: "f-\(index)", resource: "arn:aws:s3:::b\(below(6))",
          resourceType: pick(["AWS::S3::Bucket", "AWS::KMS::Key"]),
          resourceOwnerAccount: maybe(account), status: maybe(status),
          isPublic: below(6) == 0 ? nil : principal == "*" || below(5) == 0,
          findingType: "ExternalAccess", principal: maybe(["AWS": principal]),
          condition: below(3) == 0 ? ["aws:SourceVpc": "vpc-\(below(3))"] : nil)
      case .internal:
        finding = Finding(
          id: "f-\(index)", resource: "arn:aws:s3:::b\(below(6))", resourceType: "AWS::S3::Bucket",
          resourceOwnerAccount: account, status: status, findingType: "InternalAccess",
          principal: maybe(["AWS": "arn:aws:iam::\(account):role/r\(below(4))"]))
        finding.accessType = pick(["INTRA_ACCOUNT", "INTRA_ORG"])
        finding.principalType = maybe("IAM_ROLE")
        finding.principalOwnerAccount = maybe(account)
      case .unused:
        finding = Finding(
          id: "f-\(index)", resource: maybe("arn:aws:iam::\(account):role/u\(below(5))"),
          resourceType: "AWS::IAM::Role", resourceOwnerAccount: account, status: status,
          findingType: pick([
            "UnusedIAMRole", "UnusedPermission", "UnusedIAMUserAccessKey", "UnusedIAMUserPassword",
          ]))
      }
      finding.analyzerFamily = below(15) == 0 ? nil : family
      if below(10) == 0 { finding.hasAccessDetails = false }
      return finding
    }
  }

  func testProperty_whateverIsSuggestedIsSound() throws {
    for seed in 1...150 {
      var random = RandomFindings(random: SeededGenerator(seed: UInt64(seed)))
      let findings = (0..<(5 + random.below(60))).map { random.finding($0) }
      let ids = findings.compactMap(\.id)
      let expected: ExpectedFindings
      let expectedIDs: Set<String>
      if random.below(4) == 0 {
        expected = .status("ARCHIVED")
        expectedIDs = Set(findings.filter { $0.status == "ARCHIVED" }.compactMap(\.id))
      } else {
        let chosen = ids.filter { _ in random.below(3) == 0 }
        expected = .ids(chosen + chosen.prefix(2))
        expectedIDs = Set(chosen)
      }
      let options = SuggestOptions(
        family: random.below(4) == 0 ? random.pick(AnalyzerFamily.allCases) : nil,
        maxRules: random.pick([1, 2, 100]), namePrefix: random.pick(["suggested", "team.a_1"]),
        allowPublic: random.below(4) == 0, maxValuesPerOperator: random.pick([1, 3, 20]))
      let suggestion = try RuleSuggester.suggest(findings, expected: expected, options: options)
      // With a family asked for, expected findings of the others are left out.
      let inScope = expectedIDs.filter { id in
        guard let family = options.family,
          let finding = findings.first(where: { $0.id == id }),
          let own = finding.analyzerFamily
        else { return true }
        return own == family
      }
      assertSound(
        suggestion, findings: findings, expected: inScope, options: options, context: "seed \(seed)"
      )
      XCTAssertEqual(suggestion.expectedCount, inScope.count, "seed \(seed)")
      // The same findings read from JSON through the store give a sound answer too.
      if seed % 10 == 0 {
        let text =
          "[" + findings.map { PlantedCoverGenerator.json($0) }.joined(separator: ",") + "]"
        let (store, _) = try FindingsStoreReader(threads: 1).readAll(InputBytes(Array(text.utf8)))
        let fromStore = try RuleSuggester.suggest(store, expected: expected, options: options)
        XCTAssertEqual(fromStore.isExact, fromStore.uncovered.isEmpty)
      }
    }
  }

  func testHostile_manyConditionKeysStaySmall() throws {
    // Every finding holds 300 condition keys: shapes use the four most common ones only.
    let findings = (0..<40).map { index -> Finding in
      let entries = (0..<300).map { StringMap.Entry(key: "k\($0)", value: "v\(($0 + index) % 7)") }
      var finding = Finding(
        id: "f-\(index)", resource: "arn:aws:s3:::b\(index % 5)", resourceType: "AWS::S3::Bucket",
        resourceOwnerAccount: "111122223333", status: index % 3 == 0 ? "ARCHIVED" : "ACTIVE",
        isPublic: false, findingType: "ExternalAccess", principal: ["AWS": "444455556666"],
        condition: StringMap(entries))
      finding.analyzerFamily = .external
      return finding
    }
    let suggestion = try RuleSuggester.suggest(findings, expected: .status("ARCHIVED"))
    let expected = Set(findings.filter { $0.status == "ARCHIVED" }.compactMap(\.id))
    assertSound(suggestion, findings: findings, expected: expected)
    // Findings 35 apart agree on every key; each such archived one is inseparable.
    XCTAssertFalse(suggestion.uncovered.isEmpty)
    XCTAssertTrue(
      suggestion.uncovered.allSatisfy {
        if case .inseparable = $0.reason { return true }
        return false
      })
    XCTAssertTrue(suggestion.search.contains { $0.contains("shapes of up to") })
  }

  func testOptions_outOfRangeAreErrors() {
    let findings = [Finding(id: "a", status: "ACTIVE")]
    let cases: [(SuggestOptions, String)] = [
      (SuggestOptions(maxRules: 0), "the rule limit must be at least 1, not 0"),
      (
        SuggestOptions(maxValuesPerOperator: 21),
        "values per operator must be between 1 and 20, not 21"
      ),
      (
        SuggestOptions(namePrefix: "1bad"),
        "the name prefix '1bad' is not a valid start of a rule name: a letter, then up to 99 letters, digits, '_', '.' or '-'"
      ),
    ]
    for (options, message) in cases {
      XCTAssertThrowsError(
        try RuleSuggester.suggest(findings, expected: .ids(["a"]), options: options)
      ) {
        XCTAssertEqual(($0 as? SuggestError)?.description, message)
      }
    }
  }
}
