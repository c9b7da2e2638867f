import FilterDSL
import FilterEval

/// Which rows are expected, which are kept, and which family each expected row's rules
/// belong to.
///
/// Kept rows are the active ones that are not expected; a row without a status is kept too,
/// since nothing says it may be archived. Other archived or resolved rows count neither way.
struct ExpectedSelection {
  /// Expected rows, in the order the ids were given (rows of one id in input order).
  private(set) var rows: [Int] = []
  /// Kept rows, in input order.
  private(set) var kept: [Int] = []
  /// The family each expected row's rule set belongs to.
  private var familyOf: [Int: AnalyzerFamily] = [:]
  /// Each expected row's place in the order given.
  private var order: [Int: Int] = [:]
  /// Expected rows of other families than the one asked for, left out.
  private(set) var otherFamilyCount = 0

  init<Records: RandomAccessCollection>(
    _ records: Records, expected: ExpectedFindings, release: (Range<Int>) -> Void
  ) throws where Records.Element: FindingRecord, Records.Index == Int {
    var isExpected = [Bool](repeating: false, count: records.count)
    switch expected {
    case .ids(let ids):
      var wanted: [ByteString: Int] = [:]
      var unique: [String] = []
      for id in ids where wanted[ByteString(text: id)] == nil {
        wanted[ByteString(text: id)] = unique.count
        unique.append(id)
      }
      var found = [[Int]](repeating: [], count: unique.count)
      for row in records.indices {
        if row % 4_096 == 4_095 { release(row - 4_095..<row + 1) }
        guard let id = records[row].findingID, let place = wanted[ByteString(text: id)] else {
          continue
        }
        found[place].append(row)
      }
      let unknown = unique.indices.filter { found[$0].isEmpty }.map { unique[$0] }
      guard unknown.isEmpty else { throw SuggestError(.unknownIDs(unknown)) }
      rows = found.flatMap { $0 }
    case .status(let status):
      rows = records.indices.filter { row in
        records[row].value(for: .status)?.text.map { $0.utf8.elementsEqual(status.utf8) }
          ?? false
      }
    }
    for (place, row) in rows.enumerated() {
      isExpected[row] = true
      order[row] = place
    }
    kept = records.indices.filter { row in
      guard !isExpected[row] else { return false }
      guard let status = records[row].value(for: .status)?.text else { return true }
      return status.utf8.elementsEqual("ACTIVE".utf8)
    }
  }

  /// Settles each expected row's family: its own, else the one asked for, else external.
  /// With a family asked for, expected rows of the others are left out.
  mutating func assignFamilies(_ table: SuggestTable, family: AnalyzerFamily?, log: inout [String])
  {
    var outside = 0
    var kept: [Int] = []
    for row in rows {
      let own = table.families[row]
      if let family, let own, own != family {
        outside += 1
        continue
      }
      familyOf[row] = own ?? family ?? .external
      kept.append(row)
    }
    rows = kept
    otherFamilyCount = outside
    if outside > 0, let family {
      log.append(
        "\(outside) expected findings of other families left out: only \(family.displayName) asked for"
      )
    }
  }

  /// How many expected rows the suggestion is for.
  var expectedCount: Int { rows.count }

  /// The expected rows whose rules belong to `family`, in the order given.
  func rows(of family: AnalyzerFamily) -> [Int] { rows.filter { familyOf[$0] == family } }

  /// Whether `row` is expected (of a family asked for).
  func isExpected(_ row: Int) -> Bool { familyOf[row] != nil }

  /// The place of an expected row in the order given.
  func place(_ row: Int) -> Int { order[row] ?? Int.max }

  /// Uncovered findings in the order given, one per id.
  func ordered(_ uncovered: [Int: UncoveredFinding]) -> [UncoveredFinding] {
    var seen = Set<ByteString>()
    return uncovered.sorted { place($0.key) < place($1.key) }.compactMap { _, finding in
      seen.insert(ByteString(text: finding.id)).inserted ? finding : nil
    }
  }
}
