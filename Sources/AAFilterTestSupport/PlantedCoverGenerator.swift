import FilterDSL
import FilterEval

/// Findings with a planted answer: a few narrow archive rules, and findings some of which
/// those rules archive, for testing and measuring rule suggestion.
///
/// Each planted rule names its own values (principals or resources, an owner account, a
/// finding type), so the rules are disjoint. Around them: decoys that share some but not all
/// of a rule's values (kept, so a rule on fewer keys would archive them), public traps that
/// match a rule but for `isPublic` (external access), resolved findings the rules match
/// (counted neither way), and unrelated noise. The expected findings are the active and
/// archived ones the planted rules match, found with the matcher.
package struct PlantedCoverGenerator {
  /// What was planted.
  package struct Cover {
    package var family: AnalyzerFamily
    package var findings: [Finding]
    package var rules: [ArchiveRule]
    /// Ids of the active and archived findings the planted rules match, in input order.
    package var expectedIDs: [String]
    /// Ids of public findings that match a planted rule but for `isPublic`.
    package var publicTrapIDs: [String]
    /// Pairs of an expected id and a kept id with the same values on every key.
    package var inseparable: [(expected: String, kept: String)]
  }

  private var random: SeededGenerator
  private var serial = 0

  package init(seed: UInt64) {
    random = SeededGenerator(seed: seed)
  }

  private mutating func below(_ bound: Int) -> Int { Int(random.next() % UInt64(max(1, bound))) }

  private static func account(_ index: Int) -> String {
    String(String(100_000_000_000 + index * 7_919).suffix(12))
  }

  private mutating func nextID() -> String {
    serial += 1
    return "f-\(String(100_000_000 + serial).dropFirst())"
  }

  /// Plants `ruleCount` rules for `family`, with about `perRule` findings each.
  /// - Parameters:
  ///   - inseparable: how many expected findings get a kept twin with the same values.
  ///   - archivedOnly: every expected finding is `ARCHIVED` and nothing else is, so the
  ///     expected set is also `.status("ARCHIVED")`.
  ///   - noise: unrelated kept findings per rule.
  package mutating func make(
    family: AnalyzerFamily, ruleCount: Int, perRule: Int = 6, inseparable: Int = 0,
    archivedOnly: Bool = false, noise: Int = 3
  ) -> Cover {
    var findings: [Finding] = []
    var rules: [ArchiveRule] = []
    var traps: [String] = []
    let base = 1_000 + below(1_000) * 1_000
    func status(_ expected: Bool) -> String {
      if archivedOnly { return expected ? "ARCHIVED" : "ACTIVE" }
      return expected && below(3) == 0 ? "ARCHIVED" : "ACTIVE"
    }
    for index in 0..<ruleCount {
      let owner = Self.account(base + index)
      let decoyOwner = Self.account(base + 500 + index)
      switch family {
      case .external:
        let principals = (0..<(1 + below(3))).map { Self.account(base + 100_000 + index * 10 + $0) }
        rules.append(
          ArchiveRule(
            ruleName: "planted-\(index)",
            filter: [
              "principal.AWS": Criterion(eq: principals),
              "resourceOwnerAccount": Criterion(eq: [owner]),
              "isPublic": Criterion(eq: ["false"]),
            ]))
        for _ in 0..<perRule {
          findings.append(
            external(
              principal: principals[below(principals.count)], owner: owner, status: status(true)))
        }
        // Decoys: the same principal in another account, another principal in this account.
        findings.append(external(principal: principals[0], owner: decoyOwner, status: "ACTIVE"))
        findings.append(
          external(principal: Self.account(base + 300_000 + index), owner: owner, status: "ACTIVE"))
        var trap = external(principal: principals[0], owner: owner, status: "ACTIVE")
        trap.isPublic = true
        findings.append(trap)
        traps.append(trap.id ?? "")
        findings.append(external(principal: principals[0], owner: owner, status: "RESOLVED"))
      case .internal:
        let roles = (0..<(1 + below(3))).map {
          "arn:aws:iam::\(owner):role/planted-\(index)-\($0)"
        }
        rules.append(
          ArchiveRule(
            ruleName: "planted-\(index)",
            filter: [
              "principal.AWS": Criterion(eq: roles),
              "resourceOwnerAccount": Criterion(eq: [owner]),
            ]))
        for _ in 0..<perRule {
          findings.append(
            internalAccess(role: roles[below(roles.count)], owner: owner, status: status(true)))
        }
        findings.append(internalAccess(role: roles[0], owner: decoyOwner, status: "ACTIVE"))
        findings.append(
          internalAccess(
            role: "arn:aws:iam::\(owner):role/decoy-\(index)", owner: owner, status: "ACTIVE"))
        findings.append(internalAccess(role: roles[0], owner: owner, status: "RESOLVED"))
      case .unused:
        let types = ["UnusedIAMRole", "UnusedPermission", "UnusedIAMUserAccessKey"]
        let type = types[index % types.count]
        if type == "UnusedIAMUserAccessKey" {
          // Working credentials: the rule names the users.
          let users = (0..<min(20, perRule)).map {
            "arn:aws:iam::\(owner):user/planted-\(index)-\($0)"
          }
          rules.append(
            ArchiveRule(
              ruleName: "planted-\(index)",
              filter: ["findingType": Criterion(eq: [type]), "resource": Criterion(eq: users)]))
          for user in users {
            findings.append(unused(type: type, resource: user, owner: owner, status: status(true)))
          }
          findings.append(
            unused(
              type: type, resource: "arn:aws:iam::\(owner):user/decoy-\(index)", owner: owner,
              status: "ACTIVE"))
          findings.append(
            unused(
              type: "UnusedIAMUserPassword", resource: users[0], owner: owner, status: "ACTIVE"))
        } else {
          rules.append(
            ArchiveRule(
              ruleName: "planted-\(index)",
              filter: [
                "findingType": Criterion(eq: [type]),
                "resourceOwnerAccount": Criterion(eq: [owner]),
              ]))
          for number in 0..<perRule {
            findings.append(
              unused(
                type: type, resource: "arn:aws:iam::\(owner):role/planted-\(index)-\(number)",
                owner: owner, status: status(true)))
          }
          let other = type == "UnusedIAMRole" ? "UnusedPermission" : "UnusedIAMRole"
          findings.append(
            unused(
              type: other, resource: "arn:aws:iam::\(owner):role/planted-\(index)-0", owner: owner,
              status: "ACTIVE"))
          findings.append(
            unused(
              type: type, resource: "arn:aws:iam::\(decoyOwner):role/decoy-\(index)",
              owner: decoyOwner, status: "ACTIVE"))
        }
      }
      for _ in 0..<noise { findings.append(noiseFinding(family, base: base)) }
    }
    // Shuffle so the planted findings are not in runs.
    for index in findings.indices.reversed() where index > 0 {
      findings.swapAt(index, below(index + 1))
    }
    let matchers = rules.map { FindingMatcher($0.filter) }
    var expected = findings.filter { finding in
      (finding.status == "ACTIVE" || finding.status == "ARCHIVED")
        && matchers.contains { $0.matches(finding) }
    }.compactMap(\.id)
    var pairs: [(expected: String, kept: String)] = []
    for position in 0..<min(inseparable, expected.count) {
      let id = expected[position * max(1, expected.count / max(1, inseparable)) % expected.count]
      guard let original = findings.first(where: { $0.id == id }),
        !pairs.contains(where: { $0.expected == id })
      else { continue }
      let twin = copy(original, id: nextID(), status: "ACTIVE")
      findings.append(twin)
      pairs.append((id, twin.id ?? ""))
    }
    let twins = Set(pairs.map(\.kept))
    expected = expected.filter { !twins.contains($0) }
    return Cover(
      family: family, findings: findings, rules: rules, expectedIDs: expected,
      publicTrapIDs: traps, inseparable: pairs)
  }

  private mutating func external(principal: String, owner: String, status: String) -> Finding {
    let id = nextID()
    var finding = Finding(
      id: id, resource: "arn:aws:s3:::bucket-\(id)", resourceType: "AWS::S3::Bucket",
      resourceOwnerAccount: owner, status: status, isPublic: false, findingType: "ExternalAccess",
      principal: ["AWS": principal], action: ["s3:GetObject"])
    finding.analyzerFamily = .external
    return finding
  }

  private mutating func internalAccess(role: String, owner: String, status: String) -> Finding {
    let id = nextID()
    var finding = Finding(
      id: id, resource: "arn:aws:s3:::data-\(id)", resourceType: "AWS::S3::Bucket",
      resourceOwnerAccount: owner, status: status, findingType: "InternalAccess",
      principal: ["AWS": role], action: ["s3:GetObject"])
    finding.analyzerFamily = .internal
    finding.accessType = "INTRA_ACCOUNT"
    finding.principalType = "IAM_ROLE"
    finding.principalOwnerAccount = owner
    return finding
  }

  private mutating func unused(type: String, resource: String, owner: String, status: String)
    -> Finding
  {
    var finding = Finding(
      id: nextID(), resource: resource,
      resourceType: resource.contains(":user/") ? "AWS::IAM::User" : "AWS::IAM::Role",
      resourceOwnerAccount: owner, status: status, findingType: type)
    finding.analyzerFamily = .unused
    return finding
  }

  private mutating func noiseFinding(_ family: AnalyzerFamily, base: Int) -> Finding {
    let owner = Self.account(base + 700 + below(40))
    let status = below(5) == 0 ? "RESOLVED" : "ACTIVE"
    switch family {
    case .external:
      return external(
        principal: Self.account(base + 400_000 + below(60)), owner: owner, status: status)
    case .internal:
      return internalAccess(
        role: "arn:aws:iam::\(owner):role/noise-\(below(60))", owner: owner, status: status)
    case .unused:
      let types = ["UnusedIAMRole", "UnusedPermission", "UnusedIAMUserPassword"]
      return unused(
        type: types[below(types.count)], resource: "arn:aws:iam::\(owner):role/noise-\(below(60))",
        owner: owner, status: status)
    }
  }

  /// The same finding under another id and status.
  private func copy(_ finding: Finding, id: String, status: String) -> Finding {
    var twin = Finding(
      id: id, resource: finding.resource, resourceType: finding.resourceType,
      resourceOwnerAccount: finding.resourceOwnerAccount, status: status,
      isPublic: finding.isPublic, findingType: finding.findingType, principal: finding.principal,
      condition: finding.condition, action: finding.action)
    twin.analyzerFamily = finding.analyzerFamily
    twin.accessType = finding.accessType
    twin.principalType = finding.principalType
    twin.principalOwnerAccount = finding.principalOwnerAccount
    return twin
  }
}

