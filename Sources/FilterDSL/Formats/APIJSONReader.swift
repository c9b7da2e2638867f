/// Reads the API's own JSON shapes with positions: a filter map, an array of maps, a
/// ListFindings-style `{"filter", "sort"}`, an archive rule, `get-archive-rule` and
/// `list-archive-rules` output.
enum APIJSONReader {
  static func read(_ root: SourceJSON, log: inout ImportLog) -> (
    RuleDocument.Content?, [SourceRange]
  ) {
    switch root.value {
    case .array(let items):
      if let first = items.first, first["ruleName"] != nil {
        let rules = items.compactMap { rule($0, path: "", log: &log) }
        return (.rules(rules.map(\.0)), rules.map(\.1))
      }
      return (.filters(items.enumerated().map { map($1, path: "[\($0)]", log: &log) }), [])
    case .object:
      if let list = root["archiveRules"] {
        guard let items = list.array else {
          log.error(.invalidFilterJSON, "archiveRules: expected an array of rules", at: list.range)
          return (nil, [])
        }
        let rules = items.enumerated().compactMap {
          rule($1, path: "archiveRules[\($0)].", log: &log)
        }
        return (.rules(rules.map(\.0)), rules.map(\.1))
      }
      if let single = root["archiveRule"] {
        guard let (rule, range) = rule(single, path: "archiveRule.", log: &log) else {
          return (nil, [])
        }
        return (.rules([rule]), [range])
      }
      if root["ruleName"] != nil {
        guard let (rule, range) = rule(root, path: "", log: &log) else { return (nil, []) }
        return (.rules([rule]), [range])
      }
      let filter = root["filter"]
      let sortNode = root["sort"]
      if filter?.isObject == true || sortNode?.isObject == true {
        let map = filter.map { self.map($0, path: "filter.", log: &log) } ?? FilterCriteriaMap()
        return (.filter(map, sort: sortNode.flatMap { sort($0, log: &log) }), [])
      }
      return (.filter(map(root, path: "", log: &log), sort: nil), [])
    default:
      log.error(
        .invalidFilterJSON, "expected a JSON object or array of filter maps", at: root.range)
      return (nil, [])
    }
  }

  static func rule(_ node: SourceJSON, path: String, log: inout ImportLog) -> (
    ArchiveRule, SourceRange
  )? {
    guard node.isObject else {
      log.error(.invalidFilterJSON, "\(path.dropLast()): expected a rule object", at: node.range)
      return nil
    }
    guard let name = node["ruleName"], let text = name.string else {
      log.error(
        .invalidFilterJSON, "\(path)ruleName: expected a string",
        at: node["ruleName"]?.range ?? node.range)
      return nil
    }
    guard let filter = node["filter"] else {
      log.error(.invalidFilterJSON, "\(path)filter: missing", at: name.range)
      return nil
    }
    return (
      ArchiveRule(ruleName: text, filter: map(filter, path: path + "filter.", log: &log)),
      name.range
    )
  }

  static func sort(_ node: SourceJSON, log: inout ImportLog) -> SortCriteria? {
    guard let name = node["attributeName"]?.string else {
      log.error(.invalidFilterJSON, "sort.attributeName: expected a string", at: node.range)
      return nil
    }
    let order = node["orderBy"]
    switch order?.string {
    case nil where order == nil, "ASC":
      return SortCriteria(attributeName: name, orderBy: .ascending)
    case "DESC": return SortCriteria(attributeName: name, orderBy: .descending)
    default:
      log.error(
        .invalidFilterJSON, "sort.orderBy: expected \"ASC\" or \"DESC\"",
        at: order?.range ?? node.range)
      return nil
    }
  }

