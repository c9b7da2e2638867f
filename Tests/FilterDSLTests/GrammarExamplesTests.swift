import FilterDSL
import FilterFormats
import Foundation
import XCTest

/// Runs every example line of grammar.md, so the specification cannot drift from the code.
final class GrammarExamplesTests: XCTestCase {
  static var grammarURL: URL {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("grammar.md")
  }

  func testEveryGrammarExample_holds() throws {
    let text = try String(contentsOf: Self.grammarURL, encoding: .utf8)
    let lines = text.split(separator: "\n").map(String.init)
    var checked = 0
    for (number, line) in lines.enumerated() {
      let where_ = "grammar.md:\(number + 1)"
      if line.hasPrefix("compile('") {
        try checkCompile(line, where_)
        checked += 1
      } else if line.hasPrefix("format('") {
        try checkFormat(line, where_)
        checked += 1
      } else if line.hasPrefix("diff('") {
        try checkDiff(line, where_)
        checked += 1
      }
    }
    XCTAssertGreaterThan(checked, 60, "the examples block went missing")
  }

  private func checkCompile(_ line: String, _ where_: String) throws {
    let split = line.contains("', split) -> ")
    let separator = split ? "', split) -> " : "') -> "
    guard let range = line.range(of: separator) else {
      return XCTFail("\(where_): malformed example")
    }
    let source = String(line[line.index(line.startIndex, offsetBy: 9)..<range.lowerBound])
    let expected = String(line[range.upperBound...])
    let result = compileToJSON(source, split: split)
    if expected.hasPrefix("error ") {
      let code = String(expected.dropFirst(6))
      switch result {
      case .success(let json): XCTFail("\(where_): expected error \(code), compiled to \(json)")
      case .failure(let error):
        XCTAssertEqual(
          error.diagnostics.first?.code.rawValue, code,
          "\(where_): \(error.diagnostics.map(\.message))")
      }
    } else {
      switch result {
      case .success(let json):
        XCTAssertEqual(jsonObject(json), jsonObject(expected), "\(where_): got \(json)")
      case .failure(let error): XCTFail("\(where_): \(error)")
      }
    }
  }

  /// `diff('A', 'B') -> same` or `-> changed`: rules A and B, under one name, compared.
  private func checkDiff(_ line: String, _ where_: String) throws {
    guard let middle = line.range(of: "', '"), let end = line.range(of: "') -> ") else {
      return XCTFail("\(where_): malformed example")
    }
    let a = String(line[line.index(line.startIndex, offsetBy: 6)..<middle.lowerBound])
    let b = String(line[middle.upperBound..<end.lowerBound])
    let rules = try [a, b].map {
      [ArchiveRule(ruleName: "r", filter: try FilterExpression(parsing: $0).filterMap())]
    }
    let same = RuleSetDiff(desired: rules[0], deployed: rules[1]).isEmpty
    XCTAssertEqual(same ? "same" : "changed", String(line[end.upperBound...]), where_)
  }

  private func checkFormat(_ line: String, _ where_: String) throws {
    guard let range = line.range(of: "') -> '") else {
      return XCTFail("\(where_): malformed example")
    }
    let source = String(line[line.index(line.startIndex, offsetBy: 8)..<range.lowerBound])
    let expected = String(line[range.upperBound...].dropLast())
    let expression = try FilterExpression(parsing: source)
    let maps = try expression.filterMaps(splitting: true)
    let printer = FilterPrinter()
    var text = printer.print(maps)
    if let sort = expression.sort { text += " " + printer.print(sort) }
    XCTAssertEqual(text, expected, where_)
  }
}

/// Runs every `check(...)` line of grammar.md: the family settled, how, and the codes reported.
final class GrammarCheckExamplesTests: XCTestCase {
  func testEveryCheckExample_holds() throws {
    let text = try String(contentsOf: GrammarExamplesTests.grammarURL, encoding: .utf8)
    var checked = 0
    for (number, line) in text.split(separator: "\n").enumerated() where line.hasPrefix("check('") {
      let where_ = "grammar.md:\(number + 1)"
      guard let arrow = line.range(of: ") -> ", options: .backwards),
        let quoteEnd = line[..<arrow.lowerBound].range(of: "'", options: .backwards)
      else {
        XCTFail("\(where_): malformed")
        continue
      }
      // `\n` stands for a line break, so a directive and a rule fit on one line.
      let source = String(line[line.index(line.startIndex, offsetBy: 7)..<quoteEnd.lowerBound])
        .replacingOccurrences(of: "\\n", with: "\n")
      let given = line[quoteEnd.upperBound..<arrow.lowerBound]
        .trimmingCharacters(in: CharacterSet(charactersIn: ", "))
      let expected = line[arrow.upperBound...].split(separator: " ", maxSplits: 2).map(String.init)
      guard expected.count == 3 else {
        XCTFail("\(where_): malformed")
        continue
      }
      let options = LintOptions(analyzer: given.isEmpty ? nil : AnalyzerFamily(name: given))
      let report = Linter.lint(source, options: options)
      XCTAssertEqual(report.family.family.rawValue, expected[0], where_)
      XCTAssertEqual(report.family.source.rawValue, expected[1], where_)
      let codes = Set(report.diagnostics.map(\.code.rawValue)).sorted()
      XCTAssertEqual("[" + codes.joined(separator: ", ") + "]", expected[2], where_)
      checked += 1
    }
    XCTAssertGreaterThanOrEqual(checked, 10)
  }
}
