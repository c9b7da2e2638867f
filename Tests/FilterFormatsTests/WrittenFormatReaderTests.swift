import AAFilterTestSupport
import FilterDSL
import FilterFormats
import XCTest

/// CloudFormation YAML, the CLI's shorthand and CLI commands read back to exactly the rules
/// written, over hundreds of seeded rule sets and a table of hostile values; malformed input
/// gives diagnostics at the right place, and mutated input never crashes the readers.
final class WrittenFormatReaderTests: XCTestCase {
  static let formats: [(RuleOutputFormat, RuleFormat)] = [
    (.cloudFormationYAML, .cloudFormationYAML), (.cliShorthand, .cliShorthand),
    (.cliCommands, .cliCommands),
  ]
  static let options = ConversionOptions(analyzerName: "Main")

  static func fits(_ rule: ArchiveRule, _ format: RuleOutputFormat) -> Bool {
    format == .cliShorthand ? RuleExpressibility.cliShorthand(rule) : true
  }

  /// read(write(R, F)) == R, detected and with the format given, for 300 seeded sets.
  func testGeneratedRuleSets_readBackExactly() throws {
    for seed in UInt64(0)..<300 {
      var generator = RuleSetGenerator(seed: 0xF0_0000 + seed)
      let rules = generator.rules(1 + Int(seed % 12))
      for (output, input) in Self.formats {
        let fits = rules.filter { Self.fits($0, output) }
        guard !fits.isEmpty else { continue }
        let text = try RuleWriter.write(fits, as: output, options: Self.options).text
        for given in [nil, input] {
          let document = RuleReader.read(Array(text.utf8), format: given)
          XCTAssertEqual(document.format, input, "seed \(seed) \(output)")
          let (read, diagnostics) = document.archiveRules()
          XCTAssertEqual(diagnostics, [], "seed \(seed) \(output)\n\(text)")
          XCTAssertTrue(exactlyEqual(read, fits), "seed \(seed) \(output)\n\(text)")
        }
      }
    }
  }

  static let hostile = [
    "", " ", "'", "\"", "\\", "\\'", "'\\", "\\\\", "a\\,b", "\\,", "''", "\"\"", "'\"'",
    "a b", " lead", "trail ", ",", "a,b", ",,", "{", "}", "{}", "[", "]", "[]", "=", "a=b",
    "k={eq=[x]}", "#", " #x", "a #b", ": ", "a: b", "- x", "-", "?", "? x", "!Ref x", "&a",
    "*a", "|", ">", "%x", "@x", "`x`", "$x", "${x}", "$(x)", "a;b", "a|b", "a&b", "<>",
    "(x)", "~", "null", "true", "False", "yes", "0x1F", "1e3", "007", "---", "...", "é",
    "e\u{301}", "😀", "ключ", "\u{1}", "\u{7F}", "\u{85}", "\u{A0}", "\u{2028}", "\u{FEFF}",
    "new\nline", "cr\rlf", "\n", "\t", "tab\tin", "a\u{0}b", "'single'", "\"double\"",
    "it's", "end\\x", "\\n", "\\u0041", "%{if a}", "$${x}", "//c", "/*c*/",
  ]

  /// Every hostile value, as an `eq` value and (where the format can spell it) a key, reads
  /// back unchanged in every format that can hold it.
  func testHostileValues_readBackExactly() throws {
    for value in Self.hostile {
      let rules = [
        ArchiveRule(
          ruleName: "Values", filter: ["resource": Criterion(eq: [value, "x"], neq: [value + "y"])]
        ),
        ArchiveRule(ruleName: "Keys", filter: [value.isEmpty ? "k" : value: Criterion(eq: ["v"])]),
        ArchiveRule(ruleName: "Contains", filter: ["resource": Criterion(contains: [value])]),
      ]
      for (output, _) in Self.formats {
        let fits = rules.filter { Self.fits($0, output) }
        guard !fits.isEmpty else { continue }
        let text = try RuleWriter.write(fits, as: output, options: Self.options).text
        let (read, diagnostics) = RuleReader.read(Array(text.utf8)).archiveRules()
        XCTAssertEqual(diagnostics, [], "\(output) \(JSONString.quote(value))\n\(text)")
        XCTAssertTrue(
          exactlyEqual(read, fits),
          "\(output) \(JSONString.quote(value)): read \(read.map(\.filter.json))\n\(text)")
      }
    }
  }