  /// A filter map; repeated keys are errors (JSON readers keep one of them, silently).
  static func map(_ node: SourceJSON, path: String, log: inout ImportLog) -> FilterCriteriaMap {
    guard case .object(let members) = node.value else {
      log.error(
        .invalidFilterJSON,
        "\(path.isEmpty ? "" : "\(path.dropLast()): ")expected a filter map object", at: node.range)
      return FilterCriteriaMap()
    }
    var map = FilterCriteriaMap()
    var seen: [ExactString: SourceRange] = [:]
    for member in members {
      if let first = seen[ExactString(member.key)] {
        log.repeatedKey(
          member.key, at: member.keyRange, first: first,
          consequence: "JSON readers keep only one of them")
        continue
      }
      seen[ExactString(member.key)] = member.keyRange
      if let criterion = criterion(
        member.value, path: path + member.key, key: member.key, log: &log)
      {
        map[member.key] = criterion
      }
    }
    return map
  }

  static let operators = ["eq", "neq", "contains", "exists"]

  static func criterion(_ node: SourceJSON, path: String, key: String, log: inout ImportLog)
    -> Criterion?
  {
    guard case .object(let members) = node.value else {
      log.error(.invalidFilterJSON, "\(path): expected an object of operators", at: node.range)
      return nil
    }
    var criterion = Criterion()
    var seen = Set<String>()
    let problems = log.diagnostics.count
    for member in members {
      guard operators.contains(member.key) else {
        let hint =
          Suggestion.closest(to: member.key, among: operators).map { " (did you mean '\($0)'?)" }
          ?? ""
        log.error(
          .invalidFilterJSON,
          "\(path).\(member.key): unknown operator '\(member.key)'\(hint); operators are eq, neq, contains, exists",
          at: member.keyRange)
        continue
      }
      guard seen.insert(member.key).inserted else {
        log.error(
          .duplicateCriteria, "\(path): '\(member.key)' is given twice", at: member.keyRange)
        continue
      }
      if case .null = member.value.value { continue }
      switch member.key {
      case "exists":
        criterion.exists = FormatValues.exists(member.value, path: "\(path).exists", log: &log)
      default:
        let values = FormatValues.strings(
          member.value, path: "\(path).\(member.key)", name: member.key, log: &log)
        switch member.key {
        case "eq": criterion.eq = values
        case "neq": criterion.neq = values
        default: criterion.contains = values
        }
      }
    }
    if criterion.isEmpty, log.diagnostics.count == problems {
      log.emptyCriterion(path, at: node.range)
      return nil
    }
    return criterion.isEmpty ? nil : criterion
  }
}

/// Value checks shared by the JSON-based readers.
enum FormatValues {
  /// A non-empty list of strings.
  static func strings(_ node: SourceJSON, path: String, name: String, log: inout ImportLog)
    -> [String]?
  {
    guard let items = node.array else {
      log.error(.invalidFilterJSON, "\(path): expected an array of strings", at: node.range)
      return nil
    }
    guard !items.isEmpty else {
      log.error(
        .invalidFilterJSON, "\(path): '\(name)' must hold at least one value", at: node.range)
      return nil
    }
    var values: [String] = []
    for (index, item) in items.enumerated() {
      guard let text = item.string else {
        log.error(
          .invalidFilterJSON, "\(path)[\(index)]: expected a string, found \(item.kindName)",
          at: item.range)
        continue
      }
      values.append(text)
    }
    return values
  }

  /// A boolean; the strings "true" and "false" are read with an `exists-as-string` warning.
  static func exists(_ node: SourceJSON, path: String, log: inout ImportLog) -> Bool? {
    switch node.value {
    case .bool(let value): return value
    case .string(let text) where text == "true" || text == "false":
      log.warning(
        .existsAsString, "'\(path)' is a string; the API takes the JSON boolean true or false",
        at: node.range, help: "write \(text), not \"\(text)\"")
      return text == "true"
    default:
      log.error(
        .invalidFilterJSON, "\(path): 'exists' must be the JSON boolean true or false",
        at: node.range)
      return nil
    }
  }
}