extension PlantedCoverGenerator {
  /// A finding as a list-findings record: the fields the generator sets, keys sorted. With
  /// `indent`, laid out as the AWS CLI prints it (4 spaces a level, the record at `indent`).
  package static func json(_ finding: Finding, indent: Int? = nil) -> String {
    let inner = indent.map { "\n" + String(repeating: " ", count: $0 + 4) } ?? ""
    let outer = indent.map { "\n" + String(repeating: " ", count: $0) } ?? ""
    let nested = indent.map { "\n" + String(repeating: " ", count: $0 + 8) } ?? ""
    let separator = indent == nil ? ", " : ","
    var fields: [(String, String)] = []
    func text(_ key: String, _ value: String?) {
      if let value { fields.append((key, JSONString.quote(value))) }
    }
    text("id", finding.id)
    text("resource", finding.resource)
    text("resourceType", finding.resourceType)
    text("resourceOwnerAccount", finding.resourceOwnerAccount)
    text("status", finding.status)
    text("findingType", finding.findingType)
    text("accessType", finding.accessType)
    text("principalType", finding.principalType)
    text("principalOwnerAccount", finding.principalOwnerAccount)
    if let flag = finding.isPublic { fields.append(("isPublic", flag ? "true" : "false")) }
    for (key, map) in [("principal", finding.principal), ("condition", finding.condition)] {
      guard let map else { continue }
      let body = map.entries.map {
        nested + "\(JSONString.quote($0.key)): \(JSONString.quote($0.value))"
      }
      fields.append((key, "{" + body.joined(separator: separator) + inner + "}"))
    }
    if let action = finding.action {
      let body = action.map { nested + JSONString.quote($0) }
      fields.append(("action", "[" + body.joined(separator: separator) + inner + "]"))
    }
    fields.append(("createdAt", "\"2024-02-01T10:00:00+00:00\""))
    fields.append(("analyzedAt", "\"2024-02-01T10:00:00+00:00\""))
    fields.append(("updatedAt", "\"2024-02-01T10:00:00+00:00\""))
    return "{"
      + fields.sorted { $0.0 < $1.0 }.map { inner + "\"\($0.0)\": \($0.1)" }
      .joined(separator: separator) + outer + "}"
  }
}
