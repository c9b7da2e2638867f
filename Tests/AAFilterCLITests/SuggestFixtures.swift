/// Findings, ids files and paths the `suggest` tests share: small fixtures whose answer is
/// known, and the shipped examples of each family.
enum SuggestFixtures {
  static let external = "Examples/list-findings.json"
  static let unused = "Examples/unused/list-findings-v2.json"
  static let internalEvents = "Examples/internal/eventbridge-events.jsonl"

  /// One finding of a fixture, as JSON Lines: an external access finding unless `type` says.
  static func finding(
    _ id: String, status: String = "ACTIVE", type: String? = nil, resource: String = "r",
    principal: String? = "111122223333", isPublic: Bool? = false,
    account: String = "111122223333", resourceType: String = "AWS::S3::Bucket"
  ) -> String {
    var members = [
      #""id": "\#(id)""#, #""status": "\#(status)""#, #""resource": "\#(resource)""#,
      #""resourceType": "\#(resourceType)""#, #""resourceOwnerAccount": "\#(account)""#,
    ]
    if let type { members.append(#""findingType": "\#(type)""#) }
    if let principal { members.append(#""principal": {"AWS": "\#(principal)"}, "condition": {}"#) }
    if let isPublic { members.append(#""isPublic": \#(isPublic)"#) }
    return "{" + members.joined(separator: ", ") + "}\n"
  }

  /// Two expected findings and two kept ones that cross them: any one rule covering both
  /// expected findings matches a kept one, so exactly two rules are needed.
  static let crossed =
    finding("e1", resource: "arn:aws:s3:::one", principal: "444455556666")
    + finding("e2", resource: "arn:aws:s3:::two", principal: "777788889999")
    + finding("k1", resource: "arn:aws:s3:::two", principal: "444455556666")
    + finding("k2", resource: "arn:aws:s3:::one", principal: "777788889999")

  /// `twin` is `same` in every value but its id.
  static let twins =
    finding("same", resource: "arn:aws:s3:::logs", principal: "444455556666")
    + finding("twin", resource: "arn:aws:s3:::logs", principal: "444455556666")
    + finding("other", resource: "arn:aws:s3:::data", principal: "999900001111")

  /// A public finding expected, next to a kept one on another bucket.
  static let publicPair =
    finding("open", resource: "arn:aws:s3:::site", principal: "*", isPublic: true)
    + finding("closed", resource: "arn:aws:s3:::vault", principal: "*", isPublic: true)

  /// External and unused access findings in one file.
  static let mixed =
    finding("ext-yes", resource: "arn:aws:s3:::one", principal: "444455556666")
    + finding("ext-no", resource: "arn:aws:s3:::two", principal: "999900001111")
    + finding(
      "unused-yes", type: "UnusedIAMRole", resource: "arn:aws:iam::111122223333:role/batch",
      principal: nil, isPublic: nil, resourceType: "AWS::IAM::Role")
    + finding(
      "unused-no", type: "UnusedIAMRole", resource: "arn:aws:iam::111122223333:role/web",
      principal: nil, isPublic: nil, resourceType: "AWS::IAM::Role")

  static let files: [String: String] = [
    "crossed.jsonl": crossed, "crossed.ids": "e1\ne2\n",
    "twins.jsonl": twins, "twins.ids": "same\nother\n",
    "public.jsonl": publicPair, "public.ids": "open\n",
    "mixed.jsonl": mixed, "mixed.ids": "ext-yes\nunused-yes\n",
    "empty.ids": "# nothing triaged yet\n\n",
    "unknown.ids": "7f3a0002-4b1c-4e6f-9a2d-5e11c0de0002x\nnot-a-finding\n",
    "commented.ids": """
    # the partner's account

      7f3a0002-4b1c-4e6f-9a2d-5e11c0de0002\t# prod-data-lake\r
    7f3a0003-4b1c-4e6f-9a2d-5e11c0de0003
    \t
    7f3a0009-4b1c-4e6f-9a2d-5e11c0de0009 # base-images
    7f3a0004-4b1c-4e6f-9a2d-5e11c0de0004

    """,
  ]
}
