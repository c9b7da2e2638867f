import AAFilterTestSupport
import FilterDSL

/// Seeded synthetic findings shaped like `aws accessanalyzer list-findings` output.
struct SyntheticFindings {
  static let resourceTypes = [
    "AWS::S3::Bucket", "AWS::IAM::Role", "AWS::SQS::Queue", "AWS::Lambda::Function",
    "AWS::KMS::Key",
    "AWS::SecretsManager::Secret", "AWS::EFS::FileSystem", "AWS::ECR::Repository",
    "AWS::SNS::Topic",
    "AWS::DynamoDB::Table",
  ]
  static let statuses = ["ACTIVE", "ACTIVE", "ACTIVE", "ARCHIVED", "RESOLVED"]
  static let actions = [
    "s3:GetObject", "s3:ListBucket", "s3:PutObject", "sts:AssumeRole", "kms:Decrypt",
    "sqs:SendMessage",
    "lambda:InvokeFunction", "secretsmanager:GetSecretValue",
  ]

  var random: SeededGenerator

  init(seed: UInt64) {
    random = SeededGenerator(seed: seed)
  }

  mutating func pick<T>(_ items: [T]) -> T { items[Int(random.next() % UInt64(items.count))] }

  static func account(_ index: Int) -> String {
    let digits = String(100_000_000_000 + index * 7_919)
    return String(digits.suffix(12))
  }

  /// One finding as pretty-printed JSON (4-space indent, as the AWS CLI prints).
  mutating func finding(_ index: Int) -> String {
    let type = pick(Self.resourceTypes)
    let owner = Self.account(Int(random.next() % 50))
    let principal = random.next() % 6 == 0 ? "*" : Self.account(Int(random.next() % 200))
    let isPublic = principal == "*"
    let actionCount = 1 + Int(random.next() % 3)
    let actions = (0..<actionCount).map { _ in "\"\(pick(Self.actions))\"" }.joined(
      separator: ",\n                ")
    let day = 1 + random.next() % 28
    let hour = random.next() % 24
    let fraction = random.next() % 2 == 0 ? "" : ".\(100_000 + random.next() % 900_000)"
    let stamp =
      "2024-02-\(day < 10 ? "0" : "")\(day)T\(hour < 10 ? "0" : "")\(hour):\(10 + random.next() % 50):\(10 + random.next() % 50)\(fraction)+00:00"
    let condition =
      random.next() % 3 == 0
      ? "\"aws:SourceVpc\": \"vpc-\(String(random.next() % 0xFFFFFF, radix: 16))\"" : ""
    let id = String(
      format: "%08x-%04x-%04x-%04x-%012llx", UInt32(truncatingIfNeeded: random.next()),
      index % 0x10000,
      UInt16(truncatingIfNeeded: random.next()), UInt16(truncatingIfNeeded: random.next()),
      random.next() % 0xFFFF_FFFF_FFFF)
    return """
              {
                  "id": "\(id)",
                  "principal": {
                      "AWS": "\(principal)"
                  },
                  "action": [
                      \(actions)
                  ],
                  "resource": "arn:aws:s3:::bucket-\(index)-\(String(random.next() % 0xFFFFF, radix: 16))",
                  "isPublic": \(isPublic),
                  "resourceType": "\(type)",
                  "condition": {\(condition)},
                  "createdAt": "\(stamp)",
                  "analyzedAt": "\(stamp)",
                  "updatedAt": "\(stamp)",
                  "status": "\(pick(Self.statuses))",
                  "resourceOwnerAccount": "\(owner)",
                  "sources": [
                      {
                          "type": "POLICY"
                      }
                  ]
              }
      """
  }

  mutating func listFindings(count: Int) -> [UInt8] {
    var text = "{\n    \"findings\": [\n"
    text.reserveCapacity(count * 900)
    for index in 0..<count {
      if index > 0 { text += ",\n" }
      text += finding(index)
    }
    text += "\n    ]\n}\n"
    return Array(text.utf8)
  }

  /// The same kind of records, compact, one per line.
  mutating func jsonLines(count: Int, into write: ([UInt8]) -> Void) {
    var buffer: [UInt8] = []
    for index in 0..<count {
      let compact = finding(index).split(separator: "\n").map { $0.drop { $0 == " " } }.joined()
      buffer += Array(compact.utf8)
      buffer.append(0x0A)
      if buffer.count > 1 << 20 {
        write(buffer)
        buffer.removeAll(keepingCapacity: true)
      }
    }
    write(buffer)
  }
}
