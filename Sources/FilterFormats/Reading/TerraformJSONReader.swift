import FilterDSL

/// Reads `aws_accessanalyzer_archive_rule` resources from `terraform show -json` output (state
/// under `values`, a plan under `planned_values`), walking child modules.
enum TerraformJSONReader {
  static func read(
    _ root: LocatedJSON, source: String, analyzer selection: String?, log: inout ImportLog
  ) -> RuleDocument {
    var document = RuleDocument(format: .terraformJSON, source: source, content: nil)
    guard let module = root["values"]?["root_module"] ?? root["planned_values"]?["root_module"]
    else {
      log.error(
        .invalidTemplate, "no 'values.root_module' or 'planned_values.root_module'", at: root.range)
      return document
    }
    var resources: [LocatedJSON] = []
    collect(module, into: &resources, depth: 0)
    var rules: [(rule: ArchiveRule, range: SourceRange, analyzer: String)] = []
    for resource in resources where resource["type"]?.string == TerraformReader.ruleType {
      guard let values = resource["values"], let nameNode = values["rule_name"],
        let name = nameNode.string
      else {
        log.error(
          .invalidTemplate, "an archive rule resource without 'values.rule_name'",
          at: resource.range)
        continue
      }
      let analyzer = values["analyzer_name"]?.string ?? ""
      if let selection, analyzer != selection { continue }
      var map = FilterCriteriaMap()
      var seen: [ExactString: SourceRange] = [:]
      for item in values["filter"]?.array ?? [] {
        guard let keyNode = item["criteria"], let key = keyNode.string else {
          log.error(.invalidTemplate, "a filter without 'criteria'", at: item.range)
          continue
        }
        let problems = log.diagnostics.count
        var criterion = Criterion()
        func list(_ name: String) -> [String]? {
          guard let node = item[name], let items = node.array, !items.isEmpty else { return nil }
          return FormatValues.strings(node, path: "\(key).\(name)", name: name, log: &log)
        }
        criterion.eq = list("eq")
        criterion.neq = list("neq")
        criterion.contains = list("contains")
        if let exists = item["exists"] {
          switch exists.value {
          case .string(let text) where text.isEmpty: break
          case .null: break
          case .string(let text) where ["true", "false"].contains(text):
            criterion.exists = text == "true"
          case .bool(let flag): criterion.exists = flag
          default:
            log.error(
              .invalidBoolean, "exists for '\(key)' must be \"true\" or \"false\"", at: exists.range
            )
          }
        }
        if let first = seen[ExactString(key)] {
          log.repeatedKey(
            key, at: keyNode.range, first: first, consequence: "the provider keeps only one of them"
          )
          continue
        }
        seen[ExactString(key)] = keyNode.range
        if criterion.isEmpty {
          // A value already reported is the problem; an empty criterion would repeat it.
          if log.diagnostics.count == problems { log.emptyCriterion(key, at: item.range) }
        } else {
          map[key] = criterion
        }
      }
      rules.append((ArchiveRule(ruleName: name, filter: map), nameNode.range, analyzer))
    }
    guard log.oneAnalyzer(rules.map { ($0.analyzer, $0.range) }, in: "the state") else {
      return document
    }
    document.analyzerName = rules.first.flatMap { $0.analyzer.isEmpty ? nil : $0.analyzer }
    document.content = .rules(rules.map(\.rule))
    document.ruleRanges = rules.map(\.range)
    return document
  }

  private static func collect(
    _ module: LocatedJSON, into resources: inout [LocatedJSON], depth: Int
  ) {
    guard depth < 64 else { return }
    resources += (module["resources"]?.array ?? []).filter { $0["mode"]?.string != "data" }
    for child in module["child_modules"]?.array ?? [] {
      collect(child, into: &resources, depth: depth + 1)
    }
  }
}
