import FilterDSL

/// `aafilter check`'s diagnostics as the protocol's `Diagnostic`: the code and a link to its
/// section of docs/checks.md, `source` "aafilter", the severity (error 1; warning and risk 2;
/// anything milder 3), and the notes as related information in the same document.
///
/// The message is check's message, unchanged, so an editor and `aafilter check --output json`
/// say the same thing; the help line and the label travel in `data`, and the fix as a code
/// action.
enum DiagnosticMapping {
  /// Where docs/checks.md is published: the repository's address, as SARIF's `informationUri`
  /// names it, and the file on its default branch.
  static let checksDocument = "https://github.com/aafilter/aafilter/blob/main/docs/checks.md"

  static func json(_ diagnostic: Diagnostic, uri: String, values: LSPValues) -> JSONValue {
    var members: [(String, JSONValue)] = [
      ("range", values.range(diagnostic.range)),
      ("severity", .number(severity(diagnostic.severity))),
      ("code", .string(diagnostic.code.rawValue)),
      ("codeDescription", .object([("href", .string(link(diagnostic.code)))])),
      ("source", .string("aafilter")),
      ("message", .string(diagnostic.message)),
    ]
    if !diagnostic.notes.isEmpty {
      members.append(
        (
          "relatedInformation",
          .array(
            diagnostic.notes.map { note in
              .object([
                ("location", values.location(uri, note.range ?? diagnostic.range)),
                ("message", .string(note.message)),
              ])
            })
        ))
    }
    var data: [(String, JSONValue)] = []
    if let help = diagnostic.help { data.append(("help", .string(help))) }
    if let label = diagnostic.label { data.append(("label", .string(label))) }
    if !data.isEmpty { members.append(("data", .object(data))) }
    return .object(members)
  }

  /// The protocol's severity: 1 error, 2 warning, 3 information.
  static func severity(_ severity: Severity) -> Int {
    switch severity.rawValue {
    case "error": 1
    case "warning", "risk": 2
    default: 3
    }
  }

  /// The link to the section of docs/checks.md that lists `code`.
  static func link(_ code: DiagnosticCode) -> String {
    checksDocument + "#" + (ChecksSections.anchor(of: code) ?? "checks")
  }
}
