extension Compiler {
  /// Drops repeated conjunctions and merges those that differ only in one key's `eq` or
  /// `contains` list, until nothing changes. Each merge is exact: `eq` and `contains` are any-of.
  func merge(_ terms: [Term]) -> [Term] {
    guard terms.count > 1 else { return terms }
    var current = unique(terms)
    var changed = true
    while changed, current.count > 1 {
      changed = false
      var output: [Term] = []
      var index: [Term.Signature: Int] = [:]
      var registered: [[Term.Signature]] = []
      var grown: Set<Int> = []
      for term in current {
        if let (target, signature, key, op) = mergeTarget(for: term, in: index) {
          output[target] = union(output[target], term, key: key, op: op)
          grown.insert(target)
          // The merged term's other signatures describe what it was, not what it is.
          for stale in registered[target] where stale != signature { index[stale] = nil }
          registered[target] = [signature]
          changed = true
          continue
        }
        let signatures = mergeSignatures(of: term)
        for signature in signatures where index[signature] == nil {
          index[signature] = output.count
        }
        registered.append(signatures)
        output.append(term)
      }
      // Lists grown by merging are deduplicated once per pass, not once per merge.
      for target in grown { output[target].uniqueLists() }
      current = unique(output)
    }
    return current
  }

  func mergeSignatures(of term: Term) -> [Term.Signature] {
    term.keys.flatMap { key in
      [ComparisonOperator.eq, .contains].compactMap { op in
        term[key]?.list(op) == nil ? nil : Term.Signature(term, omitting: (key, op))
      }
    }
  }

  func mergeTarget(
    for term: Term, in index: [Term.Signature: Int]
  ) -> (Int, Term.Signature, String, ComparisonOperator)? {
    for key in term.keys {
      for op in [ComparisonOperator.eq, .contains] where term[key]?.list(op) != nil {
        let signature = Term.Signature(term, omitting: (key, op))
        if let target = index[signature] { return (target, signature, key, op) }
      }
    }
    return nil
  }

  func union(_ base: Term, _ other: Term, key: String, op: ComparisonOperator) -> Term {
    var result = base
    guard var part = base[key] else { return base }
    part.setList(op, (part.list(op) ?? []) + (other[key]?.list(op) ?? []))
    // The signature that found this merge omits exactly this list, so it stays valid; the
    // others are refreshed by `uniqueLists` at the end of the pass.
    result.set(key, part, refreshingSignature: false)
    return result
  }

  func unique(_ terms: [Term]) -> [Term] {
    var seen = Set<Term.Signature>()
    return terms.filter { seen.insert($0.signature).inserted }
  }
}
