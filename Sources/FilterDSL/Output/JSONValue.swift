/// A JSON document with ordered object members, for output whose layout must be stable.
package indirect enum JSONValue: Hashable, Sendable {
  case null
  case bool(Bool)
  case number(String)
  case string(String)
  case array([JSONValue])
  case object([(String, JSONValue)])

  package static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
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

  package func hash(into hasher: inout Hasher) {
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

  package static func number(_ value: Int) -> JSONValue { .number(String(value)) }

  /// Compact (`pretty: false`) or indented by two spaces. Strings are written as JSON string
  /// literals with non-ASCII kept as UTF-8.
  package func serialized(pretty: Bool = true) -> String {
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
  package var json: JSONValue {
    var members: [(String, JSONValue)] = []
    if let contains { members.append(("contains", .array(contains.map(JSONValue.string)))) }
    if let eq { members.append(("eq", .array(eq.map(JSONValue.string)))) }
    if let exists { members.append(("exists", .bool(exists))) }
    if let neq { members.append(("neq", .array(neq.map(JSONValue.string)))) }
    return .object(members)
  }
}

extension FilterCriteriaMap {
  /// The API JSON with keys in byte order.
  package var json: JSONValue {
    .object(sortedKeys.compactMap { key in criteria[key].map { (key, $0.json) } })
  }
}

extension SortCriteria {
  package var json: JSONValue {
    .object([("attributeName", .string(attributeName)), ("orderBy", .string(orderBy.rawValue))])
  }
}

extension ArchiveRule {
  package var json: JSONValue {
    .object([("ruleName", .string(ruleName)), ("filter", filter.json)])
  }
}

extension Diagnostic {
  /// The encodable form tools read: byte range plus line and column.
  package func json(source: String, file: String?) -> JSONValue {
    let map = LineMap(Array(source.utf8))
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
