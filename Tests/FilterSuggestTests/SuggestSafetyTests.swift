import AAFilterTestSupport
import FilterDSL
import FilterEval
import FilterSuggest
import XCTest

/// The safety rule of each family, the limits, and the report's values, on small hand-made
/// findings.
final class SuggestSafetyTests: XCTestCase {
  private func external(
    _ id: String, principal: String?, status: String = "ACTIVE", isPublic: Bool? = false,
    account: String = "111122223333"
  ) -> Finding {
    var finding = Finding(
      id: id, resource: "arn:aws:s3:::bucket-\(id)", resourceType: "AWS::S3::Bucket",
      resourceOwnerAccount: account, status: status, isPublic: isPublic,
      findingType: "ExternalAccess", principal: principal.map { ["AWS": $0] })
    finding.analyzerFamily = .external
    return finding
  }

  private func internalAccess(_ id: String, role: String?, status: String = "ACTIVE") -> Finding {
    var finding = Finding(
      id: id, resource: "arn:aws:s3:::data-\(id)", resourceType: "AWS::S3::Bucket",
      resourceOwnerAccount: "111122223333", status: status, findingType: "InternalAccess",
      principal: role.map { ["AWS": $0] })
    finding.analyzerFamily = .internal
    finding.accessType = "INTRA_ACCOUNT"
    return finding
  }

  private func unused(_ id: String, type: String, resource: String?, status: String = "ACTIVE")
    -> Finding
  {
    var finding = Finding(
      id: id, resource: resource, resourceType: "AWS::IAM::User",
      resourceOwnerAccount: "111122223333", status: status, findingType: type)
    finding.analyzerFamily = .unused
    return finding
  }

  func testSafety_perFamily_unsafeFindingsReportedUnlessAllowed() throws {
    struct Case {
      var name: String
      var findings: [Finding]
      var expected: [String]
      var unsafe: [String]
      var detail: String?
    }
    let cases = [
      Case(
        name: "external public",
        findings: [
          external("a", principal: "*", isPublic: true), external("b", principal: "444455556666"),
          external("k", principal: "777788889999"),
        ], expected: ["a", "b"], unsafe: ["a"], detail: nil),
      Case(
        name: "external without details",
        findings: [
          {
            var finding = external("a", principal: "444455556666")
            finding.hasAccessDetails = false
            return finding
          }(), external("k", principal: "777788889999"),
        ], expected: ["a"], unsafe: ["a"],
        detail: "it carries no access details, so it may be public"),
      Case(
        name: "internal without principals",
        findings: [
          internalAccess("a", role: nil),
          internalAccess("b", role: "arn:aws:iam::111122223333:role/x"),
          internalAccess("k", role: "arn:aws:iam::111122223333:role/y"),
        ], expected: ["a", "b"], unsafe: ["a"],
        detail: "internal access rules must name the principals, and it names none a rule can use"),
      Case(
        name: "unused access key without user",
        findings: [
          unused("a", type: "UnusedIAMUserAccessKey", resource: nil),
          unused("b", type: "UnusedIAMUserAccessKey", resource: "arn:aws:iam::111122223333:user/b"),
          unused("k", type: "UnusedIAMRole", resource: "arn:aws:iam::111122223333:role/k"),
        ], expected: ["a", "b"], unsafe: ["a"],
        detail: "rules for credentials that still work must name the users, and it has no resource"),
    ]
    for test in cases {
      let strict = try RuleSuggester.suggest(test.findings, expected: .ids(test.expected))
      assertSound(strict, findings: test.findings, expected: Set(test.expected), context: test.name)
      XCTAssertEqual(strict.uncovered.map(\.id), test.unsafe, test.name)
      XCTAssertEqual(strict.uncovered.map(\.reason), test.unsafe.map { _ in .isPublic }, test.name)
      XCTAssertEqual(strict.uncovered.first?.detail, test.detail, test.name)
      if let detail = test.detail {
        XCTAssertEqual(
          strict.uncovered.first?.explanation,
          "'a' is left uncovered for safety: \(detail); unless allowed, rules never archive it",
          test.name)
      }
      let options = SuggestOptions(allowPublic: true)
      let allowed = try RuleSuggester.suggest(
        test.findings, expected: .ids(test.expected), options: options)
      assertSound(
        allowed, findings: test.findings, expected: Set(test.expected), options: options,
        context: test.name)
      XCTAssertTrue(allowed.isExact, "\(test.name): \(allowed.uncovered)")
    }
  }

