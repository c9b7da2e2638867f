import FilterDSL
import FilterEval
import Foundation
import XCTest

/// One grammar for JSON strings: the rule-JSON reader (FilterDSL) and the findings reader
/// (FilterEval) accept, reject, decode and place errors alike on every JSONTestSuite string
/// case, so rule JSON meets the suite exactly as findings do.
final class JSONStringGrammarTests: XCTestCase {
  /// What the string grammar itself reports; other messages are about the JSON around it.
  static let grammarMessages = [
    "unterminated string", "unterminated escape", "invalid escape", "'\\u' needs four hex digits",
    "lone surrogate in a string", "control character in a string; escape it",
    "invalid UTF-8 in a string",
  ]

  // Both prefixes are 22 bytes, so a position in the value is the same column in both.
  static func rule(_ value: [UInt8]) -> [UInt8] {
    Array(#"{"resourceType":{"eq":"#.utf8) + value + Array("}}".utf8)
  }

  static func finding(_ value: [UInt8]) -> [UInt8] {
    Array(#"{"id":"x",   "action":"#.utf8) + value + Array("}".utf8)
  }

  func testJSONTestSuiteStrings_ruleJSONReaderAgreesWithTheFindingsReader() throws {
    let directory = JSONConformanceTests.suite
    let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
      .filter { $0.hasSuffix(".json") && $0.contains("string") }
    var counts: [String: Int] = [:]
    for name in names {
      let value = try [UInt8](Data(contentsOf: directory.appendingPathComponent(name)))
      let rule = Result { try RuleJSON.decode(Self.rule(value)) }
      let finding = Result { try FindingsDecoder.decode(Self.finding(value)).findings }
      switch (rule, finding) {
      case (.success(let rule), .success(let findings)):
        counts["accepted", default: 0] += 1
        XCTAssertFalse(name.hasPrefix("n_"), "\(name) must be rejected")
        guard case .filterMap(let map, _) = rule else {
          XCTFail("\(name): read as \(rule)")
          continue
        }
        XCTAssertEqual(map["resourceType"]?.eq, findings.first?.action, name)
      case (.failure(let ruleError), .failure(let findingError)):
        counts["rejected", default: 0] += 1
        // A suite string case in an array is a list of values both readers must take.
        let isList = value.first == UInt8(ascii: "[")
        XCTAssertFalse(name.hasPrefix("y_") && isList, "\(name) must be accepted: \(ruleError)")
        let located = try XCTUnwrap(findingError as? RecordError, name)
        // Rule text that is not UTF-8 is refused whole at its first bad byte (grammar.md,
        // Lexis), before the JSON grammar reads it; findings are refused in the string.
        if let bad = Self.firstInvalidByte(value) {
          counts["not UTF-8", default: 0] += 1
          let refusal = try XCTUnwrap(ruleError as? RuleJSONError, name)
          XCTAssertEqual(refusal.code, .invalidUTF8, name)
          XCTAssertEqual(refusal.range?.start, 22 + bad, name)
          continue
        }
        guard Self.grammarMessages.contains(where: located.message.hasPrefix) else { continue }
        counts["same error", default: 0] += 1
        XCTAssertEqual(
          (ruleError as? RuleJSONError)?.message,
          "not valid JSON: \(located.message) (line \(located.line), column \(located.column))",
          name)
      default:
        XCTFail("\(name): rule JSON \(rule), findings \(finding)")
      }
    }
    XCTAssertEqual(names.count, 109)
    // Pins that the loop saw both answers and compared the grammar's own errors.
    XCTAssertEqual(counts["accepted"], 43)
    XCTAssertEqual(counts["rejected"], 66)
    XCTAssertEqual(counts["same error"], 33)
    XCTAssertEqual(counts["not UTF-8"], 15)
  }

  /// The offset of the first byte that does not start a well-formed UTF-8 sequence, by the
  /// standard library's own parser.
  static func firstInvalidByte(_ bytes: [UInt8]) -> Int? {
    var parser = Unicode.UTF8.ForwardParser()
    var iterator = bytes.makeIterator()
    var offset = 0
    while true {
      switch parser.parseScalar(from: &iterator) {
      case .valid(let scalar): offset += scalar.count
      case .error: return offset
      case .emptyInput: return nil
      }
    }
  }
}
