import FilterDSL
import FilterFormats
import XCTest

/// A CloudFormation template whose archive rules are not shaped as the resource schema says
/// gets one error, with the schema's words, at the node that is wrong (`1️⃣` marks where).
final class CloudFormationShapeTests: XCTestCase {
  static func template(_ rules: String) -> String {
    #"""
    {"Resources": {"A": {"Type": "AWS::AccessAnalyzer::Analyzer", "Properties": {"Type": "ACCOUNT",
      "ArchiveRules": \#(rules)}}}}
    """#
  }

  static let cases: [(String, DiagnosticCode, String, UInt)] = [
    (
      #"1️⃣{"AWSTemplateFormatVersion": "2010-09-09", "Resources": []}"#, .invalidTemplate,
      "the template has no 'Resources' object", #line
    ),
    (
      #"1️⃣{"Resources": {"B": {"Type": "AWS::S3::Bucket"}}}"#, .invalidTemplate,
      "the template has no AWS::AccessAnalyzer::Analyzer resource", #line
    ),
    (
      template(#"1️⃣"all""#), .invalidTemplate,
      "ArchiveRules: expected a list of rules, found a string", #line
    ),
    (
      template(#"[1️⃣"R"]"#), .invalidTemplate, "an archive rule must be an object, found a string",
      #line
    ),
    (
      template(#"[1️⃣{"Ref": "Rules"}]"#), .unsupportedSyntax,
      "intrinsic function 'Ref' is not evaluated here", #line
    ),
    (
      template(#"[1️⃣{"Filter": [{"Property": "isPublic", "Eq": ["false"]}]}]"#), .invalidTemplate,
      "the archive rule has no 'RuleName'", #line
    ),
    (
      template(#"[{"RuleName": 1️⃣7, "Filter": []}]"#), .invalidTemplate,
      "RuleName must be a string, found a number", #line
    ),
    (
      template(#"[{"RuleName": 1️⃣{"Fn::Sub": "${AWS::StackName}-rule"}, "Filter": []}]"#),
      .unsupportedSyntax, "intrinsic function 'Fn::Sub' is not evaluated here", #line
    ),
    (
      template(#"[{"RuleName": 1️⃣"R"}]"#), .invalidTemplate, "rule 'R' has no 'Filter'", #line
    ),
    (
      template(#"[{"RuleName": "R", "Filter": 1️⃣{"Property": "isPublic"}}]"#), .invalidTemplate,
      "Filter must be a list, found an object", #line
    ),
    (
      template(#"[{"RuleName": "R", "Filter": 1️⃣[]}]"#), .invalidTemplate,
      "rule 'R' has an empty Filter; the resource schema needs at least one item", #line
    ),
    (
      template(#"[{"RuleName": "R", "Filter": [1️⃣"isPublic"]}]"#), .invalidTemplate,
      "a Filter item must be an object, found a string", #line
    ),
    (
      template(
        #"[{"RuleName": "R", "Filter": [1️⃣{"Fn::If": ["C", {"Property": "error", "Exists": true}, {"Ref": "AWS::NoValue"}]}]}]"#
      ), .unsupportedSyntax, "intrinsic function 'Fn::If' is not evaluated here", #line
    ),
    (
      template(#"[{"RuleName": "R", "Filter": [1️⃣{"Eq": ["false"]}]}]"#), .invalidTemplate,
      "the Filter item has no 'Property'", #line
    ),
    (
      template(#"[{"RuleName": "R", "Filter": [{"Property": 1️⃣["isPublic"], "Eq": ["false"]}]}]"#),
      .invalidTemplate, "Property must be a string, found an array", #line
    ),
    (
      template(
        #"[{"RuleName": "R", "Filter": [{"Property": "resource", "Eq": 1️⃣{"Fn::If": ["C", ["a"], ["b"]]}}]}]"#
      ), .unsupportedSyntax, "intrinsic function 'Fn::If' is not evaluated here", #line
    ),
    (
      template(
        #"[{"RuleName": "R", "Filter": [{"Property": "resource", "Eq": 1️⃣{"a": 1, "b": 2}}]}]"#),
      .invalidTemplate, "Eq must be a list, found an object", #line
    ),
    (
      template(#"[{"RuleName": "R", "Filter": [1️⃣{"Property": "isPublic"}]}]"#), .invalidFilterJSON,
      "isPublic: a criterion needs at least one of eq, neq, contains, exists", #line
    ),
    (
      template(#"[{"RuleName": "R", "Filter": [{"Property": "isPublic", "Exists": 1️⃣"maybe"}]}]"#),
      .invalidFilterJSON, "isPublic.Exists: 'exists' must be the JSON boolean true or false", #line
    ),
    (
      template(#"[{"RuleName": "R", "Filter": [{"Property": "resource", "Eq": 1️⃣[]}]}]"#),
      .invalidFilterJSON, "resource.Eq: 'Eq' must hold at least one value", #line
    ),
    (
      template(
        #"[{"RuleName": "R", 1️⃣"Description": "x", "Filter": [{"Property": "isPublic", "Eq": ["false"]}]}]"#
      ),
      .invalidTemplate, "unknown member 'Description' in an ArchiveRule", #line
    ),
  ]

  func testMisshapenRules_oneErrorAtTheWrongNode() {
    for (text, code, message, line) in Self.cases {
      let marker = "1️⃣"
      guard let markerRange = text.range(of: marker) else {
        XCTFail("no marker", line: line)
        continue
      }
      let offset = text[..<markerRange.lowerBound].utf8.count
      let source = text.replacingOccurrences(of: marker, with: "")
      let document = RuleReader.read(Array(source.utf8), format: .cloudFormation)
      XCTAssertEqual(
        document.diagnostics.map(\.code), [code], "\(document.diagnostics.map(\.message))",
        line: line)
      guard let first = document.diagnostics.first else { continue }
      XCTAssertEqual(first.severity, .error, line: line)
      XCTAssertEqual(first.message, message, line: line)
      XCTAssertEqual(first.range.start, offset, first.message, line: line)
      XCTAssertTrue(document.archiveRules().rules.isEmpty, line: line)
    }
  }

  /// A YAML template is read as a template, not misread as rule text.
  func testYAMLTemplate_isReadAsATemplate() {
    let document = RuleReader.read(Array("Resources:\n  A:\n    Type: x\n".utf8))
    XCTAssertEqual(document.format, .cloudFormationYAML)
    XCTAssertEqual(
      document.diagnostics.map(\.message),
      ["the template has no AWS::AccessAnalyzer::Analyzer resource"])
  }
}
