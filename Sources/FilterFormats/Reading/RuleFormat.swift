import FilterDSL

/// The formats archive rules are kept in, as read by `RuleReader`.
public enum RuleFormat: String, Hashable, Sendable, CaseIterable {
  /// The rule language: one expression or `rule NAME { ... }` blocks.
  case dsl
  /// API JSON: a filter map, an array of maps, `{"filter", "sort"}`, an archive rule, or the
  /// output of `get-archive-rule` / `list-archive-rules`.
  case json
  /// A CloudFormation JSON template: every resource whose properties carry `ArchiveRules`
  /// (`AWS::AccessAnalyzer::Analyzer`). A template that does not start like JSON is read as
  /// YAML.
  case cloudFormation = "cloudformation"
  /// A CloudFormation YAML template, read as the JSON one; short-form tags (`!Ref`, `!Sub`)
  /// are their long forms.
  case cloudFormationYAML = "cloudformation-yaml"
  /// Terraform configuration: `aws_accessanalyzer_archive_rule` resources in `.tf` text.
  case terraform
  /// `terraform show -json` output (state or plan): the same resources, as JSON.
  case terraformJSON = "terraform-json"
  /// The AWS CLI's shorthand for `--filter` (`key={eq=[a,b]},...`): one filter per line,
  /// each optionally after its rule's name and a tab, as `convert --output cli-shorthand`
  /// writes.
  case cliShorthand = "cli-shorthand"
  /// `aws accessanalyzer create-archive-rule` (or `update-archive-rule`) command lines, as a
  /// POSIX shell splits them, with `--filter` in JSON or shorthand.
  case cliCommands = "cli-commands"

  /// Recognises a rule source from its first bytes and, for JSON, its top-level members.
  ///
  /// JSON objects with `Resources` or `AWSTemplateFormatVersion` are CloudFormation; with
  /// `format_version` and `values` or `planned_values`, `terraform show -json`; other JSON is
  /// API JSON. Text whose first word is a Terraform block type followed by a quoted label or `{`
  /// is Terraform (`resource "..."` can never be rule text: a key needs an operator). Text that
  /// starts like a YAML template (`---` or a template section such as
  /// `AWSTemplateFormatVersion:`) is CloudFormation YAML. Text whose first words are `aws
  /// accessanalyzer` is CLI commands; text that starts `KEY={`, after an optional rule name
  /// and a tab, is the CLI's shorthand (`=` then `{` is no predicate). The rest is the rule
  /// language.
  /// - Parameter bytes: the whole source.
  /// - Returns: the format to read it as.
  public static func detect(_ bytes: [UInt8]) -> RuleFormat {
    var index = 0
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
    index = skipSpaceAndComments(bytes, from: index)
    guard index < bytes.count else { return .dsl }
    if bytes[index] == UInt8(ascii: "{") || bytes[index] == UInt8(ascii: "[") {
      return detectJSON(bytes)
    }
    if bytes[index...].starts(with: Array("---".utf8)) { return .cloudFormationYAML }
    if startsLikeShorthand(bytes, from: index) { return .cliShorthand }
    var end = index
    while end < bytes.count, HCLParser.isIdentifierByte(bytes[end]) { end += 1 }
    let word = String(decoding: bytes[index..<end], as: UTF8.self)
    if end < bytes.count, bytes[end] == UInt8(ascii: ":"), templateSections.contains(word) {
      return .cloudFormationYAML
    }
    if word == "aws" {
      var next = end
      while next < bytes.count, bytes[next] == 0x20 || bytes[next] == 0x09 { next += 1 }
      if bytes[next...].starts(with: Array("accessanalyzer".utf8)) { return .cliCommands }
    }
    guard terraformBlockTypes.contains(word) else { return .dsl }
    let next = skipSpaceAndComments(bytes, from: end)
    guard next < bytes.count else { return .dsl }
    return bytes[next] == UInt8(ascii: "\"") || bytes[next] == UInt8(ascii: "{") ? .terraform : .dsl
  }

  /// Whether the first byte after white space and a byte-order mark is `{` or `[`.
  static func startsLikeJSON(_ bytes: [UInt8]) -> Bool {
    let first = bytes.first { ![0x20, 0x09, 0x0A, 0x0D, 0xEF, 0xBB, 0xBF].contains($0) }
    return first == UInt8(ascii: "{") || first == UInt8(ascii: "[")
  }

  /// The top-level sections of a CloudFormation template.
  static let templateSections: Set<String> = [
    "AWSTemplateFormatVersion", "Resources", "Description", "Parameters", "Metadata",
    "Mappings", "Conditions", "Transform", "Outputs", "Rules",
  ]

  /// `KEY={`, optionally after `NAME` and a tab, with the shorthand's key characters.
  static func startsLikeShorthand(_ bytes: [UInt8], from start: Int) -> Bool {
    var index = start
    while index < bytes.count, bytes[index] != 0x09, bytes[index] != 0x0A,
      bytes[index] != UInt8(ascii: "=")
    {
      index += 1
    }
    if index < bytes.count, bytes[index] == 0x09, index > start, index - start <= 255 {
      index += 1
    } else {
      index = start
    }
    let keyStart = index
    while index < bytes.count, CLIShorthand.keyBytes.contains(bytes[index]) { index += 1 }
    guard index > keyStart else { return false }
    while index < bytes.count, bytes[index] == 0x20 { index += 1 }
    guard index < bytes.count, bytes[index] == UInt8(ascii: "=") else { return false }
    index += 1
    while index < bytes.count, bytes[index] == 0x20 { index += 1 }
    return index < bytes.count && bytes[index] == UInt8(ascii: "{")
  }

  static let terraformBlockTypes: Set<String> = [
    "resource", "data", "variable", "output", "locals", "module", "provider", "terraform",
    "moved", "import", "check", "removed",
  ]

  private static func detectJSON(_ bytes: [UInt8]) -> RuleFormat {
    guard let document = try? LocatedJSON.parseDiagnosing(bytes), document.isObject else {
      return .json
    }
    if document["Resources"] != nil || document["AWSTemplateFormatVersion"] != nil {
      return .cloudFormation
    }
    if document["format_version"] != nil,
      document["values"] != nil || document["planned_values"] != nil
    {
      return .terraformJSON
    }
    return .json
  }

  /// Skips white space and `#`, `//` and `/* */` comments (the rule language has only `#`).
  private static func skipSpaceAndComments(_ bytes: [UInt8], from start: Int) -> Int {
    var index = start
    while index < bytes.count {
      switch bytes[index] {
      case 0x20, 0x09, 0x0A, 0x0D: index += 1
      case UInt8(ascii: "#"):
        while index < bytes.count, bytes[index] != 0x0A { index += 1 }
      case UInt8(ascii: "/") where index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "/"):
        while index < bytes.count, bytes[index] != 0x0A { index += 1 }
      case UInt8(ascii: "/") where index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "*"):
        index += 2
        while index + 1 < bytes.count,
          !(bytes[index] == UInt8(ascii: "*") && bytes[index + 1] == UInt8(ascii: "/"))
        {
          index += 1
        }
        index += 2
      default: return index
      }
    }
    return index
  }
}
