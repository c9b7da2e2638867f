import Foundation
import XCTest

/// Where `check` says a problem is, in every output, when the text before it is not plain ASCII:
/// byte offsets are the file's own bytes, columns count code points after a byte-order mark,
/// and the human caret counts terminal cells (a tab shows as one space, an emoji takes two,
/// a combining mark none).
final class SourcePositionTests: XCTestCase {
  private struct Position {
    /// UTF-8 offset of `isPublik` in the file.
    var byte: Int
    var line: Int
    /// In code points, as `check --output json` and SARIF give it.
    var column: Int
    /// Code points from the start of the text (after a byte-order mark): SARIF's `charOffset`.
    var char: Int
    /// Blanks before the caret under the shown line.
    var caretIndent: Int
    /// The source line as `check` shows it.
    var shown: String
  }

  /// Each row's text ends in `isPublik eq true`, whose `unknown-key` warning is followed
  /// through the three outputs. The rows' other characters are written as escapes so the
  /// table shows exactly which scalars stand before the warning.
  private let rows: [(prefix: String, Position, UInt)] = [
    (
      "isPublic eq false and ",
      Position(
        byte: 22, line: 1, column: 23, char: 22, caretIndent: 22,
        shown: "isPublic eq false and isPublik eq true"), #line
    ),
    (
      "\u{FEFF}isPublic eq false and ",
      Position(
        byte: 25, line: 1, column: 23, char: 22, caretIndent: 22,
        shown: "isPublic eq false and isPublik eq true"), #line
    ),
    (
      "isPublic eq false\r\nand ",
      Position(
        byte: 23, line: 2, column: 5, char: 23, caretIndent: 4, shown: "and isPublik eq true"),
      #line
    ),
    (
      "isPublic eq false and\t",
      Position(
        byte: 22, line: 1, column: 23, char: 22, caretIndent: 22,
        shown: "isPublic eq false and isPublik eq true"), #line
    ),
    (
      "isPublic eq false and error eq \"\u{1F600}\" and ",
      Position(
        byte: 42, line: 1, column: 40, char: 39, caretIndent: 40,
        shown: "isPublic eq false and error eq \"\u{1F600}\" and isPublik eq true"), #line
    ),
    (
      "isPublic eq false and error eq \"e\u{301}\u{301}\" and ",
      Position(
        byte: 43, line: 1, column: 42, char: 41, caretIndent: 39,
        shown: "isPublic eq false and error eq \"e\u{301}\u{301}\" and isPublik eq true"), #line
    ),
    (
      "isPublic eq false and error eq \"\u{65E5}\u{672C}\" and ",
      Position(
        byte: 44, line: 1, column: 41, char: 40, caretIndent: 42,
        shown: "isPublic eq false and error eq \"\u{65E5}\u{672C}\" and isPublik eq true"), #line
    ),
    (
      "isPublic eq false and error eq \"a\u{200D}b\" and ",
      Position(
        byte: 43, line: 1, column: 42, char: 41, caretIndent: 40,
        shown: "isPublic eq false and error eq \"a\u{200D}b\" and isPublik eq true"), #line
    ),
    (
      "\u{FEFF}# \u{1F600} e\u{301}\r\nisPublic eq false and\terror eq \"\u{1F600}e\u{301}\" and ",
      Position(
        byte: 60, line: 2, column: 42, char: 49, caretIndent: 41,
        shown: "isPublic eq false and error eq \"\u{1F600}e\u{301}\" and isPublik eq true"), #line
    ),
  ]

