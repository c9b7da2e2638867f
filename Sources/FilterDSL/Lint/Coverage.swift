/// Sound (never wrong, sometimes silent) reasoning about which findings filter maps match.
enum Coverage {
  /// Whether every finding `map` matches is matched by `other`.
  static func implies(_ map: FilterCriteriaMap, _ other: FilterCriteriaMap) -> Bool {
    other.criteria.allSatisfy { key, required in
      guard let criterion = map[key] else { return false }
      return implies(criterion, required, listValued: FilterKeyCatalog.listValuedKeys.contains(key))
    }
  }

  private static func implies(_ a: Criterion, _ b: Criterion, listValued: Bool) -> Bool {
    let aEq = a.eq.map { Set($0.map(ExactString.init)) }
    let aNeq = Set((a.neq ?? []).map(ExactString.init))
    let present = a.eq != nil || a.contains != nil || a.exists == true
    if let exists = b.exists {
      if exists && !present { return false }
      if !exists && a.exists != false { return false }
    }
    if let eq = b.eq {
      guard let aEq, aEq.isSubset(of: Set(eq.map(ExactString.init))) else { return false }
    }
    if let neq = b.neq {
      let required = Set(neq.map(ExactString.init))
      let excludedByEq = !listValued && aEq.map { $0.isDisjoint(with: required) } == true
      guard required.isSubset(of: aNeq) || excludedByEq || a.exists == false else { return false }
    }
    if let contains = b.contains {
      // Each value a can hold (by 'eq') or must contain (by 'contains') already contains one
      // of b's values; on a list the same element carries it.
      func covered(_ sources: [String]?) -> Bool {
        sources.map {
          $0.allSatisfy { source in contains.contains { ByteSearch.contains(source, $0) } }
        } ?? false
      }
      guard covered(a.eq) || covered(a.contains) else { return false }
    }
    return true
  }

  /// Whether some finding could match both (their conjunction is not unsatisfiable).
  static func overlaps(_ a: FilterCriteriaMap, _ b: FilterCriteriaMap) -> Bool {
    for (key, x) in a.criteria {
      guard let y = b[key] else { continue }
      if let e1 = x.exists, let e2 = y.exists, e1 != e2 { return false }
      let absent = x.exists == false || y.exists == false
      if absent, x.eq != nil || y.eq != nil || x.contains != nil || y.contains != nil {
        return false
      }
      if !FilterKeyCatalog.listValuedKeys.contains(key) {
        var allowed = x.eq.map { Set($0.map(ExactString.init)) }
        if let eq = y.eq {
          let other = Set(eq.map(ExactString.init))
          allowed = allowed.map { $0.intersection(other) } ?? other
        }
        let excluded = Set(((x.neq ?? []) + (y.neq ?? [])).map(ExactString.init))
        if let set = allowed, set.subtracting(excluded).isEmpty { return false }
      }
    }
    return true
  }
}
