import FilterDSL

/// Reads archive rules from any format they are kept in, through one detector, so every tool
/// and command accepts the same sources. Never throws: problems are diagnostics in the document.
///
/// ```swift
/// import FilterFormats
///
/// let template = """
///   {"Resources": {"Analyzer": {
///     "Type": "AWS::AccessAnalyzer::Analyzer",
///     "Properties": {"ArchiveRules": [{
///       "RuleName": "Trusted",
///       "Filter": [{"Property": "principal.AWS", "Eq": ["111122223333"]}]
///     }]}
///   }}}
///   """
/// let document = RuleReader.read(Array(template.utf8))  // detected: CloudFormation
/// let (rules, diagnostics) = document.archiveRules()
/// print(rules.map(\.ruleName), diagnostics.count)  // ["Trusted"] 0
/// ```
public enum RuleReader {
  /// Reads a rule source.
  /// - Parameters:
  ///   - bytes: the whole source, UTF-8.
  ///   - format: the format, or `nil` to detect it (`RuleFormat.detect`).
  ///   - analyzerName: for sources that define rules for several analyzers, the one to read
  ///     (its name, or its CloudFormation logical id or Terraform resource label).
  /// - Returns: the document, with import diagnostics positioned in its source.
  public static func read(_ bytes: [UInt8], format: RuleFormat? = nil, analyzerName: String? = nil)
    -> RuleDocument
  {
    let format = format ?? RuleFormat.detect(bytes)
    let source = String(decoding: bytes, as: UTF8.self)
    if format == .dsl { return readRuleText(bytes, source: source) }
    if let invalid = UTF8Validation.refusal(bytes) {
      return RuleDocument(format: format, source: source, content: nil, diagnostics: [invalid])
    }
    var log = ImportLog()
    var document: RuleDocument
    switch format {
    case .terraform:
      document = TerraformReader.read(bytes, source: source, analyzer: analyzerName, log: &log)
    case .json:
      document = readAPIJSON(bytes, source: source, log: &log)
    case .cliShorthand:
      document = CLIShorthandReader.read(bytes, source: source, log: &log)
    case .cliCommands:
      document = CLICommandsReader.read(
        bytes, source: source, analyzer: analyzerName, log: &log)
    case .cloudFormationYAML,
      .cloudFormation where !RuleFormat.startsLikeJSON(bytes):
      // JSON is mostly YAML too, but a JSON template keeps the strict JSON reader's messages.
      document = RuleDocument(format: format, source: source, content: nil)
      do {
        let root = try YAMLParser.parse(bytes)
        document = CloudFormationReader.read(
          root, source: source, analyzer: analyzerName, log: &log)
        document.format = format
      } catch {
        log.diagnostics.append(error.diagnostic)
      }
    default:
      document = RuleDocument(format: format, source: source, content: nil)
      do {
        let root = try LocatedJSON.parseDiagnosing(bytes)
        if format == .terraformJSON {
          document = TerraformJSONReader.read(
            root, source: source, analyzer: analyzerName, log: &log)
        } else {
          document = CloudFormationReader.read(
            root, source: source, analyzer: analyzerName, log: &log)
          document.format = format
        }
      } catch {
        log.diagnostics.append(error.diagnostic)
      }
    }
    if case .rules(let rules) = document.content {
      let names = zip(rules, document.ruleRanges).map { ($0.ruleName, $1) }
      log.diagnostics += RuleSetChecks.names(names).flatMap { $0 }
    }
    document.diagnostics += log.diagnostics
    return document
  }

  /// The API's JSON shapes, through the reader `RuleJSON.decode` and `Linter.lint(json:)` use;
  /// a string `exists` is read as the boolean, with a warning.
  private static func readAPIJSON(_ bytes: [UInt8], source: String, log: inout ImportLog)
    -> RuleDocument
  {
    var document = RuleDocument(format: .json, source: source, content: nil)
    var reader = RuleJSONReader(lenientExists: true)
    do {
      let located = try reader.read(bytes)
      switch located.decoded {
      case .filterMap(let map, let sort): document.content = .filter(map, sort: sort)
      case .filterMaps(let maps): document.content = .filters(maps)
      case .rules(let rules):
        document.content = .rules(rules)
        document.ruleRanges = located.names
      }
      for (path, range) in located.stringExists {
        log.warning(
          .existsAsString, "'\(path)' is a string; the API takes the JSON boolean true or false",
          at: range, help: "write \"exists\": true, not \"exists\": \"true\"")
      }
    } catch let error as RuleJSONError {
      log.error(
        error.code, error.message,
        at: error.range ?? SourceRange(start: 0, end: min(1, bytes.count)))
    } catch {
      log.error(
        .invalidFilterJSON, "not valid JSON", at: SourceRange(start: 0, end: min(1, bytes.count)))
    }
    return document
  }

