/// What a filter map matches, written one way: two maps with equal meanings match the same
/// findings (grammar.md, *Matching semantics*), however their criteria are spelled.
///
/// Each criterion is reduced to the operators that still say something:
/// - `exists false` alone stands for "absent" (`neq` adds nothing; `eq` or `contains` with it
///   match nothing);
/// - `exists true` goes when `eq` or `contains` already needs the attribute present, and
///   `contains ""` is `exists true`;
/// - `contains` keeps only values no other of its values is a substring of;
/// - `eq` loses the values `neq` excludes; on a single-valued key it then says everything
///   (`neq` and `contains` go, after `eq` loses the values that contain none of `contains`),
///   and without `eq`, `contains` keeps only the `neq` values that contain one of its values;
/// - on a list-valued key (`action`) `neq` is about every element and stays; `contains` goes
///   when every `eq` value already contains one of its values.
///
/// A map with a criterion nothing satisfies matches nothing; all such maps have one meaning.
package struct FilterMeaning: Hashable, Sendable {
  /// Key to reduced criterion; `nil` when the map matches nothing.
  package let criteria: [ExactString: CriterionMeaning]?

  /// The meaning of `map`, with `listValuedKeys` naming the keys whose attribute is a list.
  package init(
    _ map: FilterCriteriaMap, listValuedKeys: Set<String> = FilterKeyCatalog.listValuedKeys
  ) {
    var criteria: [ExactString: CriterionMeaning] = [:]
    for (key, criterion) in map.criteria {
      guard
        let meaning = CriterionMeaning(
          criterion, listValued: listValuedKeys.contains { $0.utf8.elementsEqual(key.utf8) })
      else {
        self.criteria = nil
        return
      }
      criteria[ExactString(key)] = meaning
    }
    self.criteria = criteria
  }

  /// The map with each criterion reduced; `nil` when it matches nothing.
  package var reduced: FilterCriteriaMap? {
    criteria.map { criteria in
      FilterCriteriaMap(
        Dictionary(
          criteria.map { ($0.key.value, $0.value.criterion) }, uniquingKeysWith: { a, _ in a }))
    }
  }
}

/// One criterion reduced to the operators that still say something (see ``FilterMeaning``).
package struct CriterionMeaning: Hashable, Sendable {
  package var eq: Set<ExactString>?
  package var neq: Set<ExactString>?
  package var contains: Set<ExactString>?
  package var exists: Bool?

  /// The reduced criterion, or `nil` when no value (and no absence) satisfies `criterion`.
  package init?(_ criterion: Criterion, listValued: Bool) {
    var eq = criterion.eq.map { Set($0.map(ExactString.init)) }
    var neq = criterion.neq.map { Set($0.map(ExactString.init)) }
    var contains = criterion.contains.map { Set($0.map(ExactString.init)) }
    var exists = criterion.exists
    if exists == false {
      guard eq == nil, contains == nil else { return nil }
      self.init(eq: nil, neq: nil, contains: nil, exists: false)
      return
    }
    if let needles = contains {
      if needles.contains(ExactString("")) {
        contains = nil
        exists = true
      } else {
        contains = needles.filter { needle in
          !needles.contains { $0 != needle && ByteSearch.contains(needle.value, $0.value) }
        }
      }
    }
    func containsANeedle(_ value: ExactString) -> Bool {
      contains.map { $0.contains { ByteSearch.contains(value.value, $0.value) } } ?? true
    }
    if var allowed = eq {
      allowed.subtract(neq ?? [])
      if !listValued {
        allowed = allowed.filter(containsANeedle)
        guard !allowed.isEmpty else { return nil }
        self.init(eq: allowed, neq: nil, contains: nil, exists: nil)
        return
      }
      guard !allowed.isEmpty else { return nil }
      eq = allowed
      // Some element equals an allowed value; when each of those carries a needle, that
      // element satisfies 'contains' too.
      if allowed.allSatisfy(containsANeedle) { contains = nil }
      exists = nil
    } else if contains != nil {
      exists = nil
      if !listValued { neq = neq?.filter(containsANeedle) }
    }
    if neq?.isEmpty == true { neq = nil }
    self.init(eq: eq, neq: neq, contains: contains, exists: exists)
  }

  private init(
    eq: Set<ExactString>?, neq: Set<ExactString>?, contains: Set<ExactString>?, exists: Bool?
  ) {
    self.eq = eq
    self.neq = neq
    self.contains = contains
    self.exists = exists
  }

  /// The reduced criterion as the API writes it, values in byte order.
  package var criterion: Criterion {
    func list(_ values: Set<ExactString>?) -> [String]? { values.map { $0.sorted().map(\.value) } }
    return Criterion(eq: list(eq), neq: list(neq), contains: list(contains), exists: exists)
  }
}
