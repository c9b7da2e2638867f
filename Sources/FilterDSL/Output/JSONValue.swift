/// A JSON document with ordered object members: what every JSON output of the library
/// returns (canonical filter maps, lint reports, SARIF, previews, explanations), so tools
/// can embed it in their own documents or serialize it with a stable layout.
public indirect enum JSONValue: Hashable, Sendable {
  /// `null`.
  case null
  /// `true` or `false`.
  case bool(Bool)
  /// A number, kept as its JSON text so nothing is lost to floating point.
  case number(String)
  /// A string.
  case string(String)
  /// An array.
  case array([JSONValue])
  /// An object, members in the order given (keys are not deduplicated).
  case object([(String, JSONValue)])

  /// Values are equal when they serialize to the same text (strings compared by bytes).
  public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
    switch (lhs, rhs) {
    case (.null, .null): true
    case (.bool(let a), .bool(let b)): a == b
    case (.number(let a), .number(let b)): a == b
    case (.string(let a), .string(let b)): ExactString(a) == ExactString(b)
    case (.array(let a), .array(let b)): a == b
    case (.object(let a), .object(let b)):
      a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
    default: false
    }
  }

  /// Hashes the value consistently with `==`.
  public func hash(into hasher: inout Hasher) {
    switch self {
    case .null: hasher.combine(0)
    case .bool(let value): hasher.combine(value)
    case .number(let value): hasher.combine(value)
    case .string(let value): hasher.combine(ExactString(value))
    case .array(let values): hasher.combine(values)
    case .object(let members):
      for (key, value) in members {
        hasher.combine(key)
        hasher.combine(value)
      }
    }
  }

  /// An integer as a JSON number.
  /// - Parameter value: the integer.
  /// - Returns: `.number` holding its decimal text.
  public static func number(_ value: Int) -> JSONValue { .number(String(value)) }

  /// The JSON text: compact, or indented by two spaces. Strings are written as JSON string
  /// literals with non-ASCII kept as UTF-8.
  /// - Parameter pretty: indent and put each member on its own line (the default).
  /// - Returns: the text, without a final newline.
  public func serialized(pretty: Bool = true) -> String {
    var output = ""
    write(into: &output, pretty: pretty, indent: 0)
    return output
  }

  private func write(into output: inout String, pretty: Bool, indent: Int) {
    switch self {
    case .null: output += "null"
    case .bool(let value): output += value ? "true" : "false"
    case .number(let value): output += value
    case .string(let value): output += JSONString.quote(value)
    case .array(let values):
      guard !values.isEmpty else { return output += "[]" }
      output += "["
      for (index, value) in values.enumerated() {
        if index > 0 { output += "," }
        newline(&output, pretty: pretty, indent: indent + 1)
        value.write(into: &output, pretty: pretty, indent: indent + 1)
      }
      newline(&output, pretty: pretty, indent: indent)
      output += "]"
    case .object(let members):
      guard !members.isEmpty else { return output += "{}" }
      output += "{"
      for (index, (key, value)) in members.enumerated() {
        if index > 0 { output += "," }
        newline(&output, pretty: pretty, indent: indent + 1)
        output += JSONString.quote(key) + (pretty ? ": " : ":")
        value.write(into: &output, pretty: pretty, indent: indent + 1)
      }
      newline(&output, pretty: pretty, indent: indent)
      output += "}"
    }
  }

  private func newline(_ output: inout String, pretty: Bool, indent: Int) {
    guard pretty else { return }
    output += "\n" + String(repeating: "  ", count: indent)
  }
}

extension Criterion {
  /// The API shape with operators in a fixed order: contains, eq, exists, neq (sorted, like
  /// the keys, so that output diffs cleanly).
  public var json: JSONValue {
    var members: [(String, JSONValue)] = []
    if let contains { members.append(("contains", .array(contains.map(JSONValue.string)))) }
    if let eq { members.append(("eq", .array(eq.map(JSONValue.string)))) }
    if let exists { members.append(("exists", .bool(exists))) }
    if let neq { members.append(("neq", .array(neq.map(JSONValue.string)))) }
    return .object(members)
  }
}

extension FilterCriteriaMap {
  /// The canonical API JSON: keys in byte order, operators sorted, so equal maps print the
  /// same text.
  public var json: JSONValue {
    .object(sortedKeys.compactMap { key in criteria[key].map { (key, $0.json) } })
  }
}

extension SortCriteria {
  /// The API shape: `{"attributeName": ..., "orderBy": "ASC"|"DESC"}`.
  public var json: JSONValue {
    .object([("attributeName", .string(attributeName)), ("orderBy", .string(orderBy.rawValue))])
  }
}

extension ArchiveRule {
  /// The API's `InlineArchiveRule` shape: `{"ruleName": ..., "filter": {...}}`.
  public var json: JSONValue {
    .object([("ruleName", .string(ruleName)), ("filter", filter.json)])
  }
}

extension Diagnostic {
  /// The form tools read: severity, code, message, and every range as UTF-8 offsets plus
  /// line and column.
  /// - Parameters:
  ///   - source: the text the diagnostic's ranges point into.
  ///   - file: the file name to include, if any.
  /// - Returns: a JSON object.
  public func json(source: String, file: String?) -> JSONValue {
    json(map: LineMap(Array(source.utf8)), file: file)
  }

  /// As ``json(source:file:)``, with the source's line starts found once for many diagnostics.
  func json(map: LineMap, file: String?) -> JSONValue {
    func location(_ range: SourceRange) -> JSONValue {
      let start = map.location(of: range.start)
      let end = map.location(of: range.end)
      return .object([
        ("start", .number(range.start)), ("end", .number(range.end)),
        ("line", .number(start.line)), ("column", .number(start.column)),
        ("endLine", .number(end.line)), ("endColumn", .number(end.column)),
      ])
    }
    var members: [(String, JSONValue)] = [
      ("severity", .string(severity.rawValue)), ("code", .string(code.rawValue)),
      ("message", .string(message)),
    ]
    if let file { members.append(("file", .string(file))) }
    members.append(("range", location(range)))
    if let label { members.append(("label", .string(label))) }
    if let help { members.append(("help", .string(help))) }
    if !notes.isEmpty {
      members.append(
        (
          "notes",
          .array(
            notes.map { note in
              .object(
                [("message", .string(note.message))]
                  + (note.range.map { [("range", location($0))] } ?? []))
            })
        ))
    }
    if let fix {
      members.append(
        (
          "fix",
          .object([("range", location(fix.range)), ("replacement", .string(fix.replacement))])
        ))
    }
    return .object(members)
  }
}

extension LineMap {
  package static func location(in source: String, of offset: Int) -> (line: Int, column: Int) {
    LineMap(Array(source.utf8)).location(of: offset)
  }
}
