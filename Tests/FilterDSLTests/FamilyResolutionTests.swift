import FilterDSL
import XCTest

/// How the analyzer family is settled: given, from the rule, from the findings, or the default.
final class FamilyResolutionTests: XCTestCase {
  func testNames_acceptFamiliesAndTheSixAPITypesInAnyCase() {
    let cases: [(String, AnalyzerFamily?)] = [
      ("external", .external), ("INTERNAL", .internal), ("Unused", .unused),
      ("unused-access", .unused), ("ACCOUNT", .external), ("organization", .external),
      ("account_internal_access", .internal), ("ORGANIZATION_INTERNAL_ACCESS", .internal),
      ("Account_Unused_Access", .unused), ("organization_unused_access", .unused),
      ("", nil), ("unusedaccess", nil), ("ACCOUNT_UNUSED", nil), ("extern", nil),
    ]
    for (name, family) in cases {
      XCTAssertEqual(AnalyzerFamily(name: name), family, name)
    }
    XCTAssertEqual(Set(AnalyzerFamily.allCases.flatMap(\.apiTypes)).count, 6)
    XCTAssertEqual(
      Set(AnalyzerFamily.allCases.flatMap(\.findingTypes)), Set(FilterKeyCatalog.findingTypes))
  }

  /// Inference from rules, through the linter (the same path `check` takes).
  func testInference_fromRules() {
    let cases: [(String, AnalyzerFamily, FamilyResolution.Source, UInt)] = [
      ("findingType eq UnusedIAMRole", .unused, .ruleFindingType, #line),
      (
        "findingType in [UnusedIAMUserAccessKey, UnusedIAMUserPassword]", .unused, .ruleFindingType,
        #line
      ),
      ("findingType eq InternalAccess", .internal, .ruleFindingType, #line),
      ("findingType eq ExternalAccess", .external, .ruleFindingType, #line),
      ("principalType eq IAM_ROLE", .internal, .ruleKeys, #line),
      ("accessType exists", .internal, .ruleKeys, #line),
      ("isPublic eq false", .external, .ruleKeys, #line),
      // A negated key says nothing about the family.
      ("principalType not exists and resourceType eq AWS::S3::Bucket", .external, .default, #line),
      // Keys of two families settle nothing.
      ("isPublic eq false and principalType eq IAM_ROLE", .external, .default, #line),
      // A finding type outweighs keys.
      ("findingType eq UnusedIAMRole and isPublic eq false", .unused, .ruleFindingType, #line),
      // 'neq' names no family.
      ("findingType neq UnusedIAMRole", .external, .default, #line),
      ("resourceType eq AWS::S3::Bucket", .external, .default, #line),
      ("", .external, .default, #line),
      (
        "rule A { error exists } rule B { findingType eq UnusedPermission }", .unused,
        .ruleFindingType, #line
      ),
      // Several families: the first written settles it (the rest are conflicts).
      ("findingType in [InternalAccess, UnusedIAMRole]", .internal, .ruleFindingType, #line),
    ]
    for (source, family, origin, line) in cases {
      let resolution = Linter.lint(source).family
      XCTAssertEqual(resolution.family, family, source, line: line)
      XCTAssertEqual(resolution.source, origin, source, line: line)
    }
    let given = Linter.lint("isPublic eq false", options: LintOptions(analyzer: .unused)).family
    XCTAssertEqual(given, FamilyResolution(family: .unused, source: .given))
    XCTAssertNil(given.note)
  }

  func testDefault_saysSoInTheNote() throws {
    let note = try XCTUnwrap(Linter.lint("resourceType eq AWS::S3::Bucket").family.note)
    XCTAssertTrue(note.contains("assuming external-access"), note)
    XCTAssertTrue(note.contains("--analyzer"), note)
    let inferred = try XCTUnwrap(Linter.lint("findingType eq UnusedIAMRole").family.note)
    XCTAssertEqual(inferred, "analyzer family unused-access, inferred from the rule's finding type")
  }

  /// Evidence from findings, and every kind of conflict.
  func testResolve_findingsAndConflicts() throws {
    typealias R = FamilyResolution
    XCTAssertEqual(
      try R.resolve(given: nil, ruleFindingTypes: [], findings: [.internal]),
      R(family: .internal, source: .findings))
    // Findings outweigh keys.
    XCTAssertEqual(
      try R.resolve(given: nil, ruleFindingTypes: [], findings: [.unused], ruleKeys: [.external]),
      R(family: .unused, source: .findings))
    // Findings of several families settle nothing.
    XCTAssertEqual(
      try R.resolve(given: nil, ruleFindingTypes: [], findings: [.unused, .external]),
      R(family: .external, source: .default))
    XCTAssertEqual(
      try R.resolve(given: nil, ruleFindingTypes: [.unused], findings: [.unused, .external]),
      R(family: .unused, source: .ruleFindingType))
    XCTAssertEqual(
      try R.resolve(given: .internal, ruleFindingTypes: [.internal], findings: [.internal]),
      R(family: .internal, source: .given))
    let conflicts: [(AnalyzerFamily?, Set<AnalyzerFamily>, Set<AnalyzerFamily>, String, UInt)] = [
      (
        .external, [.unused], [],
        "the rule names unused-access finding types, but the analyzer is external-access", #line
      ),
      (
        nil, [.unused, .internal], [],
        "the rule names finding types of internal-access and unused-access analyzers; an analyzer has one family",
        #line
      ),
      (
        .unused, [], [.external],
        "the findings come from external-access analyzers, but the analyzer is unused-access", #line
      ),
      (
        nil, [.internal], [.unused],
        "the rule names internal-access finding types, but the findings come from unused-access analyzers",
        #line
      ),
    ]
    for (given, rule, findings, message, line) in conflicts {
      XCTAssertThrowsError(
        try R.resolve(given: given, ruleFindingTypes: rule, findings: findings), line: line
      ) { error in
        XCTAssertEqual((error as? FamilyConflict)?.message, message, line: line)
      }
    }
  }

  func testCatalog_perFamilyValuesAndDocumentation() throws {
    let resourceType = try XCTUnwrap(FilterKeyCatalog.key(named: "resourceType"))
    XCTAssertEqual(resourceType.values(in: .external), FilterKeyCatalog.resourceTypes)
    XCTAssertEqual(resourceType.values(in: .unused), ["AWS::IAM::Role", "AWS::IAM::User"])
    XCTAssertEqual(resourceType.values(in: .internal)?.count, 6)
    let isPublic = try XCTUnwrap(FilterKeyCatalog.key(named: "isPublic"))
    XCTAssertNil(isPublic.values(in: .unused))
    XCTAssertEqual(isPublic.families, [.external])
    let findingType = try XCTUnwrap(FilterKeyCatalog.key(named: "findingType"))
    XCTAssertEqual(findingType.documentation(in: .unused), .documented)
    XCTAssertEqual(findingType.documentation(in: .external), .observed)
    let rcp = try XCTUnwrap(FilterKeyCatalog.key(named: "resourceControlPolicyRestriction"))
    XCTAssertEqual(
      rcp.values(in: .external), ["APPLICABLE", "FAILED_TO_EVALUATE_RCP", "NOT_APPLICABLE"])
    XCTAssertEqual(rcp.documentation(in: .internal), .observed)
    for (key, status) in [
      ("principal.AWS", KeyDocumentation.documented), ("principal.Federated", .documented),
      ("principal.Service", .observed), ("principal.CanonicalUser", .observed),
      ("action", .observed), ("condition.aws:SourceIp", .documented),
      ("condition.aws:SourceArn", .observed), ("condition.aws:ResourceTag/x", .observed),
    ] {
      XCTAssertEqual(FilterKeyCatalog.key(named: key)?.documentation(in: .external), status, key)
    }
    XCTAssertNil(FilterKeyCatalog.key(named: "principal.aws"))
  }
}
