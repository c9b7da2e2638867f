@testable import AAFilterCLI
import AAFilterTestSupport
import XCTest

/// What a command reads from its options once parsed: an older name of an output shape is read
/// as the current one, and `--quiet` and `--progress` decide together whether progress shows.
final class OptionValueAndProgressChoiceTests: XCTestCase {
  /// `human` and `summary` are older names of `text`: a command reads `text`, so every branch
  /// that tests for `text` (such as preview's entry limit) treats them alike.
  func testOutputValueAliases_readAsTheCurrentName() throws {
    let output = Option.output(["text", "json", "ids"], default: "text")
    let cases: [([String], String?, UInt)] = [
      (["--output", "human"], "text", #line),
      (["--output", "summary"], "text", #line),
      (["--output=human"], "text", #line),
      (["--output", "text"], "text", #line),
      (["--output", "json"], "json", #line),
      (["--output", "ids"], "ids", #line),
      ([], "text", #line),
    ]
    for (words, expected, line) in cases {
      let arguments = try Arguments(words, options: [output])
      XCTAssertEqual(arguments.choice(output), expected, "\(words)", line: line)
    }
  }

  /// A shape list without `text` has no older names: `human` is refused there.
  func testOutputValueAliases_onlyWhereTextIsAShape() {
    let output = Option.output(["json", "ids"], default: "json")
    XCTAssertThrowsError(try Arguments(["--output", "human"], options: [output])) { error in
      XCTAssertEqual(
        (error as? UsageError)?.message, "option '--output' takes one of json, ids, not 'human'")
    }
  }

  /// Progress shows on a terminal or when forced, and never with `--quiet`, even beside
  /// `--progress`.
  func testProgressChoice_quietWinsOverEverything() throws {
    let cases: [([String], Bool, Bool, UInt)] = [
      ([], false, false, #line),
      ([], true, true, #line),
      (["--progress"], false, true, #line),
      (["--progress"], true, true, #line),
      (["--quiet"], true, false, #line),
      (["--quiet"], false, false, #line),
      (["--quiet", "--progress"], true, false, #line),
      (["--progress", "--quiet"], false, false, #line),
    ]
    for (words, terminal, shown, line) in cases {
      let arguments = try Arguments(words, options: OptionGroup.findingsInput)
      var console = Console(
        write: { _ in }, writeError: { _ in }, readInput: { [] }, readFile: { _ in [] })
      console.errorIsTerminal = terminal
      XCTAssertEqual(
        ProgressLine.make(arguments, console: console) != nil, shown,
        "\(words), terminal: \(terminal)", line: line)
    }
  }
  /// `--name=value` is for long names only: `-f=x` is no spelling of `-f x`.
  func testInlineValues_onlyAfterLongNames() throws {
    let options = OptionGroup.ruleFile
    let accepted: [([String], String, UInt)] = [
      (["--rules=a.aaf"], "a.aaf", #line),
      (["--file=a.aaf"], "a.aaf", #line),
      (["-f", "a.aaf"], "a.aaf", #line),
      (["--rules=x=y"], "x=y", #line),
    ]
    for (words, value, line) in accepted {
      XCTAssertEqual(try Arguments(words, options: options).value(.rules), value, line: line)
    }
    for (words, line) in [(["-f=a.aaf"], #line), (["-f=a.aaf", "--rules", "b"], #line)]
      as [([String], UInt)]
    {
      XCTAssertThrowsError(try Arguments(words, options: options), line: line) { error in
        let message = (error as? UsageError)?.message ?? ""
        XCTAssertTrue(message.hasPrefix("unknown option '-f=a.aaf'"), message, line: line)
      }
    }
  }
  /// A usage line names each required option with its placeholder, then `[options]` only when
  /// the command has an option that is not required, then its operand.
  func testUsage_optionsShownOnlyWhenSomeAreOptional() {
    let cases: [(any Command.Type, String, UInt)] = [
      (OnlyRequired.self, "aafilter only-required --rules FILE --id ID", #line),
      (OneOptional.self, "aafilter one-optional [options] [EXPR]", #line),
      (Mixed.self, "aafilter mixed --id ID [options]", #line),
    ]
    for (command, usage, line) in cases {
      XCTAssertEqual(CommandHelp.usage(command), usage, line: line)
    }
  }

  /// A run quicker than the delay draws nothing, so it must not clear a line either: a
  /// terminal would lose what the shell showed there. A line drawn is cleared once.
  func testProgressLine_clearsOnlyWhatItDrew() {
    let cases: [(delay: Double, updates: Int, finishes: Int, written: [String], UInt)] = [
      (1_000, 0, 1, [], #line),
      (1_000, 3, 2, [], #line),
      (0, 0, 1, [], #line),
      (0, 1, 2, ["reading", "\r\u{1B}[K"], #line),
    ]
    for (delay, updates, finishes, written, line) in cases {
      let shown = ConsoleCapture()
      let progress = ProgressLine(write: { shown.write($0 + "\n") }, delay: delay, interval: 0)
      for _ in 0..<updates { progress.update(bytesRead: 10, totalBytes: nil, findings: 1) }
      for _ in 0..<finishes { progress.finish() }
      let drawn = shown.stdout.split(separator: "\n").map {
        $0.hasPrefix("\r\u{1B}[Kreading") ? "reading" : String($0)
      }
      XCTAssertEqual(drawn, written, line: line)
    }
  }

  /// The time left is rounded up: a read with 1.2 s to go does not claim 1 s, and one about to
  /// end still shows a whole second until it does.
  func testProgressText_timeLeftRoundsUp() {
    let cases: [(Int, Int, Double, String, UInt)] = [
      (100_000_000, 220_000_000, 1, ", 2 s left", #line),
      (100_000_000, 200_000_000, 1, ", 1 s left", #line),
      (100_000_000, 100_000_001, 1, ", 1 s left", #line),
      (100_000_000, 100_000_000, 1, ", 0 s left", #line),
      (50_000_000, 1_000_000_000, 1, ", 19 s left", #line),
    ]
    for (read, total, elapsed, suffix, line) in cases {
      let text = ProgressLine.text(
        bytesRead: read, totalBytes: total, findings: 1, elapsed: elapsed)
      XCTAssertTrue(text.hasSuffix(suffix), text, line: line)
    }
  }
}

private struct OnlyRequired: Command {
  static let name = "only-required"
  static let summary = ""
  static let about = ""
  static let options: [Option] = [.rules, .id]
  static let required = [Option.rules.name, Option.id.name]
  static func run(_ arguments: Arguments, console: Console) throws {}
}

private struct OneOptional: Command {
  static let name = "one-optional"
  static let summary = ""
  static let about = ""
  static let options: [Option] = [.strict]
  static let operand: String? = "[EXPR]"
  static func run(_ arguments: Arguments, console: Console) throws {}
}

private struct Mixed: Command {
  static let name = "mixed"
  static let summary = ""
  static let about = ""
  static let options: [Option] = [.id, .strict]
  static let required = [Option.id.name]
  static func run(_ arguments: Arguments, console: Console) throws {}
}