  /// Allowing public findings never covers less than without: `isPublic` stays a key that
  /// can tell a private expected finding from a public kept one sharing every other value.
  func testAllowPublic_neverCoversLessThanWithout() throws {
    struct Case {
      var name: String
      var findings: [Finding]
      var expected: [String]
      /// Covered with `allowPublic`, a superset of what is covered without.
      var covered: Set<String>
    }
    let cases = [
      Case(
        name: "private expected, public kept twin",
        findings: [
          external("priv", principal: "444455556666"),
          external("pub-kept", principal: "444455556666", isPublic: true),
          external("k", principal: "777788889999"),
        ].map(sameResource), expected: ["priv"], covered: ["priv"]),
      Case(
        name: "public and private expected, public kept twin",
        findings: [
          external("priv", principal: "444455556666"),
          external("pub-exp", principal: "*", isPublic: true),
          external("pub-kept", principal: "444455556666", isPublic: true),
          external("k", principal: "777788889999"),
        ].map(sameResource), expected: ["priv", "pub-exp"], covered: ["priv", "pub-exp"]),
      Case(
        name: "public expected, private kept twin",
        findings: [
          external("pub-exp", principal: "444455556666", isPublic: true),
          external("priv-kept", principal: "444455556666"),
        ].map(sameResource), expected: ["pub-exp"], covered: ["pub-exp"]),
    ]
    for test in cases {
      let strict = try RuleSuggester.suggest(test.findings, expected: .ids(test.expected))
      let options = SuggestOptions(allowPublic: true)
      let allowed = try RuleSuggester.suggest(
        test.findings, expected: .ids(test.expected), options: options)
      assertSound(
        allowed, findings: test.findings, expected: Set(test.expected), options: options,
        context: test.name)
      let strictCovered = Set(strict.ruleSets.flatMap(\.rules).flatMap(\.covered))
      let allowedCovered = Set(allowed.ruleSets.flatMap(\.rules).flatMap(\.covered))
      XCTAssertTrue(strictCovered.isSubset(of: allowedCovered), test.name)
      XCTAssertEqual(allowedCovered, test.covered, test.name)
      XCTAssertTrue(allowed.isExact, "\(test.name): \(allowed.uncovered)")
    }
  }

  /// Two records may share an id (two snapshots concatenated): a rule archiving one says
  /// nothing of the other, which is reported uncovered, so the suggestion is not exact.
  func testDuplicateIDs_unarchivedRecordReported() throws {
    struct Case {
      var name: String
      var findings: [Finding]
      var expected: ExpectedFindings
      var uncovered: [String]
      var reasons: [UncoveredFinding.Reason]
    }
    let cases = [
      Case(
        name: "one of two public",
        findings: [
          external("d1", principal: "444455556666"),
          external("d1", principal: "444455556666", isPublic: true),
          external("k", principal: "777788889999"),
        ], expected: .ids(["d1"]), uncovered: ["d1"], reasons: [.isPublic]),
      Case(
        name: "archived twice by hand, one public",
        findings: [
          external("d1", principal: "444455556666", status: "ARCHIVED"),
          external("d1", principal: "*", status: "ARCHIVED", isPublic: true),
          external("k", principal: "777788889999"),
        ], expected: .status("ARCHIVED"), uncovered: ["d1"], reasons: [.isPublic]),
      Case(
        name: "both archivable",
        findings: [
          external("d1", principal: "444455556666"),
          external("d1", principal: "444455556666"),
          external("k", principal: "777788889999"),
        ], expected: .ids(["d1"]), uncovered: [], reasons: []),
    ]
    for test in cases {
      let suggestion = try RuleSuggester.suggest(test.findings, expected: test.expected)
      XCTAssertEqual(suggestion.uncovered.map(\.id), test.uncovered, test.name)
      XCTAssertEqual(suggestion.uncovered.map(\.reason), test.reasons, test.name)
      XCTAssertEqual(suggestion.isExact, test.uncovered.isEmpty, test.name)
      // Every record left unmatched by the rules is named.
      let matchers = suggestion.archiveRules.map { FindingMatcher($0.filter) }
      let expectedRows = test.findings.filter { finding in
        switch test.expected {
        case .ids(let ids): ids.contains(finding.findingID ?? "")
        case .status(let status): finding.status == status
        }
      }
      for finding in expectedRows
      where !matchers.contains(where: { $0.evaluate(finding) == .match }) {
        XCTAssertTrue(test.uncovered.contains(finding.findingID ?? ""), test.name)
      }
    }
  }