  private static func readRuleText(_ bytes: [UInt8], source: String) -> RuleDocument {
    // The lexer reports invalid UTF-8 with its position, so the bytes are parsed as they are.
    let (parsed, syntax) = FilterSource.parse(bytes: bytes)
    // The directive's problems are the document's, so every command reports them (and an
    // unknown family stops a compile as any error does).
    let (directive, directiveDiagnostics) = AnalyzerDirective.find(in: source)
    let diagnostics = Linter.sorted(directiveDiagnostics + syntax)
    var document = RuleDocument(
      format: .dsl, source: source, content: nil, diagnostics: diagnostics)
    document.analyzerDirective = directive
    guard !syntax.hasErrors else { return document }
    let isRuleSet = if case .ruleSet = parsed { true } else { false }
    document.content = .text(source, isRuleSet: isRuleSet)
    return document
  }
}

/// The problems found while reading one source.
struct ImportLog {
  var diagnostics: [Diagnostic] = []

  mutating func error(
    _ code: DiagnosticCode, _ message: String, at range: SourceRange, help: String? = nil,
    notes: [Diagnostic.Note] = []
  ) {
    diagnostics.append(.error(code, message, at: range, help: help, notes: notes))
  }

  mutating func warning(
    _ code: DiagnosticCode, _ message: String, at range: SourceRange, help: String? = nil
  ) {
    diagnostics.append(Diagnostic(.warning, code, message, at: range, help: help))
  }

  /// An unknown member of a fixed shape, with the closest known name.
  mutating func unknownMember(
    _ name: String, at range: SourceRange, known: [String], in what: String
  ) {
    let hint = Suggestion.closest(to: name, among: known).map { "did you mean '\($0)'?" }
    error(
      .invalidTemplate, "unknown member '\(name)' in \(what)", at: range,
      help: hint ?? "\(what) takes \(known.map { "'\($0)'" }.joined(separator: ", "))")
  }

  /// Reports the members of one filter item (a CloudFormation `Filter` item, a Terraform
  /// `filter` block) that the format does not take, and those given twice.
  mutating func checkFilterMembers(
    _ members: [(name: String, range: SourceRange)], known: [String], in what: String
  ) {
    var seen = Set<String>()
    for member in members {
      if !known.contains(member.name) {
        unknownMember(member.name, at: member.range, known: known, in: what)
      } else if !seen.insert(member.name).inserted {
        error(
          .duplicateCriteria, "'\(member.name)' is given twice in one \(what.dropFirst(2))",
          at: member.range)
      }
    }
  }

  /// Whether the rules (analyzer, where the rule is named) belong to one analyzer; reports
  /// `ambiguous-analyzer` at the first rule of the second one when not.
  mutating func oneAnalyzer(_ rules: [(analyzer: String, range: SourceRange)], in what: String)
    -> Bool
  {
    var analyzers: [String] = []
    for rule in rules where !analyzers.contains(rule.analyzer) { analyzers.append(rule.analyzer) }
    guard analyzers.count > 1, let second = rules.first(where: { $0.analyzer == analyzers[1] })
    else { return true }
    error(
      .ambiguousAnalyzer,
      "\(what) has archive rules for several analyzers: \(analyzers.joined(separator: ", "))",
      at: second.range, help: "pick one with --analyzer-name")
    return false
  }

  /// A criterion with no operator: the API rejects it.
  mutating func emptyCriterion(_ key: String, at range: SourceRange) {
    error(
      .invalidFilterJSON,
      "\(key): a criterion needs at least one of eq, neq, contains, exists",
      at: range)
  }

  /// The second (and later) use of a key in one filter, which the formats silently collapse.
  mutating func repeatedKey(
    _ key: String, at range: SourceRange, first: SourceRange, consequence: String
  ) {
    error(
      .duplicateCriteria, "'\(key)' is given twice in one filter; \(consequence)", at: range,
      help: "merge both into one criterion", notes: [.init("first given here", range: first)])
  }
}
