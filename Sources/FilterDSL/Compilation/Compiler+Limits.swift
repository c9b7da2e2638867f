extension Compiler {
  /// Checks the per-operator value cap; with `split`, spreads long `eq` and `contains` lists
  /// over several terms (each a map of its own) instead of failing.
  mutating func spreadLongLists(_ terms: [Term]) -> [Term]? {
    let cap = options.limits.maxValuesPerOperator
    var output: [Term] = []
    var failed = false
    for term in terms {
      var variants = [term]
      for key in term.keys {
        guard let part = term[key] else { continue }
        for op in [ComparisonOperator.eq, .neq, .contains] {
          guard let values = part.list(op), values.count > cap else { continue }
          let range = part.origins[op] ?? SourceRange(start: 0, end: 0)
          guard options.split, op != .neq else {
            report(
              .error(
                .tooManyValues,
                "'\(key)' has \(values.count) values in '\(op.rawValue)'; the API takes at most \(cap)",
                at: range,
                help: op == .neq
                  ? "a 'neq' list cannot be spread over several rules; narrow it"
                  : "split the list over several rules with --split"))
            failed = true
            continue
          }
          let chunks = stride(from: 0, to: values.count, by: cap).map {
            Array(values[$0..<min($0 + cap, values.count)])
          }
          guard checkSize(variants.count * chunks.count + output.count, at: range) else {
            return nil
          }
          variants = variants.flatMap { variant in
            chunks.map { chunk in
              var copy = variant
              var chunkPart = variant[key] ?? part
              chunkPart.setList(op, chunk)
              copy.set(key, chunkPart)
              return copy
            }
          }
        }
      }
      output += variants
    }
    return failed ? nil : output
  }

  mutating func reportOrAcrossKeys(_ terms: [Term], at range: SourceRange) {
    var keys: [String] = []
    for term in terms {
      for key in term.keys where !keys.contains(key) { keys.append(key) }
    }
    // Name the keys whose conditions differ between alternatives: those are what 'or' spans.
    let first = terms[0]
    let differing = keys.filter { key in
      terms.contains { term in
        term[key].map { Term.Signature.PartSignature($0) }
          != first[key].map { Term.Signature.PartSignature($0) }
      }
    }
    let named = (differing.isEmpty ? keys : differing).map { "'\($0)'" }
    let list =
      named.count > 1
      ? named.dropLast().joined(separator: ", ") + " and " + (named.last ?? "") : named.joined()
    report(
      .error(
        .orAcrossKeys,
        "this 'or' needs \(terms.count) filter maps (it spans \(list)), but one filter map is a single 'and' of keys",
        at: range, label: "'or' across keys",
        help:
          "split it into one archive rule per alternative with --split (CompileOptions(split: true))"
      ))
  }
}
