import FilterDSL
import Foundation
import XCTest

/// Values an attacker can plant in a finding or a rule, tried against every human-readable
/// output: none may reach the terminal raw, each must show escaped; JSON output stays exact.
final class HostileOutputTests: XCTestCase {
  /// The hostile value and the escaped text a reader must see for it.
  static let values: [(value: String, shown: String, line: UInt)] = [
    ("\u{1B}]0;owned\u{07}", "\\u{1B}]0;owned\\u{7}", #line),  // retitles the window
    ("\u{1B}[2J", "\\u{1B}[2J", #line),  // clears the screen
    ("\u{1B}[1A\rWARNING: nothing", "\\u{1B}[1A\\u{D}WARNING: nothing", #line),  // overwrites
    ("\u{9B}2J", "\\u{9B}2J", #line),  // the one-byte CSI
    ("bucket\u{202E}txt.exe", "bucket\\u{202E}txt.exe", #line),  // right-to-left override
    ("\u{2066}admin\u{2069}", "\\u{2066}admin\\u{2069}", #line),  // isolates
    ("\u{202A}x\u{202C}", "\\u{202A}x\\u{202C}", #line),
    ("two\nlines", "two\\u{A}lines", #line),  // a fake line in a summary
  ]

  /// One finding carrying `value` in its id, resource and resource type.
  static func findings(_ value: String) -> String {
    let finding: [String: Any] = [
      "id": "f-" + value, "resource": "arn:" + value, "resourceType": "Type" + value,
      "status": "ACTIVE", "isPublic": true, "principal": ["AWS": "*"],
      "createdAt": "2024-02-15T00:49:27Z", "updatedAt": "2024-02-15T00:49:27Z",
    ]
    let data = try? JSONSerialization.data(withJSONObject: ["findings": [finding]])
    return String(decoding: data ?? Data(), as: UTF8.self)
  }

  /// An unused access analyzer's stale password finding carrying `value` in its id and resource.
  static func unusedFindings(_ value: String) -> String {
    let finding: [String: Any] = [
      "id": "u-" + value, "resource": "arn:" + value, "resourceType": "AWS::IAM::User",
      "status": "ACTIVE", "findingType": "UnusedIAMUserPassword",
      "createdAt": "2024-04-01T09:30:00Z", "updatedAt": "2024-04-01T09:30:00Z",
      "analyzedAt": "2024-04-01T09:30:00Z",
    ]
    let data = try? JSONSerialization.data(withJSONObject: ["findings": [finding]])
    return String(decoding: data ?? Data(), as: UTF8.self)
  }

  /// The value as a rule-language string literal (JSON string syntax).
  static func literal(_ value: String) -> String {
    let data = try? JSONSerialization.data(withJSONObject: value, options: .fragmentsAllowed)
    return String(decoding: data ?? Data(), as: UTF8.self)
  }

  /// Every human-readable output, each given the hostile value where an attacker would put it.
  /// `rawRuleText` outputs put the value unquoted in rule text, where a newline is a line break
  /// of the source, not part of the value; for the others the whole value must show escaped.
  static let outputs:
    [(name: String, rawRuleText: Bool, run: @Sendable (String) -> RunResult, line: UInt)] = [
      (
        "preview summary", false,
        {
          aafilter(
            ["preview", "--findings", "f.json", "--rule", "Public=isPublic eq true"],
            files: ["f.json": findings($0)])
        }, #line
      ),
      (
        "preview table", false,
        {
          aafilter(
            [
              "preview", "--findings", "f.json", "--rule", "Public=isPublic eq true", "--output",
              "table",
            ],
            files: ["f.json": findings($0)])
        }, #line
      ),
      (
        "query table", false,
        {
          aafilter(
            ["query", "--findings", "f.json", "--filter", "isPublic eq true", "--output", "table"],
            files: ["f.json": findings($0)])
        }, #line
      ),
      (
        "preview summary, unused access", false,
        {
          aafilter(
            [
              "preview", "--analyzer", "unused", "--findings", "f.json", "--rule",
              "R=resourceType eq AWS::IAM::User",
            ],
            files: ["f.json": unusedFindings($0)])
        }, #line
      ),
      (
        "query ids", false,
        {
          aafilter(
            ["query", "--findings", "f.json", "--filter", "isPublic eq true", "--output", "ids"],
            files: ["f.json": findings($0)])
        }, #line
      ),
      (
        "preview ids", false,
        {
          aafilter(
            [
              "preview", "--findings", "f.json", "--rule", "Public=isPublic eq true", "--output",
              "ids",
            ],
            files: ["f.json": findings($0)])
        }, #line
      ),
      (
        "explain", false,
        {
          aafilter(
            [
              "explain", "--findings", "f.json", "--id", "f-" + $0, "--rule",
              "R=resource eq \(literal("arn:" + $0))",
            ],
            files: ["f.json": findings($0)])
        }, #line
      ),
      (
        "explain, unknown id", false,
        {
          aafilter(
            [
              "explain", "--findings", "f.json", "--id", "f-" + $0 + "x", "--rule",
              "R=isPublic exists",
            ],
            files: ["f.json": findings($0)])
        }, #line
      ),
      // The value raw in rule text: the diagnostic shows the source line it is on.
      (
        "diagnostics, raw in a rule", true,
        { aafilter(["compile", "resource eq \"" + $0 + "\" and"]) }, #line
      ),
      (
        "diagnostics, quoted", false,
        { aafilter(["compile", "rule \(literal($0)) { isPublic exists }"]) }, #line
      ),
      ("check human, raw", true, { aafilter(["check", "resourceType eq " + $0]) }, #line),
      (
        "check human, quoted", false, { aafilter(["check", "resourceType eq \(literal($0))"]) },
        #line
      ),
      (
        "check human, file name", false,
        { aafilter(["check", "-f", "r" + $0], files: ["r" + $0: "isPublic eq tru"]) }, #line
      ),
      (
        "findings error", false,
        {
          aafilter(
            ["query", "--findings", "f.json", "--filter", "isPublic exists"],
            files: ["f.json": #"{"findings":[{"id":"a","createdAt":\#(literal($0))}]}"#])
        }, #line
      ),
      (
        "lenient skipped records", false,
        {
          aafilter(
            ["query", "--findings", "f.json", "--filter", "isPublic exists", "--lenient"],
            files: ["f.json": #"{"findings":[{"id":"a","principal":{\#(literal($0)):1}}]}"#])
        }, #line
      ),
    ]

  func testHostileValues_areShownEscapedInEveryHumanOutput() {
    for output in Self.outputs {
      for hostile in Self.values {
        let result = output.run(hostile.value)
        let text = result.stdout + result.stderr
        let where_ = "\(output.name) (line \(output.line)), value at line \(hostile.line)"
        let raw = text.unicodeScalars.filter { $0 != "\n" && DisplayText.isUnsafe($0) }
        XCTAssertTrue(raw.isEmpty, "\(where_): raw \(raw.map { $0.value }) in\n\(text)")
        if output.rawRuleText, hostile.value.contains("\n") { continue }
        XCTAssertTrue(text.contains(hostile.shown), "\(where_): '\(hostile.shown)' not in\n\(text)")
      }
    }
  }

  func testJSONOutputs_stayExact() throws {
    for hostile in Self.values {
      let input = Self.findings(hostile.value)
      let query = aafilter(
        ["query", "--findings", "f.json", "--filter", "isPublic eq true"], files: ["f.json": input])
      XCTAssertEqual(query.status, 0, line: hostile.line)
      let page = try JSONSerialization.jsonObject(with: Data(query.stdout.utf8)) as? [String: Any]
      let finding = (page?["findings"] as? [[String: Any]])?.first
      XCTAssertEqual(finding?["resource"] as? String, "arn:" + hostile.value, line: hostile.line)

      let compiled = aafilter(["compile", "resource eq \(Self.literal(hostile.value))"])
      XCTAssertEqual(compiled.status, 0, compiled.stderr, line: hostile.line)
      let map = try JSONSerialization.jsonObject(with: Data(compiled.stdout.utf8)) as? [String: Any]
      let values = (map?["resource"] as? [String: Any])?["eq"] as? [String]
      XCTAssertEqual(values, [hostile.value], line: hostile.line)
    }
  }
}