  /// A finding with no value a rule may name: the reason says so (raising the rule limit
  /// would not help), unless a kept finding agrees with it on every key (inseparable).
  func testNothingToName_reasonSaysSo() throws {
    var bare = Finding(id: "m1", status: "ACTIVE", isPublic: false)
    bare.analyzerFamily = .external
    let cases: [(String, [Finding], [UncoveredFinding.Reason])] = [
      (
        "no kept finding to agree with",
        [bare, external("e", principal: "444455556666"), external("p", principal: "*", isPublic: true)],
        [.nothingToName]
      ),
      (
        "a kept finding agrees on every key",
        [bare, external("e", principal: "444455556666"), external("k", principal: "777788889999")],
        [.inseparable(keptID: "k")]
      ),
    ]
    for (name, findings, reasons) in cases {
      let suggestion = try RuleSuggester.suggest(findings, expected: .ids(["m1", "e"]))
      assertSound(suggestion, findings: findings, expected: ["m1", "e"], context: name)
      XCTAssertEqual(suggestion.uncovered.map(\.id), ["m1"], name)
      XCTAssertEqual(suggestion.uncovered.map(\.reason), reasons, name)
      XCTAssertEqual(suggestion.ruleSets.flatMap(\.rules).flatMap(\.covered), ["e"], name)
    }
    XCTAssertEqual(
      UncoveredFinding(id: "m1", family: .external, reason: .nothingToName).explanation,
      "'m1' holds no value a rule can name")
  }

  /// Unused access rules name the finding types they cover: a rule on the role or user alone
  /// would archive any other kind of unused access of it that comes later, untriaged.
  func testUnused_rulesNameTheFindingTypes() throws {
    let user = "arn:aws:iam::111122223333:user/u1"
    let role = "arn:aws:iam::111122223333:role/r1"
    let cases: [(String, [Finding], [String], [(String, String)], UInt)] = [
      (
        "password and permission",
        [
          unused("p", type: "UnusedIAMUserPassword", resource: user),
          unused("q", type: "UnusedPermission", resource: role),
          unused("k", type: "UnusedIAMRole", resource: "arn:aws:iam::111122223333:role/r9"),
        ], ["p", "q"],
        [("UnusedIAMUserAccessKey", user), ("UnusedIAMRole", role)], #line
      ),
      (
        "one role",
        [
          unused("r", type: "UnusedIAMRole", resource: role),
          unused("k", type: "UnusedIAMRole", resource: "arn:aws:iam::111122223333:role/r9"),
        ], ["r"], [("UnusedPermission", role)], #line
      ),
    ]
    for (name, findings, expected, later, line) in cases {
      let suggestion = try RuleSuggester.suggest(findings, expected: .ids(expected))
      assertSound(suggestion, findings: findings, expected: Set(expected), context: name)
      XCTAssertTrue(suggestion.isExact, name, line: line)
      let matchers = suggestion.archiveRules.map { FindingMatcher($0.filter) }
      XCTAssertFalse(matchers.isEmpty, name, line: line)
      for rule in suggestion.archiveRules {
        XCTAssertNotNil(rule.filter["findingType"], "\(name): \(rule.ruleName)", line: line)
      }
      // Another kind of unused access for the same user or role, arising later, stays.
      for (type, resource) in later {
        let other = unused("later", type: type, resource: resource)
        XCTAssertTrue(
          matchers.allSatisfy { $0.evaluate(other) == .noMatch }, "\(name): \(type)",
          line: line)
      }
    }
  }

  /// Puts every finding on one resource, so only the principal and the public flag differ.
  private func sameResource(_ finding: Finding) -> Finding {
    var copy = finding
    copy.resource = "arn:aws:s3:::site"
    return copy
  }

