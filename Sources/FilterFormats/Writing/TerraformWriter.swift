import FilterDSL
import Foundation

/// `aws_accessanalyzer_archive_rule` resources, laid out as `terraform fmt` would.
enum TerraformWriter {
  static func write(_ rules: [ArchiveRule], options: ConversionOptions) throws(ConversionError)
    -> Conversion
  {
    guard let analyzer = options.analyzerName else {
      throw ConversionError(
        "Terraform's aws_accessanalyzer_archive_rule needs the analyzer's name",
        help: "give --analyzer-name")
    }
    var warnings: [String] = []
    var used: Set<String> = []
    var blocks: [String] = []
    for rule in rules {
      try RuleWriter.requireFilter(rule, "Terraform", because: "filter is required")
      let base = label(rule.ruleName)
      var name = base
      var suffix = 2
      while used.contains(name) {
        name = "\(base)_\(suffix)"
        suffix += 1
      }
      if name != base {
        warnings.append(
          "rule-name-collision: rule '\(rule.ruleName)' gets the resource label '\(name)': '\(base)' is taken by another rule whose name differs only in characters labels cannot hold"
        )
      }
      used.insert(name)
      var text = "resource \"aws_accessanalyzer_archive_rule\" \"\(name)\" {\n"
      text += aligned(
        [("analyzer_name", try quote(analyzer)), ("rule_name", try quote(rule.ruleName))],
        indent: "  ")
      for key in rule.filter.sortedKeys {
        guard let criterion = rule.filter[key] else { continue }
        var attributes = [("criteria", try quote(key))]
        if let contains = criterion.contains { attributes.append(("contains", try list(contains))) }
        if let eq = criterion.eq { attributes.append(("eq", try list(eq))) }
        if let exists = criterion.exists {
          attributes.append(("exists", exists ? "\"true\"" : "\"false\""))
        }
        if let neq = criterion.neq { attributes.append(("neq", try list(neq))) }
        text += "\n  filter {\n" + aligned(attributes, indent: "    ") + "  }\n"
      }
      blocks.append(text + "}\n")
    }
    return Conversion(text: blocks.joined(separator: "\n"), warnings: warnings)
  }

  /// A resource label from a rule name: characters outside `[A-Za-z0-9_-]` become `_`.
  static func label(_ name: String) -> String {
    var label = String(
      String.UnicodeScalarView(
        name.unicodeScalars.map { scalar in
          scalar.isASCII
            && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "_"
              || scalar == "-")
            ? scalar : "_"
        }))
    if label.first.map({ !($0.isLetter || $0 == "_") }) ?? true { label = "rule_" + label }
    return label
  }

  private static func aligned(_ attributes: [(String, String)], indent: String) -> String {
    let width = attributes.map(\.0.count).max() ?? 0
    return attributes.map {
      indent + $0.0.padding(toLength: width, withPad: " ", startingAt: 0) + " = " + $0.1 + "\n"
    }.joined()
  }

  private static func list(_ values: [String]) throws(ConversionError) -> String {
    var parts: [String] = []
    for value in values { parts.append(try quote(value)) }
    return "[" + parts.joined(separator: ", ") + "]"
  }

  /// An HCL quoted string. Terraform normalises string literals to Unicode NFC, so a value
  /// that is not already NFC would change on the way in: that is an error, not a silent edit.
  static func quote(_ text: String) throws(ConversionError) -> String {
    guard
      text.precomposedStringWithCanonicalMapping.unicodeScalars.elementsEqual(text.unicodeScalars)
    else {
      throw ConversionError(
        "the value \(JSONString.quote(text)) is not in Unicode NFC; Terraform normalises strings, so the deployed rule would differ",
        help: "write the value in its composed form, or deploy it with another format")
    }
    var output = "\""
    let scalars = Array(text.unicodeScalars)
    for (index, scalar) in scalars.enumerated() {
      let next = index + 1 < scalars.count ? scalars[index + 1] : nil
      switch scalar {
      case "\"": output += "\\\""
      case "\\": output += "\\\\"
      case "\n": output += "\\n"
      case "\r": output += "\\r"
      case "\t": output += "\\t"
      // Not the documented "$${" and "%%{": python-hcl2 misreads "$${" not followed by a
      // "}". A \u escape is decoded after template sequences are found, so it is literal.
      case "$" where next == "{": output += "\\u0024"
      case "%" where next == "{": output += "\\u0025"
      case "\u{00}"..."\u{1F}", "\u{7F}":
        output += JSONString.unicodeEscape(scalar)
      default: output.unicodeScalars.append(scalar)
      }
    }
    return output + "\""
  }
}

/// The AWS CLI's shorthand syntax for a filter map, as `awscli.shorthand.ShorthandParser`
/// reads it: `key={eq=[a,b],exists=true},...`.
enum CLIShorthand {
  static let keyBytes = Set(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.#/:".utf8)
  /// The parser's first-character class for a bare value, ASCII part, less `]` and `}`
  /// (which would end the list or map they start in).
  static let startBytes = Set(
    "!#$%&()*+-./0123456789:;<>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ\\^_`abcdefghijklmnopqrstuvwxyz|~".utf8)
  /// Its class for the following characters (no `,`, `]`, `}` or quotes).
  static let followBytes = Set(
    "!#$%&()*+-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\^_`abcdefghijklmnopqrstuvwxyz|~".utf8
  )

  static func filter(_ map: FilterCriteriaMap) throws(ConversionError) -> String {
    guard !map.isEmpty else {
      throw ConversionError("an empty filter has no shorthand form", help: "use --output json")
    }
    var parts: [String] = []
    for key in map.sortedKeys {
      guard let criterion = map[key] else { continue }
      guard !key.isEmpty, key.utf8.allSatisfy(keyBytes.contains) else {
        throw ConversionError(
          "the key \(JSONString.quote(key)) cannot be written in the CLI's shorthand (keys take letters, digits and - _ . # / :)",
          help: "pass the filter as JSON (--output json or cli-commands)")
      }
      var operators: [String] = []
      if let contains = criterion.contains { operators.append("contains=" + (try list(contains))) }
      if let eq = criterion.eq { operators.append("eq=" + (try list(eq))) }
      if let exists = criterion.exists { operators.append("exists=\(exists)") }
      if let neq = criterion.neq { operators.append("neq=" + (try list(neq))) }
      parts.append("\(key)={\(operators.joined(separator: ","))}")
    }
    return parts.joined(separator: ",")
  }

  private static func list(_ values: [String]) throws(ConversionError) -> String {
    var parts: [String] = []
    for value in values { parts.append(try self.value(value)) }
    return "[" + parts.joined(separator: ",") + "]"
  }

  /// Bare when the parser reads it back whole, else single-quoted with `\'` and `\\`. The
  /// parser's quoted form cannot end in a backslash (its pattern takes `\'` as an escaped
  /// quote), so such values are an error.
  static func value(_ text: String) throws(ConversionError) -> String {
    let bytes = Array(text.utf8)
    if text.hasSuffix("\\") {
      throw ConversionError(
        "the value \(JSONString.quote(text)) ends with a backslash, which the CLI's shorthand cannot quote",
        help: "pass the filter as JSON (--output json or cli-commands)")
    }
    if let first = bytes.first, startBytes.contains(first),
      bytes.dropFirst().allSatisfy(followBytes.contains)
    {
      return text
    }
    var quoted = "'"
    for scalar in text.unicodeScalars {
      switch scalar {
      case "'": quoted += "\\'"
      case "\\": quoted += "\\\\"
      default: quoted.unicodeScalars.append(scalar)
      }
    }
    return quoted + "'"
  }
}
