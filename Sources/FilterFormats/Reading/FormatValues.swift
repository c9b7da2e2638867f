import FilterDSL

/// Value checks shared by the JSON-based readers.
enum FormatValues {
  /// A non-empty list of strings.
  static func strings(_ node: LocatedJSON, path: String, name: String, log: inout ImportLog)
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
  static func exists(_ node: LocatedJSON, path: String, log: inout ImportLog) -> Bool? {
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
