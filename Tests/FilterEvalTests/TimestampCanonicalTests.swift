import FilterEval
import XCTest

final class TimestampCanonicalTests: XCTestCase {
  func testCanonicalText_isUTCAndReadsBackToTheSameInstant() {
    let cases: [(String, String, UInt)] = [
      ("2024-02-15T00:49:27+00:00", "2024-02-15T00:49:27Z", #line),
      ("2024-02-15 05:49:27.500+05:00", "2024-02-15T00:49:27.5Z", #line),
      ("2024-03-01T10:15:00.123000+00:00", "2024-03-01T10:15:00.123Z", #line),
      ("2024-02-14T23:59:59.999999999z", "2024-02-14T23:59:59.999999999Z", #line),
      ("2024-04-11T16:20:00-0530", "2024-04-11T21:50:00Z", #line),
      ("2024-02-29T23:30:00-01:00", "2024-03-01T00:30:00Z", #line),
      ("2016-12-31T23:59:60Z", "2017-01-01T00:00:00Z", #line),  // a leap second is the next one
      ("1969-12-31T23:59:59.1Z", "1969-12-31T23:59:59.1Z", #line),
      ("0000-02-29T12:00:00Z", "0000-02-29T12:00:00Z", #line),
      // Outside years 0000-9999 in UTC: printed at the offset that keeps a four-digit year.
      ("0000-01-01T00:00:00+01:00", "0000-01-01T22:59:00+23:59", #line),
      ("9999-12-31T23:59:59-00:01", "9999-12-31T00:01:59-23:59", #line),
      ("9999-12-31T23:59:59.999999999-23:59", "9999-12-31T23:59:59.999999999-23:59", #line),
    ]
    for (input, expected, line) in cases {
      guard let instant = Timestamp(parsing: input) else {
        XCTFail("'\(input)' does not parse", line: line)
        continue
      }
      XCTAssertEqual(instant.canonicalText, expected, line: line)
      XCTAssertEqual(Timestamp(parsing: expected), instant, line: line)
    }
  }

  /// The date and time are checked eight bytes at a time: any byte that is not a digit where
  /// a digit belongs (or not the separator where one belongs) must still be refused, whatever
  /// the bytes around it, including bytes that carry when added to.
  func testParsing_refusesEveryWrongByteInTheDateAndTime() {
    let valid = Array("2019-08-17T09:08:07.5+05:30".utf8)
    XCTAssertNotNil(Timestamp(parsing: String(decoding: valid, as: UTF8.self)))
    let digits: Set<Int> = [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18]
    let wrong: [UInt8] = [
      0x00, 0x2F, 0x3A, 0x3F, 0x40, 0x41, 0x54, 0x20, 0x2D, 0x7F, 0x80, 0xB0, 0xF9, 0xFA, 0xFF,
    ]
    for position in 0..<19 {
      for byte in wrong + Array("0123456789".utf8) {
        var bytes = valid
        bytes[position] = byte
        let isDigit = (0x30...0x39).contains(byte)
        let separatorOK =
          switch position {
          case 4, 7: byte == UInt8(ascii: "-")
          case 10: byte == UInt8(ascii: "T") || byte == UInt8(ascii: "t") || byte == 0x20
          case 13, 16: byte == UInt8(ascii: ":")
          default: false
          }
        guard digits.contains(position) ? !isDigit : !separatorOK else { continue }
        let text = String(decoding: bytes, as: UTF8.self)
        XCTAssertNil(Timestamp(parsing: text), "byte \(byte) at \(position): \(text)")
      }
    }
  }

  /// Found by fuzzing: a leap second at the end of 9999 at -23:59 is past every instant that
  /// prints with a four-digit year, so it is refused rather than printed as year 10000.
  func testParsing_refusesInstantsThatCannotPrintBack() {
    for input in [
      "9999-12-31T23:59:60.123158-23:59", "9999-12-31T23:59:60-23:59",
    ] {
      XCTAssertNil(Timestamp(parsing: input), input)
    }
  }
}
