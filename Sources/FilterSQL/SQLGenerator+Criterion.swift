import FilterDSL

extension SQLGenerator {
  /// The test for one key's criterion: every operator it sets, joined by `AND`.
  func criterion(_ key: String, _ criterion: Criterion) throws -> String {
    let source = layout.source(of: key, dialect)
    var tests: [String]
    switch source {
    case .absent:
      // grammar.md: an absent attribute passes `neq` and `exists: false`, fails the rest.
      let passes =
        criterion.eq == nil && criterion.contains == nil && criterion.exists != true
      return passes ? dialect.alwaysTrue : dialect.alwaysFalse
    case .text(let column):
      tests = try scalarTests(column, criterion)
    case .boolean(let column):
      tests = try scalarTests(booleanText(column), criterion)
    case .mapEntry(let map, let storage, let entry):
      tests = try scalarTests(try mapEntry(map, storage, entry), criterion)
    case .list(let column, let storage):
      tests = try listTests(column, storage, criterion)
    }
    let test = tests.count == 1 ? tests[0] : "(" + tests.joined(separator: " AND ") + ")"
    // A record without access details (a list-findings-v2 summary) cannot decide a detail
    // key; FilterEval leaves such records out of matches, and so does this.
    if layout == .aafilter, SQLLayout.isDetail(key) {
      var decidable =
        dialect == .sqlite
        ? "f.\(dialect.identifier("has_access_details")) <> 0"
        : "f.\(dialect.identifier("has_access_details"))"
      // A family that never carries the key decides it: absent.
      let lacking = SQLLayout.familiesLacking(key)
      if !lacking.isEmpty {
        let family = "f.\(dialect.identifier("analyzer_family"))"
        let names = try lacking.map { try dialect.literal($0.rawValue) }.joined(separator: ", ")
        decidable = "(\(decidable) OR (\(family) IS NOT NULL AND \(family) IN (\(names))))"
      }
      return "(\(decidable) AND \(test))"
    }
    return test
  }

  /// Tests on one value that may be NULL (absent); each is TRUE or FALSE, never NULL.
  private func scalarTests(_ value: String, _ criterion: Criterion) throws -> [String] {
    let value = "(\(value))"
    var tests: [String] = []
    if let eq = criterion.eq {
      tests.append("(\(value) IS NOT NULL AND \(try oneOf(value, eq)))")
    }
    if let neq = criterion.neq {
      tests.append("(\(value) IS NULL OR NOT \(try oneOf(value, neq)))")
    }
    if let contains = criterion.contains {
      tests.append("(\(value) IS NOT NULL AND \(try containsAny(value, contains)))")
    }
    if let exists = criterion.exists {
      tests.append(exists ? "\(value) IS NOT NULL" : "\(value) IS NULL")
    }
    return tests
  }

  /// Tests on a list: `eq`, `contains` and `exists` ask whether some element passes, `neq`
  /// whether none is one of the values. An empty or missing list has no element.
  private func listTests(_ column: String, _ storage: SQLLayout.Storage, _ criterion: Criterion)
    throws -> [String]
  {
    var tests: [String] = []
    if let eq = criterion.eq {
      tests.append(try anyElement(column, storage) { try self.oneOf($0, eq) })
    }
    if let neq = criterion.neq {
      tests.append("NOT " + (try anyElement(column, storage) { try self.oneOf($0, neq) }))
    }
    if let contains = criterion.contains {
      tests.append(try anyElement(column, storage) { try self.containsAny($0, contains) })
    }
    if let exists = criterion.exists {
      let any = try anyElement(column, storage) { _ in dialect.alwaysTrue }
      tests.append(exists ? any : "NOT " + any)
    }
    return tests
  }

  /// `value` equals one of `values`, byte for byte. `value` is not NULL where this is used.
  private func oneOf(_ value: String, _ values: [String]) throws -> String {
    let literals = try values.map(dialect.literal).joined(separator: ", ")
    return "(\(dialect.bytewise(value)) IN (\(literals)))"
  }

  /// Some needle is a substring of `value`; the empty needle is a substring of anything.
  private func containsAny(_ value: String, _ needles: [String]) throws -> String {
    if needles.contains(where: \.isEmpty) { return dialect.alwaysTrue }
    let tests = try needles.map { dialect.substring(value, try dialect.literal($0)) }
    return "(" + tests.joined(separator: " OR ") + ")"
  }

  /// Whether some element of the list in `column` passes `test`: TRUE or FALSE, never NULL.
  private func anyElement(
    _ column: String, _ storage: SQLLayout.Storage, _ test: (String) throws -> String
  ) throws -> String {
    switch (dialect, storage) {
    case (.trino, _):
      return "coalesce(any_match(\(column), e -> \(try test("e"))), false)"
    case (.spark, _):
      return "coalesce(exists(\(column), e -> \(try test("e"))), false)"
    case (_, .json):
      return "EXISTS (SELECT 1 FROM json_each(\(column)) AS j WHERE \(try test("j.value")))"
    case (_, .jsonb):
      let array = "CASE WHEN jsonb_typeof(\(column)) = 'array' THEN \(column) END"
      return
        "EXISTS (SELECT 1 FROM jsonb_array_elements_text(\(array)) AS j(v) WHERE \(try test("j.v")))"
    case (_, .native):
      return "EXISTS (SELECT 1 FROM unnest(\(column)) AS j(v) WHERE \(try test("j.v")))"
    }
  }

  /// A boolean column as the text `true` / `false` (NULL when absent).
  private func booleanText(_ column: String) -> String {
    dialect == .sqlite
      ? "CASE \(column) WHEN 1 THEN 'true' WHEN 0 THEN 'false' END"
      : "CASE WHEN \(column) THEN 'true' WHEN NOT \(column) THEN 'false' END"
  }

  /// The value of one entry of a string map, NULL when the map or the entry is missing.
  private func mapEntry(_ map: String, _ storage: SQLLayout.Storage, _ entry: String) throws
    -> String
  {
    let key = try dialect.literal(entry)
    switch (dialect, storage) {
    case (_, .json):
      return
        "(SELECT j.value FROM json_each(\(map)) AS j WHERE \(dialect.bytewise("j.key")) = \(key) AND j.type = 'text')"
    case (_, .jsonb):
      return "\(map) ->> \(key)"
    case (.duckdb, _):
      return "map_extract_value(\(map), \(key))"
    default:
      return "element_at(\(map), \(key))"
    }
  }
}
