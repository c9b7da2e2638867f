import FilterLSP
import Foundation

/// `aafilter lsp [--stdio]`
struct LSPCommand: Command {
  static let name = "lsp"
  static let summary = "run the language server for rule files, for editors"
  static let about = """
    Speaks the Language Server Protocol 3.17 on standard input and output: diagnostics as
    'check' gives them, completion, hover, formatting as 'format' prints, quick fixes, outline,
    folding, and go-to-definition, references and rename for rule names. Documents live in
    memory only; logs go to standard error. An editor starts it; see README.md, Editors.
    initializationOptions: {"analyzer": "external|internal|unused", "split": true|false}.

    Exit status: 0 after 'shutdown' and 'exit', 1 when the client exits or goes away without
    'shutdown', 2 on usage errors.
    """
  static let options: [Option] = [.stdio]

  static func run(_ arguments: Arguments, console: Console) throws {
    let status = LanguageServerLoop.run(
      input: STDIN_FILENO, output: STDOUT_FILENO, log: { console.writeError($0 + "\n") })
    if status != 0 { throw Reported() }
  }
}