  func testSafety_everyRuleCarriesItsFamilysCriterion() throws {
    for seed in 1...5 {
      for family in AnalyzerFamily.allCases {
        var generator = PlantedCoverGenerator(seed: UInt64(seed))
        let cover = generator.make(family: family, ruleCount: 5)
        let suggestion = try RuleSuggester.suggest(
          cover.findings, expected: .ids(cover.expectedIDs))
        for rule in suggestion.archiveRules {
          let keys = Set(rule.filter.criteria.keys)
          switch family {
          case .external:
            XCTAssertEqual(rule.filter["isPublic"], Criterion(eq: ["false"]), rule.ruleName)
          case .internal:
            XCTAssertTrue(
              keys.contains { $0.hasPrefix("principal.") || $0 == "principalOwnerAccount" },
              rule.ruleName)
          case .unused:
            let types = rule.filter["findingType"]?.eq ?? []
            if !keys.contains("resource") {
              XCTAssertFalse(types.isEmpty, rule.ruleName)
              XCTAssertFalse(
                types.contains { $0 == "UnusedIAMUserAccessKey" || $0 == "UnusedIAMUserPassword" },
                rule.ruleName)
            }
          }
        }
      }
    }
  }

  func testLimits_ruleLimitAndValuesPerOperator() throws {
    var generator = PlantedCoverGenerator(seed: 77)
    let cover = generator.make(family: .external, ruleCount: 8)
    for (maxRules, maxValues) in [(1, 20), (2, 1), (3, 2), (100, 1)] {
      let options = SuggestOptions(maxRules: maxRules, maxValuesPerOperator: maxValues)
      let suggestion = try RuleSuggester.suggest(
        cover.findings, expected: .ids(cover.expectedIDs), options: options)
      let context = "maxRules \(maxRules), maxValues \(maxValues)"
      assertSound(
        suggestion, findings: cover.findings, expected: Set(cover.expectedIDs), options: options,
        context: context)
      XCTAssertLessThanOrEqual(suggestion.archiveRules.count, maxRules, context)
      XCTAssertTrue(
        suggestion.uncovered.allSatisfy { $0.reason == .ruleLimit }, "\(context)")
      XCTAssertTrue(
        suggestion.uncovered.allSatisfy {
          $0.explanation == "'\($0.id)' would need more rules than the limit allows"
        }, context)
    }
  }

  func testReport_marginChoicesAndOrder() throws {
    let findings = [
      external("c", principal: "444455556666"), external("a", principal: "444455556666"),
      external("k", principal: "444455556666", account: "999999999999"),
      external("p", principal: "444455556666", isPublic: true),
    ]
    let suggestion = try RuleSuggester.suggest(
      findings, expected: .ids(["a", "c", "a"]), options: SuggestOptions(namePrefix: "team"))
    XCTAssertTrue(suggestion.isExact)
    XCTAssertEqual(suggestion.expectedCount, 2)
    XCTAssertEqual(suggestion.keptCount, 2)
    let rule = try XCTUnwrap(suggestion.ruleSets.first?.rules.first)
    XCTAssertEqual(
      suggestion.ruleSets.first?.ruleText,
      """
      rule team-AWS-444455556666 {
        isPublic eq false and principal.AWS eq 444455556666 and resource in [arn:aws:s3:::bucket-a, arn:aws:s3:::bucket-c]
      }
      """)
    XCTAssertEqual(rule.covered, ["a", "c"])
    XCTAssertFalse(rule.isBroad)
    // Both kept findings fail one criterion; the first in input order is the margin.
    XCTAssertEqual(
      rule.margin, Margin(keptID: "k", key: "resource", keptValue: "arn:aws:s3:::bucket-k"))
    XCTAssertEqual(
      rule.choices,
      [
        KeyChoice(
          key: "principal.AWS", reason: "names who has access; shared by every finding it covers"),
        KeyChoice(
          key: "resource",
          reason:
            "names the resources; 2 values in one list; alone keeps out 1 kept finding that matches the rest"
        ),
        KeyChoice(key: "isPublic", reason: "required: never archive a finding that is public"),
      ])
  }

  func testBroad_onlyWhenNothingNarrowerSeparates() throws {
    let findings = [
      unused("a", type: "UnusedIAMRole", resource: nil),
      unused("k", type: "UnusedPermission", resource: nil),
    ].map { finding -> Finding in
      var copy = finding
      copy.resourceOwnerAccount = nil
      return copy
    }
    let suggestion = try RuleSuggester.suggest(findings, expected: .ids(["a"]))
    XCTAssertTrue(suggestion.isExact)
    XCTAssertEqual(suggestion.ruleSets.first?.rules.map(\.isBroad), [true])
    XCTAssertEqual(
      suggestion.ruleSets.first?.ruleText,
      "rule suggested-findingType-UnusedIAMRole {\n  findingType eq UnusedIAMRole\n}")
  }

