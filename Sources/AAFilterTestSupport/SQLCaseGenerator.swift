import FilterDSL
import Foundation

/// Seeded findings and filters full of values that break naive SQL: quotes, backslashes,
/// LIKE wildcards, comment openers, non-ASCII, case and normalization twins, long lists.
package struct SQLCaseGenerator {
  package var random: SeededGenerator

  package init(random: SeededGenerator) { self.random = random }

  package static let hostile = [
    "it's", "say \"hi\"", "back\\slash", "\\", "50%", "%", "_", "a_b", "é", "e\u{301}", "É",
    "😀", "", "x", "X", "prod-logs", "tab\there", "line\nbreak", "semi;colon", "--dash",
    "/* c */", "ß", "SS", "\u{212A}", "K", "k", "a'); DROP TABLE t; --", "$1", "?", "\\'",
    "''", "\u{202E}rtl",
  ]
  package static let resourceTypes = [
    "AWS::S3::Bucket", "AWS::KMS::Key", "AWS::IAM::Role", "aws::s3::bucket",
  ]
  package static let statuses = ["ACTIVE", "ACTIVE", "ACTIVE", "ARCHIVED", "RESOLVED", "active"]
  package static let accounts = [
    "111122223333", "444455556666", "*", "arn:aws:iam::111122223333:root",
  ]
  package static let actions = ["s3:GetObject", "s3:PutObject", "kms:Decrypt", "sts:AssumeRole"]
  package static let principalKeys = ["AWS", "Federated", "aws", "Service", "a.b"]
  package static let conditionKeys = ["aws:SourceVpc", "a.b", "x'y", "é", "aws:PrincipalOrgID"]
  package static let filterKeys = [
    "id", "resource", "resource", "resourceType", "status", "error", "isPublic", "isPublic",
    "findingType", "resourceControlPolicyRestriction", "action", "action", "principal.AWS",
    "principal.AWS", "principal.aws", "principal.Federated", "principal.a.b",
    "condition.aws:SourceVpc", "condition.a.b", "condition.x'y", "condition.é", "noSuchKey",
    "ResourceType", "accessType", "principalType", "principalOwnerAccount",
    "serviceControlPolicyRestriction",
  ]

  package mutating func pick<T>(_ items: [T]) -> T {
    items[Int(random.next() % UInt64(items.count))]
  }
  package mutating func chance(_ percent: UInt64) -> Bool { random.next() % 100 < percent }

  package mutating func value() -> String {
    switch random.next() % 6 {
    case 0: return pick(Self.resourceTypes)
    case 1: return pick(Self.accounts)
    case 2: return pick(Self.actions)
    case 3:
      return pick([
        "true", "false", "ACTIVE", "ExternalAccess", "APPLICABLE", "INTRA_ORG", "IAM_ROLE",
      ])
    default: return pick(Self.hostile)
    }
  }

  package static func quote(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\t": out += "\\t"
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out + "\""
  }

  private mutating func timestamp() -> String {
    let day = 10 + random.next() % 3
    let minute = random.next() % 3
    let fraction = chance(50) ? "" : ".\(100_000 + random.next() % 3)"
    let zone = pick(["Z", "+00:00", "+05:30", "-02:00"])
    return "2024-02-\(day)T10:0\(minute):00\(fraction)\(zone)"
  }

  private mutating func map(_ keys: [String]) -> String {
    var entries: [String] = []
    for _ in 0..<Int(random.next() % 3) {
      entries.append("\(Self.quote(pick(keys))):\(Self.quote(value()))")
    }
    return "{" + entries.joined(separator: ",") + "}"
  }

  /// One finding's JSON; ids grow with `index` in byte order, so "ordered by id" is "in
  /// input order" for the layouts that have no input order.
  package mutating func finding(_ index: Int) -> String {
    let suffix = pick(["", "'q", "%_", "é", "\"d"])
    var fields = [#""id":\#(Self.quote(String(format: "f%04d", index) + suffix))"#]
    func add(_ percent: UInt64, _ name: String, _ json: @autoclosure () -> String) {
      if chance(percent) { fields.append("\(Self.quote(name)):\(json())") }
    }
    add(85, "resourceType", Self.quote(pick(Self.resourceTypes)))
    add(90, "status", Self.quote(pick(Self.statuses)))
    add(80, "resource", Self.quote("arn:" + value()))
    add(60, "resourceOwnerAccount", Self.quote(pick(Self.accounts)))
    add(80, "createdAt", Self.quote(timestamp()))
    add(80, "updatedAt", Self.quote(timestamp()))
    add(50, "analyzedAt", Self.quote(timestamp()))
    add(20, "error", Self.quote(value()))
    add(
      30, "findingType",
      Self.quote(pick(["ExternalAccess", "UnusedIAMRole", "InternalAccess", value()])))
    // A list-findings-v2 summary: no access details at all.
    if chance(8) {
      if !fields.contains(where: { $0.hasPrefix("\"findingType\"") }) {
        fields.append(#""findingType":"ExternalAccess""#)
      }
      return "{" + fields.joined(separator: ",") + "}"
    }
    add(75, "isPublic", chance(50) ? "true" : "false")
    add(80, "principal", map(Self.principalKeys))
    add(60, "condition", map(Self.conditionKeys))
    add(25, "resourceControlPolicyRestriction", Self.quote(pick(["APPLICABLE", "NOT_APPLICABLE"])))
    add(20, "accessType", Self.quote(pick(["INTRA_ACCOUNT", "INTRA_ORG", value()])))
    add(20, "principalType", Self.quote(pick(["IAM_ROLE", "IAM_USER", value()])))
    add(20, "principalOwnerAccount", Self.quote(pick(Self.accounts)))
    add(15, "serviceControlPolicyRestriction", Self.quote(pick(["APPLICABLE", value()])))
    if chance(80) {
      let count = chance(5) ? 40 : Int(random.next() % 4)
      let elements = (0..<count).map { _ in Self.quote(chance(60) ? pick(Self.actions) : value()) }
      fields.append(#""action":[\#(elements.joined(separator: ","))]"#)
    }
    return "{" + fields.joined(separator: ",") + "}"
  }

  package mutating func criterion(listValued: Bool) -> Criterion {
    var criterion = Criterion()
    func values() -> [String] {
      let count = chance(5) ? 20 : 1 + Int(random.next() % 4)
      var chosen: [String] = []
      for _ in 0..<count * 3 where chosen.count < count {
        let candidate = value()
        if !chosen.contains(where: { $0.utf8.elementsEqual(candidate.utf8) }) {
          chosen.append(candidate)
        }
      }
      return chosen
    }
    while criterion.isEmpty {
      if chance(45) { criterion.eq = values() }
      if chance(30) { criterion.neq = values() }
      if chance(30) {
        criterion.contains = (0..<(1 + Int(random.next() % 3))).map { _ in
          let whole = value()
          return chance(50) ? String(whole.prefix(1 + Int(random.next() % 3))) : whole
        }
      }
      if chance(25) { criterion.exists = chance(50) }
    }
    return criterion
  }

  package mutating func filter() -> FilterCriteriaMap {
    var map = FilterCriteriaMap()
    for _ in 0..<Int(random.next() % 4) {
      let key = pick(Self.filterKeys)
      map[key] = criterion(listValued: key == "action")
    }
    return map
  }

  package mutating func sort() -> SortCriteria? {
    guard chance(70) else { return nil }
    return SortCriteria(
      attributeName: pick(FilterKeyCatalog.sortableAttributes),
      orderBy: chance(50) ? .ascending : .descending)
  }

  package mutating func rules() -> [ArchiveRule] {
    (0..<(1 + Int(random.next() % 5))).map { ArchiveRule(ruleName: "R\($0 + 1)", filter: filter()) }
  }
}
