import FilterDSL

/// An expected row no rule archives, before ids are read: rows are named by number, so the
/// ids of many rows are read together, in row order (`SuggestTable.ids`).
struct Gap {
  enum Kind {
    case isPublic
    case inseparable(keptRow: Int)
    case ruleLimit
    case nothingToName
  }

  var row: Int
  var family: AnalyzerFamily
  var kind: Kind
  var detail: String? = nil

  /// The finding as reported, with ids from `ids`.
  func finding(_ ids: [Int: String]) -> UncoveredFinding {
    let reason: UncoveredFinding.Reason
    switch kind {
    case .isPublic: reason = .isPublic
    case .inseparable(let kept): reason = .inseparable(keptID: ids[kept] ?? "")
    case .ruleLimit: reason = .ruleLimit
    case .nothingToName: reason = .nothingToName
    }
    return UncoveredFinding(id: ids[row] ?? "", family: family, reason: reason, detail: detail)
  }
}
