import AAFilterTestSupport
import FilterDSL
import FilterFormats
import XCTest

/// The traps of each format are diagnostics with check's codes, at the right place in the
/// source: `1️⃣` in a case marks where the first diagnostic's range starts, and `expected` is
/// the text it covers.
final class ImportDiagnosticsTests: XCTestCase {
  func testTraps_arePositionedInTheSource() {
    let cases: [(String, [DiagnosticCode], String, UInt)] = [
      (
        #"""
        {"Resources": {"A": {"Type": "AWS::AccessAnalyzer::Analyzer", "Properties": {"Type": "ACCOUNT",
          "ArchiveRules": [{"RuleName": "R", "Filter": [
            {"Property": "isPublic", "Eq": ["false"]}, {"Property": 1️⃣"isPublic", "Exists": true}]}]}}}}
        """#, [.duplicateCriteria], #""isPublic""#, #line
      ),
      (
        #"""
        resource "aws_accessanalyzer_archive_rule" "r" {
          analyzer_name = "a"
          rule_name     = "R"
          filter {
            criteria = "isPublic"
            eq       = ["false"]
          }
          filter {
            criteria = 1️⃣"isPublic" # the provider keeps one of the two
            exists   = "true"
          }
        }
        """#, [.duplicateCriteria], #""isPublic""#, #line
      ),
      (
        #"{"archiveRules": [{"ruleName": "R", "filter": {"error": {"exists": 1️⃣"false"}}}]}"#,
        [.existsAsString], #""false""#, #line
      ),
      (
        #"""
        {"Resources": {"A": {"Type": "AWS::AccessAnalyzer::Analyzer", "Properties": {"Type": "ACCOUNT",
          "ArchiveRules": [{"RuleName": "R", "Filter": [{"Property": "error", "Exists": 1️⃣"true"}]}]}}}}
        """#, [.existsAsString], #""true""#, #line
      ),
      (
        #"""
        resource "aws_accessanalyzer_archive_rule" "a" {
          analyzer_name = "x"
          rule_name     = "Same"
          filter {
            criteria = "error"
            exists   = "false"
          }
        }
        resource "aws_accessanalyzer_archive_rule" "b" {
          analyzer_name = "x"
          rule_name     = 1️⃣"Same"
          filter {
            criteria = "isPublic"
            eq       = ["false"]
          }
        }
        """#, [.duplicateRuleName], #""Same""#, #line
      ),
      (
        #"""
        resource "aws_accessanalyzer_archive_rule" "a" {
          analyzer_name = "x"
          rule_name     = "R"
          filter {
            criteria = "resource"
            contains = ["1️⃣${var.bucket}"]
          }
        }
        """#, [.unsupportedSyntax], "${", #line
      ),
      (
        #"""
        resource "aws_accessanalyzer_archive_rule" "a" {
          analyzer_name = "x"
          rule_name     = "R"
          filter {
            criteria = "resource"
            eq       = 1️⃣concat(["a"], ["b"])
          }
        }
        """#, [.unsupportedSyntax], "concat(", #line
      ),
      (
        #"""
        resource "aws_accessanalyzer_archive_rule" "a" {
          analyzer_name = "x"
          rule_name     = "R"
          filter {
            criteria = "error"
            exists   = 1️⃣"yes"
          }
        }
        """#, [.invalidBoolean], #""yes""#, #line
      ),
      (
        #"""
        resource "aws_accessanalyzer_archive_rule" "a" {
          analyzer_name = "x"
          rule_name     = "R"
          filter {
            criteria = "error"
            1️⃣eqs      = ["a"]
          }
        }
        """#, [.invalidTemplate], "eqs", #line
      ),
      (
        #"{"isPublic": {"eq": ["false"]}, 1️⃣"isPublic": {"exists": true}}"#, [.duplicateCriteria],
        #""isPublic""#, #line
      ),
      (
        #"""
        {"Resources": {
          "A": {"Type": "AWS::AccessAnalyzer::Analyzer", "Properties": {"Type": "ACCOUNT",
            "ArchiveRules": [{"RuleName": "R", "Filter": [{"Property": "error", "Exists": true}]}]}},
          1️⃣"B": {"Type": "AWS::AccessAnalyzer::Analyzer", "Properties": {"Type": "ACCOUNT",
            "ArchiveRules": [{"RuleName": "R", "Filter": [{"Property": "error", "Exists": true}]}]}}}}
        """#, [.ambiguousAnalyzer], #""B""#, #line
      ),
      (
        #"""
        {"Resources": {"A": {"Type": "AWS::AccessAnalyzer::Analyzer", "Properties": {"Type": "ACCOUNT",
          "ArchiveRules": 1️⃣{"Fn::If": ["Prod", [], []]}}}}}
        """#, [.unsupportedSyntax], "{", #line
      ),
    ]
    for (marked, codes, covered, line) in cases {
      let marker = "1️⃣"
      guard let markerRange = marked.range(of: marker) else {
        XCTFail("no marker", line: line)
        continue
      }
      let offset = marked[..<markerRange.lowerBound].utf8.count
      let source = marked.replacingOccurrences(of: marker, with: "")
      let document = RuleReader.read(Array(source.utf8))
      XCTAssertEqual(document.diagnostics.map(\.code), codes, "\(document.diagnostics)", line: line)
      guard let first = document.diagnostics.first else { continue }
      XCTAssertEqual(first.range.start, offset, first.message, line: line)
      let bytes = Array(source.utf8)
      let text = String(
        decoding: bytes[first.range.start..<min(first.range.end, bytes.count)], as: UTF8.self)
      XCTAssertTrue(text.hasPrefix(covered), "covers '\(text)'", line: line)
    }
  }

  /// Real configuration around the archive rules is skipped or read: providers, variables,
  /// heredoc policies and templates in other resources, comments of three kinds, nested
  /// blocks, references, multi-line lists with trailing commas, `exists` as a bare boolean.
  func testTerraform_readsRealConfiguration() throws {
    let source = #"""
      terraform {
        required_providers {
          aws = { source = "hashicorp/aws", version = "~> 5.0" }
        }
      }
      provider "aws" { region = var.region }
      variable "region" {
        default = "eu-west-1"
      }
      resource "aws_s3_bucket_policy" "p" {
        bucket = "${var.prefix}-logs"
        policy = <<-EOF
          {"Statement": [{"Effect": "Allow", "Resource": "arn:aws:s3:::x/*"}]}
        EOF
      }
      /* The analyzer and its rules. */
      resource "aws_accessanalyzer_analyzer" "org" {
        analyzer_name = "org-analyzer"
        type          = "ORGANIZATION"
        tags = {
          Team = "security"
        }
      }
      resource "aws_accessanalyzer_archive_rule" "trusted" {
        analyzer_name = aws_accessanalyzer_analyzer.org.analyzer_name
        rule_name     = "Trusted"
        depends_on    = [aws_accessanalyzer_analyzer.org]
        filter {
          criteria = "principal.AWS"
          eq = [
            "111122223333", # audit
            "444455556666", // logging
          ]
        }
        filter {
          criteria = "isPublic"
          exists   = true
        }
        lifecycle {
          create_before_destroy = true
        }
      }
      """#
    let document = RuleReader.read(Array(source.utf8))
    XCTAssertEqual(document.format, .terraform)
    XCTAssertEqual(document.diagnostics, [])
    XCTAssertEqual(document.analyzerName, "org-analyzer")
    XCTAssertEqual(document.analyzerType, "ORGANIZATION")
    let (rules, _) = document.archiveRules()
    XCTAssertEqual(
      rules,
      [
        ArchiveRule(
          ruleName: "Trusted",
          filter: [
            "principal.AWS": Criterion(eq: ["111122223333", "444455556666"]),
            "isPublic": Criterion(exists: true),
          ])
      ])
    let yaml = RuleReader.read(Array("AWSTemplateFormatVersion: '2010-09-09'\n".utf8))
    XCTAssertEqual(yaml.diagnostics.map(\.code), [.invalidTemplate])
  }

  /// Rule names that collide once they become Terraform labels are kept apart, with a warning.
  func testTerraformLabels_collidingNamesGetSuffixes() throws {
    let rules = [
      ArchiveRule(ruleName: "a.b", filter: ["error": Criterion(exists: true)]),
      ArchiveRule(ruleName: "a_b", filter: ["error": Criterion(exists: false)]),
    ]
    let result = try RuleWriter.write(
      rules, as: .terraform, options: ConversionOptions(analyzerName: "x"))
    XCTAssertTrue(result.text.contains(#""aws_accessanalyzer_archive_rule" "a_b" {"#))
    XCTAssertTrue(result.text.contains(#""aws_accessanalyzer_archive_rule" "a_b_2" {"#))
    XCTAssertEqual(result.warnings.count, 1)
    XCTAssertTrue(result.warnings[0].hasPrefix("rule-name-collision:"))
    let (back, diagnostics) = RuleReader.read(Array(result.text.utf8)).archiveRules()
    XCTAssertEqual(diagnostics, [])
    XCTAssertEqual(back, rules)
  }

  func testDetection() {
    let cases: [(String, RuleFormat, UInt)] = [
      ("isPublic eq false", .dsl, #line),
      ("# comment\nrule A { isPublic eq false }", .dsl, #line),
      ("resource eq \"arn:aws:s3:::b\"", .dsl, #line),
      ("resource contains x", .dsl, #line),
      ("# rules\nresource \"aws_accessanalyzer_archive_rule\" \"a\" {}", .terraform, #line),
      ("/* c */ terraform {\n}", .terraform, #line),
      ("locals {\n}", .terraform, #line),
      (#"{"isPublic": {"eq": ["false"]}}"#, .json, #line),
      (#"[{"isPublic": {"eq": ["false"]}}]"#, .json, #line),
      (#"{"archiveRules": []}"#, .json, #line),
      (#"{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {}}"#, .cloudFormation, #line),
      (#"{"Resources": {}}"#, .cloudFormation, #line),
      (#"{"format_version": "1.0", "values": {}}"#, .terraformJSON, #line),
      (#"{"format_version": "1.2", "planned_values": {}}"#, .terraformJSON, #line),
      ("AWSTemplateFormatVersion: \"2010-09-09\"\nResources: {}", .cloudFormationYAML, #line),
    ]
    for (source, format, line) in cases {
      XCTAssertEqual(RuleFormat.detect(Array(source.utf8)), format, source, line: line)
    }
  }

  /// Hostile input never crashes a reader: deep nesting and truncations of real sources.
  func testHostileInput_isADiagnostic() {
    let deep = String(repeating: "[", count: 100_000)
    XCTAssertTrue(RuleReader.read(Array(deep.utf8), format: .json).diagnostics.hasErrors)
    let deepHCL = "resource \"a\" \"b\" {\n  x = " + String(repeating: "[", count: 100_000)
    XCTAssertTrue(RuleReader.read(Array(deepHCL.utf8), format: .terraform).diagnostics.hasErrors)
    var generator = RuleSetGenerator(seed: 9)
    let rules = generator.rules(5)
    for format in [RuleOutputFormat.cloudFormation, .terraform, .rulesJSON] {
      guard
        let text = try? RuleWriter.write(
          rules.filter { FormatRoundTripTests.expressible($0, in: format) }, as: format,
          options: FormatRoundTripTests.options
        ).text
      else { continue }
      let bytes = Array(text.utf8)
      for cut in stride(from: 0, to: bytes.count, by: 7) {
        let document = RuleReader.read(Array(bytes[..<cut]))
        XCTAssertTrue(
          document.diagnostics.hasErrors || document.content != nil,
          "\(format) cut at \(cut): \(String(decoding: bytes[..<cut], as: UTF8.self))")
      }
    }
  }
}
