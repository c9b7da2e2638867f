/// Which findings the team wants archived.
///
/// Either the ids a team marked (a ticket, a file of ids), or every finding with a status, so
/// that the findings a team archived by hand in the console teach the rules.
public enum ExpectedFindings: Hashable, Sendable, Codable {
  /// These finding ids. Duplicates are ignored; the order is kept for reports. An id that is
  /// not among the findings is an error (``SuggestError/Kind/unknownIDs(_:)``).
  case ids([String])
  /// Every finding whose `status` is exactly this value, e.g. `ARCHIVED`.
  case status(String)
}
