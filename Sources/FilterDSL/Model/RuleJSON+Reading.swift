/// A problem in filter JSON: a stable code, a message naming the path
/// (`archiveRules[0].filter.isPublic.exists: ...`) and, when known, where in the text.
public struct RuleJSONError: Error, Hashable, Sendable, CustomStringConvertible {
  /// ``DiagnosticCode/invalidFilterJSON``, ``DiagnosticCode/duplicateCriteria`` for a key
  /// given twice in one map, or ``DiagnosticCode/invalidUTF8`` for text that is not UTF-8; a code so tools can match it like a diagnostic's.
  public var code: DiagnosticCode
  /// What is wrong, starting with the path of the offending value.
  public var message: String
  /// The UTF-8 range of the offending value in the JSON text.
  public var range: SourceRange?

  /// An error.
  /// - Parameters:
  ///   - message: what is wrong.
  ///   - range: where, when known.
  public init(_ message: String, range: SourceRange? = nil) {
    code = .invalidFilterJSON
    self.message = message
    self.range = range
  }

  /// The message.
  public var description: String { message }
}

/// Filter JSON read from located values, with where each map and rule name was written.
package struct LocatedRuleJSON {
  package var decoded: RuleJSON
  /// Per map (or rule), in order: its filter object.
  package var filters: [LocatedJSON]
  /// Per rule: its `ruleName` value.
  package var names: [SourceRange]
  /// `exists` written as the strings "true" or "false", accepted when reading leniently.
  package var stringExists: [(path: String, range: SourceRange)] = []
}

