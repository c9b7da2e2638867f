/// Why two conjunctions cannot become one.
enum ConjoinFailure: Error {
  /// Together they can never match; the term is dropped, and reported if every term is.
  case unsatisfiable(Diagnostic)
  /// They could match, but one Criterion cannot say so.
  case inexpressible(Diagnostic)
}

extension Compiler {
  /// `left and right` as one term: operators on the same key merge into one Criterion.
  /// Works in place so a long `and` chain costs time linear in its length.
  func conjoin(_ left: inout Term, _ right: Term) -> ConjoinFailure? {
    for key in right.keys {
      guard let incoming = right[key] else { continue }
      guard let existing = left[key] else {
        left.set(key, incoming)
        continue
      }
      switch combine(existing, incoming, key: key) {
      case .success(let part): left.set(key, part)
      case .failure(let failure): return failure
      }
    }
    return nil
  }

  private func combine(_ base: Term.Part, _ other: Term.Part, key: String) -> Result<
    Term.Part, ConjoinFailure
  > {
    let listValued = options.listValuedKeys.contains(key)
    var part = base
    for (op, range) in other.origins where part.origins[op] == nil { part.origins[op] = range }

    if let exists = other.exists {
      if let current = part.exists, current != exists {
        return .failure(
          unsatisfiable(
            key, .exists, .exists, base, other, "'\(key)' cannot both exist and not exist"))
      }
      part.exists = exists
    }
    if let eq = other.eq {
      if let current = part.eq {
        let incoming = Set(eq.map(ExactString.init))
        if listValued {
          if Set(current.map(ExactString.init)) != incoming {
            return .failure(
              .inexpressible(
                .error(
                  .conflictingListEq,
                  "'\(key)' is a list, and two different 'eq' lists on it cannot be one filter map",
                  at: other.origins[.eq] ?? base.origins[.eq] ?? SourceRange(start: 0, end: 0),
                  help:
                    "each 'eq' asks that some element equal one of its values; write one list or split the rule",
                  notes: (base.origins[.eq]).map { [.init("the other 'eq' list", range: $0)] } ?? []
                )))
          }
        } else {
          let intersection = current.filter { incoming.contains(ExactString($0)) }
          if intersection.isEmpty {
            return .failure(
              unsatisfiable(
                key, .eq, .eq, base, other, "'\(key)' cannot equal a value of both lists"))
          }
          part.eq = intersection
        }
      } else {
        part.eq = eq
      }
    }
    if let neq = other.neq {
      part.neq = ((part.neq ?? []) + neq).uniquedExactly()
    }
    if let contains = other.contains {
      if let current = part.contains,
        Set(current.map(ExactString.init)) != Set(contains.map(ExactString.init))
      {
        return .failure(
          .inexpressible(
            .error(
              .conflictingContains,
              "two different 'contains' lists on '\(key)' cannot be one filter map",
              at: other.origins[.contains] ?? SourceRange(start: 0, end: 0),
              help: "the API's 'contains' is any-of: merge the lists with 'or', or split the rule",
              notes: (base.origins[.contains]).map {
                [.init("the other 'contains' list", range: $0)]
              } ?? [])))
      }
      part.contains = part.contains ?? contains
    }
    if let failure = contradiction(
      in: part, key: key, listValued: listValued, base: base, other: other)
    {
      return .failure(failure)
    }
    return .success(part)
  }

  /// A combination of operators that no attribute value satisfies.
  private func contradiction(
    in part: Term.Part, key: String, listValued: Bool, base: Term.Part, other: Term.Part
  ) -> ConjoinFailure? {
    if part.exists == false {
      if part.eq != nil {
        return unsatisfiable(
          key, .exists, .eq, base, other, "'\(key)' must be absent, but 'eq' needs it present")
      }
      if part.contains != nil {
        return unsatisfiable(
          key, .exists, .contains, base, other,
          "'\(key)' must be absent, but 'contains' needs it present")
      }
    }
    guard let eq = part.eq else { return nil }
    let excluded = Set((part.neq ?? []).map(ExactString.init))
    let allowed = eq.filter { !excluded.contains(ExactString($0)) }
    if allowed.isEmpty {
      return unsatisfiable(
        key, .eq, .neq, base, other, "every value '\(key)' may equal is excluded by 'neq'")
    }
    // On a list, a different element may satisfy 'contains'; on a scalar the one value must.
    if !listValued, let contains = part.contains,
      !allowed.contains(where: { value in contains.contains { ByteSearch.contains(value, $0) } })
    {
      return unsatisfiable(
        key, .eq, .contains, base, other, "no value '\(key)' may equal contains a 'contains' value")
    }
    return nil
  }

  private func unsatisfiable(
    _ key: String, _ first: ComparisonOperator, _ second: ComparisonOperator, _ base: Term.Part,
    _ other: Term.Part, _ reason: String
  ) -> ConjoinFailure {
    let a = base.origins[first] ?? other.origins[first]
    let b = other.origins[second] ?? base.origins[second]
    let ranges = [a, b].compactMap { $0 }.sorted { $0.start < $1.start }
    let primary = ranges.last ?? SourceRange(start: 0, end: 0)
    let notes: [Diagnostic.Note] =
      ranges.count > 1 && ranges[0] != primary
      ? [.init("conflicts with this condition", range: ranges[0])] : []
    return .unsatisfiable(
      .error(
        .unsatisfiable, "these conditions on '\(key)' can never all hold: \(reason)", at: primary,
        label: "contradicts an earlier condition",
        help: "a rule that can never match archives nothing; remove one side",
        notes: notes))
  }
}

/// Substring search on UTF-8 bytes, the comparison the API's `contains` makes.
package enum ByteSearch {
  package static func contains(_ haystack: String, _ needle: String) -> Bool {
    let needleCount = needle.utf8.count
    if needleCount == 0 { return true }
    let haystackCount = haystack.utf8.count
    if needleCount > haystackCount { return false }
    var haystack = haystack
    var needle = needle
    return haystack.withUTF8 { h in
      needle.withUTF8 { n in contains(h, n) }
    }
  }

  package static func contains(
    _ haystack: UnsafeBufferPointer<UInt8>, _ needle: UnsafeBufferPointer<UInt8>
  ) -> Bool {
    let n = needle.count
    if n == 0 { return true }
    guard n <= haystack.count, let first = needle.first else { return false }
    var i = 0
    let last = haystack.count - n
    while i <= last {
      if haystack[i] == first {
        var j = 1
        while j < n, haystack[i + j] == needle[j] { j += 1 }
        if j == n { return true }
      }
      i += 1
    }
    return false
  }
}
