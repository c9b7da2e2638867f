import FilterDSL
import XCTest

/// Excluding a finding type of another family is harmless (it excludes what never comes), so
/// it is a warning; only asking for one (`eq`) makes the rule set span two analyzers, an error.
final class FamilyExclusionLintTests: XCTestCase {
  private static let scoped = " and principal.AWS eq 111122223333"

  private struct Case {
    var family: AnalyzerFamily?
    var text: String
    var severity: Severity
    var code: DiagnosticCode
    var message: String
    var line: UInt
  }

  private static let cases: [Case] = [
    Case(
      family: .external, text: "isPublic eq false and findingType neq ⟨UnusedIAMRole⟩",
      severity: .warning, code: .valueNotInFamily,
      message:
        "external-access findings never have 'findingType' 'UnusedIAMRole', so excluding it adds nothing",
      line: #line),
    Case(
      family: .external, text: "isPublic eq false and not findingType eq ⟨InternalAccess⟩",
      severity: .warning, code: .valueNotInFamily,
      message:
        "external-access findings never have 'findingType' 'InternalAccess', so excluding it adds nothing",
      line: #line),
    Case(
      family: .unused,
      text: "findingType neq ⟨ExternalAccess⟩ and resourceOwnerAccount eq 111122223333",
      severity: .warning, code: .valueNotInFamily,
      message:
        "unused-access findings never have 'findingType' 'ExternalAccess', so excluding it adds nothing",
      line: #line),
    Case(
      family: .internal, text: "findingType neq ⟨UnusedPermission⟩" + scoped,
      severity: .warning, code: .valueNotInFamily,
      message:
        "internal-access findings never have 'findingType' 'UnusedPermission', so excluding it adds nothing",
      line: #line),
    // The contrast: asking for the type is the conflict, worded by where the family came from.
    Case(
      family: .external, text: "isPublic eq false and findingType eq ⟨UnusedIAMRole⟩",
      severity: .error, code: .analyzerConflict,
      message:
        "'UnusedIAMRole' is a finding type of unused-access analyzers, but the analyzer is external-access",
      line: #line),
    Case(
      family: nil, text: "findingType in [UnusedIAMRole, ⟨InternalAccess⟩]",
      severity: .error, code: .analyzerConflict,
      message:
        "'InternalAccess' is a finding type of internal-access analyzers, but the rule's other finding types make it unused-access",
      line: #line),
    // A value of the family's key that the family never holds, asked for and excluded.
    Case(
      family: .unused, text: "resourceType eq ⟨AWS::KMS::Key⟩",
      severity: .warning, code: .valueNotInFamily,
      message:
        "unused-access findings never have 'resourceType' 'AWS::KMS::Key', so this value can never match",
      line: #line),
  ]

  func testFindingTypeOfAnotherFamily_excludedIsAWarningAskedForIsAnError() {
    for row in Self.cases {
      let (source, range) = marked(row.text)
      let report = Linter.lint(source, options: LintOptions(analyzer: row.family))
      let found = report.diagnostics.filter { $0.range == range }
      XCTAssertEqual(
        found.map(\.code), [row.code], "\(source): \(report.diagnostics.map(\.code.rawValue))",
        line: row.line)
      XCTAssertEqual(found.first?.severity, row.severity, source, line: row.line)
      XCTAssertEqual(found.first?.message, row.message, source, line: row.line)
      if row.severity == .warning {
        XCTAssertFalse(
          report.diagnostics.contains { $0.code == .analyzerConflict || $0.severity == .error },
          "\(source): \(report.diagnostics.map(\.message))", line: row.line)
      }
    }
  }
}
