import FilterDSL
import XCTest

/// Checks per analyzer family: each row gives the family (`nil`: inferred), the rule with the
/// span marked, and the code that must be reported exactly there.
final class FamilyLintTests: XCTestCase {
  private static let account = "111122223333"
  private static let user = "\"arn:aws:iam::111122223333:user/ci\""
  private static let role = "\"arn:aws:iam::111122223333:role/Backup\""

  private struct Case {
    var family: AnalyzerFamily?
    var text: String
    var code: DiagnosticCode
    var context = FilterContext.archiveRule
    var split = false
    var line: UInt
  }

  private static func row(
    _ family: AnalyzerFamily?, _ text: String, _ code: DiagnosticCode,
    context: FilterContext = .archiveRule, split: Bool = false, line: UInt = #line
  ) -> Case {
    Case(family: family, text: text, code: code, context: context, split: split, line: line)
  }

  private static let longName = "A" + String(repeating: "a", count: 253)

  private static let cases: [Case] = {
    let a = account
    let scoped = " and principal.AWS eq \(a)"
    return [
      // The cases at the top of issue 8.
      row(nil, "⟨findingType eq UnusedIAMUserAccessKey⟩", .archivesStaleCredentials),
      row(nil, "⟨findingType eq UnusedIAMUserAccessKey⟩", .archivesWholeFindingType),
      row(nil, "findingType eq UnusedIAMUserAccessKey and ⟨isPublic⟩ eq false", .keyNotInFamily),
      row(.external, "⟨findingType⟩ eq ExternalAccess and isPublic eq false", .undocumentedKey),
      row(.internal, "⟨findingType⟩ eq InternalAccess" + scoped, .undocumentedKey),
      row(
        nil, "isPublic eq false and resourceControlPolicyRestriction eq ⟨APPLIED⟩",
        .valueNotInFamily),
      row(
        .internal, "⟨resourceControlPolicyRestriction⟩ eq APPLICABLE" + scoped, .undocumentedKey),
      row(nil, "⟨principalType⟩ eq IAM_ROLE" + scoped, .undocumentedKey),
      row(.external, "isPublic eq false and ⟨action⟩ eq s3:GetObject", .undocumentedKey),
      row(nil, "isPublic eq false and ⟨principal.Service⟩ eq s3.amazonaws.com", .undocumentedKey),
      row(nil, "isPublic eq false and ⟨principal.CanonicalUser⟩ exists", .undocumentedKey),
      row(nil, "isPublic eq false and ⟨condition.aws:SourceAccount⟩ eq \(a)", .undocumentedKey),
      row(nil, "isPublic eq false and ⟨condition.aws:SourceVpce⟩ eq vpce-1", .undocumentedKey),
      row(nil, "isPublic eq false and ⟨condition.aws:SourceOwner⟩ eq \(a)", .undocumentedKey),
      row(
        nil, "isPublic eq false and ⟨condition.aws:ResourceTag/team⟩ eq platform",
        .undocumentedKey),
      row(
        nil, "rule ⟨\(longName)⟩ { isPublic eq false and (error eq a or resource contains x) }",
        .invalidRuleName, split: true),
      // Unused access: keys and values its findings never carry.
      row(nil, "⟨principal.AWS⟩ eq \(a) and findingType eq UnusedIAMRole", .keyNotInFamily),
      row(nil, "⟨condition.aws:SourceIp⟩ exists and findingType eq UnusedIAMRole", .keyNotInFamily),
      row(nil, "⟨action⟩ contains iam: and findingType eq UnusedPermission", .keyNotInFamily),
      row(
        .unused,
        "⟨isPublic⟩ not exists and findingType eq UnusedIAMRole and resourceOwnerAccount eq \(a)",
        .keyNotInFamily),
      row(
        .unused, "⟨principalOwnerAccount⟩ eq \(a) and resourceOwnerAccount eq \(a)", .keyNotInFamily
      ),
      row(.unused, "⟨changeType⟩ eq NEW", .keyNotInFamily, context: .accessPreview),
      row(
        nil, "resourceType eq ⟨AWS::S3::Bucket⟩ and findingType eq UnusedIAMRole",
        .valueNotInFamily),
      row(
        .unused, "resourceType neq ⟨AWS::KMS::Key⟩ and resourceOwnerAccount eq \(a)",
        .valueNotInFamily),
      row(
        nil,
        "resourceType eq ⟨AWS::Lambda::Function⟩ and findingType eq UnusedPermission and resourceOwnerAccount eq \(a)",
        .valueNotInFamily),
      // Finding types of another family.
      row(.unused, "findingType eq ⟨ExternalAccess⟩", .analyzerConflict),
      row(.external, "findingType eq ⟨UnusedIAMRole⟩ and isPublic eq false", .analyzerConflict),
      row(.external, "findingType eq ⟨InternalAccess⟩ and isPublic eq false", .analyzerConflict),
      row(
        .internal, "findingType in [InternalAccess, ⟨UnusedPermission⟩]" + scoped, .analyzerConflict
      ),
      row(nil, "findingType in [UnusedIAMRole, ⟨InternalAccess⟩]", .analyzerConflict),
      row(
        nil, "findingType eq ExternalAccess or findingType eq ⟨UnusedIAMRole⟩", .analyzerConflict),
      row(
        nil,
        "rule A { findingType eq UnusedIAMRole and resourceOwnerAccount eq \(a) } rule B { findingType eq ⟨ExternalAccess⟩ }",
        .analyzerConflict),
      // Unused access risks.
      row(
        nil, "⟨findingType eq UnusedIAMUserPassword and resourceOwnerAccount eq \(a)⟩",
        .archivesStaleCredentials),
      row(nil, "⟨findingType eq UnusedPermission⟩", .archivesWholeFindingType),
      row(
        .unused, "⟨findingType neq UnusedIAMRole and resourceOwnerAccount eq \(a)⟩",
        .archivesStaleCredentials),
      row(.unused, "⟨resourceType eq AWS::IAM::User⟩", .archivesWholeFindingType),
      row(.unused, "⟨resourceType eq AWS::IAM::User⟩", .archivesStaleCredentials),
      row(.unused, "rule ⟨Everything⟩ { }", .emptyFilter),
      // Internal access.
      row(.internal, "⟨resourceType eq AWS::S3::Bucket⟩", .unscopedInternalAccess),
      row(nil, "⟨principalType eq IAM_USER⟩", .unscopedInternalAccess),
      row(
        .internal, "⟨accessType eq INTRA_ORG and resourceType eq AWS::DynamoDB::Table⟩",
        .unscopedInternalAccess),
      row(.internal, "⟨isPublic⟩ eq false" + scoped, .keyNotInFamily),
      row(.internal, "resourceType eq ⟨AWS::KMS::Key⟩" + scoped, .valueNotInFamily),
      row(.internal, "accessType eq ⟨INTRA_ORGANIZATION⟩" + scoped, .unknownValue),
      row(.internal, "principalType eq ⟨ROLE⟩" + scoped, .unknownValue),
      row(.internal, "principalOwnerAccount eq ⟨1234⟩" + scoped, .invalidAccountID),
      row(
        .internal, "serviceControlPolicyRestriction eq ⟨FAILED_TO_EVALUATE_RCP⟩" + scoped,
        .unknownValue),
      row(.internal, "rule ⟨Everything⟩ { }", .emptyFilter),
      // External access: keys of the other families.
      row(.external, "⟨principalType⟩ eq IAM_ROLE and isPublic eq false", .keyNotInFamily),
      row(.external, "⟨accessType⟩ eq INTRA_ACCOUNT and isPublic eq false", .keyNotInFamily),
      row(
        .external, "isPublic eq false and ⟨serviceControlPolicyRestriction⟩ exists", .keyNotInFamily
      ),
      row(nil, "⟨resourceType eq AWS::IAM::Role⟩", .broadArchiveRule),
      row(nil, "⟨resourceType eq AWS::IAM::Role⟩", .archivesPublicFindings),
    ]
  }()