  func testFamilyOption_leavesOtherFamiliesOut() throws {
    let findings = [
      external("e", principal: "444455556666"), external("k", principal: "777788889999"),
      unused("u", type: "UnusedIAMRole", resource: "arn:aws:iam::111122223333:role/u"),
    ]
    let suggestion = try RuleSuggester.suggest(
      findings, expected: .ids(["e", "u"]), options: SuggestOptions(family: .unused))
    XCTAssertEqual(suggestion.ruleSets.map(\.family), [.unused])
    XCTAssertEqual(suggestion.expectedCount, 1)
    XCTAssertTrue(suggestion.isExact)
    XCTAssertTrue(suggestion.search.contains { $0.contains("left out") })
    XCTAssertEqual(suggestion.otherFamilyCount, 1)
    let every = try RuleSuggester.suggest(findings, expected: .ids(["e", "u"]))
    XCTAssertEqual(every.ruleSets.map(\.family), [.external, .unused])
    XCTAssertEqual(every.otherFamilyCount, 0)
  }

  func testUndecidableKept_separatedOnlyByWhatItDecides() throws {
    var elsewhere = external("m", principal: "444455556666")
    elsewhere.hasAccessDetails = false
    elsewhere.resource = "arn:aws:s3:::bucket-other"
    // The summary cannot say its principal, and agrees with 'a' on everything else.
    let twin = Finding(
      id: "k", resource: "arn:aws:s3:::bucket-a", resourceType: "AWS::S3::Bucket",
      resourceOwnerAccount: "111122223333", status: "ACTIVE", isPublic: false,
      findingType: "ExternalAccess", principal: ["AWS": "444455556666"])
    var twinSummary = twin
    twinSummary.hasAccessDetails = false
    twinSummary.analyzerFamily = .external
    let cases: [(String, [Finding], [UncoveredFinding.Reason])] = [
      (
        "twin summary", [external("a", principal: "444455556666"), twinSummary],
        [.inseparable(keptID: "k")]
      ),
      ("summary elsewhere", [external("a", principal: "444455556666"), elsewhere], []),
    ]
    for (name, findings, reasons) in cases {
      let suggestion = try RuleSuggester.suggest(findings, expected: .ids(["a"]))
      assertSound(suggestion, findings: findings, expected: ["a"], context: name)
      XCTAssertEqual(suggestion.uncovered.map(\.reason), reasons, name)
    }
  }

  func testCodable_roundTrips() throws {
    var generator = PlantedCoverGenerator(seed: 9)
    let cover = generator.make(family: .internal, ruleCount: 3, inseparable: 1)
    let suggestion = try RuleSuggester.suggest(cover.findings, expected: .ids(cover.expectedIDs))
    let data = try JSONEncoder().encode(suggestion)
    XCTAssertEqual(try JSONDecoder().decode(FilterSuggest.Suggestion.self, from: data), suggestion)
  }

  func testStore_agreesWithRecordsInMemory() throws {
    for family in AnalyzerFamily.allCases {
      var generator = PlantedCoverGenerator(seed: 12)
      let cover = generator.make(family: family, ruleCount: 5, inseparable: 1)
      let text =
        "[" + cover.findings.map { PlantedCoverGenerator.json($0) }.joined(separator: ",") + "]"
      let (store, _) = try FindingsStoreReader(threads: 2, pieceSize: 700).readAll(
        InputBytes(Array(text.utf8)))
      let fromStore = try RuleSuggester.suggest(store, expected: .ids(cover.expectedIDs))
      let decoded = try FindingsDecoder.decode(Array(text.utf8)).findings
      let inMemory = try RuleSuggester.suggest(decoded, expected: .ids(cover.expectedIDs))
      XCTAssertEqual(fromStore.ruleSets, inMemory.ruleSets, "\(family)")
      XCTAssertEqual(fromStore.uncovered, inMemory.uncovered, "\(family)")
      assertSound(
        fromStore, findings: decoded, expected: Set(cover.expectedIDs), context: "\(family)")
    }
  }
}
