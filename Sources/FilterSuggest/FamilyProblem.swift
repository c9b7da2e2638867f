import FilterDSL
import FilterEval

/// One family's search: the expected rows a rule may archive, the kept rows it must keep out,
/// and the keys and values rules may use.
struct FamilyProblem {
  let family: AnalyzerFamily
  let table: SuggestTable
  let options: SuggestOptions
  /// Expected rows the rules may archive (the unsafe ones are reported, not here).
  var expected: [Int] = []
  /// Kept rows a rule must keep out, without those the required criteria keep out.
  var kept: [Int] = []
  /// Every kept row of the family, for margins.
  var allKept: [Int] = []
  /// Candidate key indices, in preference order: every key a rule may use.
  var keys: [Int] = []
  /// The keys shapes are made of: every key but `condition.X`, and the four condition keys
  /// most expected findings hold, so that findings with many condition keys cannot make the
  /// shapes explode. The rule on every key (`FamilySearch`) uses all of `keys`.
  var shapeKeys: [Int] = []
  /// Per key index, value ids `check` rejects as criteria (never used).
  var unusable: [Int: Set<UInt32>] = [:]
  /// Expected findings reported unsafe, as (row, detail).
  var unsafe: [(row: Int, detail: String?)] = []

  /// Whether every rule must carry `isPublic eq false`.
  var requiresNotPublic: Bool { family == .external && !options.allowPublic }

  /// The criteria every rule carries.
  var required: FilterCriteriaMap {
    requiresNotPublic ? ["isPublic": Criterion(eq: ["false"])] : [:]
  }

  init(
    family: AnalyzerFamily, table: SuggestTable, options: SuggestOptions, expected: [Int],
    kept: [Int]
  ) {
    self.family = family
    self.table = table
    self.options = options
    allKept = kept
    keys = table.keys.indices.filter { 
      KeyPreference.allows(table.keys[$0], in: family, allowPublic: options.allowPublic)
    }
      .sorted {
        (KeyPreference.rank(table.keys[$0], in: family), table.keys[$0])
          < (KeyPreference.rank(table.keys[$1], in: family), table.keys[$1])
      }
    findUnusableValues(expected)
    for row in expected {
      if let detail = unsafeDetail(row) {
        unsafe.append((row, detail.isEmpty ? nil : detail))
      } else {
        self.expected.append(row)
      }
    }
    // `isPublic eq false` already keeps out the public findings, and those without the flag.
    self.kept =
      requiresNotPublic
      ? kept.filter { table.publicFlags[$0] == .no || table.publicFlags[$0] == .undecidable }
      : kept
    // Keys the expected findings never carry can neither cover nor separate.
    keys = keys.filter { key in
      self.expected.contains { usable(key, table.columns[key][$0]) }
    }
    let conditions = keys.filter { table.keys[$0].hasPrefix("condition.") }
    let frequent = Set(
      conditions.map { key in
        (key, self.expected.filter { usable(key, table.columns[key][$0]) }.count)
      }
      .sorted { ($0.1, $1.0) > ($1.1, $0.0) }.prefix(4).map(\.0))
    shapeKeys = keys.filter { !table.keys[$0].hasPrefix("condition.") || frequent.contains($0) }
  }

  /// Whether value id `value` may be a criterion on key `key`.
  func usable(_ key: Int, _ value: UInt32) -> Bool {
    value != SuggestTable.absent && value != SuggestTable.undecidable
      && value != SuggestTable.other && !(unusable[key]?.contains(value) ?? false)
  }

  /// Why a rule for expected row `row` could not be kept safe; `""` for plain public, `nil`
  /// when it can.
  private func unsafeDetail(_ row: Int) -> String? {
    guard !options.allowPublic else { return nil }
    switch family {
    case .external:
      switch table.publicFlags[row] {
      case .no: return nil
      case .yes: return ""
      case .undecidable: return "it carries no access details, so it may be public"
      case .absent: return "it has no 'isPublic' value, so 'isPublic eq false' cannot match it"
      }
    case .internal:
      let named = keys.contains { key in
        KeyPreference.namesPrincipals(table.keys[key]) && usable(key, table.columns[key][row])
      }
      return named
        ? nil : "internal access rules must name the principals, and it names none a rule can use"
    case .unused:
      guard let type = stringValue("findingType", row),
        KeyPreference.staleCredentialTypes.contains(type)
      else { return nil }
      guard let resource = table.index(of: "resource"),
        usable(resource, table.columns[resource][row])
      else {
        return "rules for credentials that still work must name the users, and it has no resource"
      }
      return nil
    }
  }

  func stringValue(_ key: String, _ row: Int) -> String? {
    guard let index = table.index(of: key) else { return nil }
    return table.text(row: row, key: index)
  }

  /// Lints each value the expected findings hold, once per key and value, as the criterion
  /// `key eq value`; values `check` reports as errors are never used.
  private mutating func findUnusableValues(_ expected: [Int]) {
    let options = LintOptions(analyzer: family)
    for key in keys {
      var seen = Set<UInt32>()
      var bad = Set<UInt32>()
      for row in expected {
        let value = table.columns[key][row]
        guard value != SuggestTable.absent, value != SuggestTable.undecidable,
          value != SuggestTable.other, seen.insert(value).inserted, let text = table.text(value)
        else { continue }
        let map: FilterCriteriaMap = [table.keys[key]: Criterion(eq: [text])]
        if Linter.lint(map, options: options).count(.error) > 0 { bad.insert(value) }
      }
      if !bad.isEmpty { unusable[key] = bad }
    }
  }
}
