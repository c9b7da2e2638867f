import AAFilterTestSupport
import FilterEval
import Foundation
import XCTest

/// The findings reader is a complete, strict JSON implementation: checked against the public
/// JSONTestSuite parsing cases, each standing as the value of an unknown field of a finding.
final class JSONConformanceTests: XCTestCase {
  static var suite: URL {
    repositoryRoot.appendingPathComponent("Tests/Fixtures/JSONTestSuite/test_parsing")
  }

  private func embedded(_ value: [UInt8], as member: String = "unknownField") -> [UInt8] {
    Array(#"{"id":"x","\#(member)":"#.utf8) + value + Array("}".utf8)
  }

  func testJSONTestSuite() throws {
    let directory = Self.suite
    let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
    var counts: [Character: Int] = [:]
    for name in names.sorted() where name.hasSuffix(".json") {
      let bytes = try [UInt8](Data(contentsOf: directory.appendingPathComponent(name)))
      let kind = name.first ?? "?"
      counts[kind, default: 0] += 1
      let result = Result { try FindingsDecoder.decode(embedded(bytes)) }
      switch (kind, result) {
      case ("y", .failure(let error)): XCTFail("\(name) must be accepted: \(error)")
      case ("y", .success(let document)): XCTAssertEqual(document.findings.first?.id, "x", name)
      case ("n", .success): XCTFail("\(name) must be rejected")
      case ("n", .failure(let error)):
        let located = try XCTUnwrap(error as? RecordError, name)
        XCTAssertGreaterThanOrEqual(located.line, 1, name)
        XCTAssertGreaterThanOrEqual(located.column, 1, name)
      default: break  // i_: either answer, as long as it does not crash
      }
    }
    XCTAssertEqual(counts["y", default: 0], 95)
    XCTAssertEqual(counts["n", default: 0], 188)
  }

  /// The column store's reader skips unknown members its own way; on every suite case it must
  /// accept, reject and report exactly as the reference decoder does.
  func testJSONTestSuite_storeReaderAgreesWithTheReference() throws {
    let directory = Self.suite
    let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
    var values = try names.sorted().filter { $0.hasSuffix(".json") }.map {
      ($0, try [UInt8](Data(contentsOf: directory.appendingPathComponent($0))))
    }
    // Brackets that close the wrong container, and nesting on both sides of the 64 levels the
    // quick skipper handles before it hands over.
    let deep = { (levels: Int, close: String) in
      String(repeating: "[", count: levels) + "1"
        + String(repeating: "]", count: levels - 1) + close
    }
    let ours = [
      "[1}", #"{"a":1]"#, "[{]}", #"[{"a":[1}]]"#, #"{"a":{"b":1]}"#, "[[1]}", #"{"a":[}"#,
      deep(63, "]"), deep(64, "]"), deep(65, "]"), deep(64, "}"), deep(65, "}"), deep(400, "]"),
    ]
    values += ours.enumerated().map { ("ours-\($0.offset)", Array($0.element.utf8)) }
    var compared = 0
    // An unknown member goes through the quick skipper; `action`, with its column not kept,
    // through the string checker that keeps nothing (most suite cases are arrays of one string).
    let placements: [(String, FindingStore.Columns)] = [("unknownField", .all), ("action", [])]
    for (name, value) in values {
      for (member, columns) in placements {
        // In an array: a lone object is not a shape the store reader takes apart itself.
        let bytes = Array("[".utf8) + embedded(value, as: member) + Array("]".utf8)
        let reference = Result { try FindingsDecoder.decode(bytes).findings }
        let store = Result {
          let reader = FindingsStoreReader(threads: 1, columns: columns)
          let (store, _) = try reader.readAll(InputBytes(bytes))
          return (0..<store.count).map { store.finding(at: $0) }
        }
        let what = "\(name) as \(member)"
        switch (reference, store) {
        case (.success(let expected), .success(let read)): XCTAssertEqual(read, expected, what)
        case (.failure(let expected), .failure(let read)):
          XCTAssertEqual("\(read)", "\(expected)", what)
        default: XCTFail("\(what): the reference gave \(reference), the store reader \(store)")
        }
        compared += 1
      }
    }
    XCTAssertEqual(compared, 2 * (318 + ours.count))
  }

  /// Our own cases, with the exact position reported.
  func testRejections_table() {
    let cases: [(String, String, Int, UInt)] = [
      (#""abc"#, "unterminated string", 26, #line),
      (#""\x""#, #"invalid escape '\x'"#, 27, #line),
      (#""\u12""#, #"'\u' needs four hex digits"#, 27, #line),
      (#""\ud800""#, "lone surrogate in a string", 27, #line),
      (#""\ud800\u0041""#, "lone surrogate in a string", 27, #line),
      (#""\udc00""#, "lone surrogate in a string", 27, #line),
      (#""\ud800\u12""#, #"'\u' needs four hex digits"#, 33, #line),
      (#""\ud800\n""#, "lone surrogate in a string", 27, #line),
      ("\"a\u{01}\"", "control character in a string; escape it", 28, #line),
      ("[1,]", "expected a value, found ']'", 29, #line),
      (#"{"a":1,}"#, "expected a member name in quotes, found '}'", 33, #line),
      ("01", "invalid number: leading zero", 26, #line),
      ("-", "invalid number: expected a digit", 27, #line),
      ("1.", "invalid number: expected a digit after '.'", 28, #line),
      ("1e", "invalid number: expected an exponent", 28, #line),
      ("[1", "expected ',' or ']' in an array", 28, #line),
      ("[1}", "expected ',' or ']' in an array", 28, #line),
      ("tru", "invalid literal, expected 'true'", 29, #line),
      ("nul", "invalid literal, expected 'null'", 29, #line),
      (
        String(repeating: "[", count: 600) + String(repeating: "]", count: 600),
        "nesting deeper than 512 levels", 537, #line
      ),
    ]
    for (value, message, column, line) in cases {
      let bytes = Array(#"{"id":"x","unknownField":"#.utf8) + Array(value.utf8) + Array("}".utf8)
      XCTAssertThrowsError(try FindingsDecoder.decode(bytes), value, line: line) { error in
        let located = error as? RecordError
        XCTAssertEqual(located?.message, message, value, line: line)
        XCTAssertEqual(located?.column, column, value, line: line)
      }
    }
  }

  func testAcceptances_table() throws {
    let values = [
      #""\"\\\/\b\f\n\r\t\u0000\u00e9\ud83d\ude00""#, "-0", "0.5e-10", "1E+2", "[]", "{}",
      #"[[], {}, [{"a":[null]}]]"#,
      " \t\r\n 1 \t\r\n ", #""é😀 raw utf-8""#, #"{"a":1,"a":2}"#, "1e999",
      "-1234567890123456789012345678901234567890",
    ]
    for value in values {
      let bytes = Array(#"{"id":"x","unknownField":"#.utf8) + Array(value.utf8) + Array("}".utf8)
      XCTAssertEqual(try FindingsDecoder.decode(bytes).findings.count, 1, value)
    }
  }
}
