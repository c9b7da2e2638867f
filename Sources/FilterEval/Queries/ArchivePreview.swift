import FilterDSL

/// What a set of archive rules would do to a set of findings.
///
/// Rules archive only `ACTIVE` findings; a finding is archived when any rule matches.
/// `ARCHIVED` findings the rules match are reported apart, `RESOLVED` ones are never touched,
/// and records the rules cannot decide (no access details) are listed instead of guessed.
/// Rules belong to one analyzer: given its `family`, findings of another known family are
/// counted apart and never archived. Feed findings one at a time (`add`), so a JSON Lines
/// stream needs no more memory than the matches.
public struct ArchivePreview: Sendable {
  /// What the rules would do to one finding.
  public enum Outcome: String, Hashable, Sendable, Codable {
    /// ACTIVE, and at least one rule matches.
    case archived
    /// ARCHIVED already, and at least one rule matches.
    case alreadyArchived = "already-archived"
    /// ACTIVE, no rule matches for sure, but some rule cannot be decided on this record.
    case undecidable
    /// RESOLVED, and a rule matches: left alone, as the service does.
    case resolvedMatched = "resolved-matched"
  }

  /// One finding some rule concerns.
  public struct Entry: Hashable, Sendable {
    /// Position in the input, from 0.
    public var index: Int
    /// The finding id.
    public var id: String?
    /// The resource type.
    public var resourceType: String?
    /// The resource ARN.
    public var resource: String?
    /// The finding status.
    public var status: String?
    /// Whether the resource is public.
    public var isPublic: Bool?
    /// What the rules would do.
    public var outcome: Outcome
    /// Indices into `rules`, in rule order.
    public var matchedRules: [Int]
    /// The names of the rules that match, in rule order (a part of a split rule by its
    /// compiled name, `NAME-2`; `CompileResult.origin(ofRuleNamed:)` leads back).
    public var matchedRuleNames: [String]
    /// Indices into `rules` of the rules that cannot be decided on this record.
    public var undecidableRules: [Int]
  }

  /// The rules previewed, in order.
  public let rules: [ArchiveRule]
  /// The analyzer family the rules belong to, when it is stated; `nil` considers every
  /// finding.
  public let family: AnalyzerFamily?
  private let matchers: [FindingMatcher]
  /// The entries kept, in input order: all of them, or the first `entryLimit` of each outcome.
  public private(set) var entries: [Entry] = []
  /// Findings added, considered or not.
  public private(set) var findingCount = 0
  /// Findings added that belong to another analyzer family than `family` (their family is
  /// known and differs): that analyzer never reports them, so its rules never archive them.
  /// They are in no other count and no entry.
  public private(set) var otherFamilyCount = 0
  /// Findings considered (not of another analyzer family), per status (`(none)` for none).
  public private(set) var statusCounts: [String: Int] = [:]
  /// Per rule, the ACTIVE findings it would archive.
  public private(set) var archiveCounts: [Int]
  /// Exact counts, whether or not every entry was kept.
  public private(set) var outcomeCounts: [Outcome: Int] = [:]
  /// Public findings the rules would archive (exact, whatever was kept).
  public private(set) var archivedPublicCount = 0
  /// Archived findings more than one rule matches (exact).
  public private(set) var matchedBySeveralRulesCount = 0
  /// What would be archived, in the terms of each analyzer family.
  public private(set) var families = FamilyTally()
  /// The most entries kept per outcome (and for public and multi-rule archived findings), so
  /// a preview of any number of findings needs bounded memory. Counts stay exact.
  public let entryLimit: Int
  private var kept: [String: Int] = [:]

  /// An empty preview.
  /// - Parameters:
  ///   - rules: the archive rules.
  ///   - family: the analyzer family the rules belong to, when it is stated (given, or the
  ///     rule file's directive). Findings of another known family are counted in
  ///     `otherFamilyCount` and never archived; findings of unknown family stay candidates.
  ///     `nil` considers every finding.
  ///   - entryLimit: the most entries to keep per outcome; counts stay exact.
  public init(rules: [ArchiveRule], family: AnalyzerFamily? = nil, entryLimit: Int = .max) {
    self.rules = rules
    self.family = family
    self.entryLimit = entryLimit
    matchers = rules.map { FindingMatcher($0.filter) }
    archiveCounts = Array(repeating: 0, count: rules.count)
  }

  /// Whether some entries were counted but not kept.
  public var isTruncated: Bool { outcomeCounts.values.reduce(0, +) > entries.count }

  /// Adds one finding: evaluates every rule on it and records the outcome.
  /// - Parameter finding: a ``Finding`` or any other ``FindingRecord``, in input order.
  public mutating func add(_ finding: some FindingRecord) {
    record(finding, verdicts: matchers.map { $0.evaluate(finding) })
  }

  /// Adds findings of one type, evaluating each rule column by column (interned columns, one
  /// decision per distinct value); the result is the same as adding each finding in turn.
  /// - Parameter findings: any sequence of records (an array, a lazy map over rows), in input
  ///   order.
  public mutating func add<Records: Sequence>(contentsOf findings: Records)
  where Records.Element: FindingRecord {
    addTable(Array(findings))
  }

