/// Usage lines and help pages, generated from a command's option declarations.
enum CommandHelp {
  /// Where the help column starts, and the width lines are wrapped to.
  static let helpColumn = 24
  static let width = 100

  /// `aafilter query --findings FILE --filter EXPR [options]`
  static func usage(_ command: any Command.Type) -> String {
    var words = ["aafilter", command.name]
    for name in command.required {
      guard let option = command.options.first(where: { $0.name == name }) else { continue }
      words.append(option.name + (option.placeholder.map { " " + $0 } ?? ""))
    }
    if command.options.contains(where: { !command.required.contains($0.name) }) {
      words.append("[options]")
    }
    if let operand = command.operand { words.append(operand) }
    return words.joined(separator: " ")
  }

  /// The whole page `aafilter help COMMAND` prints.
  static func text(_ command: any Command.Type) -> String {
    var lines = ["Usage: \(usage(command))", "", command.summary, ""]
    if !command.about.isEmpty { lines += [command.about, ""] }
    lines.append("Options:")
    for option in command.options {
      lines += entry(option, required: command.required.contains(option.name))
    }
    lines += entry(Option(name: "--help", aliases: ["-h"], value: .flag, help: "show this help"))
    return lines.joined(separator: "\n") + "\n"
  }

  /// One option's lines: its spellings, then its help, allowed values and older names.
  static func entry(_ option: Option, required: Bool = false) -> [String] {
    let short = option.aliases.filter { !$0.hasPrefix("--") }
    let long = option.aliases.filter { $0.hasPrefix("--") }
    var left = "  " + (short + [option.name]).joined(separator: ", ")
    if let placeholder = option.placeholder { left += " " + placeholder }
    var help = option.help
    if option.repeated, !help.contains("repeatable") { help += " (repeatable)" }
    var notes: [String] = required ? ["required"] : []
    switch option.value {
    case .choice(_, let names):
      let shown = names.map { $0 == option.defaultValue ? "\($0) (default)" : $0 }
      notes.append("one of " + list(shown))
    case .integer(_, let range):
      notes.append("from \(range.lowerBound) to \(range.upperBound)")
    case .flag, .text: break
    }
    if !long.isEmpty { notes.append("also spelled " + list(long)) }
    let renamed = Dictionary(grouping: option.valueAliases, by: { $0.1 })
    for (current, olds) in renamed.sorted(by: { $0.key < $1.key }) {
      notes.append("\(list(olds.map(\.0))) \(olds.count == 1 ? "means" : "mean") \(current)")
    }
    let text = ([help] + notes).joined(separator: "; ")
    let indent = String(repeating: " ", count: helpColumn)
    var lines: [String] = []
    var line = left
    if line.count + 1 >= helpColumn {
      lines.append(line)
      line = indent
    } else {
      line = line.padding(toLength: helpColumn, withPad: " ", startingAt: 0)
    }
    var lineHasWords = false
    for word in text.split(separator: " ") {
      if lineHasWords, line.count + 1 + word.count > width {
        lines.append(line)
        line = indent
        lineHasWords = false
      }
      line += (lineHasWords ? " " : "") + word
      lineHasWords = true
    }
    lines.append(line)
    return lines
  }

  /// `a`, `a or b`, `a, b or c`
  private static func list(_ items: [String]) -> String {
    guard let last = items.last else { return "" }
    let rest = items.dropLast()
    return rest.isEmpty ? last : rest.joined(separator: ", ") + " or " + last
  }
}
