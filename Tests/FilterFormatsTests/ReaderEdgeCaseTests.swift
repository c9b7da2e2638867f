import FilterDSL
import AAFilterTestSupport
import FilterFormats
import XCTest

/// What the CloudFormation, Terraform and Terraform JSON readers make of the cases a user meets
/// once the easy path works: several analyzers in one source, empty lists the provider treats
/// as unset, HCL's template escapes, and real configuration the reader must skip over.
final class ReaderEdgeCaseTests: XCTestCase {
  /// What a read gives, in a form a table row can spell: the rules as compact JSON, the
  /// diagnostic codes, and the analyzer the document names.
  struct Read: Equatable, CustomStringConvertible {
    var rules: String
    var codes: [DiagnosticCode]
    var analyzer: String?

    var description: String { "rules \(rules), codes \(codes), analyzer \(analyzer ?? "nil")" }
  }

  static func read(_ source: String, format: RuleFormat? = nil, analyzer: String? = nil) -> Read {
    let document = RuleReader.read(Array(source.utf8), format: format, analyzerName: analyzer)
    var rules = "none"
    if case .rules(let list)? = document.content { rules = encodeJSON(list) }
    return Read(
      rules: rules, codes: document.diagnostics.map(\.code), analyzer: document.analyzerName)
  }

  static func rule(_ name: String, _ filter: String) -> String {
    #"{"filter":\#(filter),"ruleName":"\#(name)"}"#
  }

  // MARK: - CloudFormation: picking an analyzer