/// Decodes filter JSON strictly, as the service would read it.
package struct RuleJSONReader {
  /// Accept `"exists": "true"` (recording it) instead of rejecting it.
  var lenientExists = false
  private var stringExists: [(path: String, range: SourceRange)] = []
  private var filters: [LocatedJSON] = []
  private var names: [SourceRange] = []

  package init(lenientExists: Bool) {
    self.lenientExists = lenientExists
  }

  package mutating func read(_ bytes: [UInt8]) throws -> LocatedRuleJSON {
    if let refusal = UTF8Validation.refusal(bytes) {
      var error = RuleJSONError(refusal.message, range: refusal.range)
      error.code = refusal.code
      throw error
    }
    let root: LocatedJSON
    do {
      root = try LocatedJSON.parse(bytes)
    } catch let error as LocatedJSON.SyntaxError {
      let location = SourceLocator(String(decoding: bytes, as: UTF8.self)).location(
        of: error.offset)
      throw RuleJSONError(
        "not valid JSON: \(error.message) (line \(location.line), column \(location.column))",
        range: SourceRange(start: error.offset, end: min(error.offset + 1, bytes.count)))
    }
    let decoded = try top(root)
    return LocatedRuleJSON(
      decoded: decoded, filters: filters, names: names, stringExists: stringExists)
  }

  private mutating func top(_ root: LocatedJSON) throws -> RuleJSON {
    switch root.value {
    case .array(let elements):
      let objects = elements.allSatisfy { if case .object = $0.value { true } else { false } }
      if objects, let first = elements.first, first.member("ruleName") != nil {
        return .rules(try rules(elements, path: ""))
      }
      return .filterMaps(
        try elements.enumerated().map { try map($0.element, path: "[\($0.offset)]") })
    case .object:
      if let list = root.member("archiveRules") {
        guard case .array(let elements) = list.value.value else {
          throw RuleJSONError("archiveRules: expected an array", range: list.value.range)
        }
        return .rules(try rules(elements, path: "archiveRules"))
      }
      if let single = root.member("archiveRule") {
        return .rules([try rule(single.value, path: "archiveRule")])
      }
      if root.member("ruleName") != nil { return .rules([try rule(root, path: "")]) }
      let filter = root.member("filter")
      let sort = root.member("sort")
      if filter.map({ Self.isObject($0.value) }) == true
        || sort.map({ Self.isObject($0.value) }) == true
      {
        let map = try filter.map { try self.map($0.value, path: "filter") }
        if filter == nil { filters.append(root) }
        return .filterMap(
          map ?? FilterCriteriaMap(), sort: try sort.map { try self.sort($0.value, path: "sort") })
      }
      return .filterMap(try map(root, path: ""), sort: nil)
    default:
      throw RuleJSONError(
        "expected a JSON object or array of filter maps", range: root.range)
    }
  }

  private static func isObject(_ node: LocatedJSON) -> Bool {
    if case .object = node.value { true } else { false }
  }

  private static func join(_ path: String, _ key: String) -> String {
    path.isEmpty ? key : path + "." + key
  }

  private static func prefix(_ path: String) -> String { path.isEmpty ? "" : path + ": " }

  private mutating func rules(_ elements: [LocatedJSON], path: String) throws -> [ArchiveRule] {
    try elements.enumerated().map { try rule($0.element, path: "\(path)[\($0.offset)]") }
  }

  private mutating func rule(_ node: LocatedJSON, path: String) throws -> ArchiveRule {
    guard Self.isObject(node) else {
      throw RuleJSONError(Self.prefix(path) + "expected an archive rule object", range: node.range)
    }
    guard let name = node.member("ruleName") else {
      throw RuleJSONError(Self.prefix(path) + "missing 'ruleName'", range: node.range)
    }
    guard case .string(let ruleName) = name.value.value else {
      throw RuleJSONError(
        Self.join(path, "ruleName") + ": expected a string", range: name.value.range)
    }
    guard let filter = node.member("filter") else {
      throw RuleJSONError(Self.prefix(path) + "missing 'filter'", range: node.range)
    }
    names.append(name.value.range)
    return ArchiveRule(
      ruleName: ruleName, filter: try map(filter.value, path: Self.join(path, "filter")))
  }

  private mutating func map(_ node: LocatedJSON, path: String) throws -> FilterCriteriaMap {
    guard case .object(let members) = node.value else {
      throw RuleJSONError(Self.prefix(path) + "expected a filter map object", range: node.range)
    }
    filters.append(node)
    var map = FilterCriteriaMap()
    var seen = Set<ExactString>()
    for member in members {
      // Decoders keep one of a repeated key silently; the rule would not say what it reads.
      guard seen.insert(ExactString(member.key)).inserted else {
        var error = RuleJSONError(
          Self.prefix(path)
            + "'\(member.key)' is given twice in one filter; JSON readers keep only one of them",
          range: member.keyRange)
        error.code = .duplicateCriteria
        throw error
      }
      map[member.key] = try criterion(member.value, path: Self.join(path, member.key))
    }
    return map
  }

  private static let operators = ["eq", "neq", "contains", "exists"]

  private mutating func criterion(_ node: LocatedJSON, path: String) throws -> Criterion {
    guard case .object(let members) = node.value else {
      throw RuleJSONError(Self.prefix(path) + "expected a criterion object", range: node.range)
    }
    for member in members where !Self.operators.contains(member.key) {
      let hint =
        Suggestion.closest(to: member.key, among: Self.operators).map {
          " (did you mean '\($0)'?)"
        } ?? ""
      throw RuleJSONError(
        Self.join(path, member.key)
          + ": unknown operator '\(member.key)'\(hint); operators are eq, neq, contains, exists",
        range: member.keyRange)
    }
    func list(_ name: String) throws -> [String]? {
      guard let member = node.member(name) else { return nil }
      let listPath = Self.join(path, name)
      switch member.value.value {
      case .null: return nil
      case .array(let elements):
        guard !elements.isEmpty else {
          throw RuleJSONError(
            listPath + ": '\(name)' must hold at least one value", range: member.value.range)
        }
        return try elements.enumerated().map { index, element in
          guard case .string(let text) = element.value else {
            throw RuleJSONError(listPath + "[\(index)]: expected a string", range: element.range)
          }
          return text
        }
      default:
        throw RuleJSONError(
          listPath + ": expected an array of strings", range: member.value.range)
      }
    }
    var criterion = Criterion(
      eq: try list("eq"), neq: try list("neq"), contains: try list("contains"))
    if let exists = node.member("exists") {
      let existsPath = Self.join(path, "exists")
      switch exists.value.value {
      case .null: break
      case .bool(let flag): criterion.exists = flag
      case .string(let text) where lenientExists && (text == "true" || text == "false"):
        criterion.exists = text == "true"
        stringExists.append((existsPath, exists.value.range))
      default:
        throw RuleJSONError(
          existsPath + ": 'exists' must be the JSON boolean true or false",
          range: exists.value.range)
      }
    }
    if criterion.isEmpty {
      throw RuleJSONError(
        Self.prefix(path) + "a criterion needs at least one of eq, neq, contains, exists",
        range: node.range)
    }
    return criterion
  }

  private func sort(_ node: LocatedJSON, path: String) throws -> SortCriteria {
    guard case .string(let name)? = node.member("attributeName")?.value.value else {
      throw RuleJSONError(
        Self.prefix(path) + "missing 'attributeName' (a string)", range: node.range)
    }
    guard let order = node.member("orderBy") else { return SortCriteria(attributeName: name) }
    switch order.value.value {
    case .null: return SortCriteria(attributeName: name)
    case .string(let text):
      if let parsed = SortCriteria.Order(rawValue: text) {
        return SortCriteria(attributeName: name, orderBy: parsed)
      }
      fallthrough
    default:
      throw RuleJSONError(
        Self.join(path, "orderBy") + ": expected \"ASC\" or \"DESC\"", range: order.value.range)
    }
  }
}
