import FilterDSL

/// Rule text from the command line: an argument, a file (`-f FILE`) or standard input (`-`).
struct RuleInput {
  var text: String
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
      return try decode(console.readInput(), name: "<stdin>", console: console)
    case (.some(let text), nil):
      return RuleInput(text: text, name: "rule")
    case (nil, .some(let path)):
      return try decode(readFile(path, console: console), name: path, console: console)
    }
  }

  static func decodeFile(_ bytes: [UInt8], name: String, console: Console) throws -> RuleInput {
    try decode(bytes, name: name, console: console)
  }

  private static func decode(_ bytes: [UInt8], name: String, console: Console) throws -> RuleInput {
    if let text = String(validating: bytes, as: UTF8.self) {
      return RuleInput(text: text, name: name)
    }
    // The lexer reports the first invalid byte with its position.
    let (_, diagnostics) = FilterSource.parse(bytes: bytes)
    let text = String(decoding: bytes, as: UTF8.self)
    console.writeError(
      DiagnosticRenderer(colored: console.colored).render(diagnostics, source: text, name: name))
    throw Reported()
  }

  /// Renders diagnostics against this input on standard error.
  func report(_ diagnostics: [Diagnostic], console: Console) {
    guard !diagnostics.isEmpty else { return }
    console.writeError(
      DiagnosticRenderer(colored: console.colored).render(diagnostics, source: text, name: name))
  }

  /// Parses, reporting syntax errors.
  func parse(console: Console) throws -> FilterSource {
    do {
      return try FilterSource(parsing: text)
    } catch let error as DiagnosticError {
      report(error.diagnostics, console: console)
      throw Reported()
    }
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