  /// Sources written by hand, in the forms each format allows, read to the same rule.
  func testHandWrittenForms_read() {
    let expected =
      #"[{"filter":{"isPublic":{"eq":["false"]},"resource":{"contains":["a b"],"exists":true}},"ruleName":"R"}]"#
    let cases: [(String, RuleFormat?, UInt)] = [
      (
        """
        # a template
        ---
        AWSTemplateFormatVersion: 2010-09-09
        Resources:
          A:
            Type: AWS::AccessAnalyzer::Analyzer
            Properties:
              ArchiveRules:
              - RuleName: R   # trailing comment
                Filter:
                - {Property: isPublic, Eq: ['false']}
                - Property: resource
                  Contains: [ "a b" ]
                  Exists: True
        ...
        """, nil, #line
      ),
      (
        """
        Resources:
          A:
            Type: 'AWS::AccessAnalyzer::Analyzer'
            Properties: {ArchiveRules: [{RuleName: R, Filter: [
              {Property: isPublic, Eq: ["false"]},
              {Property: resource, Contains: ["a
                  b"], Exists: true}]}]}
        """, nil, #line
      ),
      (
        """
        Resources:
          A:
            Type: AWS::AccessAnalyzer::Analyzer
            Properties:
              ArchiveRules:
                - RuleName: !!str R
                  Filter:
                    - Property: isPublic
                      Eq:
                        - |-
                          false
                    - Property: "resource"
                      Contains: ["a\\x20b"]
                      Exists: true
        """, nil, #line
      ),
      ("R\tresource={contains=a b ,exists=TRUE}, isPublic = {eq=['false']}\n", nil, #line),
      ("R\tisPublic={eq=[\"false\"]},resource={contains=['a b'],exists=true}", nil, #line),
      (
        """
        #!/bin/sh
        aws accessanalyzer create-archive-rule \\
          --analyzer-name=Main --rule-name "R" \\
          --filter 'isPublic={eq=[false]},resource={contains=[a b],exists=true}'
        """, nil, #line
      ),
      (
        "aws accessanalyzer update-archive-rule --region us-east-1 --analyzer-name Main "
          + #"--rule-name R --filter "{\"isPublic\":{\"eq\":[\"false\"]},"'"resource":{"contains":["a b"],"exists":true}}'"#,
        .cliCommands, #line
      ),
    ]
    for (source, format, line) in cases {
      let (rules, diagnostics) = RuleReader.read(Array(source.utf8), format: format)
        .archiveRules()
      XCTAssertEqual(diagnostics.map(\.message), [], line: line)
      XCTAssertEqual(encodeJSON(rules), expected, line: line)
    }
  }

  /// Malformed sources: the first error's message and where it starts (`‸` marks the place
  /// and is removed before reading).
  func testMalformedSources_diagnoseAtTheRightPlace() {
    let cases: [(String, RuleFormat?, String, UInt)] = [
      ("Resources:\n  A: ‸&x {}\n", .cloudFormationYAML, "anchors and aliases", #line),
      ("Resources:\n  A: ‸*x\n", .cloudFormationYAML, "anchors and aliases", #line),
      ("Resources:\n‸\tA: {}\n", .cloudFormationYAML, "a tab indents", #line),
      ("Resources:\n  A: 1\n    ‸B: 2\n", .cloudFormationYAML, "unexpected indentation", #line),
      ("Resources:\n  A: ‸\"open\n", .cloudFormationYAML, "unclosed double-quoted", #line),
      ("Resources:\n  A: ‸'open\n", .cloudFormationYAML, "unclosed single-quoted", #line),
      ("Resources:\n  A: ‸[a, b\n", .cloudFormationYAML, "unclosed '['", #line),
      ("Resources:\n  A: \"a‸\\qb\"\n", .cloudFormationYAML, "invalid escape '\\q'", #line),
      ("Resources:\n  A: \"‸\\u12\"\n", .cloudFormationYAML, "hexadecimal digits", #line),
      ("Resources: {}\n‸---\nResources: {}\n", .cloudFormationYAML, "several YAML", #line),
      (
        "Resources:\n  A: b‸: c\n", .cloudFormationYAML, "a mapping cannot start on the line", #line
      ),
      ("Resources:\n  A: ‸!!binary x\n", .cloudFormationYAML, "tag '!!binary'", #line),
      (
        "Resources:\n  A:\n    Type: AWS::AccessAnalyzer::Analyzer\n    Properties:\n"
          + "      ArchiveRules:\n        - RuleName: ‸!Sub '${X}-r'\n          Filter: []\n",
        .cloudFormationYAML, "intrinsic function 'Fn::Sub'", #line
      ),
      (
        "Resources:\n  A:\n    Type: AWS::AccessAnalyzer::Analyzer\n    Properties:\n"
          + "      ArchiveRules: ‸!Ref Rules\n", .cloudFormationYAML, "intrinsic function 'Ref'",
        #line
      ),
      ("R\tk={eq=[a]},‸\n", .cliShorthand, "expected a filter key", #line),
      ("R\tk=‸[a]\n", .cliShorthand, "expected '{' after 'k='", #line),
      ("R\tk={eq=[a]\n‸", .cliShorthand, "expected ',' or '}'", #line),
      ("R\tk={eq=[a‸}\n", .cliShorthand, "expected ',' or ']'", #line),
      ("R\tk={eq=‸'a}\n", .cliShorthand, "unclosed single-quoted", #line),
      ("R\tk={‸eqq=[a]}\n", .cliShorthand, "unknown member 'eqq'", #line),
      ("R\tk={exists=‸maybe}\n", .cliShorthand, "'exists' must be true or false", #line),
      ("R\tk={eq=‸[]}\n", .cliShorthand, "must hold at least one value", #line),
      ("R\tk={eq=[a]},‸k={eq=[b]}\n", .cliShorthand, "'k' is given twice", #line),
      ("R\tk={eq‸@=file://x}\n", .cliShorthand, "reads the value from a file", #line),
      ("R\tk={eq=[a]}\n‸k={eq=[b]}\n", .cliShorthand, "some lines name their rule", #line),
      ("‸ls -l\n", .cliCommands, "only 'aws accessanalyzer", #line),
      (
        "aws accessanalyzer ‸delete-archive-rule --analyzer-name a --rule-name r\n",
        .cliCommands, "does not define a rule", #line
      ),
      (
        "aws accessanalyzer create-archive-rule --analyzer-name ‸$A\n", .cliCommands,
        "shell expansion ('$')", #line
      ),
      (
        "aws accessanalyzer create-archive-rule --filter ‸'{\n", .cliCommands,
        "unclosed single quote", #line
      ),
      (
        "aws accessanalyzer create-archive-rule ‸--rule a --analyzer-name m --filter k={eq=[v]}\n",
        .cliCommands, "unknown option '--rule'", #line
      ),
      (
        "‸aws accessanalyzer create-archive-rule --analyzer-name m --filter k={eq=[v]}\n",
        .cliCommands, "has no '--rule-name'", #line
      ),
      (
        "aws accessanalyzer create-archive-rule --analyzer-name m --rule-name r --filter '{\"k\": ‸{}}'\n",
        .cliCommands, "a criterion needs", #line
      ),
      (
        "aws accessanalyzer create-archive-rule --analyzer-name m --rule-name r --filter 'k={‸eqq=[v]}'\n",
        .cliCommands, "unknown member 'eqq'", #line
      ),
      (
        "aws accessanalyzer create-archive-rule --analyzer-name m --rule-name r --filter 'k={eq='\\''v'\\''‸x}'\n",
        .cliCommands, "expected ',' or '}'", #line
      ),
      (
        "aws accessanalyzer create-archive-rule --analyzer-name m --rule-name r --filter k={eq=[v]}\n"
          + "aws accessanalyzer create-archive-rule --analyzer-name n --rule-name ‸s --filter k={eq=[v]}\n",
        .cliCommands, "archive rules for several analyzers", #line
      ),
    ]
    for (marked, format, message, line) in cases {
      guard let marker = marked.range(of: "‸") else {
        XCTFail("no marker", line: line)
        continue
      }
      let offset = marked.utf8.distance(from: marked.startIndex, to: marker.lowerBound)
      let source = marked.replacingOccurrences(of: "‸", with: "")
      let document = RuleReader.read(Array(source.utf8), format: format)
      guard let first = document.diagnostics.first(where: { $0.severity == .error }) else {
        XCTFail("no error for \(source.debugDescription)", line: line)
        continue
      }
      XCTAssertTrue(first.message.contains(message), "\(first.message)", line: line)
      XCTAssertEqual(first.range.start, offset, "\(first.message)", line: line)
    }
  }

  /// Written text, mutated at random (bytes dropped, repeated, replaced by the characters the
  /// formats treat specially, cut short), is read without crashing; every diagnostic points
  /// into the source, and a read without errors gives valid rules.
  func testMutatedSources_neverCrash() throws {
    var generator = RuleSetGenerator(seed: 0xF022)
    let rules = generator.rules(6).filter { Self.fits($0, .cliShorthand) }
    let specials = Array("'\"\\,={}[]:-#!&*|> \t\n%@$`;".utf8)
    for (output, input) in Self.formats {
      let text = Array(try RuleWriter.write(rules, as: output, options: Self.options).text.utf8)
      for _ in 0..<400 {
        var bytes = text
        for _ in 0..<(1 + Int(generator.random.next() % 3)) where !bytes.isEmpty {
          let index = Int(generator.random.next() % UInt64(bytes.count))
          switch generator.random.next() % 4 {
          case 0: bytes.remove(at: index)
          case 1: bytes.insert(generator.pick(specials), at: index)
          case 2: bytes[index] = generator.pick(specials)
          default: bytes.removeSubrange(index...)
          }
        }
        for format in [nil, input] {
          let document = RuleReader.read(bytes, format: format)
          for diagnostic in document.diagnostics {
            XCTAssertLessThanOrEqual(diagnostic.range.start, diagnostic.range.end)
            XCTAssertLessThanOrEqual(diagnostic.range.end, bytes.count, diagnostic.message)
          }
          let (read, diagnostics) = document.archiveRules()
          if !diagnostics.hasErrors {
            XCTAssertTrue(read.allSatisfy { ArchiveRule.isValidName($0.ruleName) })
          }
        }
      }
    }
  }

  /// Deep nesting is a diagnostic, not a crash.
  func testDeepNesting_isADiagnostic() {
    let cases: [(String, UInt)] = [
      ("Resources: " + String(repeating: "[", count: 10_000), #line),
      ("Resources: " + String(repeating: "{a: ", count: 10_000), #line),
      (
        "Resources:" + (1...200).map { "\n" + String(repeating: " ", count: $0) + "a:" }.joined(),
        #line
      ),
      (
        "Resources:" + (1...200).map { "\n" + String(repeating: " ", count: $0) + "-" }.joined(),
        #line
      ),
      ("Resources: " + String(repeating: "!Ref ", count: 10_000), #line),
    ]
    for (source, line) in cases {
      let document = RuleReader.read(Array(source.utf8), format: .cloudFormationYAML)
      XCTAssertTrue(
        document.diagnostics.contains { $0.message.contains("nested deeper") },
        "\(document.diagnostics.map(\.message))", line: line)
    }
  }

  /// What detection makes of the starts of each format.
  func testDetection() {
    let cases: [(String, RuleFormat, UInt)] = [
      ("---\nResources: {}\n", .cloudFormationYAML, #line),
      ("# t\nAWSTemplateFormatVersion: '2010-09-09'\n", .cloudFormationYAML, #line),
      ("Transform: AWS::Serverless-2016-10-31\n", .cloudFormationYAML, #line),
      ("k={eq=[a]}", .cliShorthand, #line),
      ("principal.AWS = { eq=[a] }", .cliShorthand, #line),
      ("Rule1\tk={eq=[a]}\n", .cliShorthand, #line),
      ("#!/bin/sh\naws accessanalyzer create-archive-rule\n", .cliCommands, #line),
      ("aws  accessanalyzer list-archive-rules", .cliCommands, #line),
      ("resource = x", .dsl, #line),
      ("isPublic eq false", .dsl, #line),
      ("aws eq x", .dsl, #line),
      ("rule R { isPublic = false }", .dsl, #line),
    ]
    for (source, format, line) in cases {
      XCTAssertEqual(RuleFormat.detect(Array(source.utf8)), format, source, line: line)
    }
  }
}
