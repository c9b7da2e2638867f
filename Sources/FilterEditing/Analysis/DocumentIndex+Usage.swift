import FilterDSL

extension DocumentIndex {
  /// `principal.` and `condition.` keys written in the document, in order of first use, but
  /// for the token at `excluded` (the one being typed).
  func usedKeys(excluding excluded: Int?) -> [String] {
    var keys: [String] = []
    var seen = Set<String>()
    for (position, (token, role)) in zip(tokens, roles).enumerated()
    where role == .key && position != excluded {
      let name = token.value
      guard
        let entry = ["condition.", "principal."].lazy.compactMap({
          FilterKeyCatalog.familyEntry(name, prefix: $0)
        }).first, !entry.isEmpty
      else { continue }
      if seen.insert(name).inserted { keys.append(name) }
    }
    return keys
  }

  /// Values written elsewhere in the document that fit `key`: its own earlier values, and for
  /// account-id and principal keys every account id and principal ARN the document names.
  /// Each with a detail saying where it comes from; the token at `excluded` (the one being
  /// typed) does not count.
  func usedValues(for key: String, kind: ValueKind?, excluding excluded: Int?) -> [(String, String)]
  {
    var values: [(String, String)] = []
    var seen = Set<String>()
    let wantsAccounts = kind == .accountID || kind == .principal
    let wantsPrincipals =
      kind == .principal || kind == .arn && key.hasPrefix("condition.aws:Principal")
    for (position, (token, role)) in zip(tokens, roles).enumerated() where position != excluded {
      guard case .value(let owner, _) = role else { continue }
      let value = token.value
      guard !value.isEmpty else { continue }
      var detail: String?
      if owner == key, kind.map({ if case .enumeration = $0 { false } else { true } }) ?? true {
        detail = "used with \(key)"
      } else if wantsAccounts, Self.isAccountID(value) {
        detail = "account id used in this document"
      } else if wantsPrincipals, owner.hasPrefix("principal."), value.hasPrefix("arn:") {
        detail = "principal used in this document"
      }
      if let detail, seen.insert(value).inserted { values.append((value, detail)) }
    }
    return values
  }

  static func isAccountID(_ text: String) -> Bool {
    text.utf8.count == 12
      && text.utf8.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
  }
}

extension DocumentIndex {
  /// The values already written in the list the cursor is in: from the `[` or `(` before
  /// token `index` (exclusive) up to it.
  func valuesInOpenList(before index: Int) -> Set<String> {
    var values = Set<String>()
    var position = min(index, tokens.count) - 1
    while position >= 0 {
      let token = tokens[position]
      switch token.kind {
      case .leftBracket, .leftParen: return values
      case .word, .string: values.insert(token.value)
      case .comma: break
      default: return []
      }
      position -= 1
    }
    return []
  }
}
