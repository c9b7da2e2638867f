import FilterDSL
import XCTest

/// Rule text must be well-formed UTF-8 (RFC 3629, table 3-7 of Unicode): at each edge of the
/// table one side is accepted and the other refused at its first byte, with a one-byte range.
final class UTF8BoundaryTests: XCTestCase {
  func testWellFormedness_atEachEdgeOfTheTable() {
    // Bytes after "a", and the offset of the first bad byte (nil when well formed).
    let cases: [([UInt8], Int?, UInt)] = [
      ([0x7F], nil, #line),
      ([0x80], 1, #line),
      ([0xC1, 0xBF], 1, #line),  // overlong two-byte form
      ([0xC2, 0x80], nil, #line),
      ([0xDF, 0xBF], nil, #line),
      ([0xE0, 0x9F, 0xBF], 1, #line),  // overlong three-byte form
      ([0xE0, 0x80, 0x80], 1, #line),
      ([0xE0, 0xA0, 0x80], nil, #line),
      ([0xE1, 0x80, 0x80], nil, #line),
      ([0xEC, 0xBF, 0xBF], nil, #line),
      ([0xED, 0x9F, 0xBF], nil, #line),
      ([0xED, 0xA0, 0x80], 1, #line),  // a surrogate
      ([0xED, 0xBF, 0xBF], 1, #line),
      ([0xEE, 0x80, 0x80], nil, #line),
      ([0xEF, 0xBF, 0xBF], nil, #line),
      ([0xF0, 0x8F, 0xBF, 0xBF], 1, #line),  // overlong four-byte form
      ([0xF0, 0x90, 0x80, 0x80], nil, #line),
      ([0xF3, 0xBF, 0xBF, 0xBF], nil, #line),
      ([0xF4, 0x8F, 0xBF, 0xBF], nil, #line),
      ([0xF4, 0x90, 0x80, 0x80], 1, #line),  // past U+10FFFF
      ([0xF5, 0x80, 0x80, 0x80], 1, #line),
      ([0xE1, 0x80], 1, #line),  // cut short
      ([0xF0, 0x90, 0x80], 1, #line),
      ([0xC2, 0x41], 1, #line),
      ([0xC3, 0xA9, 0xFF], 3, #line),
    ]
    for (tail, offset, line) in cases {
      let bytes = Array("a".utf8) + tail
      XCTAssertEqual(UTF8Validation.firstInvalid(bytes), offset, "\(tail)", line: line)
      let refusal = UTF8Validation.refusal(bytes)
      XCTAssertEqual(refusal?.code, offset.map { _ in DiagnosticCode.invalidUTF8 }, line: line)
      XCTAssertEqual(
        refusal.map { [$0.range.start, $0.range.end] }, offset.map { [$0, $0 + 1] }, line: line)
    }
  }
}
