import AAFilterTestSupport
import FilterDSL
import FilterFormats
import Foundation
import XCTest

/// `RuleDocument.formatted()` keeps every comment where grammar.md (*Printing*) says, prints
/// its own output unchanged, and never changes what the text compiles to.
final class FormattedCommentsTests: XCTestCase {
  static func format(_ text: String) -> String? {
    RuleReader.read(Array(text.utf8), format: .dsl).formatted().text
  }

  static var options: CompileOptions {
    var options = CompileOptions(split: true)
    options.limits.maxValuesPerOperator = .max
    options.limits.maxFilterMaps = .max
    options.limits.maxRules = .max
    return options
  }

  /// What text means: its rules or maps and sort as JSON, and its analyzer family.
  static func meaning(_ text: String) -> String? {
    let document = RuleReader.read(Array(text.utf8), format: .dsl)
    let family = document.analyzerDirective.map { "\($0.family)" } ?? "-"
    switch document.compile(options: options).compiled {
    case nil: return nil
    case .rules(let rules):
      return family + " " + JSONValue.array(rules.map(\.json)).serialized()
    case .filters(let maps, let sort):
      let sorted = sort.map { "\($0.attributeName) \($0.orderBy)" } ?? "-"
      return family + " " + JSONValue.array(maps.map(\.json)).serialized() + " " + sorted
    }
  }

