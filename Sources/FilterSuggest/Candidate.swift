/// A rule the search may choose: per key the values it accepts (`eq`, or `in` for several),
/// and the expected findings it archives without matching any kept one.
struct Candidate: Sendable {
  /// Table key indices, in preference order.
  var keys: [Int]
  /// Per key, the accepted value ids.
  var values: [[UInt32]]
  /// Positions in the problem's expected rows that the rule archives, ascending.
  var rows: [Int32]
  /// Preference: lower is preferred among rules covering as many.
  var cost: Int
  /// Whether the rule narrows only by type or account.
  var isBroad: Bool

  /// The keys as one value, for grouping rules of the same shape.
  var shape: [Int] { keys }
}
