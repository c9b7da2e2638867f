extension LintReport {
  /// For people: diagnostics grouped per rule, ending with a one-line count.
  /// - Parameters:
  ///   - name: the file name shown in locations (`rules.aaf:3:7`).
  ///   - colored: whether to use terminal colours.
  /// - Returns: the report text.
  public func rendered(name: String, colored: Bool = false) -> String {
    let renderer = DiagnosticRenderer(colored: colored)
    // Line starts found once: a large file can have thousands of diagnostics.
    let map = LineMap(Array(source.utf8))
    var text = ""
    for rule in rules where !rule.diagnostics.isEmpty {
      if let ruleName = rule.name { text += "rule \(DisplayText.escape(ruleName)):\n" }
      text += rule.diagnostics.map { renderer.render($0, map: map, name: name) }.joined(
        separator: "\n")
      text += "\n"
    }
    return text + "\(DisplayText.escape(name)): \(summaryLine)\n"
  }

  /// For tools: counts, and every diagnostic with its rule, ranges as UTF-8 offsets plus line
  /// and column (the `check --output json` output).
  /// - Parameter file: the file name to record.
  /// - Returns: a JSON object.
  public func json(file: String) -> JSONValue {
    let map = LineMap(Array(source.utf8))
    let entries = rules.flatMap { rule in
      rule.diagnostics.map { diagnostic -> JSONValue in
        guard case .object(let members) = diagnostic.json(map: map, file: file) else {
          return .null
        }
        return .object(members + [("rule", rule.name.map(JSONValue.string) ?? .null)])
      }
    }
    return .object([
      ("file", .string(file)),
      (
        "analyzer", family.json
      ),
      ("errors", .number(count(.error))), ("warnings", .number(count(.warning))),
      ("risks", .number(count(.risk))),
      ("diagnostics", .array(entries)),
    ])
  }

  /// SARIF 2.1.0, so CI systems and code-scanning dashboards show the findings on the file
  /// (the `check --output sarif` output). The run's `properties.analyzer` holds the family
  /// and its source, as in ``json(file:)``. Columns, `charOffset` and `charLength` count Unicode
  /// code points (the run's `columnKind`), after a byte-order mark; `byteOffset` and
  /// `byteLength` are the diagnostic's UTF-8 range in the file.
  /// - Parameters:
  ///   - file: the artifact's URI, as the results should name it.
  ///   - toolVersion: the version to report for the tool (``AAFilterVersion/current``).
  /// - Returns: a SARIF log with one run.
  public func sarif(file: String, toolVersion: String = AAFilterVersion.current) -> JSONValue {
    let map = LineMap(Array(source.utf8))
    let all = diagnostics
    var ruleIDs: [String] = []
    for diagnostic in all where !ruleIDs.contains(diagnostic.code.rawValue) {
      ruleIDs.append(diagnostic.code.rawValue)
    }
    let risky = Set(all.filter { $0.severity == .risk }.map(\.code.rawValue))
    let rules = ruleIDs.map { id -> JSONValue in
      var members: [(String, JSONValue)] = [
        ("id", .string(id)),
        (
          "shortDescription",
          .object([("text", .string(all.first { $0.code.rawValue == id }?.message ?? id))])
        ),
        ("helpUri", .string("docs/checks.md#\(id)")),
      ]
      if risky.contains(id) {
        members.append(
          (
            "properties",
            .object([
              ("tags", .array([.string("security")])), ("security-severity", .string("7.0")),
            ])
          ))
      }
      return .object(members)
    }
    let results = all.map { diagnostic -> JSONValue in
      let start = map.location(of: diagnostic.range.start)
      let end = map.location(of: diagnostic.range.end)
      let level =
        switch diagnostic.severity {
        case .error: "error"
        case .warning, .risk: "warning"
        }
      var message = diagnostic.message
      if let help = diagnostic.help { message += " (\(help))" }
      return .object([
        ("ruleId", .string(diagnostic.code.rawValue)),
        ("ruleIndex", .number(ruleIDs.firstIndex(of: diagnostic.code.rawValue) ?? 0)),
        ("level", .string(level)),
        ("message", .object([("text", .string(message))])),
        (
          "locations",
          .array([
            .object([
              (
                "physicalLocation",
                .object([
                  ("artifactLocation", .object([("uri", .string(file))])),
                  (
                    "region",
                    .object([
                      ("startLine", .number(start.line)), ("startColumn", .number(start.column)),
                      ("endLine", .number(end.line)),
                      (
                        "endColumn",
                        .number(max(end.column, start.column + (end.line == start.line ? 1 : 0)))
                      ),
                      ("charOffset", .number(map.scalarOffset(of: diagnostic.range.start))),
                      (
                        "charLength",
                        .number(
                          map.scalarOffset(of: diagnostic.range.end)
                            - map.scalarOffset(of: diagnostic.range.start))
                      ),
                      ("byteOffset", .number(diagnostic.range.start)),
                      ("byteLength", .number(diagnostic.range.length)),
                    ])
                  ),
                ])
              )
            ])
          ])
        ),
      ])
    }
    return .object([
      ("$schema", .string("https://json.schemastore.org/sarif-2.1.0.json")),
      ("version", .string("2.1.0")),
      (
        "runs",
        .array([
          .object([
            (
              "tool",
              .object([
                (
                  "driver",
                  .object([
                    ("name", .string("aafilter")), ("version", .string(toolVersion)),
                    ("informationUri", .string("https://github.com/aafilter/aafilter")),
                    ("rules", .array(rules)),
                  ])
                )
              ])
            ),
            ("columnKind", .string("unicodeCodePoints")),
            ("results", .array(results)),
            // The family every result was checked for, and what settled it, as in the JSON.
            ("properties", .object([("analyzer", family.json)])),
          ])
        ])
      ),
    ])
  }
}

extension FamilyResolution {
  /// `{"family": "unused", "source": "directive"}`, in check's JSON and SARIF outputs.
  var json: JSONValue {
    .object([("family", .string(family.rawValue)), ("source", .string(source.rawValue))])
  }
}
