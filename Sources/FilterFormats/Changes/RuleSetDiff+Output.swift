import FilterDSL

extension RuleSetDiff {
  /// The diff for people: one line per added, removed and renamed rule, the changed operators
  /// of each changed rule, and a summary. Names and values print as rule-language literals, so
  /// control characters show escaped.
  /// - Returns: text ending in a newline.
  public func rendered() -> String {
    let printer = FilterPrinter()
    func name(_ text: String) -> String { FilterPrinter.literal(text) }
    func values(_ list: [String]?) -> String {
      guard let list else { return "(unset)" }
      return "[" + list.map(FilterPrinter.literal).joined(separator: ", ") + "]"
    }
    var lines: [String] = []
    for rule in added { lines.append("+ \(name(rule.ruleName)): \(body(rule.filter, printer))") }
    for rule in removed { lines.append("- \(name(rule.ruleName)): \(body(rule.filter, printer))") }
    for rename in renamed {
      lines.append(
        "> \(name(rename.deployed.ruleName)) -> \(name(rename.desired.ruleName)) (renamed, same filter)"
      )
    }
    for change in changed {
      lines.append("~ \(name(change.desired.ruleName))")
      for item in change.changes {
        let key = FilterPrinter.literal(item.key)
        if item.op == .exists {
          lines.append(
            "    \(key) exists: \(item.deployed?.first ?? "(unset)") -> \(item.desired?.first ?? "(unset)")"
          )
        } else {
          lines.append(
            "    \(key) \(item.op.rawValue): \(values(item.deployed)) -> \(values(item.desired))")
        }
      }
    }
    if isEmpty {
      lines.append(
        "no differences (\(unchanged.count) rule\(unchanged.count == 1 ? "" : "s") the same)")
    } else {
      lines.append(
        "\(added.count) added, \(removed.count) removed, \(changed.count) changed, \(renamed.count) renamed, \(unchanged.count) the same"
      )
    }
    return lines.joined(separator: "\n") + "\n"
  }

  private func body(_ map: FilterCriteriaMap, _ printer: FilterPrinter) -> String {
    map.isEmpty ? "(empty filter: matches every finding)" : printer.print(map)
  }

  /// The diff for scripts: `same`, then `added`, `removed` (rules), `renamed` (`from`, `to`,
  /// `filter`), `changed` (`ruleName`, `desired`, `deployed`, `changes` of `key`, `operator`,
  /// `desired`, `deployed`), `unchanged` (names).
  package var json: JSONValue {
    func values(_ list: [String]?, _ op: OperatorChange.Operator) -> JSONValue {
      guard let list else { return .null }
      if op == .exists, let first = list.first { return .bool(first == "true") }
      return .array(list.map(JSONValue.string))
    }
    return .object([
      ("same", .bool(isEmpty)),
      ("added", .array(added.map(\.json))),
      ("removed", .array(removed.map(\.json))),
      (
        "renamed",
        .array(
          renamed.map {
            .object([
              ("from", .string($0.deployed.ruleName)), ("to", .string($0.desired.ruleName)),
              ("filter", $0.desired.filter.json),
            ])
          })
      ),
      (
        "changed",
        .array(
          changed.map { change in
            .object([
              ("ruleName", .string(change.desired.ruleName)),
              ("desired", change.desired.filter.json),
              ("deployed", change.deployed.filter.json),
              (
                "changes",
                .array(
                  change.changes.map {
                    .object([
                      ("key", .string($0.key)), ("operator", .string($0.op.rawValue)),
                      ("desired", values($0.desired, $0.op)),
                      ("deployed", values($0.deployed, $0.op)),
                    ])
                  })
              ),
            ])
          })
      ),
      ("unchanged", .array(unchanged.map(JSONValue.string))),
    ])
  }
}