  static let twoAnalyzers = #"""
    {"Resources": {
      "ProdAnalyzer": {"Type": "AWS::AccessAnalyzer::Analyzer", "Properties": {
        "AnalyzerName": "prod", "Type": "ACCOUNT",
        "ArchiveRules": [{"RuleName": "P", "Filter": [{"Property": "isPublic", "Eq": ["false"]}]}]}},
      "DevAnalyzer": {"Type": "AWS::AccessAnalyzer::Analyzer", "Properties": {
        "AnalyzerName": "dev", "Type": "ORGANIZATION",
        "ArchiveRules": [{"RuleName": "D", "Filter": [{"Property": "error", "Exists": true}]}]}},
      "Quiet": {"Type": "AWS::AccessAnalyzer::Analyzer", "Properties": {
        "AnalyzerName": "quiet", "Type": "ACCOUNT_UNUSED_ACCESS"}},
      "Bucket": {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": "prod"}}
    }}
    """#

  func testCloudFormation_analyzerPickedByNameOrLogicalID() {
    let prod = "[" + Self.rule("P", #"{"isPublic":{"eq":["false"]}}"#) + "]"
    let dev = "[" + Self.rule("D", #"{"error":{"exists":true}}"#) + "]"
    let cases: [(String?, Read, UInt)] = [
      (nil, Read(rules: "none", codes: [.ambiguousAnalyzer], analyzer: nil), #line),
      ("prod", Read(rules: prod, codes: [], analyzer: "prod"), #line),
      ("ProdAnalyzer", Read(rules: prod, codes: [], analyzer: "prod"), #line),
      ("dev", Read(rules: dev, codes: [], analyzer: "dev"), #line),
      ("DevAnalyzer", Read(rules: dev, codes: [], analyzer: "dev"), #line),
      // An analyzer without rules is a valid pick: it has none.
      ("quiet", Read(rules: "[]", codes: [], analyzer: "quiet"), #line),
      ("Quiet", Read(rules: "[]", codes: [], analyzer: "quiet"), #line),
      // Names are exact: neither case nor another resource's name picks an analyzer.
      ("Prod", Read(rules: "none", codes: [.invalidTemplate], analyzer: nil), #line),
      ("Bucket", Read(rules: "none", codes: [.invalidTemplate], analyzer: nil), #line),
    ]
    for (selection, expected, line) in cases {
      XCTAssertEqual(
        Self.read(Self.twoAnalyzers, analyzer: selection), expected,
        "--analyzer-name \(selection ?? "(none)")", line: line)
    }
  }

  func testCloudFormation_analyzerTypeAndMissingAnalyzerMessages() {
    let document = RuleReader.read(Array(Self.twoAnalyzers.utf8), analyzerName: "DevAnalyzer")
    XCTAssertEqual(document.analyzerType, "ORGANIZATION")
    XCTAssertEqual(document.format, .cloudFormation)

    let missing = RuleReader.read(Array(Self.twoAnalyzers.utf8), analyzerName: "staging")
    XCTAssertEqual(
      missing.diagnostics.map(\.message), ["the template has no analyzer named 'staging'"])

    let ambiguous = RuleReader.read(Array(Self.twoAnalyzers.utf8))
    XCTAssertEqual(
      ambiguous.diagnostics.map(\.message),
      ["the template defines archive rules for several analyzers: prod, dev"])
    XCTAssertEqual(ambiguous.diagnostics.first?.help, "pick one with --analyzer-name")
    let source = Array(Self.twoAnalyzers.utf8)
    if let range = ambiguous.diagnostics.first?.range {
      // The second analyzer with rules is the one pointed at, by its logical id.
      XCTAssertEqual(
        String(decoding: source[range.start..<range.end], as: UTF8.self), #""DevAnalyzer""#)
    }
  }

  // MARK: - Terraform: empty lists are unset

  static func terraform(_ filter: String, analyzer: String = #""a""#) -> String {
    """
    resource "aws_accessanalyzer_archive_rule" "r" {
      analyzer_name = \(analyzer)
      rule_name     = "R"
      filter {
        \(filter)
      }
    }
    """
  }

  func testTerraform_emptyListsAreUnset() {
    let cases: [(String, String, [DiagnosticCode], UInt)] = [
      (
        #"criteria = "isPublic"  eq = []  exists = "true""#, #"{"isPublic":{"exists":true}}"#, [],
        #line
      ),
      (
        #"criteria = "error"  neq = []  exists = "false""#, #"{"error":{"exists":false}}"#, [],
        #line
      ),
      (
        #"criteria = "resource"  contains = []  eq = ["arn:aws:s3:::b"]"#,
        #"{"resource":{"eq":["arn:aws:s3:::b"]}}"#, [], #line
      ),
      (
        #"criteria = "resource"  eq = []  neq = []  contains = ["x"]"#,
        #"{"resource":{"contains":["x"]}}"#, [], #line
      ),
      // Nothing but empty lists: the provider sends a criterion the API rejects.
      (#"criteria = "isPublic"  eq = []"#, "{}", [.invalidFilterJSON], #line),
      (#"criteria = "isPublic"  eq = []  exists = """#, "{}", [.invalidFilterJSON], #line),
      // Numbers and booleans in a list of strings are their text, as Terraform converts them.
      (
        #"criteria = "resourceOwnerAccount"  eq = [111122223333, true]"#,
        #"{"resourceOwnerAccount":{"eq":["111122223333","true"]}}"#, [], #line
      ),
      (
        #"criteria = "isPublic"  exists = "T""#, #"{"isPublic":{"exists":true}}"#, [], #line
      ),
      (#"criteria = "isPublic"  exists = "0""#, #"{"isPublic":{"exists":false}}"#, [], #line),
      (
        #"criteria = "isPublic"  exists = null  eq = ["true"]"#, #"{"isPublic":{"eq":["true"]}}"#,
        [], #line
      ),
      (#"criteria = "isPublic"  exists = true"#, #"{"isPublic":{"exists":true}}"#, [], #line),
      (#"criteria = "isPublic"  exists = 1"#, "{}", [.invalidBoolean], #line),
      (#"criteria = "isPublic"  eq = "false""#, "{}", [.invalidTemplate], #line),
      (#"criteria = "isPublic"  eq = [var.x]"#, "{}", [.unsupportedSyntax], #line),
      (#"criteria = var.key  eq = ["x"]"#, "{}", [.unsupportedSyntax], #line),
      (#"eq = ["x"]"#, "{}", [.invalidTemplate], #line),
    ]
    for (filter, expected, codes, line) in cases {
      // HCL needs a newline between attributes; the table keeps one row per line.
      let body = filter.replacingOccurrences(of: "  ", with: "\n    ")
      let read = Self.read(Self.terraform(body))
      XCTAssertEqual(read.codes, codes, "\(filter): \(read)", line: line)
      if codes.isEmpty {
        XCTAssertEqual(read.rules, "[" + Self.rule("R", expected) + "]", filter, line: line)
      } else if read.rules != "none" {
        XCTAssertEqual(read.rules, "[" + Self.rule("R", expected) + "]", filter, line: line)
      }
    }
  }

  // MARK: - HCL: escapes and skipped configuration

  func testHCL_templateEscapesAreLiteralText() {
    let cases: [(String, String, UInt)] = [
      (#""$${aws:username}""#, "${aws:username}", #line),
      (#""%%{x}""#, "%{x}", #line),
      (#""a$${b}c%%{d}e""#, "a${b}c%{d}e", #line),
      // A lone or doubled sign without a brace is itself.
      (#""$$x""#, "$$x", #line),
      (#""100%""#, "100%", #line),
      (#""$ {""#, "$ {", #line),
      (#""\u00e9\t\"\\""#, "é\t\"\\", #line),
      (#""\U0001F600""#, "😀", #line),
    ]
    for (literal, value, line) in cases {
      let read = Self.read(Self.terraform("criteria = \"resource\"\n    contains = [\(literal)]"))
      XCTAssertEqual(read.codes, [], "\(literal): \(read)", line: line)
      XCTAssertEqual(
        read.rules, "[" + Self.rule("R", encodeJSON(["resource": ["contains": [value]]])) + "]",
        literal, line: line)
    }
  }

  func testHCL_templateSequencesAndBadEscapes_arePositionedErrors() {
    let cases: [(String, String, UInt)] = [
      (#""a${var.b}""#, "${", #line),
      (#""a%{if x}""#, "%{", #line),
      (#""\q""#, "\\q", #line),
      (#""\u12""#, "\\u", #line),
      (#""\uD800""#, "\\u", #line),
      // A quoted string ends on its line; the error points at its opening quote.
      ("\"a\nb\"", "\"", #line),
    ]
    for (literal, covered, line) in cases {
      let source = Self.terraform("criteria = \"resource\"\n    contains = [\(literal)]")
      let document = RuleReader.read(Array(source.utf8))
      XCTAssertEqual(document.diagnostics.map(\.code), [.unsupportedSyntax], literal, line: line)
      guard let range = document.diagnostics.first?.range else { continue }
      let bytes = Array(source.utf8)
      XCTAssertEqual(
        String(decoding: bytes[range.start..<min(range.end, bytes.count)], as: UTF8.self),
        covered, literal, line: line)
    }
  }

  /// Other resources are skipped by balancing braces; braces inside their strings, including
  /// strings nested in `${...}` and `%{...}`, must not count.
  func testHCL_skippedResourcesWithTemplates_doNotHideTheRules() {
    let skipped: [(String, UInt)] = [
      (#"bucket = "${lookup(var.names, "{")}""#, #line),
      (#"bucket = "${lookup(var.names, "}")}""#, #line),
      (#"bucket = "${lookup(var.names, "}")}-${var.suffix}""#, #line),
      (#"bucket = "${format("%s{", "${var.a}")}""#, #line),
      (#"bucket = "%{if var.x == "}"}a%{else}b%{endif}""#, #line),
      (#"bucket = "${merge(var.tags, { Name = "x" })}""#, #line),
      (#"bucket = "a\"{b""#, #line),
      (#"bucket = "$${not a template {""#, #line),
      (#"tags = { a = "$${" }"#, #line),
      (#"tags = { a = "%%{" }"#, #line),
      ("policy = <<EOT\n{ \"a\": \"}\"\nEOT", #line),
      ("policy = <<-EOT\n  {\n  EOT", #line),
      ("/* } */ tags = { a = \"}\" } # }", #line),
      ("// {\n  tags = {}", #line),
    ]
    let rule = Self.terraform(#"criteria = "isPublic""# + "\n    " + #"eq = ["false"]"#)
    for (attribute, line) in skipped {
      let source = "resource \"aws_s3_bucket\" \"b\" {\n  \(attribute)\n}\n" + rule
      let read = Self.read(source)
      XCTAssertEqual(read.codes, [], "\(attribute): \(read)", line: line)
      XCTAssertEqual(
        read.rules, "[" + Self.rule("R", #"{"isPublic":{"eq":["false"]}}"#) + "]", attribute,
        line: line)
    }
  }

  // MARK: - Terraform: picking an analyzer

  static let twoTerraformAnalyzers = """
    resource "aws_accessanalyzer_analyzer" "main" {
      analyzer_name = "prod"
      type          = "ORGANIZATION"
    }
    resource "aws_accessanalyzer_archive_rule" "p" {
      analyzer_name = aws_accessanalyzer_analyzer.main.analyzer_name
      rule_name     = "P"
      filter {
        criteria = "isPublic"
        eq       = ["false"]
      }
    }
    resource "aws_accessanalyzer_archive_rule" "d" {
      analyzer_name = "dev"
      rule_name     = "D"
      filter {
        criteria = "error"
        exists   = "true"
      }
    }
    """

  func testTerraform_analyzerPickedByNameOrResourceLabel() {
    let prod = "[" + Self.rule("P", #"{"isPublic":{"eq":["false"]}}"#) + "]"
    let dev = "[" + Self.rule("D", #"{"error":{"exists":true}}"#) + "]"
    let cases: [(String?, Read, UInt)] = [
      (nil, Read(rules: "none", codes: [.ambiguousAnalyzer], analyzer: nil), #line),
      ("prod", Read(rules: prod, codes: [], analyzer: "prod"), #line),
      ("dev", Read(rules: dev, codes: [], analyzer: "dev"), #line),
      ("nobody", Read(rules: "[]", codes: [], analyzer: nil), #line),
    ]
    for (selection, expected, line) in cases {
      XCTAssertEqual(
        Self.read(Self.twoTerraformAnalyzers, analyzer: selection), expected,
        "--analyzer-name \(selection ?? "(none)")", line: line)
    }
    let prodDocument = RuleReader.read(
      Array(Self.twoTerraformAnalyzers.utf8), analyzerName: "prod")
    XCTAssertEqual(prodDocument.analyzerType, "ORGANIZATION")
  }

  /// An analyzer name that is a reference this reader cannot resolve stays the reference
  /// text; picking the analyzer resource by its label still finds the rules.
  func testTerraform_unresolvedReference_pickedByLabel() {
    let source = """
      resource "aws_accessanalyzer_analyzer" "main" {
        analyzer_name = var.name
      }
      resource "aws_accessanalyzer_archive_rule" "p" {
        analyzer_name = aws_accessanalyzer_analyzer.main.analyzer_name
        rule_name     = "P"
        filter {
          criteria = "isPublic"
          eq       = ["false"]
        }
      }
      resource "aws_accessanalyzer_archive_rule" "q" {
        analyzer_name = "other"
        rule_name     = "Q"
        filter {
          criteria = "isPublic"
          eq       = ["true"]
        }
      }
      """
    let picked = Self.read(source, analyzer: "main")
    XCTAssertEqual(
      picked,
      Read(
        rules: "[" + Self.rule("P", #"{"isPublic":{"eq":["false"]}}"#) + "]", codes: [],
        analyzer: nil))
    XCTAssertEqual(Self.read(source).codes, [.ambiguousAnalyzer])
  }

  // MARK: - Terraform JSON (`terraform show -json`)

  static func terraformJSON(_ filters: String, analyzer: String = "a", module: String = "")
    -> String
  {
    #"""
    {"format_version": "1.0", "values": {"root_module": {"resources": [
      {"mode": "data", "type": "aws_accessanalyzer_archive_rule", "values": {"rule_name": "Ignored"}},
      {"mode": "managed", "type": "aws_accessanalyzer_archive_rule", "values": {
        "analyzer_name": "\#(analyzer)", "rule_name": "R", "filter": [\#(filters)]}}
    ]\#(module)}}}
    """#
  }

  func testTerraformJSON_filtersAsTheProviderReadsThem() {
    let cases: [(String, String, [DiagnosticCode], UInt)] = [
      (
        #"{"criteria": "isPublic", "eq": ["false"], "neq": [], "contains": null, "exists": ""}"#,
        #"{"isPublic":{"eq":["false"]}}"#, [], #line
      ),
      (
        #"{"criteria": "error", "eq": [], "exists": "true"}"#, #"{"error":{"exists":true}}"#, [],
        #line
      ),
      (#"{"criteria": "error", "exists": false}"#, #"{"error":{"exists":false}}"#, [], #line),
      (#"{"criteria": "error", "exists": null, "eq": []}"#, "{}", [.invalidFilterJSON], #line),
      (#"{"criteria": "error", "exists": "yes"}"#, "{}", [.invalidBoolean], #line),
      (
        #"{"criteria": "resource", "contains": ["a", 1]}"#, #"{"resource":{"contains":["a"]}}"#,
        [.invalidFilterJSON], #line
      ),
      (#"{"eq": ["a"]}"#, "{}", [.invalidTemplate], #line),
      (
        #"{"criteria": "error", "exists": "true"}, {"criteria": "error", "exists": "false"}"#,
        #"{"error":{"exists":true}}"#, [.duplicateCriteria], #line
      ),
    ]
    for (filters, expected, codes, line) in cases {
      let read = Self.read(Self.terraformJSON(filters))
      XCTAssertEqual(read.codes, codes, "\(filters): \(read)", line: line)
      XCTAssertEqual(read.rules, "[" + Self.rule("R", expected) + "]", filters, line: line)
      XCTAssertEqual(read.analyzer, "a", filters, line: line)
    }
  }

  func testTerraformJSON_modulesSelectionAndShape() {
    let child = #"""
      , "child_modules": [{"resources": [
        {"mode": "managed", "type": "aws_accessanalyzer_archive_rule", "values": {
          "analyzer_name": "b", "rule_name": "C",
          "filter": [{"criteria": "isPublic", "eq": ["true"]}]}}]}]
      """#
    let source = Self.terraformJSON(
      #"{"criteria": "error", "exists": "true"}"#, module: child)
    let rule = Self.rule("R", #"{"error":{"exists":true}}"#)
    let childRule = Self.rule("C", #"{"isPublic":{"eq":["true"]}}"#)
    XCTAssertEqual(Self.read(source).codes, [.ambiguousAnalyzer])
    XCTAssertEqual(
      Self.read(source, analyzer: "a"), Read(rules: "[\(rule)]", codes: [], analyzer: "a"))
    XCTAssertEqual(
      Self.read(source, analyzer: "b"), Read(rules: "[\(childRule)]", codes: [], analyzer: "b"))

    let planned = source.replacingOccurrences(
      of: #""values": {"root_module""#, with: #""planned_values": {"root_module""#)
    XCTAssertEqual(
      Self.read(planned, format: .terraformJSON, analyzer: "b"),
      Read(rules: "[\(childRule)]", codes: [], analyzer: "b"))

    let shapes: [(String, DiagnosticCode, UInt)] = [
      (#"{"format_version": "1.0"}"#, .invalidTemplate, #line),
      (
        #"{"values": {"root_module": {"resources": [{"type": "aws_accessanalyzer_archive_rule", "values": {}}]}}}"#,
        .invalidTemplate, #line
      ),
      (#"{"values": {"root_module": {"resources": [}}}"#, .invalidFilterJSON, #line),
    ]
    for (text, code, line) in shapes {
      XCTAssertEqual(
        Self.read(text, format: .terraformJSON).codes, [code], text, line: line)
    }
  }
}
