/// Seeded rule files shaped like a team's real one: comments, rules over principals, resource
/// types, condition keys and resources, most excluding public findings, some overlapping, a
/// few with mistakes the checks report. For the editor-service tests and benchmarks.
package struct RuleFileGenerator {
  private var random: SeededGenerator

  package init(seed: UInt64) { random = SeededGenerator(seed: seed) }

  private mutating func number(_ bound: Int) -> Int { Int(random.next() % UInt64(bound)) }

  private static let types = [
    "AWS::S3::Bucket", "AWS::IAM::Role", "AWS::KMS::Key", "AWS::SQS::Queue",
    "AWS::Lambda::Function", "AWS::SecretsManager::Secret",
  ]

  /// A rule file of `count` rules, named `Rule1` ... `RuleN`.
  package mutating func ruleFile(rules count: Int) -> String {
    var text = "# Archive rules for the external access analyzer.\n# Reviewed quarterly.\n\n"
    for index in 1...max(1, count) {
      if index % 10 == 1 { text += "# Group \(index / 10 + 1): trusted partners\n" }
      let account = String(100_000_000_000 + number(900_000_000_000))
      var predicates: [String] = []
      switch number(6) {
      case 0: predicates.append("principal.AWS eq \(account)")
      case 1:
        predicates.append("principal.AWS in [\(account), \(String(100_000_000_000 + index))]")
      case 2: predicates.append("condition.aws:SourceVpc eq vpc-\(number(50))")
      case 3: predicates.append("resource contains \"bucket-\(index)\"")
      case 4: predicates.append("resourceOwnerAccount eq \(account)")
      default: predicates.append("condition.aws:PrincipalOrgID eq o-\(number(20))")
      }
      if number(2) == 0 {
        predicates.append("resourceType eq \(Self.types[number(Self.types.count)])")
      }
      if number(10) != 0 { predicates.append("isPublic eq false") }
      if number(40) == 0 { predicates.append("resourcetype eq AWS::S3::Bucket") }
      let body =
        predicates.count > 2
        ? predicates[0] + "\n  and " + predicates.dropFirst().joined(separator: " and ")
        : predicates.joined(separator: " and ")
      text += "rule Rule\(index) {\n  \(body)\n}\n\n"
    }
    return text
  }
}
