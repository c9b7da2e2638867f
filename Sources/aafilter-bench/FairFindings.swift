import AAFilterTestSupport
import FilterDSL

/// Findings in shapes the reader was not written around: any member order, `sources` arrays,
/// condition maps, 1-40 actions, escaped and non-ASCII text in ARNs and conditions, timestamps
/// with and without fractions and offsets, printed minified, or indented by 2 or 4 spaces.
///
/// The record layout is drawn from the seed, not from what the decoder is fast at, so the
/// figures measured on it are fair to every reader in the same run.
struct FairFindings {
  /// How the document is printed.
  enum Layout: String, CaseIterable {
    /// The whole page on one line.
    case minified
    case indent2
    case indent4
    /// One compact finding per line.
    case jsonLines
  }

  static let resourceTypes =
    SyntheticFindings.resourceTypes + [
      "AWS::IAM::User", "AWS::S3Express::DirectoryBucket", "AWS::RDS::DBSnapshot",
    ]
  static let actions =
    (SyntheticFindings.actions + [
      "s3:GetBucketPolicy", "s3:DeleteObject", "kms:Encrypt", "kms:GenerateDataKey",
      "sqs:ReceiveMessage", "sns:Publish", "ecr:BatchGetImage", "dynamodb:GetItem",
      "dynamodb:Query", "iam:PassRole", "elasticfilesystem:ClientMount", "sts:TagSession",
    ])
  static let conditionKeys = [
    "aws:SourceVpc", "aws:PrincipalOrgID", "aws:SourceIp", "s3:prefix",
    "cognito-identity.amazonaws.com:aud", "aws:SourceArn", "kms:ViaService",
  ]

  var random: SeededGenerator
  let layout: Layout

  init(seed: UInt64, layout: Layout) {
    random = SeededGenerator(seed: seed)
    self.layout = layout
  }

