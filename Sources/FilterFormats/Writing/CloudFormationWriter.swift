import FilterDSL

/// The CloudFormation template for rules: one `AWS::AccessAnalyzer::Analyzer` whose
/// `ArchiveRules` follow the resource schema cfn-lint ships.
enum CloudFormationWriter {
  static func template(_ rules: [ArchiveRule], options: ConversionOptions) throws(ConversionError)
    -> JSONValue
  {
    var properties: [(String, JSONValue)] = []
    if let name = options.analyzerName { properties.append(("AnalyzerName", .string(name))) }
    properties.append(("Type", .string(options.analyzerType ?? "ACCOUNT")))
    var archiveRules: [JSONValue] = []
    for rule in rules {
      try RuleWriter.requireFilter(
        rule, "CloudFormation", because: "Filter needs at least one item")
      let items: [JSONValue] = rule.filter.sortedKeys.compactMap { key in
        rule.filter[key].map { criterion in
          var members: [(String, JSONValue)] = [("Property", .string(key))]
          if let contains = criterion.contains {
            members.append(("Contains", .array(contains.map(JSONValue.string))))
          }
          if let eq = criterion.eq { members.append(("Eq", .array(eq.map(JSONValue.string)))) }
          if let exists = criterion.exists { members.append(("Exists", .bool(exists))) }
          if let neq = criterion.neq { members.append(("Neq", .array(neq.map(JSONValue.string)))) }
          return .object(members)
        }
      }
      archiveRules.append(
        .object([("RuleName", .string(rule.ruleName)), ("Filter", .array(items))]))
    }
    properties.append(("ArchiveRules", .array(archiveRules)))
    return .object([
      ("AWSTemplateFormatVersion", .string("2010-09-09")),
      (
        "Resources",
        .object([
          (
            "Analyzer",
            .object([
              ("Type", .string(CloudFormationReader.analyzerType)),
              ("Properties", .object(properties)),
            ])
          )
        ])
      ),
    ])
  }
}

/// Block-style YAML for a JSON document: every string double-quoted with YAML escapes, so no
/// value is ever read back as a number, boolean, null or another type.
enum YAMLWriter {
  static func write(_ value: JSONValue) -> String {
    var output = ""
    emit(value, indent: 0, into: &output)
    return output
  }

  private static func emit(_ value: JSONValue, indent: Int, into output: inout String) {
    let pad = String(repeating: "  ", count: indent)
    switch value {
    case .object(let members):
      for (key, child) in members {
        output += pad + scalarKey(key) + ":"
        emitChild(child, indent: indent, into: &output)
      }
    case .array(let items):
      for item in items {
        switch item {
        case .object(let members) where !members.isEmpty:
          // The first member shares the dash's line.
          var first = true
          for (key, child) in members {
            output += (first ? pad + "- " : pad + "  ") + scalarKey(key) + ":"
            emitChild(child, indent: indent + 1, into: &output)
            first = false
          }
        default:
          output += pad + "-"
          emitChild(item, indent: indent, into: &output)
        }
      }
    default:
      output += pad + scalar(value) + "\n"
    }
  }

  private static func emitChild(_ child: JSONValue, indent: Int, into output: inout String) {
    switch child {
    case .object(let members) where !members.isEmpty:
      output += "\n"
      emit(child, indent: indent + 1, into: &output)
    case .array(let items) where !items.isEmpty:
      output += "\n"
      emit(child, indent: indent + 1, into: &output)
    default:
      output += " " + scalar(child) + "\n"
    }
  }

  private static func scalarKey(_ key: String) -> String {
    key.utf8.allSatisfy { (UInt8(ascii: "A")...UInt8(ascii: "z")).contains($0) } ? key : quote(key)
  }

  private static func scalar(_ value: JSONValue) -> String {
    switch value {
    case .null: "null"
    case .bool(let flag): flag ? "true" : "false"
    case .number(let text): text
    case .string(let text): quote(text)
    case .array: "[]"
    case .object: "{}"
    }
  }

  /// A YAML double-quoted scalar: YAML's double-quoted style takes JSON's escapes, and the
  /// JSON writer already escapes what YAML readers reject raw (C0 and C1 controls, DEL,
  /// U+FEFF, U+FFFE, U+FFFF) or YAML 1.1 folds as a line break (U+0085, U+2028, U+2029).
  static func quote(_ text: String) -> String { JSONString.quote(text) }
}
