import Foundation

extension Linter {
  /// Lints rule JSON (a filter map, `get-archive-rule` or `list-archive-rules` output).
  ///
  /// The checks run on each rule's canonical text; their positions are then moved to the rule
  /// in the JSON (its `ruleName` value, or the start of a bare map), since JSON has no spans
  /// for predicates. Fixes are dropped for the same reason.
  public static func lint(json bytes: [UInt8], options: LintOptions = LintOptions()) -> LintReport {
    let source = String(decoding: bytes, as: UTF8.self)
    let origin = SourceRange(start: 0, end: min(1, bytes.count))
    var warnings: [Diagnostic] = []
    let decoded: RuleJSON
    do {
      let (cleaned, stringExists) = try normaliseExists(bytes)
      for path in stringExists {
        warnings.append(
          Diagnostic(
            .warning, .existsAsString,
            "'\(path)' is a string; the API takes the JSON boolean true or false",
            at: origin, help: "write \"exists\": true, not \"exists\": \"true\""))
      }
      decoded = try RuleJSON.decode(cleaned)
    } catch let error as RuleJSON.Error {
      return LintReport(
        source: source,
        rules: [
          .init(
            name: nil, range: nil,
            diagnostics: [.error(.invalidFilterJSON, error.message, at: origin)])
        ])
    } catch {
      return LintReport(
        source: source,
        rules: [
          .init(
            name: nil, range: nil,
            diagnostics: [.error(.invalidFilterJSON, "not valid JSON", at: origin)])
        ])
    }
    let printer = FilterPrinter()
    var reports: [LintReport.RuleReport] = []
    // One family for the whole input, settled once and then given to each rule's lint.
    let texts: [String]
    switch decoded {
    case .filterMap(let map, let sort): texts = [printer.print(map, sort: sort)]
    case .filterMaps(let maps): texts = maps.map { printer.print($0) }
    case .rules(let rules): texts = [printer.print(rules)]
    }
    let family = resolveFamily(
      texts.flatMap { text -> [Query] in
        switch Parser.parse(Array(text.utf8), limits: options.limits).0 {
        case .query(let query): [query]
        case .ruleSet(let rules): rules.map(\.body)
        }
      }, options: options)
    func lint(_ text: String, options: LintOptions) -> LintReport {
      Linter.lint(text, options: options, family: family)
    }
    switch decoded {
    case .filterMap(let map, let sort):
      let text = printer.print(map, sort: sort)
      let report = lint(text, options: options)
      reports = [
        .init(
          name: nil, range: origin,
          diagnostics: warnings + report.diagnostics.map { anchored($0, at: origin) })
      ]
    case .filterMaps(let maps):
      for map in maps {
        let report = lint(printer.print(map), options: options)
        reports.append(
          .init(
            name: nil, range: origin,
            diagnostics: report.diagnostics.map { anchored($0, at: origin) }))
      }
      if !reports.isEmpty { reports[0].diagnostics = warnings + reports[0].diagnostics }
    case .rules(let rules):
      let anchors = ruleNameRanges(in: bytes)
      let text = printer.print(rules)
      var setOptions = options
      setOptions.context = .archiveRule
      let report = lint(text, options: setOptions)
      for (index, rule) in report.rules.enumerated() {
        let anchor = index < anchors.count ? anchors[index] : origin
        reports.append(
          .init(
            name: rule.name, range: anchor,
            diagnostics: rule.diagnostics.map { anchored($0, at: anchor) }))
      }
      if reports.isEmpty { reports = [.init(name: nil, range: origin, diagnostics: [])] }
      reports[0].diagnostics = warnings + reports[0].diagnostics
    }
    var report = LintReport(source: source, rules: reports)
    report.family = family
    return report
  }

  private static func anchored(_ diagnostic: Diagnostic, at range: SourceRange) -> Diagnostic {
    var moved = diagnostic
    moved.range = range
    moved.label = nil
    moved.fix = nil
    moved.notes = diagnostic.notes.map { Diagnostic.Note($0.message) }
    return moved
  }

  /// Replaces `"exists": "true"` / `"false"` with booleans, returning where it did.
  private static func normaliseExists(_ bytes: [UInt8]) throws -> ([UInt8], [String]) {
    let object = try JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])
    var paths: [String] = []
    func walk(_ value: Any, _ path: String) -> Any {
      if var dictionary = value as? [String: Any] {
        for (key, child) in dictionary {
          let childPath = path.isEmpty ? key : "\(path).\(key)"
          if key == "exists", let text = child as? String, text == "true" || text == "false" {
            dictionary[key] = text == "true"
            paths.append(childPath)
          } else {
            dictionary[key] = walk(child, childPath)
          }
        }
        return dictionary
      }
      if let array = value as? [Any] {
        return array.enumerated().map { walk($0.element, "\(path)[\($0.offset)]") }
      }
      return value
    }
    let cleaned = walk(object, "")
    guard !paths.isEmpty else { return (bytes, []) }
    let data = try JSONSerialization.data(withJSONObject: cleaned, options: [.fragmentsAllowed])
    return ([UInt8](data), paths.sorted())
  }

  /// The ranges of each `"ruleName": "..."` value, in order.
  private static func ruleNameRanges(in bytes: [UInt8]) -> [SourceRange] {
    let needle = Array("\"ruleName\"".utf8)
    var ranges: [SourceRange] = []
    var index = 0
    while index + needle.count <= bytes.count {
      guard bytes[index..<index + needle.count].elementsEqual(needle) else {
        index += 1
        continue
      }
      var cursor = index + needle.count
      while cursor < bytes.count, bytes[cursor] != UInt8(ascii: "\"") { cursor += 1 }
      let start = cursor
      cursor += 1
      while cursor < bytes.count, bytes[cursor] != UInt8(ascii: "\"") {
        cursor += bytes[cursor] == UInt8(ascii: "\\") ? 2 : 1
      }
      ranges.append(SourceRange(start: start, end: min(cursor + 1, bytes.count)))
      index = cursor
    }
    return ranges
  }
}
