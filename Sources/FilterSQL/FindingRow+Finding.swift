import FilterEval

extension FindingRow {
  /// The row of one finding as FilterEval reads it, so that every tool that loads findings
  /// into the `aafilter` layout fills the table alike (`aafilter export` does this).
  ///
  /// Every scalar filter key the finding has becomes a column value, the three timestamps
  /// become ``sortableText(_:)``, and the finding's own JSON text is kept so a query's result
  /// reads back as the findings it selected.
  ///
  /// - Parameters:
  ///   - finding: a finding from FilterEval's readers (`FindingsDecoder`,
  ///     `FindingsStoreReader`).
  ///   - position: its position in its input, from 0: the tie-break of every sort.
  public init(_ finding: Finding, position: Int) {
    self.init(
      position: position, json: finding.json.text, hasAccessDetails: finding.hasAccessDetails)
    let scalars: [(String, String?)] = [
      ("id", finding.id), ("resource", finding.resource), ("resourceType", finding.resourceType),
      ("resourceOwnerAccount", finding.resourceOwnerAccount), ("status", finding.status),
      ("error", finding.error), ("findingType", finding.findingType),
      ("resourceControlPolicyRestriction", finding.resourceControlPolicyRestriction),
      ("changeType", finding.changeType), ("existingFindingId", finding.existingFindingId),
      ("existingFindingStatus", finding.existingFindingStatus),
      ("accessType", finding.accessType), ("principalType", finding.principalType),
      ("principalOwnerAccount", finding.principalOwnerAccount),
      ("serviceControlPolicyRestriction", finding.serviceControlPolicyRestriction),
    ]
    for case (let key, let value?) in scalars { values[key] = value }
    isPublic = finding.isPublic
    analyzerFamily = finding.analyzerFamily?.rawValue
    let stamps: [(String, Timestamp?)] = [
      ("createdAt", finding.createdAt), ("analyzedAt", finding.analyzedAt),
      ("updatedAt", finding.updatedAt),
    ]
    for case (let key, let stamp?) in stamps { timestamps[key] = Self.sortableText(stamp) }
    principal = finding.principal.map { $0.entries.map { ($0.key, $0.value) } }
    condition = finding.condition.map { $0.entries.map { ($0.key, $0.value) } }
    action = finding.action
  }

  /// A timestamp as the table stores it: UTC with nine fraction digits, so that byte order is
  /// instant order for the years 0000 to 9999: `2024-02-15T00:49:27.120000000Z`.
  public static func sortableText(_ stamp: Timestamp) -> String {
    let utc = Timestamp(secondsSince1970: stamp.seconds, nanoseconds: stamp.nanoseconds).text
    let parts = utc.dropLast().split(separator: ".", maxSplits: 1)
    let fraction = parts.count > 1 ? String(parts[1]) : ""
    return String(parts[0]) + "." + fraction
      + String(repeating: "0", count: max(0, 9 - fraction.count)) + "Z"
  }
}
