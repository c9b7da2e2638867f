extension Timestamp {
  /// The instant as RFC 3339 text in UTC (`2024-02-15T05:49:27.5Z`), with only the fraction
  /// digits it needs, so equal instants print alike whatever offset they were written with.
  ///
  /// The reader takes four-digit years only; an instant whose UTC year falls outside 0000-9999
  /// (`0000-01-01T00:00:00+01:00`) prints at the offset of ±23:59 that keeps it in range, so the
  /// text always reads back to the same instant.
  public var canonicalText: String {
    let minimum = Int64(Self.daysFromCivil(year: 0, month: 1, day: 1)) * 86_400
    let maximum = Int64(Self.daysFromCivil(year: 10_000, month: 1, day: 1)) * 86_400
    let extreme: Int64 = 23 * 3600 + 59 * 60
    let offset: Int64 = seconds < minimum ? extreme : seconds >= maximum ? -extreme : 0
    let local = seconds + offset
    let days = local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
    let secondOfDay = Int(local - days * 86_400)
    let (year, month, day) = Self.civil(fromDays: Int(days))
    var text =
      pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2) + "T" + pad(secondOfDay / 3600, 2)
      + ":" + pad(secondOfDay / 60 % 60, 2) + ":" + pad(secondOfDay % 60, 2)
    if nanoseconds > 0 {
      var fraction = pad(Int(nanoseconds), 9)
      while fraction.hasSuffix("0") { fraction.removeLast() }
      text += "." + fraction
    }
    switch offset {
    case 0: text += "Z"
    case let positive where positive > 0: text += "+23:59"
    default: text += "-23:59"
    }
    return text
  }

  private func pad(_ value: Int, _ width: Int) -> String {
    let digits = String(value)
    return String(repeating: "0", count: max(0, width - digits.count)) + digits
  }

  /// The proleptic Gregorian date of a day count since 1970-01-01 (Howard Hinnant's algorithm,
  /// the inverse of `daysFromCivil`).
  static func civil(fromDays days: Int) -> (year: Int, month: Int, day: Int) {
    let z = days + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let dayOfEra = z - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let monthIndex = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
    let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
    return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
  }
}
