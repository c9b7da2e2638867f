/// Prints filter maps and rules as canonical rule-language text.
///
/// Keys in byte order; per key `eq`, `neq`, `contains`, `exists`; one value bare or quoted,
/// several as a list (`in [...]`, `not in [...]`). `compile(print(map)) == map` for every map.
public struct FilterPrinter: Sendable {
  /// A printer.
  public init() {}

  /// One map as an `and` of predicates.
  /// - Parameter map: the map.
  /// - Returns: canonical text; empty for the empty map.
  public func print(_ map: FilterCriteriaMap) -> String {
    map.sortedKeys.flatMap { key in
      map[key].map { predicates(key: key, $0) } ?? []
    }.joined(separator: " and ")
  }

  /// A map followed by its `order by` clause.
  /// - Parameters:
  ///   - map: the map.
  ///   - sort: the sort, if any.
  /// - Returns: canonical text.
  public func print(_ map: FilterCriteriaMap, sort: SortCriteria?) -> String {
    let body = print(map)
    guard let sort else { return body }
    return (body.isEmpty ? "" : body + " ") + print(sort)
  }

  /// Maps whose union is meant, joined with `or`.
  public func print(_ maps: [FilterCriteriaMap]) -> String {
    if maps.count == 1, let only = maps.first { return print(only) }
    if maps.contains(where: \.isEmpty) { return "" }
    return maps.map { map in
      map.count == 1 && map.criteria.values.first.map(predicateCount) == 1
        ? print(map) : "(\(print(map)))"
    }.joined(separator: " or ")
  }

  /// An `order by` clause.
  /// - Parameter sort: the sort.
  /// - Returns: `order by ATTRIBUTE asc|desc`.
  public func print(_ sort: SortCriteria) -> String {
    "order by \(Self.literal(sort.attributeName)) \(sort.orderBy == .ascending ? "asc" : "desc")"
  }

  /// A rule set, one `rule NAME { ... }` block per rule, blank lines between.
  public func print(_ rules: [ArchiveRule]) -> String {
    rules.map { rule in
      let body = print(rule.filter)
      return "rule \(Self.literal(rule.ruleName)) {" + (body.isEmpty ? " }" : "\n  \(body)\n}")
    }.joined(separator: "\n\n")
  }

  private func predicateCount(_ criterion: Criterion) -> Int {
    [criterion.eq != nil, criterion.neq != nil, criterion.contains != nil, criterion.exists != nil]
      .filter { $0 }.count
  }

  private func predicates(key: String, _ criterion: Criterion) -> [String] {
    let name = Self.literal(key)
    var parts: [String] = []
    if let eq = criterion.eq {
      parts.append(eq.count == 1 ? "\(name) eq \(Self.literal(eq[0]))" : "\(name) in \(list(eq))")
    }
    if let neq = criterion.neq {
      parts.append(
        neq.count == 1 ? "\(name) neq \(Self.literal(neq[0]))" : "\(name) not in \(list(neq))")
    }
    if let contains = criterion.contains {
      parts.append(
        contains.count == 1
          ? "\(name) contains \(Self.literal(contains[0]))" : "\(name) contains \(list(contains))")
    }
    if let exists = criterion.exists {
      parts.append(exists ? "\(name) exists" : "\(name) not exists")
    }
    return parts
  }

  private func list(_ values: [String]) -> String {
    "[" + values.map(Self.literal).joined(separator: ", ") + "]"
  }

  /// A key or value as a bare word when it reads back as the same word, else a JSON string.
  public static func literal(_ text: String) -> String {
    let bytes = Array(text.utf8)
    if !bytes.isEmpty, bytes.allSatisfy(Lexer.isWordByte), Keyword.match(bytes[...]) == nil {
      return text
    }
    return JSONString.quote(text)
  }
}

/// JSON string literals, as both the rule language and the output JSON write them.
package enum JSONString {
  package static func quote(_ text: String) -> String {
    var output = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": output += "\\\""
      case "\\": output += "\\\\"
      case "\n": output += "\\n"
      case "\r": output += "\\r"
      case "\t": output += "\\t"
      case "\u{08}": output += "\\b"
      case "\u{0C}": output += "\\f"
      // The other controls, and (though JSON allows them raw) DEL, C1 and the bidirectional
      // formatting characters: printed on a terminal the text then cannot act on it
      // (DisplayText), and it still decodes to exactly the same string.
      case _ where DisplayText.isUnsafe(scalar):
        let hex = String(scalar.value, radix: 16, uppercase: true)
        output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      default:
        output.unicodeScalars.append(scalar)
      }
    }
    return output + "\""
  }
}
