/// The one way criteria are evaluated over columns, for both columnar paths: ``FindingTable``
/// (records a caller holds) and ``FindingStore`` (findings read from bytes). They differ only
/// in how a row's value is found; how a verdict is reached and combined is here.
///
/// Ranks per row, as ``FindingMatcher/evaluate(_:)`` combines verdicts: 0 match,
/// 1 undecidable, 2 no match; each criterion merges its rank in and the worst one stays.
/// Every verdict comes from the criterion's definition (``CompiledCriterion``), answered once
/// per distinct value and looked up per row; a row that has already failed is decided again
/// only when that is cheaper than asking.
struct ColumnVerdicts {
  private(set) var ranks: [UInt8]

  /// A row's value id: 0 when absent, this when the row decides for itself (it cannot be
  /// read from the column), else an id from 1 answered by the column's values.
  static let decidedByRow = UInt32.max
  private static let unknown: UInt8 = 0xFF

  /// Every row a match until a criterion says otherwise.
  init(count: Int) {
    ranks = [UInt8](repeating: 0, count: count)
  }

  static func rank(_ verdict: Verdict) -> UInt8 {
    switch verdict {
    case .match: 0
    case .undecidable: 1
    case .noMatch: 2
    }
  }

  static func verdict(rank: UInt8) -> Verdict {
    rank == 0 ? .match : rank == 1 ? .undecidable : .noMatch
  }

  var verdicts: [Verdict] { ranks.map(Self.verdict(rank:)) }

  /// The verdict of row `row`.
  subscript(row: Int) -> Verdict { Self.verdict(rank: ranks[row]) }

  /// Sets the verdicts of rows decided apart, whatever the columns said.
  mutating func replace(_ decided: some Sequence<(Int, Verdict)>) {
    for (row, verdict) in decided { ranks[row] = Self.rank(verdict) }
  }

  @inline(__always)
  private mutating func merge(_ row: Int, _ rank: UInt8) {
    if rank > ranks[row] { ranks[row] = rank }
  }

  /// Rows whose rank is worked out row by row (per-finding text, records the columns lack).
  @inline(__always)
  mutating func merge(byRow rank: (Int) -> UInt8) {
    for row in ranks.indices where ranks[row] < 2 { merge(row, rank(row)) }
  }

  /// A single-valued column.
  /// - Parameters:
  ///   - criterion: the criterion.
  ///   - values: how many distinct values the ids name (ids run from 1 to this).
  ///   - id: each row's value id, 0 or `decidedByRow` as above.
  ///   - present: the criterion's rank on a value id, asked once per id.
  ///   - byRow: the rank of a row decided by itself.
  @inline(__always)
  mutating func merge(
    _ criterion: CompiledCriterion, values: Int, id: (Int) -> UInt32,
    present: (UInt32) -> UInt8, byRow: (Int) -> UInt8
  ) {
    var answers = [UInt8](repeating: Self.unknown, count: values + 1)
    answers[0] = Self.rank(criterion.whenAbsent)
    // Every row, failed or not: a lookup costs less than a branch on the row's rank, which
    // mispredicts when earlier criteria ruled out rows at random.
    answers.withUnsafeMutableBufferPointer { answers in
      ranks.withUnsafeMutableBufferPointer { ranks in
        for row in ranks.indices {
          let value = id(row)
          var rank: UInt8
          if value == Self.decidedByRow {
            guard ranks[row] < 2 else { continue }
            rank = byRow(row)
          } else {
            rank = answers[Int(value)]
            if rank == Self.unknown {
              rank = present(value)
              answers[Int(value)] = rank
            }
          }
          ranks[row] = max(ranks[row], rank)
        }
      }
    }
  }

  /// A single-valued column of interned text.
  @inline(__always)
  mutating func merge(
    _ criterion: CompiledCriterion, in table: ValueTable, id: (Int) -> UInt32,
    byRow: (Int) -> UInt8
  ) {
    merge(
      criterion, values: table.count, id: id,
      present: { id in table.withBytes(id) { Self.rank(criterion.verdict(bytes: $0)) } },
      byRow: byRow)
  }

  /// A list column (`action`): per operator, whether some element hits (answered once per
  /// distinct element), then the operator's verdict; an empty list is absent.
  /// - Parameters:
  ///   - criterion: the criterion.
  ///   - table: the distinct elements.
  ///   - elements: every row's element ids, one after another.
  ///   - range: where each row's ids are in `elements`, or `nil` when the row decides by itself.
  ///   - byRow: the rank of a row decided by itself.
  @inline(__always)
  mutating func merge(
    list criterion: CompiledCriterion, in table: ValueTable, elements: [UInt32],
    range: (Int) -> Range<Int>?, byRow: (Int) -> UInt8
  ) {
    let absent = Self.rank(criterion.whenAbsent)
    let operators = criterion.operators
    let stride = table.count + 1
    // Per operator and element id: unknown, 0 (no hit) or 1 (hit).
    var hits = [UInt8](repeating: Self.unknown, count: operators.count * stride)
    hits.withUnsafeMutableBufferPointer { hits in
      elements.withUnsafeBufferPointer { elements in
        for row in ranks.indices where ranks[row] < 2 {
          guard let range = range(row) else {
            merge(row, byRow(row))
            continue
          }
          guard !range.isEmpty else {
            merge(row, absent)
            continue
          }
          for (index, op) in operators.enumerated() {
            let base = index * stride
            let anyHit = elements[range].contains { id in
              var hit = hits[base + Int(id)]
              if hit == Self.unknown {
                hit = table.withBytes(id) { criterion.hit(op, $0) } ? 1 : 0
                hits[base + Int(id)] = hit
              }
              return hit == 1
            }
            if criterion.verdict(op, present: true, anyHit: anyHit) == .noMatch {
              ranks[row] = 2
              break
            }
          }
        }
      }
    }
  }
}
