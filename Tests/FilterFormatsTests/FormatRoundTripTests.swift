import AAFilterTestSupport
import FilterDSL
import FilterFormats
import Foundation
import XCTest

/// Every readable format, written and read back, gives the same rules; through rule-set JSON
/// and back, the same text. On generated rule sets of 600 rules whose keys and values need
/// quoting in each format. What a format cannot say is an error, never a silent change.
final class FormatRoundTripTests: XCTestCase {
  static let options = ConversionOptions(analyzerName: "Main")
  static var unlimited: CompileOptions {
    var options = CompileOptions()
    options.limits.maxRules = .max
    return options
  }

  /// Whether a format can hold the rule exactly, by the limits each format documents.
  static func expressible(_ rule: ArchiveRule, in format: RuleOutputFormat) -> Bool {
    switch format {
    case .terraform: RuleExpressibility.terraform(rule)
    case .cliShorthand: RuleExpressibility.cliShorthand(rule)
    default: true
    }
  }

  func testEveryReadableFormat_roundTripsThroughJSON() throws {
    var generator = RuleSetGenerator(seed: 0x5EED_F00D)
    let rules = generator.rules(600)
    let cases: [(RuleOutputFormat, RuleFormat, UInt)] = [
      (.dsl, .dsl, #line), (.json, .json, #line), (.rulesJSON, .json, #line),
      (.cloudFormation, .cloudFormation, #line), (.terraform, .terraform, #line),
      (.cloudFormationYAML, .cloudFormationYAML, #line), (.cliShorthand, .cliShorthand, #line),
      (.cliCommands, .cliCommands, #line),
    ]
    for (output, input, line) in cases {
      let fits = rules.filter { Self.expressible($0, in: output) }
      // The shorthand cannot spell the odd keys, which 1 rule in 4 has.
      XCTAssertGreaterThanOrEqual(fits.count, output == .cliShorthand ? 400 : 500, line: line)
      let text = try RuleWriter.write(fits, as: output, options: Self.options).text
      let document = RuleReader.read(Array(text.utf8))
      XCTAssertEqual(document.format, input, line: line)
      let (read, diagnostics) = document.archiveRules(options: Self.unlimited)
      XCTAssertFalse(diagnostics.hasErrors, "\(output): \(diagnostics.prefix(3))", line: line)
      XCTAssertTrue(exactlyEqual(read, fits), "\(output) read back differs", line: line)
      let json = try RuleWriter.write(read, as: .rulesJSON).text
      let (fromJSON, _) = RuleReader.read(Array(json.utf8)).archiveRules()
      let again = try RuleWriter.write(fromJSON, as: output, options: Self.options).text
      XCTAssertTrue(
        again.utf8.elementsEqual(text.utf8), "\(output) text differs after JSON", line: line)
      if [.terraform, .cloudFormation, .cloudFormationYAML, .cliCommands].contains(output) {
        XCTAssertEqual(document.analyzerName, "Main", line: line)
      }
    }
  }

  /// One unnamed filter in the CLI's shorthand (the `--filter` value itself) reads back as one
  /// unnamed filter, for every generated rule the shorthand can hold.
  func testShorthandFilter_readsBackAsOneFilter() throws {
    var generator = RuleSetGenerator(seed: 0x700_15)
    let rules = generator.rules(700).filter { Self.expressible($0, in: .cliShorthand) }
    XCTAssertGreaterThanOrEqual(rules.count, 500)
    for rule in rules {
      let text = try RuleWriter.write([rule], as: .cliShorthand, single: true).text
      let document = RuleReader.read(Array(text.utf8))
      XCTAssertEqual(document.format, .cliShorthand, text)
      XCTAssertTrue(document.isSingleFilter, text)
      let (read, diagnostics) = document.archiveRules(defaultName: rule.ruleName)
      XCTAssertEqual(diagnostics, [], text)
      XCTAssertTrue(exactlyEqual(read, [rule]), "\(text) read as \(read)")
    }
  }

  /// Rules a format cannot hold make the writer throw, naming the reason.
  func testInexpressibleRules_areErrors() {
    var generator = RuleSetGenerator(seed: 0xBAD5_EED)
    let rules = generator.rules(600)
    let cases: [(RuleOutputFormat, String, UInt)] = [
      (.terraform, "not in Unicode NFC", #line),
      (.cliShorthand, "cannot", #line),
    ]
    for (format, reason, line) in cases {
      let misfits = rules.filter { !Self.expressible($0, in: format) }
      XCTAssertFalse(misfits.isEmpty, line: line)
      for rule in misfits {
        XCTAssertThrowsError(
          try RuleWriter.write([rule], as: format, options: Self.options), line: line
        ) {
          XCTAssertTrue("\($0)".contains(reason), "\($0)", line: line)
        }
      }
    }
    let empty = [ArchiveRule(ruleName: "All", filter: [:])]
    for format in [RuleOutputFormat.cloudFormation, .cloudFormationYAML, .terraform, .cliShorthand]
    {
      XCTAssertThrowsError(
        try RuleWriter.write(empty, as: format, options: Self.options), "\(format)")
    }
    XCTAssertThrowsError(try RuleWriter.write(rules, as: .terraform)) {
      XCTAssertEqual(
        "\($0)", "Terraform's aws_accessanalyzer_archive_rule needs the analyzer's name")
    }
  }

  /// `terraform show -json` state, as the provider stores it (unset lists empty, `exists` an
  /// empty string when unset), reads to the same rules.
  func testTerraformShowJSON_readsTheState() throws {
    var generator = RuleSetGenerator(seed: 42)
    let rules = generator.rules(500)
    func list(_ values: [String]?) -> JSONValue { .array((values ?? []).map(JSONValue.string)) }
    let resources: [JSONValue] = rules.enumerated().map { index, rule in
      let filters: [JSONValue] = rule.filter.sortedKeys.reversed().compactMap { key in
        rule.filter[key].map {
          .object([
            ("contains", list($0.contains)), ("criteria", .string(key)), ("eq", list($0.eq)),
            ("exists", .string($0.exists.map { $0 ? "true" : "false" } ?? "")),
            ("neq", list($0.neq)),
          ])
        }
      }
      return .object([
        ("address", .string("aws_accessanalyzer_archive_rule.r\(index)")),
        ("mode", .string("managed")),
        ("type", .string("aws_accessanalyzer_archive_rule")), ("name", .string("r\(index)")),
        (
          "values",
          .object([
            ("analyzer_name", .string("Main")), ("filter", .array(filters)),
            ("id", .string("Main/\(rule.ruleName)")), ("rule_name", .string(rule.ruleName)),
          ])
        ),
      ])
    }
    let state = JSONValue.object([
      ("format_version", .string("1.0")), ("terraform_version", .string("1.9.0")),
      ("values", .object([("root_module", .object([("resources", .array(resources))]))])),
    ]).serialized()
    let document = RuleReader.read(Array(state.utf8))
    XCTAssertEqual(document.format, .terraformJSON)
    XCTAssertEqual(document.analyzerName, "Main")
    let (read, diagnostics) = document.archiveRules()
    XCTAssertEqual(diagnostics, [])
    XCTAssertTrue(exactlyEqual(read, rules))
  }
}
