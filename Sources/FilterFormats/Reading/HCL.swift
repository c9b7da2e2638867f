import FilterDSL

/// The part of HCL (Terraform's configuration language) that archive rules are written in:
/// blocks, attributes, strings, numbers, booleans, lists, objects and references such as
/// `aws_accessanalyzer_analyzer.main.analyzer_name`. Templates (`"${...}"`), heredocs, function
/// calls and operators are reported with their position instead of being guessed at.
package enum HCL {
  package indirect enum Value: Sendable {
    case string(String)
    case number(String)
    case bool(Bool)
    case null
    case list([Node])
    case object([Attribute])
    /// A traversal such as `var.name` or `aws_x.y.analyzer_name`, kept as written.
    case reference(String)
  }

  package struct Node: Sendable {
    package var value: Value
    package var range: SourceRange
  }

  package struct Attribute: Sendable {
    package var name: String
    package var nameRange: SourceRange
    package var value: Node
  }

  package struct Block: Sendable {
    package var type: String
    package var labels: [(text: String, range: SourceRange)]
    package var body: Body
    /// From the block type to the closing brace.
    package var range: SourceRange
  }

  package struct Body: Sendable {
    package var attributes: [Attribute] = []
    package var blocks: [Block] = []

    /// The last attribute named `name` (Terraform rejects repeats; so do we, when reading).
    package func attribute(_ name: String) -> Attribute? {
      attributes.last { $0.name == name }
    }
  }

  /// Parses a configuration file. Only blocks `wanted` returns true for are read in full; the
  /// bodies of others are skipped by balancing braces, so any Terraform around them is fine.
  /// - Throws: a `Diagnostic` (`unsupported-syntax`) at the first construct outside the subset.
  package static func parse(
    _ bytes: [UInt8], wanted: (_ type: String, _ labels: [String]) -> Bool
  ) throws(ReadFailure) -> [Block] {
    var parser = HCLParser(bytes: bytes)
    return try parser.file(wanted: wanted)
  }
}
