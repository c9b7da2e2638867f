import FilterDSL

/// One subcommand: its names, the options it accepts and its behaviour. Usage and help are
/// generated from `options` (see `CommandHelp`).
protocol Command: Sendable {
  static var name: String { get }
  static var summary: String { get }
  /// What the command does, in a few lines of prose; the options are listed after it.
  static var about: String { get }
  /// Every option the command accepts.
  static var options: [Option] { get }
  /// Options that must be given, by canonical name.
  static var required: [String] { get }
  /// The words that may stand outside options (`[EXPR | -]`); `nil` when none may.
  static var operand: String? { get }
  /// Runs; throws `UsageError` for mistakes in the words, `Reported` after diagnostics.
  static func run(_ arguments: Arguments, console: Console) throws
}

extension Command {
  static var required: [String] { [] }
  static var operand: String? { nil }
}

/// The `aafilter` tool: dispatches to a subcommand and maps failures to exit statuses.
public enum AAFilter {
  /// The libraries' version: the tool is released with them.
  public static let version = AAFilterVersion.current

  static var commands: [any Command.Type] {
    [
      CompileCommand.self, FormatCommand.self, QueryCommand.self, PreviewCommand.self,
      ExplainCommand.self, CheckCommand.self, ConvertCommand.self, DiffCommand.self,
      PlanCommand.self, SQLCommand.self, ExportCommand.self, SuggestCommand.self,
      LSPCommand.self,
    ]
  }

  static var overview: String {
    let width = commands.map { $0.name.count }.max() ?? 0
    let lines = commands.map {
      "  \($0.name.padding(toLength: width, withPad: " ", startingAt: 0))  \($0.summary)"
    }
    return """
      aafilter: write, check and preview AWS IAM Access Analyzer archive rules and finding filters

      Usage: aafilter <command> [options]

      Commands:
      \(lines.joined(separator: "\n"))

      Run 'aafilter help <command>' for a command's options, 'aafilter --version' for the version.

      """
  }

  /// Runs the tool with `arguments` (without the program name); returns the exit status.
  public static func main(_ arguments: [String], console: Console) -> Int32 {
    defer { console.flush() }
    guard let first = arguments.first else {
      console.writeError(overview)
      return ExitStatus.usage.rawValue
    }
    if first == "--version" {
      console.write("aafilter \(version)\n")
      return ExitStatus.success.rawValue
    }
    if first == "--help" || first == "-h" || first == "help" {
      if first == "help", arguments.count > 1 {
        guard let command = commands.first(where: { $0.name == arguments[1] }) else {
          return usageFailure(
            "unknown command '\(arguments[1])'", usage: "aafilter help <command>", console: console)
        }
        console.write(CommandHelp.text(command))
        return ExitStatus.success.rawValue
      }
      console.write(overview)
      return ExitStatus.success.rawValue
    }
    guard let command = commands.first(where: { $0.name == first }) else {
      let hint =
        Suggestion.closest(to: first, among: commands.map { $0.name }).map {
          " (did you mean '\($0)'?)"
        } ?? ""
      return usageFailure(
        "unknown command '\(first)'\(hint)", usage: "aafilter <command> [options]", console: console
      )
    }
    do {
      let parsed = try Arguments(
        Array(arguments.dropFirst()), options: command.options, required: command.required,
        maxPositionals: command.operand == nil ? 0 : 1)
      if parsed.wantsHelp {
        console.write(CommandHelp.text(command))
        return ExitStatus.success.rawValue
      }
      try command.run(parsed, console: console)
      return ExitStatus.success.rawValue
    } catch let error as UsageError {
      return usageFailure(error.message, usage: CommandHelp.usage(command), console: console)
    } catch let reported as Reported {
      return reported.status.rawValue
    } catch {
      console.writeErrorLine("error: \(error)")
      return ExitStatus.invalidInput.rawValue
    }
  }

  private static func usageFailure(_ message: String, usage: String, console: Console) -> Int32 {
    console.writeErrorLine("error: \(message)")
    console.writeError("Usage: \(usage)\n")
    return ExitStatus.usage.rawValue
  }
}
