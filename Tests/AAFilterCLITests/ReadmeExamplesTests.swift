import AAFilterTestSupport
import Foundation
import XCTest

/// Every `$ swift run aafilter ...` in the README's console blocks prints what the README shows.
final class ReadmeExamplesTests: XCTestCase {
  func testReadmeSessions_areTrue() throws {
    let readme = try String(
      contentsOf: repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
    var checked = 0
    var inConsole = false
    var command: [String]?
    var expected: [String] = []
    func finish() {
      defer { command = nil; expected = [] }
      guard let arguments = command else { return }
      let result = aafilter(arguments)
      let actual = result.stdout + result.stderr
      var shown = expected.joined(separator: "\n") + "\n"
      if expected.last == "..." {
        shown = expected.dropLast().joined(separator: "\n") + "\n"
        XCTAssertTrue(
          actual.hasPrefix(shown), "README: aafilter \(arguments.joined(separator: " "))\n\(actual)"
        )
      } else {
        XCTAssertEqual(actual, shown, "README: aafilter \(arguments.joined(separator: " "))")
      }
      checked += 1
    }
    for line in readme.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
      if line.hasPrefix("```") {
        if inConsole { finish() }
        inConsole = line == "```console"
        continue
      }
      guard inConsole else { continue }
      if line.hasPrefix("$ ") {
        finish()
        let words = shellWords(String(line.dropFirst(2)))
        // Only the tool's own commands, without redirection, are replayed.
        if words.starts(with: ["swift", "run", "aafilter"]), !words.contains(">") {
          command = Array(words.dropFirst(3))
        }
      } else if command != nil {
        expected.append(line)
      }
    }
    XCTAssertGreaterThanOrEqual(checked, 5)
  }

  /// Splits a command line on spaces, honouring single quotes (all the README uses).
  private func shellWords(_ line: String) -> [String] {
    var words: [String] = []
    var current = ""
    var quoted = false
    var started = false
    for character in line {
      if character == "'" {
        quoted.toggle()
        started = true
      } else if character == " ", !quoted {
        if started { words.append(current) }
        current = ""
        started = false
      } else {
        current.append(character)
        started = true
      }
    }
    if started { words.append(current) }
    return words
  }
}
