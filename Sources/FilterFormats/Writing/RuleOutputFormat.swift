import FilterDSL

/// The formats `RuleWriter` writes.
public enum RuleOutputFormat: String, Hashable, Sendable, CaseIterable {
  /// Rule-language text: an expression for one unnamed filter, else `rule NAME { ... }` blocks.
  case dsl
  /// What `compile` prints: a filter map for one unnamed filter, else `{"archiveRules": [...]}`.
  case json
  /// Always `{"archiveRules": [{"ruleName", "filter"}]}`, the shape of `list-archive-rules`.
  case rulesJSON = "rules-json"
  /// A CloudFormation JSON template with one `AWS::AccessAnalyzer::Analyzer`.
  case cloudFormation = "cloudformation"
  /// The same template in YAML.
  case cloudFormationYAML = "cloudformation-yaml"
  /// One `aws_accessanalyzer_archive_rule` resource per rule.
  case terraform
  /// The AWS CLI's shorthand for `--filter`, one line per rule.
  case cliShorthand = "cli-shorthand"
  /// `aws accessanalyzer create-archive-rule` command lines, quoted for POSIX shells.
  case cliCommands = "cli-commands"
}

/// Where converted rules go: the analyzer they belong to.
public struct ConversionOptions: Hashable, Sendable {
  /// Filled into CloudFormation, Terraform and CLI output; required by Terraform and the CLI.
  public var analyzerName: String?
  /// The CloudFormation analyzer `Type`; `ACCOUNT` when not given.
  public var analyzerType: String?

  /// - Parameters:
  ///   - analyzerName: the analyzer the rules belong to.
  ///   - analyzerType: the CloudFormation analyzer type.
  public init(analyzerName: String? = nil, analyzerType: String? = nil) {
    self.analyzerName = analyzerName
    self.analyzerType = analyzerType
  }
}

/// A conversion the target format cannot express; nothing is written.
public struct ConversionError: Error, Hashable, Sendable, CustomStringConvertible {
  /// Why the target cannot say it.
  public var message: String
  /// What to do instead.
  public var help: String?

  /// - Parameters:
  ///   - message: why the target cannot say it.
  ///   - help: what to do instead.
  public init(_ message: String, help: String? = nil) {
    self.message = message
    self.help = help
  }

  /// The message.
  public var description: String { message }
}

/// The text written, and warnings about changes that keep the rules' meaning (renamed
/// Terraform resource labels).
public struct Conversion: Hashable, Sendable {
  /// The output, ending in a newline.
  public var text: String
  /// `code: message` lines for standard error.
  public var warnings: [String]
}
