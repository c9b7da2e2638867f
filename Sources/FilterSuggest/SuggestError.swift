/// Why no suggestion could be made at all (the command's exit status 2).
public struct SuggestError: Error, Hashable, Sendable, CustomStringConvertible {
  /// What went wrong.
  public enum Kind: Hashable, Sendable {
    /// Expected ids that are not among the findings, in the order given.
    case unknownIDs([String])
    /// An option out of its range, with what is wrong with it.
    case invalidOption(String)
  }

  /// What went wrong.
  public var kind: Kind

  /// An error of `kind`.
  /// - Parameter kind: what went wrong.
  public init(_ kind: Kind) {
    self.kind = kind
  }

  /// One line for a person, without a final period.
  public var description: String {
    switch kind {
    case .unknownIDs(let ids):
      let shown = ids.prefix(5).map { "'\($0)'" }.joined(separator: ", ")
      let more = ids.count > 5 ? " and \(ids.count - 5) more" : ""
      return ids.count == 1
        ? "expected finding \(shown) is not among the findings"
        : "\(ids.count) expected findings are not among the findings: \(shown)\(more)"
    case .invalidOption(let message):
      return message
    }
  }
}
