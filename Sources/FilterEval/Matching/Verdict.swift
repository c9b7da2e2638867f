/// The outcome of evaluating a filter on one finding.
public enum Verdict: String, Hashable, Sendable, Codable {
  /// The finding matches.
  case match
  /// The finding does not match.
  case noMatch = "no-match"
  /// The record lacks data a criterion needs; a full finding could go either way.
  case undecidable

  /// Three-valued AND: a definite "no" wins over "cannot say".
  static func all(_ verdicts: some Sequence<Verdict>) -> Verdict {
    var result = Verdict.match
    for verdict in verdicts {
      if verdict == .noMatch { return .noMatch }
      if verdict == .undecidable { result = .undecidable }
    }
    return result
  }
}
