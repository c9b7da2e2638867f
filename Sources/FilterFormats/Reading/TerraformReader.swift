import FilterDSL

/// Reads `aws_accessanalyzer_archive_rule` resources from Terraform configuration, as the AWS
/// provider reads them: `filter` blocks with `criteria`, list attributes where an empty list
/// means unset, and `exists` as a string ("true"/"false"; an empty string is unset).
enum TerraformReader {
  static let ruleType = "aws_accessanalyzer_archive_rule"
  static let analyzerType = "aws_accessanalyzer_analyzer"

  /// One rule as read, before its analyzer is resolved.
  struct Entry {
    var rule: ArchiveRule
    var nameRange: SourceRange
    var label: String
    /// A literal analyzer name, or the reference text when it is not a literal.
    var analyzer: String
    var analyzerIsLiteral: Bool
  }

  static func read(
    _ bytes: [UInt8], source: String, analyzer selection: String?, log: inout ImportLog
  )
    -> RuleDocument
  {
    var document = RuleDocument(format: .terraform, source: source, content: nil)
    let blocks: [HCL.Block]
    do {
      blocks = try HCL.parse(bytes) { type, labels in
        type == "resource" && (labels.first == ruleType || labels.first == analyzerType)
      }
    } catch {
      log.diagnostics.append(error.diagnostic)
      return document
    }
    // Analyzer resources resolve `aws_accessanalyzer_analyzer.NAME.analyzer_name`.
    var analyzers: [String: (name: String?, type: String?)] = [:]
    for block in blocks where block.labels.first?.text == analyzerType && block.labels.count == 2 {
      analyzers[block.labels[1].text] = (
        literal(block.body.attribute("analyzer_name")), literal(block.body.attribute("type"))
      )
    }
    var entries: [Entry] = []
    for block in blocks where block.labels.first?.text == ruleType {
      if let entry = entry(block, analyzers: analyzers, log: &log) { entries.append(entry) }
    }
    if let selection {
      entries = entries.filter { entry in
        entry.analyzer == selection
          || analyzers.contains {
            $0.key == selection && "\(analyzerType).\($0.key).analyzer_name" == entry.analyzer
          }
      }
    }
    guard
      log.oneAnalyzer(entries.map { ($0.analyzer, $0.nameRange) }, in: "the configuration")
    else { return document }
    if let first = entries.first {
      if first.analyzerIsLiteral {
        document.analyzerName = first.analyzer
      }
      let analyzer = analyzers.first {
        $0.value.name == first.analyzer
          || "\(analyzerType).\($0.key).analyzer_name" == first.analyzer
      }
      document.analyzerType = analyzer?.value.type
    }
    document.content = .rules(entries.map(\.rule))
    document.ruleRanges = entries.map(\.nameRange)
    return document
  }

  static func literal(_ attribute: HCL.Attribute?) -> String? {
    if case .string(let text)? = attribute?.value.value { return text }
    return nil
  }

  static let ruleAttributes = [
    "analyzer_name", "rule_name", "count", "for_each", "provider", "depends_on",
  ]
  static let filterAttributes = ["criteria", "contains", "eq", "exists", "neq"]

