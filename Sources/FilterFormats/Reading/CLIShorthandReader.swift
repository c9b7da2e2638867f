import FilterDSL

/// Reads what `convert --output cli-shorthand` writes: one filter in the AWS CLI's shorthand
/// per line, after its rule's name and a tab when the filters are named rules. A quoted value
/// may hold a line break; blank lines are skipped. After a syntax error, reading goes on at the
/// next line, so one run reports the problems of every line.
enum CLIShorthandReader {
  static func read(_ bytes: [UInt8], source: String, log: inout ImportLog) -> RuleDocument {
    var document = RuleDocument(format: .cliShorthand, source: source, content: nil)
    var rules: [ArchiveRule] = []
    var maps: [FilterCriteriaMap] = []
    var lines: [(named: Bool, range: SourceRange)] = []
    var position = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    while true {
      while position < bytes.count, [0x20, 0x09, 0x0D, 0x0A].contains(bytes[position]) {
        position += 1
      }
      guard position < bytes.count else { break }
      let lineStart = position
      var cursor = position
      while cursor < bytes.count,
        ![0x09, 0x0A, UInt8(ascii: "="), UInt8(ascii: "{")].contains(
          bytes[cursor])
      {
        cursor += 1
      }
      var name: (text: String, range: SourceRange)? = nil
      if cursor < bytes.count, bytes[cursor] == 0x09 {
        name = (
          String(decoding: bytes[position..<cursor], as: UTF8.self),
          SourceRange(start: position, end: cursor)
        )
        position = cursor + 1
      }
      var parser = ShorthandParser(bytes: bytes, from: position, lineBreakEnds: true)
      do {
        let map = try parser.filter(log: &log)
        if let name {
          rules.append(ArchiveRule(ruleName: name.text, filter: map))
          document.ruleRanges.append(name.range)
        } else {
          maps.append(map)
        }
        lines.append((name != nil, SourceRange(start: lineStart, end: parser.position)))
        position = parser.position
      } catch {
        log.diagnostics.append(error.diagnostic)
        position = max(parser.position, position)
        while position < bytes.count, bytes[position] != 0x0A { position += 1 }
      }
    }
    if let first = lines.first, let other = lines.first(where: { $0.named != first.named }) {
      log.error(
        .invalidTemplate, "some lines name their rule and others do not", at: other.range,
        help: "start every line with the rule's name and a tab, or none")
      return document
    }
    if lines.isEmpty, !log.diagnostics.hasErrors {
      log.error(
        .invalidTemplate, "no filter in the shorthand text",
        at: SourceRange(start: 0, end: min(1, bytes.count)))
      return document
    }
    if lines.first?.named == true {
      document.content = .rules(rules)
    } else {
      document.content = maps.count == 1 ? .filter(maps[0], sort: nil) : .filters(maps)
    }
    return document
  }
}