  static let goldens: [(String, String, UInt)] = [
    // The task's example: the header, the directive first, stays on top byte for byte.
    (
      "# aafilter: analyzer=unused\n# keep me\nrule A { # inner\n findingType eq UnusedIAMRole # trailing\n}\n# between\nrule B { resource contains \"x\" }\n",
      "# aafilter: analyzer=unused\n# keep me\nrule A { # inner\n  findingType eq UnusedIAMRole # trailing\n}\n\n# between\nrule B {\n  resource contains x\n}\n",
      #line
    ),
    // Trailing white space and CRLF trimmed; indentation dropped; blank lines at most one.
    (
      "\u{FEFF}  # head \t\r\n\r\n\r\n\r\n# two\r\nrule A { a eq 1 }\r\n",
      "# head\n\n# two\nrule A {\n  a eq 1\n}\n", #line
    ),
    // Own-line and inner trailing comments go before the body's line, in order.
    (
      "rule A {\n  b eq 2 # on b\n  and a eq 1\n  # before close\n}",
      "rule A {\n  # on b\n  # before close\n  a eq 1 and b eq 2\n}\n", #line
    ),
    // After `}` on its line stays; after the last rule stays at the end, with its blank line.
    (
      "rule A { a eq 1 } # after A\nrule B { b eq 2 }\n# end\n\n# very end",
      "rule A {\n  a eq 1\n} # after A\n\nrule B {\n  b eq 2\n}\n\n# end\n\n# very end\n", #line
    ),
    // A split rule: inner comments in its first part, the one after `}` on its last.
    (
      "# h\n\nrule W { # why\n  a eq 1 or b eq 2 # both\n} # done\n",
      "# h\n\nrule W-1 { # why\n  a eq 1 # both\n}\n\nrule W-2 {\n  b eq 2\n} # done\n", #line
    ),
    // An empty rule with comments keeps them inside.
    ("rule E { # nothing\n}", "rule E { # nothing\n}\n", #line),
    ("rule E {\n # nothing\n}", "rule E {\n  # nothing\n}\n", #line),
    ("rule E { } # after", "rule E { } # after\n", #line),
    // Expressions: header on top, the last token's comment on the line, the rest after it.
    (
      "# head\na eq 1 # x\n and b eq 2 # t\n# after\n",
      "# head\na eq 1 and b eq 2 # t\n# x\n# after\n", #line
    ),
    (
      "isPublic eq false order by id desc # newest",
      "isPublic eq false order by id desc # newest\n", #line
    ),
    (
      "a eq 1 and # aafilter: analyzer=unused\n b eq 2",
      "a eq 1 and b eq 2\n# aafilter: analyzer=unused\n", #line
    ),
    ("# only a comment\n", "# only a comment\n", #line),
    ("", "\n", #line),
    // A `#` inside a quoted value is not a comment.
    ("rule A { a eq \"#x\" } # real", "rule A {\n  a eq \"#x\"\n} # real\n", #line),
  ]

  func testGoldens() {
    for (input, expected, line) in Self.goldens {
      let output = Self.format(input)
      XCTAssertEqual(output, expected, "formatted", line: line)
      XCTAssertEqual(output.flatMap(Self.format), expected, "formatted twice", line: line)
      XCTAssertEqual(output.flatMap(Self.meaning), Self.meaning(input), "meaning", line: line)
    }
  }

  /// grammar.md's *Printing* example: the first text block after "**Comments.**" formats as
  /// the second.
  func testGrammarPrintingExample() throws {
    let grammar = try String(
      contentsOf: repositoryRoot.appendingPathComponent("grammar.md"), encoding: .utf8)
    let section = try XCTUnwrap(grammar.components(separatedBy: "**Comments.**").last)
    let blocks = section.components(separatedBy: "```text\n").dropFirst().prefix(2).compactMap {
      $0.components(separatedBy: "```").first
    }
    XCTAssertEqual(blocks.count, 2)
    XCTAssertEqual(Self.format(blocks.first ?? ""), blocks.last)
  }

  /// Comments inserted at random token boundaries of generated rule sets and expressions.
  struct CommentedText {
    var random: SeededGenerator
    var inserted: [String] = []

    static let texts = [
      "", " plain", "rule X { a eq 1 }", " }", " \"quote", " é😀 e\u{301}", "#", " ( or",
      " aafilter: analyzer=internal",
    ]
    static let layouts = [" #%@\n", "\n#%@\n", "\n\n  #%@ \t\n\n", "\r\n#%@\r\n", " #%@\n\n\n"]

    mutating func number(_ bound: Int) -> Int { Int(random.next() % UInt64(bound)) }

    /// `text` with comments between some of its tokens; each comment is numbered so the test
    /// can find it in the output.
    mutating func insertComments(into text: String) -> String {
      let bytes = Array(text.utf8)
      var lexer = Lexer(bytes)
      var boundaries = [0]
      while true {
        let token = lexer.next()
        if token.kind == .endOfInput { break }
        boundaries.append(token.range.end)
      }
      var output: [UInt8] = []
      var copied = 0
      for boundary in boundaries where number(100) < 30 {
        output += bytes[copied..<boundary]
        copied = boundary
        // The marker goes last, so a directive's text stays a directive (misplaced after the
        // first token, a warning); in the header it would name no family, an error.
        let marker = " c\(inserted.count);"
        inserted.append(marker)
        let text = Self.texts[number(Self.texts.count)]
        let body = (boundary == 0 && text.contains("aafilter") ? "" : text) + marker
        let layout = Self.layouts[number(Self.layouts.count)]
        output += Array(layout.replacingOccurrences(of: "%@", with: body).utf8)
      }
      output += bytes[copied...]
      return String(decoding: output, as: UTF8.self)
    }
  }

  private func checkProperties(
    _ texts: [String], seed: UInt64, file: StaticString = #filePath, line: UInt = #line
  ) {
    var commented = CommentedText(random: SeededGenerator(seed: seed))
    for (index, plain) in texts.enumerated() {
      commented.inserted = []
      var text = commented.insertComments(into: plain)
      if index % 3 == 0 { text = "# aafilter: analyzer=unused\n" + text }
      guard let meaning = Self.meaning(text) else {
        XCTFail("generated text does not compile: \(text)", file: file, line: line)
        continue
      }
      guard let once = Self.format(text) else {
        XCTFail("does not format: \(text)", file: file, line: line)
        continue
      }
      XCTAssertEqual(Self.format(once), once, "idempotent: \(text)", file: file, line: line)
      XCTAssertEqual(Self.meaning(once), meaning, "meaning: \(text)", file: file, line: line)
      for marker in commented.inserted {
        XCTAssertEqual(
          once.components(separatedBy: marker).count, 2, "\(marker) kept once: \(text)",
          file: file, line: line)
      }
    }
  }

  func testGeneratedRuleSets_withComments_keepMeaningAndFormatIdempotently() {
    var generator = RuleSetGenerator(seed: 0xC0_FFEE)
    let printer = FilterPrinter()
    let sets = (0..<150).map { index in
      var text = printer.print(generator.rules(1 + index % 6))
      // Some rules that split.
      if index % 4 == 0 {
        text +=
          "\nrule Split\(index) { \(printer.print(generator.filter())) or \(printer.print(generator.filter())) }"
      }
      return text
    }
    checkProperties(sets, seed: 7)
    var files = RuleFileGenerator(seed: 11)
    checkProperties((0..<10).map { files.text(rules: 3 + $0) }, seed: 13)
  }

  func testGeneratedExpressions_withComments_keepMeaningAndFormatIdempotently() {
    var generator = RuleSetGenerator(seed: 0xE_C0DE)
    let printer = FilterPrinter()
    let expressions = (0..<150).map { index in
      var text = printer.print((0...(index % 3)).map { _ in generator.filter() })
      if index % 5 == 0 { text += " order by updatedAt asc" }
      return text
    }
    checkProperties(expressions, seed: 17)
  }

  /// The fuzz corpus holds text of every shape, valid or not: what formats, formats to itself
  /// and means the same.
  func testFuzzCorpus_formatsIdempotently() throws {
    let folder = repositoryRoot.appendingPathComponent("Fuzz/dsl/corpus")
    let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
    XCTAssertGreaterThan(names.count, 10)
    var formatted = 0
    for name in names {
      let bytes = try [UInt8](Data(contentsOf: folder.appendingPathComponent(name)))
      let text = String(decoding: bytes, as: UTF8.self)
      guard let once = RuleReader.read(bytes, format: .dsl).formatted().text else { continue }
      formatted += 1
      XCTAssertEqual(Self.format(once), once, name)
      XCTAssertEqual(Self.meaning(once), Self.meaning(text), name)
    }
    XCTAssertGreaterThan(formatted, 10)
  }
}
