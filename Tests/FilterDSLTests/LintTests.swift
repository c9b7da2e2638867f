import Foundation
import FilterDSL
import XCTest

final class LintTests: XCTestCase {
  private static let archive = FilterContext.archiveRule
  private static let list = FilterContext.listFindings
  private static let preview = FilterContext.accessPreview
  private static let safe = " and isPublic eq false"

  /// Each bad rule, the code it must produce, and exactly where.
  func testBadRules_table() {
    let s = Self.safe
    let cases: [(FilterContext, String, DiagnosticCode, UInt)] = [
      // Syntax
      (Self.archive, "resourceType eq ⟨and⟩ isPublic exists", .missingValue, #line),
      (Self.archive, "resourceType ⟨exisst⟩", .missingOperator, #line),
      (Self.archive, "resourceType ⟨equals⟩ AWS::S3::Bucket", .missingOperator, #line),
      (Self.archive, "isPublic eq false and ⟨eq⟩ x", .unexpectedToken, #line),
      (Self.archive, "isPublic eq false ⟨resource⟩ eq x", .unexpectedToken, #line),
      (Self.archive, "resource eq ⟨\"arn:aws:s3:::b⟩", .unterminatedString, #line),
      (Self.archive, "resource eq \"⟨\\q⟩\"", .invalidEscape, #line),
      (Self.archive, "resource eq \"⟨\\ud800⟩\"", .loneSurrogate, #line),
      (Self.archive, "resource eq ⟨é⟩", .invalidCharacter, #line),
      (Self.archive, "resource ⟨!⟩ x", .invalidCharacter, #line),
      (Self.archive, "(isPublic eq false⟨⟩", .unclosedDelimiter, #line),
      (Self.archive, "resource eq [a, b⟨⟩", .unclosedDelimiter, #line),
      (Self.archive, "⟨()⟩", .missingValue, #line),
      // Compilation
      (Self.archive, "not ⟨resource contains prod⟩" + s, .negatedContains, #line),
      (Self.archive, "isPublic eq true and ⟨isPublic eq false⟩", .unsatisfiable, #line),
      (Self.archive, "error exists and ⟨error not exists⟩" + s, .unsatisfiable, #line),
      (Self.archive, "resourceType eq A and ⟨resourceType neq A⟩" + s, .unsatisfiable, #line),
      (
        Self.archive, "resource contains a and ⟨resource contains b⟩" + s, .conflictingContains,
        #line
      ),
      (
        Self.archive, "action eq s3:GetObject and ⟨action eq s3:PutObject⟩" + s, .conflictingListEq,
        #line
      ),
      (
        Self.archive, "⟨resourceType eq AWS::S3::Bucket or isPublic eq false⟩", .orAcrossKeys, #line
      ),
      (
        Self.archive, "⟨error eq [a,b,c,d,e,f,g,h,i,j,k,l,m,n,o,p,q,r,s,t,u]⟩" + s, .tooManyValues,
        #line
      ),
      (Self.archive, "⟨error neq []⟩" + s, .emptyValueList, #line),
      (Self.archive, "rule ⟨1st⟩ { isPublic eq false }", .invalidRuleName, #line),
      (Self.archive, "rule ⟨\"bad name\"⟩ { isPublic eq false }", .invalidRuleName, #line),
      (
        Self.archive, "rule A { isPublic eq false } rule ⟨A⟩ { error exists\(s) }",
        .duplicateRuleName, #line
      ),
      (Self.archive, "rule A { isPublic eq false ⟨order by id⟩ }", .sortInArchiveRule, #line),
      (Self.archive, "isPublic eq false ⟨order by updatedAt desc⟩", .sortInArchiveRule, #line),
      (Self.preview, "isPublic eq false ⟨order by updatedAt⟩", .sortInArchiveRule, #line),
      (Self.archive, "⟨status⟩ eq ACTIVE" + s, .keyNotAllowed, #line),
      (Self.archive, "⟨id⟩ eq abc" + s, .keyNotAllowed, #line),
      (Self.archive, "⟨changeType⟩ eq NEW" + s, .keyNotAllowed, #line),
      (Self.list, "⟨changeType⟩ eq NEW", .keyNotAllowed, #line),
      (Self.list, "⟨existingFindingStatus⟩ eq ACTIVE", .keyNotAllowed, #line),
      (Self.archive, "⟨existingFindingId⟩ exists" + s, .keyNotAllowed, #line),
      // Keys
      (Self.archive, "⟨resourcetype⟩ eq AWS::S3::Bucket" + s, .unknownKey, #line),
      (Self.archive, "⟨principal.aws⟩ eq 111122223333" + s, .unknownKey, #line),
      (Self.archive, "⟨condition.aws:SourceVPC⟩ eq vpc-1" + s, .unknownKey, #line),
      (Self.archive, "⟨resourceTyp⟩ eq AWS::S3::Bucket" + s, .unknownKey, #line),
      (Self.archive, "isPublic eq false and ⟨IsPublic⟩ exists", .unknownKey, #line),
      (Self.archive, "⟨principal.Aws⟩ exists" + s, .unknownKey, #line),
      (Self.archive, "⟨resourceOwner⟩ eq 111122223333" + s, .unknownKey, #line),
      // Values
      (Self.archive, "resourceType eq ⟨AWS::S3::bucket⟩" + s, .unknownValue, #line),
      (Self.archive, "resourceType eq ⟨AWS::S3Bucket⟩" + s, .unknownValue, #line),
      (
        Self.archive, "resourceType in [AWS::S3::Bucket, ⟨AWS::KMS::key⟩]" + s, .unknownValue, #line
      ),
      (Self.list, "status eq ⟨ARCHIVE⟩", .unknownValue, #line),
      (Self.list, "status neq ⟨active⟩", .unknownValue, #line),
      (Self.archive, "findingType eq ⟨UnusedIamRole⟩" + s, .unknownValue, #line),
      (
        Self.archive, "resourceControlPolicyRestriction eq ⟨NOT_APPLICABEL⟩" + s, .unknownValue,
        #line
      ),
      (Self.preview, "changeType eq ⟨MODIFIED⟩", .unknownValue, #line),
      (Self.archive, "isPublic eq ⟨True⟩", .invalidBoolean, #line),
      (Self.archive, "isPublic eq ⟨yes⟩", .invalidBoolean, #line),
      (Self.archive, "isPublic neq ⟨\"1\"⟩", .invalidBoolean, #line),
      (Self.archive, "resourceOwnerAccount eq ⟨11112222333⟩" + s, .invalidAccountID, #line),
      (Self.archive, "resourceOwnerAccount eq ⟨1111222233334⟩" + s, .invalidAccountID, #line),
      (Self.archive, "resourceOwnerAccount neq ⟨prod⟩" + s, .invalidAccountID, #line),
      (Self.archive, "principal.AWS eq ⟨11112222333⟩" + s, .invalidAccountID, #line),
      (Self.archive, "condition.kms:CallerAccount eq ⟨12345⟩" + s, .invalidAccountID, #line),
      (Self.archive, "resource eq ⟨my-bucket⟩" + s, .invalidARN, #line),
      (Self.archive, "resource neq ⟨\"arn:aws:s3\"⟩" + s, .invalidARN, #line),
      (Self.archive, "condition.aws:PrincipalArn eq ⟨AuditRole⟩" + s, .invalidARN, #line),
      (Self.archive, "principal.AWS eq ⟨root⟩" + s, .invalidPrincipal, #line),
      (Self.archive, "error eq ⟨\"\"⟩" + s, .emptyValue, #line),
      (Self.archive, "resource contains ⟨\"\"⟩" + s, .emptyValue, #line),
      (Self.archive, "error in [ACCESS_DENIED, ⟨ACCESS_DENIED⟩]" + s, .duplicateValue, #line),
      // Redundancy and dead branches
      (Self.archive, "error neq a and error neq [b, ⟨a⟩]" + s, .redundantPredicate, #line),
      (Self.archive, "⟨error exists⟩ and error eq ACCESS_DENIED" + s, .redundantPredicate, #line),
      (Self.archive, "error not exists and ⟨error neq x⟩" + s, .redundantPredicate, #line),
      (
        Self.archive, "(error eq a or error eq b) and ⟨error eq c⟩ or resource eq x",
        .unsatisfiableBranch, #line
      ),
      (Self.list, "isPublic exists order by ⟨updatedat⟩", .unknownSortAttribute, #line),
      (Self.list, "isPublic exists order by ⟨severity⟩", .unknownSortAttribute, #line),
      // Risks
      (Self.archive, "⟨resourceType eq AWS::S3::Bucket⟩", .archivesPublicFindings, #line),
      (Self.archive, "⟨resourceType eq AWS::S3::Bucket⟩", .broadArchiveRule, #line),
      (Self.archive, "⟨resourceOwnerAccount eq 111122223333⟩", .broadArchiveRule, #line),
      (Self.archive, "⟨principal.AWS eq 111122223333⟩", .archivesPublicFindings, #line),
      (Self.archive, "⟨isPublic neq false⟩", .archivesPublicFindings, #line),
      (Self.archive, "⟨⟩", .emptyFilter, #line),
      (Self.archive, "⟨# nothing⟩", .emptyFilter, #line),
      (Self.archive, "rule ⟨Everything⟩ { }", .emptyFilter, #line),
      (Self.archive, "⟨principal.AWS eq \"*\"⟩", .principalWildcard, #line),
      (
        Self.archive,
        "rule Wide { isPublic eq false } rule ⟨Narrow⟩ { isPublic eq false and error exists }",
        .shadowedRule, #line
      ),
      (
        Self.archive,
        "rule A { isPublic eq false and error exists } rule ⟨B⟩ { error exists and isPublic eq false }",
        .shadowedRule, #line
      ),
      (
        Self.archive,
        "rule A { principal.AWS in [1, 2]\(s) } rule ⟨B⟩ { principal.AWS in [2, 3]\(s) }",
        .overlappingRules, #line
      ),
    ]
    XCTAssertGreaterThanOrEqual(cases.count, 60)
    for (context, text, code, line) in cases {
      let (source, range) = marked(text)
      let report = Linter.lint(source, options: LintOptions(context: context))
      let found = report.diagnostics.filter { $0.code == code }
      XCTAssertFalse(
        found.isEmpty,
        "\(source): expected \(code), got \(report.diagnostics.map(\.code.rawValue))", line: line)
      if let range, !found.isEmpty {
        XCTAssertTrue(
          found.contains { $0.range == range },
          "\(source): \(code) at \(found.map(\.range)), expected \(range)", line: line)
      }
    }
  }

  func testTooManyRules_againstTheQuota() {
    let source = (1...4).map { "rule R\($0) { isPublic eq false and error eq e\($0) }" }.joined(
      separator: "\n")
    var options = LintOptions()
    options.limits.maxRules = 3
    XCTAssertTrue(
      Linter.lint(source, options: options).diagnostics.contains { $0.code == .tooManyRules })
    XCTAssertFalse(Linter.lint(source).diagnostics.contains { $0.code == .tooManyRules })
  }

  /// No false alarms: every documented key and value, used well.
  func testGoodRules_produceNoDiagnostics() {
    var cases: [(FilterContext, String)] = [
      (
        Self.archive,
        "resourceType eq AWS::S3::Bucket and principal.AWS in [111122223333, \"arn:aws:iam::444455556666:root\"] and isPublic eq false"
      ),
      (Self.archive, "isPublic eq false and resourceOwnerAccount eq 111122223333"),
      (Self.archive, "isPublic eq false and error eq ACCESS_DENIED"),
      (Self.archive, "isPublic neq true and principal.Federated exists"),
      (Self.archive, "isPublic eq false and resource eq arn:aws:s3:::my-bucket"),
      (Self.archive, "isPublic eq false and resource contains prod-"),
      (
        Self.archive,
        "isPublic eq false and resourceControlPolicyRestriction in [APPLICABLE, NOT_APPLICABLE, FAILED_TO_EVALUATE_RCP]"
      ),
      (Self.list, "status eq ACTIVE and id exists order by updatedAt desc"),
      (Self.list, "status in [ACTIVE, ARCHIVED, RESOLVED] order by createdAt"),
      (Self.list, "isPublic eq true and principal.AWS eq \"*\""),
      (
        Self.preview,
        "changeType in [CHANGED, NEW, UNCHANGED] and existingFindingStatus eq ACTIVE and existingFindingId exists"
      ),
      (
        Self.archive,
        "rule A { isPublic eq false and error eq a }\nrule B { isPublic eq false and error eq b }"
      ),
    ]
    for resourceType in FilterKeyCatalog.resourceTypes {
      cases.append(
        (
          Self.archive,
          "isPublic eq false and resourceType eq \(FilterPrinter.literal(resourceType))"
        ))
    }
    // Filtering by finding type is documented for unused access only (FamilyLintTests has the rest).
    for findingType in AnalyzerFamily.unused.findingTypes {
      cases.append((Self.list, "findingType eq \(findingType)"))
    }
    for entry in FilterKeyCatalog.conditionEntries {
      let value =
        entry.hasSuffix("Arn")
        ? "arn:aws:iam::111122223333:role/x"
        : entry.hasSuffix("Account") || entry == "aws:SourceOwner" ? "111122223333" : "value"
      cases.append(
        (
          Self.archive,
          "isPublic eq false and \(FilterPrinter.literal("condition." + entry)) eq \(FilterPrinter.literal(value))"
        ))
    }
    for attribute in FilterKeyCatalog.sortableAttributes {
      cases.append((Self.list, "isPublic exists order by \(attribute) desc"))
    }
    for (context, source) in cases {
      let report = Linter.lint(source, options: LintOptions(context: context))
      XCTAssertEqual(report.diagnostics.map(\.message), [], source)
    }
  }

  func testJSONRules_areCheckedAtTheirNames() throws {
    let json = #"""
      {"archiveRules": [
        {"ruleName": "Good", "filter": {"isPublic": {"eq": ["false"]}}},
        {"ruleName": "Typo", "filter": {"resourcetype": {"eq": ["AWS::S3::Bucket"]}, "isPublic": {"exists": "false"}}}
      ]}
      """#
    let report = Linter.lint(json: Array(json.utf8))
    let codes = report.diagnostics.map(\.code)
    XCTAssertTrue(codes.contains(.existsAsString), "\(codes)")
    let typo = try XCTUnwrap(report.rules.first { $0.name == "Typo" })
    XCTAssertEqual(typo.diagnostics.map(\.code), [.unknownKey])
    let anchor = try XCTUnwrap(typo.range)
    XCTAssertEqual(
      String(decoding: Array(json.utf8)[anchor.start..<anchor.end], as: UTF8.self), "\"Typo\"")
    XCTAssertEqual(
      Linter.lint(json: Array(#"{"k":{"eq":[]}}"#.utf8)).diagnostics.map(\.code),
      [.invalidFilterJSON])
  }

  /// The SARIF log has the structure 2.1.0 requires, with line and column on every result.
  func testSARIF_hasTheRequiredStructure() throws {
    let report = Linter.lint("resourcetype eq AWS::S3::Bucket\n  and isPublic eq True")
    let data = Data(report.sarif(file: "rules.aaf", toolVersion: "1").serialized().utf8)
    let log = try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    XCTAssertEqual(log["version"] as? String, "2.1.0")
    let run = try XCTUnwrap((log["runs"] as? [[String: Any]])?.first)
    let driver = try XCTUnwrap((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
    XCTAssertEqual(driver["name"] as? String, "aafilter")
    let rules = try XCTUnwrap(driver["rules"] as? [[String: Any]])
    let results = try XCTUnwrap(run["results"] as? [[String: Any]])
    XCTAssertEqual(results.count, report.diagnostics.count)
    for result in results {
      let ruleID = try XCTUnwrap(result["ruleId"] as? String)
      let index = try XCTUnwrap(result["ruleIndex"] as? Int)
      XCTAssertEqual(rules[index]["id"] as? String, ruleID)
      XCTAssertNotNil((result["message"] as? [String: Any])?["text"] as? String)
      XCTAssertTrue(["error", "warning", "note"].contains(result["level"] as? String ?? ""))
      let location = try XCTUnwrap(
        (result["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])
      XCTAssertEqual(
        (location["artifactLocation"] as? [String: Any])?["uri"] as? String, "rules.aaf")
      let region = try XCTUnwrap(location["region"] as? [String: Any])
      XCTAssertGreaterThanOrEqual(region["startLine"] as? Int ?? 0, 1)
      XCTAssertGreaterThanOrEqual(region["startColumn"] as? Int ?? 0, 1)
    }
    let invalidBoolean = results.first { $0["ruleId"] as? String == "invalid-boolean" }
    let region =
      ((invalidBoolean?["locations"] as? [[String: Any]])?.first?["physicalLocation"]
      as? [String: Any])?["region"] as? [String: Any]
    XCTAssertEqual(region?["startLine"] as? Int, 2)
    XCTAssertEqual(region?["startColumn"] as? Int, 19)
  }
}

/// That this costs linear time is measured by `aafilter-bench --growth`, not here.
final class LintScalingTests: XCTestCase {
  func testLongConjunction_lintsWithoutErrors() {
    let count = 4_000
    let source =
      (0..<count).map { "k\($0 % 1_000) neq v\($0 / 1_000)" }.joined(separator: " and ")
      + " and isPublic eq false"
    let report = Linter.lint(source)
    XCTAssertFalse(report.diagnostics.contains { $0.severity == .error })
  }
}
