/// Renders diagnostics for people: header, location, the source line and a caret under the span.
///
/// ```
/// error: expected a value after 'eq', found 'and'
///  --> rule:1:17
///   |
/// 1 | resourceType eq and isPublic exists
///   |                 ^^^ expected a string or a word here
/// ```
///
/// Messages, labels, notes, the file name and the source line are shown through
/// ``DisplayText/escape(_:)``: a rule file is someone else's text, and its control characters
/// or bidirectional overrides must not act on the reader's terminal. Carets follow the escaped
/// line; the `line:column` location counts the original characters.
public struct DiagnosticRenderer: Sendable {
  /// Whether to colour severities and carets with ANSI escapes (for a terminal).
  public var colored: Bool

  /// A renderer.
  /// - Parameter colored: use ANSI colours.
  public init(colored: Bool = false) {
    self.colored = colored
  }

  /// Renders several diagnostics against one source, separated by blank lines.
  /// - Parameters:
  ///   - diagnostics: the diagnostics.
  ///   - source: the text they point into.
  ///   - name: the name shown in locations (`rules.aaf:3:7`).
  /// - Returns: the text, each diagnostic ending in a newline.
  public func render(_ diagnostics: [Diagnostic], source: String, name: String) -> String {
    let map = LineMap(Array(source.utf8))
    return diagnostics.map { render($0, map: map, name: name) }.joined(separator: "\n")
  }

  /// Renders one diagnostic.
  /// - Parameters:
  ///   - diagnostic: the diagnostic.
  ///   - source: the text it points into.
  ///   - name: the name shown in its location.
  /// - Returns: the text, ending in a newline.
  public func render(_ diagnostic: Diagnostic, source: String, name: String) -> String {
    render(diagnostic, map: LineMap(Array(source.utf8)), name: name)
  }

  func render(_ diagnostic: Diagnostic, map: LineMap, name: String) -> String {
    let name = DisplayText.escape(name)
    let location = map.location(of: diagnostic.range.start)
    let gutter = String(repeating: " ", count: String(location.line).count)
    var lines: [String] = []
    lines.append(
      paint(diagnostic.severity.rawValue, diagnostic.severity) + ": "
        + DisplayText.escape(diagnostic.message))
    lines.append("\(gutter)--> \(name):\(location.line):\(location.column)")
    lines.append("\(gutter) |")
    lines += snippet(
      diagnostic.range, label: diagnostic.label, severity: diagnostic.severity, map: map,
      gutter: gutter)
    for note in diagnostic.notes {
      let message = DisplayText.escape(note.message)
      if let range = note.range {
        let noteLocation = map.location(of: range.start)
        if noteLocation.line == location.line {
          // Same line: underline the other span beneath, as a secondary mark.
          let (column, width) = map.displaySpan(range)
          lines.append(
            "\(gutter) | " + String(repeating: " ", count: column - 1)
              + String(repeating: "-", count: width)
              + " " + message)
          continue
        }
        lines.append(
          "\(gutter) = note: \(message) (\(name):\(noteLocation.line):\(noteLocation.column))")
        let noteGutter = String(
          repeating: " ", count: max(gutter.count, String(noteLocation.line).count))
        lines += snippet(range, label: nil, severity: .warning, map: map, gutter: noteGutter)
      } else {
        lines.append("\(gutter) = note: \(message)")
      }
    }
    if let help = diagnostic.help {
      lines.append("\(gutter) = help: \(DisplayText.escape(help))")
    }
    return lines.joined(separator: "\n") + "\n"
  }

  private func snippet(
    _ range: SourceRange, label: String?, severity: Severity, map: LineMap, gutter: String
  ) -> [String] {
    let start = map.location(of: range.start)
    let lineText = DisplayText.escape(map.text(ofLine: start.line))
    let (column, width) = map.displaySpan(range)
    let number = String(start.line)
    let pad = String(repeating: " ", count: gutter.count - number.count)
    var caretLine = "\(gutter) | " + String(repeating: " ", count: column - 1)
    caretLine += paint(String(repeating: "^", count: width), severity)
    if let label { caretLine += " " + DisplayText.escape(label) }
    return ["\(pad)\(number) | \(lineText)", caretLine]
  }

  private func paint(_ text: String, _ severity: Severity) -> String {
    guard colored else { return text }
    let color =
      switch severity {
      case .error: "31"
      case .warning: "33"
      case .risk: "35"
      }
    return "\u{1B}[1;\(color)m\(text)\u{1B}[0m"
  }
}
