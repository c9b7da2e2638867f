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
    let utc = Self.format(seconds: seconds + offset, nanoseconds: nanoseconds)
    guard offset != 0 else { return utc }
    // `format` ends in `Z`; the local time it printed is at the offset instead.
    return utc.dropLast() + (offset > 0 ? "+23:59" : "-23:59")
  }
}
