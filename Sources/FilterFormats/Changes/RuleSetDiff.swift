import FilterDSL

/// How the rules in one place (desired: a repository) differ from the rules in another
/// (deployed: an analyzer), compared by what they match: the order of values, repeated values
/// and operators the others already imply do not count (`isPublic eq false` is
/// `isPublic eq false and isPublic neq true`).
public struct RuleSetDiff: Hashable, Sendable {
  /// One operator of one key whose values differ.
  public struct OperatorChange: Hashable, Sendable {
    /// An operator of the API's `Criterion`.
    public enum Operator: String, Hashable, Sendable {
      /// `eq`: the attribute equals one of the values.
      case eq
      /// `neq`: the attribute equals none of the values.
      case neq
      /// `contains`: the attribute contains one of the values.
      case contains
      /// `exists`: the attribute is present (or absent).
      case exists
    }
    /// The filter key.
    public var key: String
    /// The operator whose values differ.
    public var op: Operator
    /// The distinct values in byte order (`["true"]`/`["false"]` for `exists`); nil when unset.
    public var desired: [String]?
    /// The same for the deployed side.
    public var deployed: [String]?
  }

  /// A rule with the same name on both sides whose filters mean different things.
  public struct Change: Hashable, Sendable {
    /// The rule as wanted.
    public var desired: ArchiveRule
    /// The rule as live.
    public var deployed: ArchiveRule
    /// Every operator that differs.
    public var changes: [OperatorChange]
  }

  /// A deployed rule whose filter a desired rule of another name has: a rename.
  public struct Rename: Hashable, Sendable {
    /// The rule under its new name.
    public var desired: ArchiveRule
    /// The rule under its old name.
    public var deployed: ArchiveRule
  }

  /// Desired rules with no deployed counterpart, in desired order.
  public var added: [ArchiveRule] = []
  /// Deployed rules with no desired counterpart, in deployed order.
  public var removed: [ArchiveRule] = []
  /// Rules on both sides whose filters differ, in desired order.
  public var changed: [Change] = []
  /// Deployed rules whose filter a desired rule has under another name.
  public var renamed: [Rename] = []
  /// Names of rules equal on both sides.
  public var unchanged: [String] = []

  /// Whether both sides mean the same rules under the same names.
  public var isEmpty: Bool {
    added.isEmpty && removed.isEmpty && changed.isEmpty && renamed.isEmpty
  }

  /// Compares two rule sets; rule names are matched exactly.
  /// - Parameters:
  ///   - desired: the rules wanted (a repository).
  ///   - deployed: the rules live (an analyzer).
  public init(desired: [ArchiveRule], deployed: [ArchiveRule]) {
    var deployedByName: [ExactString: ArchiveRule] = [:]
    for rule in deployed where deployedByName[ExactString(rule.ruleName)] == nil {
      deployedByName[ExactString(rule.ruleName)] = rule
    }
    let desiredNames = Set(desired.map { ExactString($0.ruleName) })
    var orphans = deployed.filter { !desiredNames.contains(ExactString($0.ruleName)) }
    for rule in desired {
      if let other = deployedByName[ExactString(rule.ruleName)] {
        let changes = Self.changes(desired: rule.filter, deployed: other.filter)
        if changes.isEmpty {
          unchanged.append(rule.ruleName)
        } else {
          changed.append(Change(desired: rule, deployed: other, changes: changes))
        }
      } else if let index = orphans.firstIndex(where: { Self.equivalent($0.filter, rule.filter) }) {
        renamed.append(Rename(desired: rule, deployed: orphans.remove(at: index)))
      } else {
        added.append(rule)
      }
    }
    removed = orphans
  }

  /// Whether two filter maps mean the same: the same keys, and per key the same criterion
  /// once the operators the others imply are left out.
  /// - Returns: true when they match exactly the same findings by construction.
  public static func equivalent(_ a: FilterCriteriaMap, _ b: FilterCriteriaMap) -> Bool {
    changes(desired: a, deployed: b).isEmpty
  }

  /// The operators that differ, keys in byte order, operators in API order; none when the
  /// maps mean the same. Each side is shown reduced to the operators that say something.
  static func changes(desired: FilterCriteriaMap, deployed: FilterCriteriaMap) -> [OperatorChange] {
    let meanings = (FilterMeaning(desired), FilterMeaning(deployed))
    guard meanings.0 != meanings.1 else { return [] }
    return operatorChanges(
      desired: meanings.0.reduced ?? desired, deployed: meanings.1.reduced ?? deployed)
  }

  private static func operatorChanges(desired: FilterCriteriaMap, deployed: FilterCriteriaMap)
    -> [OperatorChange]
  {
    var keys = desired.sortedKeys
    for key in deployed.sortedKeys where desired[key] == nil { keys.append(key) }
    keys.sort(by: FilterCriteriaMap.byteOrder)
    var result: [OperatorChange] = []
    for key in keys {
      let mine = desired.criteria.first { $0.key.utf8.elementsEqual(key.utf8) }?.value
      let theirs = deployed.criteria.first { $0.key.utf8.elementsEqual(key.utf8) }?.value
      let pairs: [(OperatorChange.Operator, [String]?, [String]?)] = [
        (.eq, canonical(mine?.eq), canonical(theirs?.eq)),
        (.neq, canonical(mine?.neq), canonical(theirs?.neq)),
        (.contains, canonical(mine?.contains), canonical(theirs?.contains)),
        (.exists, mine?.exists.map { [String($0)] }, theirs?.exists.map { [String($0)] }),
      ]
      for (op, a, b) in pairs where !same(a, b) {
        result.append(OperatorChange(key: key, op: op, desired: a, deployed: b))
      }
    }
    return result
  }

  /// Distinct values in byte order.
  static func canonical(_ values: [String]?) -> [String]? {
    guard let values else { return nil }
    var seen = Set<ExactString>()
    return values.filter { seen.insert(ExactString($0)).inserted }.sorted(
      by: FilterCriteriaMap.byteOrder)
  }

  private static func same(_ a: [String]?, _ b: [String]?) -> Bool {
    switch (a, b) {
    case (nil, nil): true
    case (let a?, let b?):
      a.count == b.count && zip(a, b).allSatisfy { $0.utf8.elementsEqual($1.utf8) }
    default: false
    }
  }
}
