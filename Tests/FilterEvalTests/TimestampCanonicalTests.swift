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