  func testUnknownKey_positionsInHumanJSONAndSARIF() throws {
    for (prefix, expected, line) in rows {
      let files = ["r.aaf": prefix + "isPublik eq true\r\n"]
      let human = aafilter(["check", "-f", "r.aaf"], files: files)
      XCTAssertEqual(human.status, 0, human.stderr, line: line)
      let gutter = String(repeating: " ", count: String(expected.line).count)
      XCTAssertTrue(
        human.stdout.hasPrefix(
          """
          warning: unknown filter key 'isPublik'
          \(gutter)--> r.aaf:\(expected.line):\(expected.column)
          \(gutter) |
          \(expected.line) | \(expected.shown)
          \(gutter) | \(String(repeating: " ", count: expected.caretIndent))^^^^^^^^ the service
          """), human.stdout, line: line)

      let json = try object(aafilter(["check", "-f", "r.aaf", "--format", "json"], files: files))
      let diagnostic = try XCTUnwrap(
        (json["diagnostics"] as? [[String: Any]])?.first { $0["code"] as? String == "unknown-key" },
        line: line)
      let range = try XCTUnwrap(diagnostic["range"] as? [String: Int], line: line)
      XCTAssertEqual(
        range,
        [
          "start": expected.byte, "end": expected.byte + 8, "line": expected.line,
          "column": expected.column, "endLine": expected.line, "endColumn": expected.column + 8,
        ], line: line)
      let fix = try XCTUnwrap(diagnostic["fix"] as? [String: Any], line: line)
      XCTAssertEqual((fix["range"] as? [String: Int])?["start"], expected.byte, line: line)
      XCTAssertEqual(
        Array(Array(files["r.aaf", default: ""].utf8)[expected.byte..<expected.byte + 8]),
        Array("isPublik".utf8), "the range is not the file's bytes", line: line)

      let sarif = try object(aafilter(["check", "-f", "r.aaf", "--format", "sarif"], files: files))
      let run = try XCTUnwrap((sarif["runs"] as? [[String: Any]])?.first, line: line)
      XCTAssertEqual(run["columnKind"] as? String, "unicodeCodePoints", line: line)
      let result = try XCTUnwrap(
        (run["results"] as? [[String: Any]])?.first { $0["ruleId"] as? String == "unknown-key" },
        line: line)
      let location = (result["locations"] as? [[String: Any]])?.first?["physicalLocation"]
      let region = try XCTUnwrap(
        (location as? [String: Any])?["region"] as? [String: Int], line: line)
      XCTAssertEqual(
        region,
        [
          "startLine": expected.line, "startColumn": expected.column, "endLine": expected.line,
          "endColumn": expected.column + 8, "charOffset": expected.char, "charLength": 8,
          "byteOffset": expected.byte, "byteLength": 8,
        ], line: line)
    }
  }

  /// Text that is not UTF-8 is refused at its first bad byte, in every rule format, and nothing
  /// after it is reported: checks on a repaired copy would point past the real bytes.
  func testInvalidUTF8_refusedAtTheFirstBadByte() throws {
    let cases: [(name: String, bytes: [UInt8], offset: Int, line: Int, column: Int, UInt)] = [
      (
        "r.aaf",
        Array("isPublic eq false # caf".utf8) + [0xE9] + Array("\nand isPublik eq true".utf8), 23,
        1, 24, #line
      ),
      (
        "r.aaf", Array("\u{FEFF}# \u{1F600}\r\n\tisPublik eq ".utf8) + [0xC3, 0x28], 24, 2, 14,
        #line
      ),
      (
        "r.aaf", Array("rule a { error eq \"".utf8) + [0xED, 0xA0, 0x80] + Array("\" }".utf8), 19,
        1, 20, #line
      ),
      (
        "r.json", Array(#"{"isPublik": {"eq": ["caf"#.utf8) + [0xE9] + Array(#""]}, "x": 1}"#.utf8),
        25, 1, 26, #line
      ),
      (
        "r.tf",
        Array(
          "resource \"aws_accessanalyzer_archive_rule\" \"r\" {\n  rule_name = \"\u{1F600}".utf8)
          + [0xFF] + Array("\"\n}\n".utf8), 68, 2, 17, #line
      ),
    ]
    for (name, bytes, offset, line, column, row) in cases {
      let url = FileManager.default.temporaryDirectory.appendingPathComponent(
        "positions-\(UUID().uuidString)-\(name)")
      try Data(bytes).write(to: url)
      defer { try? FileManager.default.removeItem(at: url) }
      let json = try object(aafilter(["check", "-f", url.path, "--format", "json"]), status: 1)
      let diagnostics = try XCTUnwrap(json["diagnostics"] as? [[String: Any]], line: row)
      XCTAssertEqual(diagnostics.count, 1, "\(diagnostics)", line: row)
      XCTAssertEqual(diagnostics.first?["code"] as? String, "invalid-utf8", line: row)
      XCTAssertEqual(
        diagnostics.first?["range"] as? [String: Int],
        [
          "start": offset, "end": offset + 1, "line": line, "column": column, "endLine": line,
          "endColumn": column + 1,
        ], line: row)
      let human = aafilter(["check", "-f", url.path])
      XCTAssertEqual(human.status, 1, line: row)
      XCTAssertTrue(
        human.stdout.hasPrefix(
          "error: the text is not valid UTF-8\n --> \(url.path):\(line):\(column)\n"),
        human.stdout, line: row)
    }
  }

  private func object(_ result: RunResult, status: Int32 = 0, line: UInt = #line) throws
    -> [String: Any]
  {
    XCTAssertEqual(result.status, status, result.stderr, line: line)
    let value = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
    return try XCTUnwrap(value as? [String: Any], line: line)
  }
}
