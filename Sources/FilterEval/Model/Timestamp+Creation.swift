import Foundation

extension Timestamp {
  /// The instant `secondsSince1970` seconds and `nanoseconds` after 1970-01-01T00:00:00Z,
  /// written in RFC 3339 in UTC (`2024-02-15T00:49:27Z`, with a fraction when there is one).
  /// - Parameters:
  ///   - secondsSince1970: whole seconds since the Unix epoch (negative before it).
  ///   - nanoseconds: the fraction of the second, `0..<1_000_000_000`; values outside that
  ///     range carry into the seconds.
  public init(secondsSince1970: Int64, nanoseconds: Int32 = 0) {
    let carry = Int64(nanoseconds) / 1_000_000_000
    var seconds = secondsSince1970 + carry
    var nanos = Int64(nanoseconds) - carry * 1_000_000_000
    if nanos < 0 {
      nanos += 1_000_000_000
      seconds -= 1
    }
    let text = Self.format(seconds: seconds, nanoseconds: Int32(nanos))
    self.init(seconds: seconds, nanoseconds: Int32(nanos), textBytes: ArraySlice(text.utf8))
  }

  /// The instant a `Date` holds. A `Date` is a floating-point count of seconds, so the
  /// instant is rounded to the microsecond, the precision it keeps for present-day dates.
  /// - Parameter date: the date.
  public init(_ date: Date) {
    let micros = (date.timeIntervalSince1970 * 1_000_000).rounded()
    let clamped = max(min(micros, 9.2e18), -9.2e18)
    let whole = Int64(clamped)
    var seconds = whole / 1_000_000
    var fraction = whole % 1_000_000
    if fraction < 0 {
      fraction += 1_000_000
      seconds -= 1
    }
    self.init(secondsSince1970: seconds, nanoseconds: Int32(fraction * 1_000))
  }

  /// The same instant as a `Date` (to the precision a `Date` keeps).
  public var date: Date {
    Date(timeIntervalSince1970: Double(seconds) + Double(nanoseconds) / 1_000_000_000)
  }

  /// RFC 3339 in UTC, the fraction without trailing zeros.
  static func format(seconds: Int64, nanoseconds: Int32) -> String {
    var days = seconds / 86_400
    var rest = seconds % 86_400
    if rest < 0 {
      rest += 86_400
      days -= 1
    }
    let (year, month, day) = civil(fromDays: days)
    func two(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }
    let yearText =
      year >= 0 && year < 10_000
      ? String(repeating: "0", count: 4 - "\(year)".count) + "\(year)" : "\(year)"
    var text =
      "\(yearText)-\(two(month))-\(two(day))T\(two(rest / 3600)):"
      + "\(two(rest % 3600 / 60)):\(two(rest % 60))"
    if nanoseconds > 0 {
      var digits = String(nanoseconds)
      digits = String(repeating: "0", count: 9 - digits.count) + digits
      while digits.hasSuffix("0") { digits.removeLast() }
      text += "." + digits
    }
    return text + "Z"
  }

  /// Year, month and day of a day count since 1970-01-01 (Howard Hinnant's algorithm).
  private static func civil(fromDays days: Int64) -> (Int64, Int64, Int64) {
    let z = days + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let dayOfEra = z - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let monthIndex = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
    let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
    let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    return (year, month, day)
  }
}
