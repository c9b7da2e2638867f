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
    guard let fields = Fields(b) else { return nil }
    let instant = fields.instant
    // Every instant read must print back with a four-digit year (`canonicalText` prints the
    // last day of 9999 at -23:59); a leap second at the very end of 9999 at -23:59 cannot.
    guard instant < latestReadable else { return nil }
    return (instant, Int32(fields.nanoseconds))
  }

  /// Whether `parse` reads `b`, without working out the instant where the date settles it:
  /// readers check every timestamp of every record, and sort by a few.
  static func isReadable(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
    guard let fields = Fields(b) else { return false }
    return fields.year < 9999 || fields.instant < latestReadable
  }

  /// A timestamp's parts, checked but not yet turned into an instant.
  private struct Fields {
    var year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0
    var nanoseconds = 0
    var offsetSeconds = 0

    init?(_ b: UnsafeBufferPointer<UInt8>) {
      // The shortest form is `YYYY-MM-DDTHH:MM:SSZ`; the date and time sit at fixed offsets,
      // inside the 20 bytes the guard promises, so they are read without a check per byte.
      guard b.count >= 20, let p = b.baseAddress else { return nil }
      let count = b.count
      // The fourteen digits in three words (`YYYY-MM-`, `DD`, `HH:MM:SS`), checked together.
      let raw = UnsafeRawPointer(p)
      guard
        Self.allDigits(raw.loadUnaligned(as: UInt64.self), 0x00FF_FF00_FFFF_FFFF),
        Self.allDigits(raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self), 0xFFFF),
        Self.allDigits(
          raw.loadUnaligned(fromByteOffset: 11, as: UInt64.self), 0xFFFF_00FF_FF00_FFFF)
      else { return nil }
      @inline(__always) func digit(_ index: Int) -> Int { Int(p[index] & 0x0F) }
      /// The decimal number in two bytes at `offset`, or -1 when one is not a digit.
      @inline(__always) func number(_ offset: Int) -> Int {
        let high = Int(p[offset]) &- 48, low = Int(p[offset + 1]) &- 48
        guard high >= 0, high <= 9, low >= 0, low <= 9 else { return -1 }
        return high * 10 + low
      }
      year = digit(0) * 1000 + digit(1) * 100 + digit(2) * 10 + digit(3)
      month = digit(5) * 10 + digit(6)
      day = digit(8) * 10 + digit(9)
      hour = digit(11) * 10 + digit(12)
      minute = digit(14) * 10 + digit(15)
      second = digit(17) * 10 + digit(18)
      let separator = p[10]
      guard p[4] == UInt8(ascii: "-"), p[7] == UInt8(ascii: "-"), p[13] == UInt8(ascii: ":"),
        p[16] == UInt8(ascii: ":"),
        separator == UInt8(ascii: "T") || separator == UInt8(ascii: "t") || separator == 0x20,
        (1...12).contains(month), day >= 1, day <= Timestamp.daysIn(month: month, year: year),
        hour < 24, minute < 60, second <= 60
      else { return nil }
      var i = 19
      if p[i] == UInt8(ascii: ".") {
        i += 1
        var digits = 0
        while i < count, p[i] >= 48, p[i] <= 57 {
          guard digits < 9 else { return nil }
          nanoseconds = nanoseconds * 10 + Int(p[i]) - 48
          digits += 1
          i += 1
        }
        guard digits >= 1 else { return nil }
        for _ in digits..<9 { nanoseconds *= 10 }
      }
      guard i < count else { return nil }
      if p[i] == UInt8(ascii: "Z") || p[i] == UInt8(ascii: "z") {
        i += 1
      } else if p[i] == UInt8(ascii: "+") || p[i] == UInt8(ascii: "-") {
        let sign = p[i] == UInt8(ascii: "-") ? -1 : 1
        i += 1
        guard i + 2 <= count else { return nil }
        let hours = number(i)
        i += 2
        if i < count, p[i] == UInt8(ascii: ":") { i += 1 }
        guard i + 2 <= count else { return nil }
        let minutes = number(i)
        i += 2
        guard hours >= 0, minutes >= 0, hours < 24, minutes < 60 else { return nil }
        offsetSeconds = sign * (hours * 3600 + minutes * 60)
      } else {
        return nil
      }
      guard i == count else { return nil }
    }

    /// Whether every byte of `word` under `mask` (whole bytes) is an ASCII digit: its high
    /// nibble is 3, and still 3 after adding 6. A byte of 0xFA or more carries into the next,
    /// but such a byte fails its own test or a separator's, so the answer is still no.
    @inline(__always)
    private static func allDigits(_ word: UInt64, _ mask: UInt64) -> Bool {
      let highNibbles: UInt64 = 0xF0F0_F0F0_F0F0_F0F0
      let threes: UInt64 = 0x3030_3030_3030_3030 & mask
      return word & highNibbles & mask == threes
        && (word &+ 0x0606_0606_0606_0606) & highNibbles & mask == threes
    }

    var instant: Int64 {
      let days = Timestamp.daysFromCivil(year: year, month: month, day: day)
      let local = Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + second)
      return local - Int64(offsetSeconds)
    }
  }

  /// The first instant past 9999-12-31T23:59:59.999999999-23:59.
  private static let latestReadable =
    Int64(daysFromCivil(year: 10_000, month: 1, day: 1)) * 86_400 + 23 * 3600 + 59 * 60

  fileprivate static func daysIn(month: Int, year: Int) -> Int {
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
