import FilterDSL

/// Seeded rule files shaped like the ones teams keep for an external access analyzer: rules
/// that trust accounts, organizations, VPCs and service principals, most scoped to resource
/// types, buckets, queues or keys. Accounts come from a pool that grows with the file (a set
/// grows by adding accounts), so each rule overlaps about as many others in a large file as in
/// a small one; a few percent repeat an earlier rule more narrowly (shadowed). For the
/// benchmark's rule-set timings and the set-level check tests.
package struct RuleFileGenerator {
  package var random: SeededGenerator
  private var accountPool = 600

  package init(seed: UInt64) { random = SeededGenerator(seed: seed) }

  private static let resourceTypes = [
    "AWS::S3::Bucket", "AWS::KMS::Key", "AWS::IAM::Role", "AWS::Lambda::Function",
    "AWS::SQS::Queue", "AWS::SNS::Topic", "AWS::SecretsManager::Secret", "AWS::DynamoDB::Table",
  ]

  private mutating func number(_ bound: Int) -> Int { Int(random.next() % UInt64(bound)) }

  /// A twelve-digit account id from the pool.
  private mutating func account() -> String {
    String(100_000_000_000 + number(accountPool) * 1_000_003)
  }

  private mutating func accounts(_ most: Int) -> String {
    var chosen: [String] = []
    for _ in 0..<(1 + number(most)) {
      let next = account()
      if !chosen.contains(next) { chosen.append(next) }
    }
    return "[" + chosen.joined(separator: ", ") + "]"
  }

  /// The body of one rule, without braces.
  private mutating func body(_ index: Int) -> String {
    switch number(8) {
    case 0: return "principal.AWS in \(accounts(3)) and isPublic eq false"
    case 1:
      return
        "resourceType eq AWS::S3::Bucket and resource eq \"arn:aws:s3:::data-\(index)\" and principal.AWS eq \(account()) and isPublic eq false"
    case 2: return "condition.aws:PrincipalOrgID eq o-\(index) and isPublic eq false"
    case 3:
      let type = Self.resourceTypes[number(Self.resourceTypes.count)]
      return
        "resourceType eq \(type) and resourceOwnerAccount eq \(account()) and principal.AWS in \(accounts(2)) and isPublic eq false"
    case 4: return "condition.aws:SourceVpc eq vpc-\(index) and isPublic eq false"
    case 5:
      return
        "resourceType eq AWS::SQS::Queue and resource eq \"arn:aws:sqs:us-east-1:\(account()):team-\(index)\" and principal.AWS eq \(account()) and isPublic eq false"
    case 6:
      return
        "principal.Service eq \(["cloudtrail.amazonaws.com", "config.amazonaws.com", "logs.amazonaws.com"][number(3)]) and resource eq \"arn:aws:s3:::logs-\(index)\" and isPublic eq false"
    default:
      let owner = account()
      return
        "resourceType eq AWS::KMS::Key and resourceOwnerAccount eq \(owner) and resource eq \"arn:aws:kms:us-east-1:\(owner):key/k-\(index)\" and isPublic eq false"
    }
  }

  /// A rule file of `count` rules, `Rule1` to `RuleN`.
  package mutating func text(rules count: Int) -> String {
    accountPool = max(600, count / 2)
    var bodies: [String] = []
    var text = "# Archive rules of the organization's external access analyzer.\n"
    for index in 0..<count {
      var body = body(index)
      // A few rules repeat an earlier one and add a criterion: the earlier one shadows them.
      if !bodies.isEmpty, number(100) < 3 {
        body = bodies[number(bodies.count)] + " and error exists"
      }
      bodies.append(body)
      text += "\nrule Rule\(index + 1) {\n  \(body)\n}\n"
    }
    return text
  }
}