  /// Adds records of mixed types (your own and decoded ``Finding``s, say) one at a time.
  /// - Parameter findings: the records, in input order.
  public mutating func add<Records: Sequence>(contentsOf findings: Records)
  where Records.Element == any FindingRecord {
    for finding in findings { add(finding) }
  }

  /// Adds decoded findings column by column; the same as the generic
  /// `add(contentsOf:)`, specialised for ``Finding`` inside the library.
  /// - Parameter findings: findings in input order.
  public mutating func add(contentsOf findings: [Finding]) {
    addTable(findings)
  }

  private mutating func addTable<Record: FindingRecord>(_ findings: [Record]) {
    let table = FindingTable(findings)
    let verdicts = rules.map { table.evaluate($0.filter) }
    for (row, finding) in findings.enumerated() {
      record(finding, verdicts: verdicts.lazy.map { $0[row] })
    }
  }

  /// The store columns `add(_:)` reads: the rules' keys and what the report names. A reader
  /// keeping only these (`FindingsStoreReader.columns`) gives the same preview, sooner.
  public var columns: FindingStore.Columns {
    rules.reduce(FindingStore.Columns(reading: [.status, .resourceType, .principal("AWS")])) {
      $0.union(FindingStore.Columns(reading: $1.filter))
    }
  }

  /// Adds a store's findings, evaluating each rule column by column; the result is the same
  /// as adding each finding in turn.
  /// - Parameter store: findings in input order.
  public mutating func add(_ store: FindingStore) {
    let ranks = matchers.map { store.ranks($0) }
    for row in 0..<store.count {
      let verdicts = ranks.lazy.map { $0[row] }
      // Rows the reference decoder read stay findings, with their family details.
      if let finding = store.decoded[row] {
        record(finding, verdicts: verdicts)
      } else {
        record(store[row], verdicts: verdicts)
      }
    }
  }

  /// Attribution for one finding, given each rule's verdict on it.
  private mutating func record<Verdicts: RandomAccessCollection<Verdict>>(
    _ finding: some FindingRecord, verdicts: Verdicts
  ) where Verdicts.Index == Int {
    let index = findingCount
    findingCount += 1
    // The analyzer never sees another family's findings, whatever its rules say.
    if finding.isOutside(analyzer: family) {
      otherFamilyCount += 1
      return
    }
    let status = finding.text(.status)
    statusCounts[status ?? "(none)", default: 0] += 1
    // Most findings concern no rule: settle that before building anything.
    guard verdicts.contains(where: { $0 != .noMatch }) else { return }
    let matched = verdicts.indices.filter { verdicts[$0] == .match }
    let undecided = verdicts.indices.filter { verdicts[$0] == .undecidable }
    let outcome: Outcome
    switch status {
    case "ACTIVE":
      if !matched.isEmpty {
        outcome = .archived
        for rule in matched { archiveCounts[rule] += 1 }
      } else if !undecided.isEmpty {
        outcome = .undecidable
      } else {
        return
      }
    case "ARCHIVED" where !matched.isEmpty: outcome = .alreadyArchived
    case "RESOLVED" where !matched.isEmpty: outcome = .resolvedMatched
    default: return
    }
    outcomeCounts[outcome, default: 0] += 1
    let matchedNames = matched.map { rules[$0].ruleName }
    let isPublic = finding.isPublicFlag
    let isPublicArchive = outcome == .archived && isPublic == true
    let isShared = outcome == .archived && matched.count > 1
    if isPublicArchive { archivedPublicCount += 1 }
    if outcome == .archived {
      families.recordArchived(
        finding, matchedRules: matched, names: matchedNames, limit: entryLimit)
    }
    if isShared { matchedBySeveralRulesCount += 1 }
    // Keep an entry while any list it belongs to still has room.
    let lists =
      [outcome.rawValue] + (isPublicArchive ? ["public"] : []) + (isShared ? ["several"] : [])
    guard lists.contains(where: { kept[$0, default: 0] < entryLimit }) else { return }
    for list in lists { kept[list, default: 0] += 1 }
    entries.append(
      Entry(
        index: index, id: finding.text(.id), resourceType: finding.text(.resourceType),
        resource: finding.text(.resource), status: status, isPublic: isPublic, outcome: outcome,
        matchedRules: matched, matchedRuleNames: matchedNames,
        undecidableRules: undecided))
  }

  /// The kept entries with one outcome.
  /// - Parameter outcome: the outcome.
  /// - Returns: the entries, in input order.
  public func entries(_ outcome: Outcome) -> [Entry] { entries.filter { $0.outcome == outcome } }

  /// Public findings the rules would archive: the exposure a too-broad rule hides.
  public var archivedPublic: [Entry] {
    entries.filter { $0.outcome == .archived && $0.isPublic == true }
  }

  /// Archived findings that more than one rule matches.
  public var matchedBySeveralRules: [Entry] {
    entries.filter { $0.outcome == .archived && $0.matchedRules.count > 1 }
  }

  /// Rules that would archive nothing in this input.
  public var idleRules: [Int] { archiveCounts.indices.filter { archiveCounts[$0] == 0 } }
}