  static func entry(
    _ block: HCL.Block, analyzers: [String: (name: String?, type: String?)], log: inout ImportLog
  ) -> Entry? {
    let body = block.body
    let label = block.labels.count > 1 ? block.labels[1].text : ""
    for attribute in body.attributes {
      if attribute.name == "count" || attribute.name == "for_each" {
        log.error(
          .unsupportedSyntax, "'\(attribute.name)' makes rules this reader cannot list",
          at: attribute.nameRange, help: "write each rule as its own resource")
      } else if !ruleAttributes.contains(attribute.name) {
        log.unknownMember(
          attribute.name, at: attribute.nameRange, known: ["analyzer_name", "rule_name", "filter"],
          in: "\(ruleType)")
      }
    }
    guard let nameAttribute = body.attribute("rule_name") else {
      log.error(.invalidTemplate, "resource '\(label)' has no 'rule_name'", at: block.range)
      return nil
    }
    guard case .string(let name) = nameAttribute.value.value else {
      log.error(
        .unsupportedSyntax, "rule_name must be a literal string here", at: nameAttribute.value.range
      )
      return nil
    }
    var analyzer = ""
    var isLiteral = false
    switch body.attribute("analyzer_name")?.value.value {
    case .string(let text)?:
      analyzer = text
      isLiteral = true
    case .reference(let path)?:
      let parts = path.split(separator: ".").map(String.init)
      if parts.count == 3, parts[0] == analyzerType, parts[2] == "analyzer_name",
        let resolved = analyzers[parts[1]]?.name
      {
        analyzer = resolved
        isLiteral = true
      } else {
        analyzer = path
      }
    case nil:
      log.error(.invalidTemplate, "resource '\(label)' has no 'analyzer_name'", at: block.range)
    default:
      log.error(.invalidTemplate, "analyzer_name must be a string", at: block.range)
    }
    var map = FilterCriteriaMap()
    var seen: [ExactString: SourceRange] = [:]
    let filters = body.blocks.filter { $0.type == "filter" }
    for other in body.blocks where other.type != "filter" && other.type != "lifecycle" {
      log.unknownMember(
        other.type,
        at: SourceRange(start: other.range.start, end: other.range.start + other.type.utf8.count),
        known: ["filter", "lifecycle"], in: "\(ruleType)")
    }
    if filters.isEmpty {
      log.error(
        .invalidTemplate, "rule '\(name)' has no filter block; the provider requires one",
        at: nameAttribute.value.range)
    }
    for filter in filters {
      guard let (key, keyRange, criterion) = criterion(filter, log: &log) else { continue }
      if let first = seen[ExactString(key)] {
        log.repeatedKey(
          key, at: keyRange, first: first,
          consequence:
            "the provider keeps only one of the filter blocks, and which one is not defined")
        continue
      }
      seen[ExactString(key)] = keyRange
      map[key] = criterion
    }
    return Entry(
      rule: ArchiveRule(ruleName: name, filter: map), nameRange: nameAttribute.value.range,
      label: label, analyzer: analyzer, analyzerIsLiteral: isLiteral)
  }

  static func criterion(_ block: HCL.Block, log: inout ImportLog) -> (
    String, SourceRange, Criterion
  )? {
    let problems = log.diagnostics.count
    log.checkFilterMembers(
      block.body.attributes.map { ($0.name, $0.nameRange) }, known: filterAttributes,
      in: "a filter block")
    guard let criteria = block.body.attribute("criteria") else {
      log.error(.invalidTemplate, "the filter block has no 'criteria'", at: block.range)
      return nil
    }
    guard case .string(let key) = criteria.value.value else {
      log.error(
        .unsupportedSyntax, "criteria must be a literal string here", at: criteria.value.range)
      return nil
    }
    var criterion = Criterion()
    func list(_ name: String) -> [String]? {
      guard let attribute = block.body.attribute(name) else { return nil }
      guard case .list(let items) = attribute.value.value else {
        log.error(.invalidTemplate, "\(name) must be a list of strings", at: attribute.value.range)
        return nil
      }
      var values: [String] = []
      for item in items {
        switch item.value {
        case .string(let text): values.append(text)
        // Terraform converts numbers and booleans in a list of strings to their text.
        case .number(let text): values.append(text)
        case .bool(let flag): values.append(flag ? "true" : "false")
        default:
          log.error(
            .unsupportedSyntax, "only literal strings are read in '\(name)'", at: item.range)
        }
      }
      return values.isEmpty ? nil : values
    }
    criterion.eq = list("eq")
    criterion.neq = list("neq")
    criterion.contains = list("contains")
    if let exists = block.body.attribute("exists") {
      criterion.exists = existsValue(exists.value, key: key, log: &log)
    }
    if criterion.isEmpty {
      if log.diagnostics.count == problems { log.emptyCriterion(key, at: block.range) }
      return nil
    }
    return (key, criteria.value.range, criterion)
  }

  /// The provider's nullable boolean: Go's `strconv.ParseBool` spellings, or empty for unset.
  static func existsValue(_ node: HCL.Node, key: String, log: inout ImportLog) -> Bool? {
    switch node.value {
    case .bool(let flag): return flag
    case .null: return nil
    case .string(let text):
      if text.isEmpty { return nil }
      if ["1", "t", "T", "TRUE", "true", "True"].contains(text) { return true }
      if ["0", "f", "F", "FALSE", "false", "False"].contains(text) { return false }
      log.error(
        .invalidBoolean,
        "exists = \"\(text)\" for '\(key)' is not a boolean; the provider rejects it",
        at: node.range, help: "write \"true\" or \"false\"")
    default:
      log.error(
        .invalidBoolean, "exists for '\(key)' must be \"true\" or \"false\"", at: node.range)
    }
    return nil
  }
}
