import FilterDSL

/// Reads archive rules from a CloudFormation template, JSON or YAML (`YAMLParser` builds the
/// same located tree): the `ArchiveRules` of every resource that has them
/// (`AWS::AccessAnalyzer::Analyzer`), shaped as the resource schema says:
/// `{RuleName, Filter: [{Property, Eq, Neq, Contains, Exists}]}`.
enum CloudFormationReader {
  static let analyzerType = "AWS::AccessAnalyzer::Analyzer"

  struct Analyzer {
    var logicalID: String
    var keyRange: SourceRange
    var name: String?
    var type: String?
    var rules: LocatedJSON?
  }

  static func read(
    _ root: LocatedJSON, source: String, analyzer selection: String?, log: inout ImportLog
  ) -> RuleDocument {
    var document = RuleDocument(format: .cloudFormation, source: source, content: nil)
    guard case .object(let resources)? = root["Resources"]?.value else {
      log.error(.invalidTemplate, "the template has no 'Resources' object", at: root.range)
      return document
    }
    var analyzers: [Analyzer] = []
    for resource in resources {
      let properties = resource.value["Properties"]
      let type = resource.value["Type"]?.string
      guard type == analyzerType || properties?["ArchiveRules"] != nil else { continue }
      analyzers.append(
        Analyzer(
          logicalID: resource.key, keyRange: resource.keyRange,
          name: properties?["AnalyzerName"]?.string, type: properties?["Type"]?.string,
          rules: properties?["ArchiveRules"]))
    }
    if let selection {
      analyzers = analyzers.filter { $0.name == selection || $0.logicalID == selection }
    }
    let withRules = analyzers.filter { $0.rules != nil }
    guard withRules.count <= 1 else {
      let names = withRules.map { $0.name ?? $0.logicalID }.joined(separator: ", ")
      log.error(
        .ambiguousAnalyzer, "the template defines archive rules for several analyzers: \(names)",
        at: withRules[1].keyRange, help: "pick one with --analyzer-name")
      return document
    }
    guard let analyzer = withRules.first ?? analyzers.first else {
      log.error(
        .invalidTemplate,
        selection.map { "the template has no analyzer named '\($0)'" }
          ?? "the template has no \(analyzerType) resource", at: root.range)
      return document
    }
    document.analyzerName = analyzer.name
    document.analyzerType = analyzer.type
    guard let list = analyzer.rules else {
      document.content = .rules([])
      return document
    }
    guard let items = list.array else {
      intrinsicOrShape(list, expected: "ArchiveRules: expected a list of rules", log: &log)
      return document
    }
    var rules: [ArchiveRule] = []
    for item in items {
      if let (rule, range) = rule(item, log: &log) {
        rules.append(rule)
        document.ruleRanges.append(range)
      }
    }
    document.content = .rules(rules)
    return document
  }

  /// An object where a list or string belongs is usually `Fn::If`, `Ref` or another intrinsic.
  static func intrinsicOrShape(_ node: LocatedJSON, expected: String, log: inout ImportLog) {
    if let name = intrinsic(node) {
      log.error(
        .unsupportedSyntax, "intrinsic function '\(name)' is not evaluated here", at: node.range,
        help: "write the value out, or convert the deployed stack's rules instead")
    } else {
      log.error(.invalidTemplate, "\(expected), found \(node.kindName)", at: node.range)
    }
  }

  /// The function's name when `node` is `{"Ref": ...}` or `{"Fn::...": ...}`.
  static func intrinsic(_ node: LocatedJSON) -> String? {
    guard case .object(let members) = node.value, members.count == 1,
      let name = members.first?.key, name == "Ref" || name.hasPrefix("Fn::")
    else { return nil }
    return name
  }

  static let ruleMembers = ["Filter", "RuleName"]
  static let filterMembers = ["Contains", "Eq", "Exists", "Neq", "Property"]

  static func rule(_ node: LocatedJSON, log: inout ImportLog) -> (ArchiveRule, SourceRange)? {
    // An intrinsic is an object too, but not a rule: `Fn::If` often chooses list items.
    guard case .object(let members) = node.value, intrinsic(node) == nil else {
      intrinsicOrShape(node, expected: "an archive rule must be an object", log: &log)
      return nil
    }
    for member in members where !ruleMembers.contains(member.key) {
      log.unknownMember(member.key, at: member.keyRange, known: ruleMembers, in: "an ArchiveRule")
    }
    guard let nameNode = node["RuleName"] else {
      log.error(.invalidTemplate, "the archive rule has no 'RuleName'", at: node.range)
      return nil
    }
    guard let name = nameNode.string else {
      intrinsicOrShape(nameNode, expected: "RuleName must be a string", log: &log)
      return nil
    }
    guard let filterNode = node["Filter"] else {
      log.error(.invalidTemplate, "rule '\(name)' has no 'Filter'", at: nameNode.range)
      return nil
    }
    guard let items = filterNode.array else {
      intrinsicOrShape(filterNode, expected: "Filter must be a list", log: &log)
      return nil
    }
    if items.isEmpty {
      log.error(
        .invalidTemplate,
        "rule '\(name)' has an empty Filter; the resource schema needs at least one item",
        at: filterNode.range)
    }
    var map = FilterCriteriaMap()
    var seen: [ExactString: SourceRange] = [:]
    for item in items {
      guard let (key, keyRange, criterion) = filterItem(item, log: &log) else { continue }
      if let first = seen[ExactString(key)] {
        log.repeatedKey(
          key, at: keyRange, first: first,
          consequence: "CloudFormation accepts the template and the deploy fails")
        continue
      }
      seen[ExactString(key)] = keyRange
      map[key] = criterion
    }
    return (ArchiveRule(ruleName: name, filter: map), nameNode.range)
  }

  static func filterItem(_ node: LocatedJSON, log: inout ImportLog) -> (
    String, SourceRange, Criterion
  )? {
    guard case .object(let members) = node.value, intrinsic(node) == nil else {
      intrinsicOrShape(node, expected: "a Filter item must be an object", log: &log)
      return nil
    }
    let problems = log.diagnostics.count
    log.checkFilterMembers(
      members.map { ($0.key, $0.keyRange) }, known: filterMembers, in: "a Filter item")
    guard let property = node["Property"] else {
      log.error(.invalidTemplate, "the Filter item has no 'Property'", at: node.range)
      return nil
    }
    guard let key = property.string else {
      intrinsicOrShape(property, expected: "Property must be a string", log: &log)
      return nil
    }
    var criterion = Criterion()
    func list(_ name: String) -> [String]? {
      node[name].flatMap { value in
        if case .object = value.value {
          intrinsicOrShape(value, expected: "\(name) must be a list", log: &log)
          return nil
        }
        return FormatValues.strings(value, path: "\(key).\(name)", name: name, log: &log)
      }
    }
    criterion.eq = list("Eq")
    criterion.neq = list("Neq")
    criterion.contains = list("Contains")
    if let exists = node["Exists"] {
      criterion.exists = FormatValues.exists(exists, path: "\(key).Exists", log: &log)
    }
    if criterion.isEmpty {
      if log.diagnostics.count == problems { log.emptyCriterion(key, at: node.range) }
      return nil
    }
    return (key, property.range, criterion)
  }
}
