import FilterDSL

/// Reads `aws accessanalyzer create-archive-rule` command lines (what `convert --output
/// cli-commands` writes) and `update-archive-rule` ones: each gives a rule its name and
/// filter, which is JSON when it starts with `{` or `[` (as the AWS CLI decides) and the
/// shorthand otherwise. All commands must name one analyzer, or `--analyzer-name` picks one.
enum CLICommandsReader {
  static let operations = ["create-archive-rule", "update-archive-rule"]
  /// The options of the two operations, and the AWS CLI's global ones that take a value.
  static let valued = [
    "--analyzer-name", "--rule-name", "--filter", "--client-token", "--region", "--profile",
    "--endpoint-url", "--output", "--query", "--ca-bundle", "--cli-read-timeout",
    "--cli-connect-timeout", "--color", "--cli-binary-format",
  ]
  static let flags = [
    "--debug", "--no-verify-ssl", "--no-paginate", "--no-sign-request", "--no-cli-pager",
    "--cli-auto-prompt", "--no-cli-auto-prompt",
  ]

  struct Rule {
    var analyzer: String
    var rule: ArchiveRule
    var range: SourceRange
  }

  static func read(
    _ bytes: [UInt8], source: String, analyzer selection: String?, log: inout ImportLog
  ) -> RuleDocument {
    var document = RuleDocument(format: .cliCommands, source: source, content: nil)
    let commands: [ShellScript.Command]
    do {
      commands = try ShellScript.commands(bytes)
    } catch {
      log.diagnostics.append(error.diagnostic)
      return document
    }
    var rules: [Rule] = []
    for command in commands {
      if let rule = rule(command, log: &log) { rules.append(rule) }
    }
    if let selection {
      rules = rules.filter { $0.analyzer.utf8.elementsEqual(selection.utf8) }
      if rules.isEmpty, !log.diagnostics.hasErrors {
        log.error(
          .invalidTemplate, "no command creates a rule for the analyzer '\(selection)'",
          at: SourceRange(start: 0, end: min(1, bytes.count)))
        return document
      }
    }
    guard log.oneAnalyzer(rules.map { ($0.analyzer, $0.range) }, in: "the script") else {
      return document
    }
    if commands.isEmpty {
      log.error(
        .invalidTemplate, "no 'aws accessanalyzer create-archive-rule' command in the text",
        at: SourceRange(start: 0, end: min(1, bytes.count)))
      return document
    }
    document.analyzerName = rules.first?.analyzer
    document.content = .rules(rules.map(\.rule))
    document.ruleRanges = rules.map(\.range)
    return document
  }

  /// One command's rule, or `nil` with the reason logged.
  static func rule(_ command: ShellScript.Command, log: inout ImportLog) -> Rule? {
    let words = command.words
    guard words.count >= 3, words[0].text == "aws", words[1].text == "accessanalyzer" else {
      log.error(
        .unsupportedSyntax,
        "only 'aws accessanalyzer create-archive-rule' commands are read", at: command.range,
        help: "keep other commands out of the file")
      return nil
    }
    let operation = words[2]
    guard operations.contains(operation.text) else {
      log.error(
        .unsupportedSyntax,
        "'\(operation.text)' does not define a rule; only create-archive-rule and update-archive-rule are read",
        at: operation.range)
      return nil
    }
    var values: [String: (ShellScript.Word, SourceRange)] = [:]
    var index = 3
    var problems = false
    while index < words.count {
      let word = words[index]
      index += 1
      var name = word.text
      var value: ShellScript.Word? = nil
      if name.hasPrefix("--"), let equals = word.bytes.firstIndex(of: UInt8(ascii: "=")) {
        name = String(decoding: word.bytes[..<equals], as: UTF8.self)
        value = ShellScript.Word(
          bytes: Array(word.bytes[(equals + 1)...]), offsets: Array(word.offsets[(equals + 1)...]),
          range: SourceRange(
            start: equals + 1 < word.offsets.count ? word.offsets[equals + 1] : word.range.end,
            end: word.range.end))
      }
      if flags.contains(name), value == nil { continue }
      guard valued.contains(name) else {
        let hint = Suggestion.closest(to: name, among: valued + flags).map {
          "did you mean '\($0)'?"
        }
        log.error(
          .unsupportedSyntax,
          name.hasPrefix("--")
            ? "unknown option '\(name)' for \(operation.text)"
            : "unexpected word '\(name)'; options start with '--'", at: word.range,
          help: hint)
        problems = true
        continue
      }
      if value == nil {
        guard index < words.count else {
          log.error(.unsupportedSyntax, "'\(name)' needs a value", at: word.range)
          return nil
        }
        value = words[index]
        index += 1
      }
      guard let value else { continue }
      if values[name] != nil {
        log.error(.unsupportedSyntax, "'\(name)' is given twice", at: word.range)
        problems = true
      }
      values[name] = (value, word.range)
    }
    for required in ["--analyzer-name", "--rule-name", "--filter"] where values[required] == nil {
      log.error(.invalidTemplate, "the command has no '\(required)'", at: command.range)
      problems = true
    }
    guard !problems, let analyzer = values["--analyzer-name"]?.0,
      let name = values["--rule-name"]?.0, let filter = values["--filter"]?.0,
      let map = self.filter(filter, log: &log)
    else { return nil }
    return Rule(
      analyzer: analyzer.text, rule: ArchiveRule(ruleName: name.text, filter: map),
      range: name.range)
  }

  /// The `--filter` value: JSON when it starts with `{` or `[`, else the shorthand.
  static func filter(_ word: ShellScript.Word, log: inout ImportLog) -> FilterCriteriaMap? {
    let text = word.text
    let trimmed = text.drop { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
    if trimmed.hasPrefix("file://") || trimmed.hasPrefix("fileb://") {
      log.error(
        .unsupportedSyntax, "'--filter file://...' reads a file, which is not read here",
        at: word.range, help: "put the filter in the command")
      return nil
    }
    let locate = ShorthandParser(bytes: word.bytes, offsets: word.offsets, lineBreakEnds: false)
    guard trimmed.hasPrefix("{") || trimmed.hasPrefix("[") else {
      var parser = locate
      do {
        return try parser.filter(log: &log)
      } catch {
        log.diagnostics.append(error.diagnostic)
        return nil
      }
    }
    var reader = RuleJSONReader(lenientExists: false)
    do {
      guard case .filterMap(let map, sort: nil) = try reader.read(word.bytes).decoded else {
        log.error(.invalidFilterJSON, "'--filter' takes one filter map", at: word.range)
        return nil
      }
      return map
    } catch let error as RuleJSONError {
      let range = error.range.map { locate.range($0.start, $0.end) } ?? word.range
      log.error(error.code, "--filter: \(error.message)", at: range)
    } catch {
      log.error(.invalidFilterJSON, "--filter: not valid JSON", at: word.range)
    }
    return nil
  }
}
