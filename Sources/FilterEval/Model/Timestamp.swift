/// An instant read from a finding, keeping the text it was written as.
///
/// Accepts RFC 3339 and the forms AWS tools print: `2024-02-15T00:49:27+00:00`, fractions of
/// 1 to 9 digits, `Z` or any offset (`+05:30`, `+0530`), and `T` or a space between date and
/// time. Ordered by instant, so `…T10:00:00+02:00` equals `…T08:00:00Z`.
public struct Timestamp: Hashable, Comparable, Sendable, CustomStringConvertible {
  /// Seconds since 1970-01-01T00:00:00Z.
  public var seconds: Int64
  /// The fraction of the second, `0..<1_000_000_000`.
  public var nanoseconds: Int32
  /// The text as written, kept as bytes (usually a slice of the input, so no copy).
  var textBytes: ArraySlice<UInt8>

  /// The text as written (for a timestamp made from a number or a `Date`, RFC 3339 in UTC).
  public var text: String { String(decoding: textBytes, as: UTF8.self) }

  init(seconds: Int64, nanoseconds: Int32, textBytes: ArraySlice<UInt8>) {
    self.seconds = seconds
    self.nanoseconds = nanoseconds
    self.textBytes = textBytes
  }

  /// Parses a timestamp as AWS tools print it.
  /// - Parameter text: RFC 3339 text (`2024-02-15T00:49:27+00:00`, `...Z`, with or without a
  ///   fraction).
  /// - Returns: `nil` when the text is not such a timestamp.
  public init?(parsing text: String) {
    let bytes = Array(text.utf8)
    guard let parsed = bytes.withUnsafeBufferPointer({ Timestamp.parse($0) }) else { return nil }
    self.init(seconds: parsed.seconds, nanoseconds: parsed.nanoseconds, textBytes: bytes[...])
  }

  /// Timestamps are equal when they name the same instant, however written.
  public static func == (lhs: Self, rhs: Self) -> Bool {
    lhs.seconds == rhs.seconds && lhs.nanoseconds == rhs.nanoseconds
  }

  /// Hashes the instant.
  public func hash(into hasher: inout Hasher) {
    hasher.combine(seconds)
    hasher.combine(nanoseconds)
  }

  /// Earlier instants first.
  public static func < (lhs: Self, rhs: Self) -> Bool {
    (lhs.seconds, lhs.nanoseconds) < (rhs.seconds, rhs.nanoseconds)
  }

  /// The text as written.
  public var description: String { text }

  static func parse(_ b: UnsafeBufferPointer<UInt8>) -> (seconds: Int64, nanoseconds: Int32)? {
    // The shortest form is `YYYY-MM-DDTHH:MM:SSZ`; the date and time sit at fixed offsets.
    guard b.count >= 20 else { return nil }
    /// The decimal number in `count` bytes at `offset`, or -1 when one is not a digit.
    @inline(__always) func number(_ offset: Int, _ count: Int) -> Int {
      var value = 0
      for index in offset..<offset + count {
        let digit = Int(b[index]) &- 48
        guard digit >= 0, digit <= 9 else { return -1 }
        value = value * 10 + digit
      }
      return value
    }
    let year = number(0, 4), month = number(5, 2), day = number(8, 2)
    let hour = number(11, 2), minute = number(14, 2), second = number(17, 2)
    let separator = b[10]
    guard year >= 0, day >= 0, hour >= 0, minute >= 0, second >= 0,
      b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"), b[13] == UInt8(ascii: ":"),
      b[16] == UInt8(ascii: ":"),
      separator == UInt8(ascii: "T") || separator == UInt8(ascii: "t") || separator == 0x20,
      (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year), hour < 24,
      minute < 60, second <= 60
    else { return nil }
    var i = 19
    var nanos = 0
    if b[i] == UInt8(ascii: ".") {
      i += 1
      var count = 0
      while i < b.count, b[i] >= 48, b[i] <= 57 {
        guard count < 9 else { return nil }
        nanos = nanos * 10 + Int(b[i]) - 48
        count += 1
        i += 1
      }
      guard count >= 1 else { return nil }
      for _ in count..<9 { nanos *= 10 }
    }
    var offsetSeconds = 0
    guard i < b.count else { return nil }
    if b[i] == UInt8(ascii: "Z") || b[i] == UInt8(ascii: "z") {
      i += 1
    } else if b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") {
      let sign = b[i] == UInt8(ascii: "-") ? -1 : 1
      i += 1
      guard i + 2 <= b.count else { return nil }
      let hours = number(i, 2)
      i += 2
      if i < b.count, b[i] == UInt8(ascii: ":") { i += 1 }
      guard i + 2 <= b.count else { return nil }
      let minutes = number(i, 2)
      i += 2
      guard hours >= 0, minutes >= 0, hours < 24, minutes < 60 else { return nil }
      offsetSeconds = sign * (hours * 3600 + minutes * 60)
    } else {
      return nil
    }
    guard i == b.count else { return nil }
    let days = daysFromCivil(year: year, month: month, day: day)
    let local = Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + second)
    let instant = local - Int64(offsetSeconds)
    // Every instant read must print back with a four-digit year (`canonicalText` prints the
    // last day of 9999 at -23:59); a leap second at the very end of 9999 at -23:59 cannot.
    guard instant < latestReadable else { return nil }
    return (instant, Int32(nanos))
  }

  /// The first instant past 9999-12-31T23:59:59.999999999-23:59.
  private static let latestReadable =
    Int64(daysFromCivil(year: 10_000, month: 1, day: 1)) * 86_400 + 23 * 3600 + 59 * 60

  private static func daysIn(month: Int, year: Int) -> Int {
    switch month {
    case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
    case 4, 6, 9, 11: 30
    default: 31
    }
  }

  /// Days since 1970-01-01 in the proleptic Gregorian calendar (Howard Hinnant's algorithm).
  static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yearOfEra = y - era * 400
    let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146_097 + dayOfEra - 719_468
  }
}
