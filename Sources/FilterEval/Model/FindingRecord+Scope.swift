import FilterDSL

extension FindingRecord {
  /// Whether an analyzer of `family` never reports this record, so its archive rules never
  /// archive it: the record's family is known and is another one.
  ///
  /// A record whose family is unknown could come from any analyzer and is never outside: a
  /// preview then shows the most the rules could archive, the safe side.
  ///
  /// ```swift
  /// import FilterDSL
  /// import FilterEval
  ///
  /// var finding = Finding()
  /// finding.id = "x1"
  /// finding.analyzerFamily = .external
  /// print(finding.isOutside(analyzer: .unused))  // true
  /// print(finding.isOutside(analyzer: nil))  // false: no family stated, every finding counts
  /// ```
  /// - Parameter family: the family the rules belong to; `nil` when none is stated.
  /// - Returns: `true` when both families are known and differ.
  public func isOutside(analyzer family: AnalyzerFamily?) -> Bool {
    guard let family, let own = analyzerFamily else { return false }
    return own != family
  }
}
