import FilterEval
import XCTest

/// Inputs the fuzz targets (Fuzz/) stopped on, kept so their answers never change.
final class FuzzRegressionTests: XCTestCase {
  private func embedded(_ value: String) -> [UInt8] {
    Array(#"{"id":"fuzz","fuzzField":"#.utf8) + Array(value.utf8) + Array("}".utf8)
  }

  /// The `findings` target found that Foundation's JSONSerialization departs from RFC 8259 on
  /// these; the reader must keep to the RFC (and the target allows for Foundation's answer).
  func testFindingsTarget_foundationDeviations() {
    let cases: [(String, accepted: Bool, UInt)] = [
      ("[1,]", false, #line),  // Foundation accepts a trailing comma
      ("[1,,]", false, #line),
      ("{\"a\":0,}", false, #line),
      ("[\"\"],", false, #line),
      ("[-1e+9999]", true, #line),  // Foundation rejects a number past a Double's range
      ("1E400", true, #line),
      ("-0.0e-999999", true, #line),
    ]
    for (value, accepted, line) in cases {
      let result = Result { try FindingsDecoder.decode(embedded(value)) }
      switch result {
      case .success(let document):
        XCTAssertTrue(accepted, "'\(value)' must be rejected", line: line)
        XCTAssertEqual(document.findings.first?.id, "fuzz", line: line)
      case .failure(let error):
        XCTAssertFalse(accepted, "'\(value)' must be accepted: \(error)", line: line)
        XCTAssertTrue(error is RecordError, line: line)
      }
    }
  }
}