  private mutating func below(_ bound: Int) -> Int { Int(random.next() % UInt64(bound)) }
  private mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }

  /// A JSON value already in its printed form for scalars, so printing is one pass.
  indirect enum Value {
    case object([(String, Value)])
    case array([Value])
    case literal(String)
  }

  /// A JSON string literal for `text`; some characters escaped even when they need not be,
  /// as other tools print them.
  private mutating func string(_ text: String, escapeSome: Bool = false) -> Value {
    var out = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "/" where escapeSome: out += "\\/"
      case "\n": out += "\\n"
      case _ where scalar.value < 0x20 || (escapeSome && scalar.value >= 0x80 && below(2) == 0):
        if scalar.value > 0xFFFF {
          let value = scalar.value - 0x10000
          out += String(format: "\\u%04x\\u%04x", 0xD800 + (value >> 10), 0xDC00 + (value & 0x3FF))
        } else {
          out += String(format: "\\u%04x", scalar.value)
        }
      default: out.unicodeScalars.append(scalar)
      }
    }
    return .literal(out + "\"")
  }

  private mutating func timestamp() -> Value {
    let day = 1 + below(28)
    let hour = below(24)
    var text = "2024-0\(1 + below(9))-\(day < 10 ? "0" : "")\(day)T\(hour < 10 ? "0" : "")\(hour)"
    text += ":\(10 + below(50)):\(10 + below(50))"
    switch below(3) {
    case 0: break
    case 1: text += ".\(100 + below(900))"
    default: text += ".\(100_000 + below(900_000))"
    }
    text += pick(["Z", "+00:00", "-05:00", "+05:30"])
    return .literal("\"\(text)\"")
  }

  private mutating func account() -> String { SyntheticFindings.account(below(300)) }

  /// One finding with its members in a random order.
  mutating func finding(_ index: Int) -> Value {
    let type = pick(Self.resourceTypes)
    let publicPrincipal = below(6) == 0
    var principal: [(String, Value)] = [
      ("AWS", .literal(publicPrincipal ? "\"*\"" : "\"\(account())\""))
    ]
    if below(5) == 0 { principal.append(("Federated", string("cognito-identity.amazonaws.com"))) }
    // Most findings grant a few actions; some grant dozens.
    let actionCount = below(10) == 0 ? 1 + below(40) : 1 + below(3)
    let actions = (0..<actionCount).map { _ in Value.literal("\"\(pick(Self.actions))\"") }
    var condition: [(String, Value)] = []
    for _ in 0..<below(4) {
      let key = pick(Self.conditionKeys)
      let value =
        below(3) == 0
        ? "vpc-\(String(below(0xFFFFFF), radix: 16))/été \"prod\" ☃"
        : "o-\(String(below(0xFFFFFF), radix: 36))"
      condition.append((key, string(value, escapeSome: true)))
    }
    let name = below(4) == 0 ? "données-\(index)-ü/ñ" : "bucket-\(index)"
    let id = String(
      format: "%08x-%04x-%04x-%04x-%012llx", UInt32(truncatingIfNeeded: random.next()),
      index % 0x10000, UInt16(truncatingIfNeeded: random.next()),
      UInt16(truncatingIfNeeded: random.next()), random.next() % 0xFFFF_FFFF_FFFF)
    var sources: [Value] = [.object([("type", .literal("\"POLICY\""))])]
    if below(3) == 0 {
      sources.append(
        .object([
          ("type", .literal("\"S3_ACCESS_POINT\"")),
          (
            "detail",
            .object([
              ("accessPointArn", string("arn:aws:s3:::accesspoint/ap-\(index)", escapeSome: true))
            ])
          ),
        ]))
    }
    var members: [(String, Value)] = [
      ("id", .literal("\"\(id)\"")),
      ("principal", .object(principal)),
      ("action", .array(actions)),
      ("resource", string("arn:aws:s3:::\(name)", escapeSome: true)),
      ("isPublic", .literal(publicPrincipal ? "true" : "false")),
      ("resourceType", .literal("\"\(type)\"")),
      ("condition", .object(condition)),
      ("createdAt", timestamp()),
      ("analyzedAt", timestamp()),
      ("updatedAt", timestamp()),
      ("status", .literal("\"\(pick(SyntheticFindings.statuses))\"")),
      ("resourceOwnerAccount", .literal("\"\(account())\"")),
      ("sources", .array(sources)),
    ]
    if below(20) == 0 { members.append(("error", .literal("\"ACCESS_DENIED\""))) }
    // Fisher-Yates: every member order is as likely as the AWS CLI's.
    for i in stride(from: members.count - 1, to: 0, by: -1) { members.swapAt(i, below(i + 1)) }
    return .object(members)
  }

  /// Prints `value` with `indent` spaces per level, or compact when `indent` is nil.
  static func print(_ value: Value, indent: Int?, level: Int, into out: inout String) {
    func newline(_ level: Int) {
      guard let indent else { return }
      out += "\n"
      out += String(repeating: " ", count: indent * level)
    }
    switch value {
    case .literal(let text): out += text
    case .array(let elements):
      out += "["
      for (i, element) in elements.enumerated() {
        if i > 0 { out += "," }
        newline(level + 1)
        print(element, indent: indent, level: level + 1, into: &out)
      }
      if !elements.isEmpty { newline(level) }
      out += "]"
    case .object(let members):
      out += "{"
      for (i, (key, member)) in members.enumerated() {
        if i > 0 { out += "," }
        newline(level + 1)
        out += "\"\(key)\":" + (indent == nil ? "" : " ")
        print(member, indent: indent, level: level + 1, into: &out)
      }
      if !members.isEmpty { newline(level) }
      out += "}"
    }
  }

  /// `count` findings in this layout, handed out in pieces of about a megabyte.
  mutating func write(count: Int, to sink: ([UInt8]) throws -> Void) rethrows {
    let indent: Int? =
      switch layout {
      case .minified, .jsonLines: nil
      case .indent2: 2
      case .indent4: 4
      }
    var out = ""
    out.reserveCapacity(1 << 21)
    func flush(_ force: Bool) throws {
      if force || out.utf8.count > 1 << 20 {
        try sink(Array(out.utf8))
        out.removeAll(keepingCapacity: true)
      }
    }
    if layout == .jsonLines {
      for index in 0..<count {
        Self.print(finding(index), indent: nil, level: 0, into: &out)
        out += "\n"
        try flush(false)
      }
      return try flush(true)
    }
    out += "{"
    if let indent { out += "\n" + String(repeating: " ", count: indent) }
    out += "\"findings\":" + (indent == nil ? "" : " ") + "["
    for index in 0..<count {
      if index > 0 { out += "," }
      if let indent { out += "\n" + String(repeating: " ", count: indent * 2) }
      Self.print(finding(index), indent: indent, level: 2, into: &out)
      try flush(false)
    }
    if let indent { out += "\n" + String(repeating: " ", count: indent) }
    out += "]"
    if indent != nil { out += "\n" }
    out += "}\n"
    try flush(true)
  }
}
