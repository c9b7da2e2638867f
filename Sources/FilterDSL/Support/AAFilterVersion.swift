/// The version of the aafilter libraries (FilterDSL and FilterEval, released together) and of
/// the `aafilter` tool built from them. Semantic versioning; CHANGELOG.md lists each release.
public enum AAFilterVersion: Sendable {
  /// The version, `MAJOR.MINOR.PATCH`.
  public static let current = "0.2.0"
}
