import FilterDSL

/// Turns chosen candidates into named archive rules with their report: what each covers,
/// why each key is there, and the kept finding nearest to matching (the margin).
struct RuleReporter {
  let problem: FamilyProblem
  var usedNames: Set<String> = []
  /// How many of the set's rules have each (key, first value): a name says what sets a rule
  /// apart, so it is drawn from the first key whose first value no other rule shares.
  private var firstValueCounts: [[UInt32]: Int] = [:]

  /// Readies names for the set `rules`: each is named by what sets it apart from the others.
  init(problem: FamilyProblem, naming rules: [Candidate]) {
    self.problem = problem
    for rule in rules {
      for (index, key) in rule.keys.enumerated() {
        guard let value = rule.values[index].first else { continue }
        firstValueCounts[[UInt32(key), value], default: 0] += 1
      }
    }
  }

  /// The rule's filter map: its keys with `eq` (one value) or `in` (several), and the
  /// criteria every rule of the family carries.
  func filter(_ rule: Candidate) -> FilterCriteriaMap {
    var map = problem.required
    for (index, key) in rule.keys.enumerated() {
      let texts = rule.values[index].compactMap(problem.table.text)
        .sorted(by: FilterCriteriaMap.byteOrder)
      map[problem.table.keys[key]] = Criterion(eq: texts)
    }
    if let types = findingTypes(rule) { map["findingType"] = types }
    return map
  }

  /// For unused access, the finding types of what the rule covers, when it does not name
  /// them already: a rule on the role or user alone would also archive the other kinds of
  /// unused access of that role or user (a working access key, say) that nobody triaged.
  /// Only added when every covered finding has a usable type, so the rule covers the same
  /// findings and is only narrower.
  private func findingTypes(_ rule: Candidate) -> Criterion? {
    guard problem.family == .unused, let key = problem.table.index(of: "findingType"),
      !rule.keys.contains(key)
    else { return nil }
    var values = Set<UInt32>()
    for position in rule.rows {
      let value = problem.table.columns[key][problem.expected[Int(position)]]
      guard problem.usable(key, value) else { return nil }
      values.insert(value)
    }
    let texts = values.compactMap(problem.table.text).sorted(by: FilterCriteriaMap.byteOrder)
    guard !texts.isEmpty, texts.count <= problem.options.maxValuesPerOperator else { return nil }
    return Criterion(eq: texts)
  }

  mutating func report(_ rule: Candidate, covered: [String]) -> SuggestedRule {
    let map = filter(rule)
    let name = uniqueName(rule)
    let (margin, keptOut) = margin(rule)
    var choices: [KeyChoice] = []
    for (index, key) in rule.keys.enumerated() {
      let name = problem.table.keys[key]
      let count = rule.values[index].count
      var reason = KeyPreference.describe(name)
      reason += count == 1 ? "; shared by every finding it covers" : "; \(count) values in one list"
      if let out = keptOut[name], out > 0 {
        reason +=
          "; alone keeps out \(out) kept finding\(out == 1 ? " that matches" : "s that match")"
          + " the rest"
      }
      choices.append(KeyChoice(key: name, reason: reason))
    }
    if problem.requiresNotPublic {
      choices.append(KeyChoice(key: "isPublic", reason: KeyPreference.requiredNotPublic))
    }
    if findingTypes(rule) != nil {
      choices.append(
        KeyChoice(
          key: "findingType",
          reason: "names the kinds of unused access it covers, so other kinds for the same "
            + "resources are not archived with them"))
    }
    return SuggestedRule(
      archiveRule: ArchiveRule(ruleName: name, filter: map), covered: covered, choices: choices,
      margin: margin, isBroad: rule.isBroad)
  }

