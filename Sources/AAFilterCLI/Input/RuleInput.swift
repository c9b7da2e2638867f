import FilterDSL
import FilterFormats

/// A rule source from the command line: an argument, a file (`-f FILE`) or standard input
/// (`-`), in any rule format (`RuleReader` detects it).
struct RuleInput {
  var bytes: [UInt8]
  /// Shown in diagnostics: `rule`, the file's path or `<stdin>`.
  var name: String

  static func load(positional: String?, file: String?, console: Console) throws -> RuleInput {
    switch (positional, file) {
    case (.some, .some):
      throw UsageError(message: "give the rule either as an argument or with -f, not both")
    case (nil, nil):
      throw UsageError(
        message: "no rule given: pass it as an argument, with -f FILE, or '-' for standard input")
    case (.some("-"), nil):
      return RuleInput(bytes: console.readInput(), name: "<stdin>")
    case (.some(let text), nil):
      return RuleInput(bytes: Array(text.utf8), name: "rule")
    case (nil, .some(let path)):
      return try RuleInput.file(path, console: console)
    }
  }

  /// A file, or standard input for `-`.
  static func file(_ path: String, console: Console) throws -> RuleInput {
    path == "-"
      ? RuleInput(bytes: console.readInput(), name: "<stdin>")
      : RuleInput(bytes: try readFile(path, console: console), name: path)
  }

  /// Reads the source in its format; import problems stay in the document.
  func read(format: RuleFormat? = nil, analyzer: String? = nil) -> RuleDocument {
    RuleReader.read(bytes, format: format ?? extensionFormat, analyzerName: analyzer)
  }

  /// A `.yaml`/`.yml` file is a YAML template and a `.sh` file commands, when its content does
  /// not start like another format (a template whose first key is a resource, say).
  var extensionFormat: RuleFormat? {
    let lower = name.lowercased()
    let byName: RuleFormat? =
      lower.hasSuffix(".yaml") || lower.hasSuffix(".yml")
      ? .cloudFormationYAML : lower.hasSuffix(".sh") ? .cliCommands : nil
    guard let byName, RuleFormat.detect(bytes) == .dsl else { return nil }
    return byName
  }

  /// Compiles, printing every diagnostic (warnings too) on standard error.
  /// - Throws: `Reported` when there is an error.
  func compile(_ document: RuleDocument, options: CompileOptions, console: Console) throws
    -> RuleDocument.Compiled
  {
    let (compiled, diagnostics) = document.compile(options: options)
    report(diagnostics, source: document.source, console: console)
    guard let compiled, !diagnostics.hasErrors else { throw Reported() }
    return compiled
  }

  /// Named archive rules, printing every diagnostic on standard error.
  /// - Throws: `Reported` when there is an error.
  func rules(
    _ document: RuleDocument, options: CompileOptions, defaultName: String, console: Console
  )
    throws -> [ArchiveRule]
  {
    let (rules, diagnostics) = document.archiveRules(options: options, defaultName: defaultName)
    report(diagnostics, source: document.source, console: console)
    if diagnostics.hasErrors { throw Reported() }
    return rules
  }

  /// Renders diagnostics against this input on standard error.
  func report(_ diagnostics: [Diagnostic], source: String, console: Console) {
    guard !diagnostics.isEmpty else { return }
    console.writeError(
      DiagnosticRenderer(colored: console.colored).render(diagnostics, source: source, name: name))
  }
}

func readFile(_ path: String, console: Console) throws -> [UInt8] {
  do {
    return try console.readFile(path)
  } catch {
    console.writeErrorLine("error: cannot read '\(path)'")
    throw Reported()
  }
}