  func testFamilyChecks_table() {
    XCTAssertGreaterThanOrEqual(Self.cases.count, 40)
    for row in Self.cases {
      let (source, range) = marked(row.text)
      let options = LintOptions(context: row.context, split: row.split, analyzer: row.family)
      let report = Linter.lint(source, options: options)
      let found = report.diagnostics.filter { $0.code == row.code }
      XCTAssertFalse(
        found.isEmpty,
        "\(source): expected \(row.code), got \(report.diagnostics.map(\.code.rawValue))",
        line: row.line)
      if let range, !found.isEmpty {
        XCTAssertTrue(
          found.contains { $0.range == range },
          "\(source): \(row.code) at \(found.map(\.range)), expected \(range)", line: row.line)
      }
    }
  }

  /// No false alarms: rules that are right for their family.
  func testGoodRulesPerFamily_produceNoDiagnostics() {
    let a = Self.account
    let cases: [(AnalyzerFamily?, String, UInt)] = [
      (nil, "findingType eq UnusedIAMRole and resourceOwnerAccount eq \(a)", #line),
      (
        nil,
        "findingType in [UnusedIAMUserAccessKey, UnusedIAMUserPassword] and resource in [\(Self.user)]",
        #line
      ),
      (.unused, "findingType eq UnusedPermission and resource contains role/legacy-", #line),
      (
        nil,
        "findingType eq UnusedIAMRole and resourceType eq AWS::IAM::Role and resourceOwnerAccount in [\(a), 444455556666]",
        #line
      ),
      (
        .unused,
        "resourceOwnerAccount eq \(a) and findingType neq UnusedIAMUserAccessKey and findingType neq UnusedIAMUserPassword",
        #line
      ),
      (
        .internal, "principal.AWS in [\(Self.role)] and resourceType eq AWS::DynamoDB::Table", #line
      ),
      (
        .internal,
        "principal.AWS eq \(a) and resourceType in [AWS::S3::Bucket, AWS::RDS::DBSnapshot]", #line
      ),
      (.external, "isPublic eq false and principal.AWS eq \(a)", #line),
      (nil, "isPublic eq false and resourceControlPolicyRestriction eq NOT_APPLICABLE", #line),
      (
        nil,
        "rule Keys { findingType eq UnusedIAMUserAccessKey and resource eq \(Self.user) }\nrule Roles { findingType eq UnusedIAMRole and resourceOwnerAccount eq \(a) }",
        #line
      ),
    ]
    for (family, source, line) in cases {
      let report = Linter.lint(source, options: LintOptions(analyzer: family))
      XCTAssertEqual(report.diagnostics.map(\.message), [], source, line: line)
    }
    for type in FilterKeyCatalog.unusedResourceTypes {
      let source =
        "findingType eq UnusedIAMRole and resourceOwnerAccount eq \(a) and resourceType eq \(type)"
      XCTAssertEqual(Linter.lint(source).diagnostics.map(\.message), [], source)
    }
    for type in FilterKeyCatalog.internalResourceTypes {
      let source = "principal.AWS eq \(a) and resourceType eq \(type)"
      let report = Linter.lint(source, options: LintOptions(analyzer: .internal))
      XCTAssertEqual(report.diagnostics.map(\.message), [], source)
    }
  }

  /// The AWS CLI's own unused-access example: no advice that would kill the rule.
  func testUnusedAccessExample_getsNoPublicAccessAdvice() {
    for source in [
      "findingType eq UnusedIAMUserAccessKey",
      #"{"archiveRules": [{"ruleName": "MyArchiveRule", "filter": {"findingType": {"eq": ["UnusedIAMUserAccessKey"]}}}]}"#,
    ] {
      let report =
        source.hasPrefix("{")
        ? Linter.lint(json: Array(source.utf8)) : Linter.lint(source)
      let codes = Set(report.diagnostics.map(\.code))
      XCTAssertEqual(report.family, FamilyResolution(family: .unused, source: .ruleFindingType))
      XCTAssertTrue(codes.contains(.archivesStaleCredentials), "\(codes)")
      XCTAssertFalse(codes.contains(.archivesPublicFindings), "\(codes)")
      XCTAssertFalse(codes.contains(.broadArchiveRule), "\(codes)")
      for diagnostic in report.diagnostics {
        XCTAssertFalse(diagnostic.help?.contains("isPublic") ?? false, diagnostic.message)
      }
    }
    for family in [AnalyzerFamily.unused, .internal] {
      let report = Linter.lint("rule Everything { }", options: LintOptions(analyzer: family))
      let help = report.diagnostics.first { $0.code == .emptyFilter }?.help ?? ""
      XCTAssertFalse(help.isEmpty || help.contains("isPublic"), help)
    }
  }

  /// `principalType` is a key of internal access findings, not an unknown key.
  func testInternalAccessKeys_areKnown() {
    for key in [
      "principalType", "accessType", "principalOwnerAccount", "serviceControlPolicyRestriction",
    ] {
      let report = Linter.lint("\(key) exists and principal.AWS eq 111122223333")
      XCTAssertFalse(report.diagnostics.contains { $0.code == .unknownKey }, key)
      XCTAssertEqual(report.family.family, .internal, key)
      XCTAssertEqual(
        FilterKeyCatalog.key(named: key)?.documentation(in: .internal), .observed, key)
    }
  }

  /// The split check agrees with compile: a name that fits once split is accepted.
  func testSplitRuleName_agreesWithCompile() throws {
    let body = "{ isPublic eq false and (error eq a or resource contains x) }"
    let tooLong = "rule \(Self.longName) \(body)"
    let fits = "rule \(String(Self.longName.dropLast())) \(body)"
    for (source, fails) in [(tooLong, true), (fits, false)] {
      let report = Linter.lint(source, options: LintOptions(split: true))
      XCTAssertEqual(report.diagnostics.contains { $0.code == .invalidRuleName }, fails)
      XCTAssertEqual(
        diagnosticCodes(source, split: true).contains("invalid-rule-name"), fails, source)
      XCTAssertFalse(Linter.lint(source).diagnostics.contains { $0.code == .invalidRuleName })
    }
  }
}

final class FamilyRiskAdviceTests: XCTestCase {
  /// Following each risk's help gives a rule without that risk, and still alive in the family.
  func testAdvice_removesTheRiskWithoutKillingTheRule() {
    let user = "\"arn:aws:iam::111122223333:user/ci\""
    let cases: [(AnalyzerFamily, String, String, DiagnosticCode, UInt)] = [
      (
        .unused, "findingType eq UnusedPermission",
        "findingType eq UnusedPermission and resourceOwnerAccount in [111122223333]",
        .archivesWholeFindingType, #line
      ),
      (
        .unused, "findingType eq UnusedIAMUserAccessKey",
        "findingType eq UnusedIAMUserAccessKey and resource in [\(user)]",
        .archivesStaleCredentials, #line
      ),
      (
        .internal, "resourceType eq AWS::S3::Bucket",
        "resourceType eq AWS::S3::Bucket and principal.AWS in [111122223333]",
        .unscopedInternalAccess, #line
      ),
      (
        .external, "resourceType eq AWS::S3::Bucket",
        "resourceType eq AWS::S3::Bucket and isPublic eq false", .archivesPublicFindings, #line
      ),
    ]
    for (family, risky, fixed, code, line) in cases {
      let options = LintOptions(analyzer: family)
      XCTAssertTrue(
        Linter.lint(risky, options: options).diagnostics.contains { $0.code == code }, line: line)
      let after = Linter.lint(fixed, options: options).diagnostics
      XCTAssertFalse(after.contains { $0.code == code }, "\(after.map(\.code))", line: line)
      XCTAssertFalse(
        after.contains {
          [.keyNotInFamily, .valueNotInFamily, .analyzerConflict].contains($0.code)
        },
        "\(after.map(\.code))", line: line)
    }
  }
}