  /// The kept finding failing the fewest criteria, and per key how many kept findings fail
  /// that criterion alone.
  private func margin(_ rule: Candidate) -> (Margin?, [String: Int]) {
    let table = problem.table
    let sets = rule.values.map(Set.init)
    let columns = rule.keys.map { table.columns[$0] }
    // The first criterion each kept row fails, by position: `columns.count` for `isPublic`.
    // Texts are read only for the nearest row, at the end (reading one may touch the input).
    var best: (fails: Int, row: Int, first: Int)? = nil
    var alone = [Int](repeating: 0, count: columns.count + 1)
    for row in problem.allKept {
      var fails = 0
      var first = -1
      for index in columns.indices {
        let value = columns[index][row]
        if value != SuggestTable.undecidable, !sets[index].contains(value) {
          fails += 1
          if first < 0 { first = index }
        }
      }
      if problem.requiresNotPublic {
        let flag = table.publicFlags[row]
        if flag == .yes || flag == .absent {
          fails += 1
          if first < 0 { first = columns.count }
        }
      }
      guard fails > 0, first >= 0 else { continue }
      if fails == 1 { alone[first] += 1 }
      if best.map({ fails < $0.fails }) ?? true { best = (fails, row, first) }
    }
    var keptOut: [String: Int] = [:]
    for (index, count) in alone.enumerated() where count > 0 {
      keptOut[index < columns.count ? table.keys[rule.keys[index]] : "isPublic"] = count
    }
    guard let best else { return (nil, keptOut) }
    let margin: Margin
    if best.first < columns.count {
      let key = rule.keys[best.first]
      margin = Margin(
        keptID: table.id(best.row), key: table.keys[key],
        keptValue: table.text(row: best.row, key: key))
    } else {
      let flag = table.publicFlags[best.row]
      margin = Margin(
        keptID: table.id(best.row), key: "isPublic", keptValue: flag == .yes ? "true" : nil)
    }
    return (margin, keptOut)
  }

  /// `PREFIX-KEY-VALUE`, from the rule's most preferred key whose first value no other rule of
  /// the set shares (else its most preferred key) and that value; made unique
  /// with a number, and always a valid name.
  private mutating func uniqueName(_ rule: Candidate) -> String {
    var parts = [problem.options.namePrefix]
    // The first key (in preference order) whose first value is the rule's own, else the first.
    let telling =
      rule.keys.indices.first { index in
        guard let value = rule.values[index].first else { return false }
        return firstValueCounts[[UInt32(rule.keys[index]), value]] == 1
      } ?? 0
    if telling < rule.keys.count, let value = rule.values[telling].first {
      let key = rule.keys[telling]
      let name = problem.table.keys[key]
      parts.append(Self.sanitize(name.split(separator: ".").last.map(String.init) ?? name))
      parts.append(Self.sanitize(Self.shortValue(problem.table.text(value) ?? "")))
      let count = rule.values[telling].count
      if count > 1 { parts.append("and-\(count - 1)-more") }
    }
    var base = String(parts.filter { !$0.isEmpty }.joined(separator: "-").prefix(200))
    if !ArchiveRule.isValidName(base) { base = problem.options.namePrefix }
    var name = base
    var number = 2
    while usedNames.contains(name) || !ArchiveRule.isValidName(name) {
      name = "\(base)-\(number)"
      number += 1
    }
    usedNames.insert(name)
    return name
  }

  /// The telling part of a value: an ARN's resource part, else the value.
  private static func shortValue(_ value: String) -> String {
    let tail = value.split(separator: ":", omittingEmptySubsequences: false).last.map(String.init)
    let part = value.hasPrefix("arn:") ? (tail ?? value) : value
    return String(part.prefix(48))
  }

  /// Letters, digits, `_`, `.` and `-` kept; runs of anything else become one `-`.
  static func sanitize(_ text: String) -> String {
    var result = ""
    var lastWasDash = false
    for byte in text.utf8 {
      let ok =
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
        || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
        || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
        || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".")
      if ok {
        result.unicodeScalars.append(Unicode.Scalar(byte))
        lastWasDash = false
      } else if !lastWasDash {
        result += "-"
        lastWasDash = true
      }
    }
    return result.trimmingDashes()
  }
}

extension String {
  fileprivate func trimmingDashes() -> String {
    var text = Substring(self)
    while text.first == "-" { text = text.dropFirst() }
    while text.last == "-" { text = text.dropLast() }
    return String(text)
  }
}
