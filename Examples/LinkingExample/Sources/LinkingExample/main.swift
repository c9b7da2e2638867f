// A tool that keeps Access Analyzer findings in its own structs (as an inventory or a SIEM
// would) and uses aafilter's libraries to compile, lint, evaluate, sort and preview rules.
// CI runs it and compares its output with expected-output.txt.
import FilterDSL
import FilterEval
import Foundation

/// The tool's own finding type: no JSON, no `Finding`.
struct InventoryFinding: FindingRecord {
  var id: String
  var arn: String
  var type: String
  var owner: String
  var state: String
  var exposedPublicly: Bool
  var principals: [String: String]
  var actions: [String]
  var lastSeen: Date

  func value(for attribute: FindingAttribute) -> FindingValue? {
    switch attribute {
    case .id: .text(id)
    case .resource: .text(arn)
    case .resourceType: .text(type)
    case .resourceOwnerAccount: .text(owner)
    case .status: .text(state)
    case .isPublic: .bool(exposedPublicly)
    case .principal(let entry): principals[entry].map(FindingValue.text)
    case .action: .list(actions)
    case .updatedAt: .timestamp(Timestamp(lastSeen))
    default: nil
    }
  }
}

let inventory = [
  InventoryFinding(
    id: "f-1", arn: "arn:aws:s3:::public-site", type: "AWS::S3::Bucket", owner: "111122223333",
    state: "ACTIVE", exposedPublicly: true, principals: ["AWS": "*"],
    actions: ["s3:GetObject"], lastSeen: Date(timeIntervalSince1970: 1_709_288_100)),
  InventoryFinding(
    id: "f-2", arn: "arn:aws:s3:::prod-data", type: "AWS::S3::Bucket", owner: "111122223333",
    state: "ACTIVE", exposedPublicly: false, principals: ["AWS": "444455556666"],
    actions: ["s3:GetObject", "s3:ListBucket"], lastSeen: Date(timeIntervalSince1970: 1_709_000_000)
  ),
  InventoryFinding(
    id: "f-3", arn: "arn:aws:kms:us-east-1:111122223333:key/1", type: "AWS::KMS::Key",
    owner: "111122223333", state: "ACTIVE", exposedPublicly: false,
    principals: ["AWS": "777788889999"], actions: ["kms:Decrypt"],
    lastSeen: Date(timeIntervalSince1970: 1_709_500_000)),
  InventoryFinding(
    id: "f-4", arn: "arn:aws:s3:::prod-public", type: "AWS::S3::Bucket", owner: "111122223333",
    state: "ACTIVE", exposedPublicly: true, principals: ["AWS": "*"], actions: ["s3:GetObject"],
    lastSeen: Date(timeIntervalSince1970: 1_709_100_000)),
]

// (a) Compile a rule to the API's JSON.
let compiled = FilterCompiler.compile(
  "resourceType eq AWS::S3::Bucket and principal.AWS in [444455556666, 777788889999]")
print("== compile")
print(compiled.json.serialized())

// (b) Lint a rule, and a map as an SDK hands it over (no text involved).
print("== lint a rule")
let ruleReport = Linter.lint("resourcetype eq AWS::S3::Bucket and isPublic eq yes")
print(ruleReport.rendered(name: "rule"), terminator: "")
print("== lint an SDK map")
let sdkMap: FilterCriteriaMap = [
  "isPublic": Criterion(eq: ["false"]), "resourceOwnerAccount": Criterion(eq: ["12345"]),
]
let mapReport = Linter.lint(sdkMap)
for diagnostic in mapReport.diagnostics {
  print("\(diagnostic.severity.rawValue) [\(diagnostic.code)] \(diagnostic.message)")
}
print(mapReport.summaryLine)

// (c) Evaluate and sort the tool's own findings.
print("== evaluate and sort")
do {
  let filter = try FilterCompiler.compile("resourceType eq AWS::S3::Bucket").checked().maps[0]
  let page = try FindingQuery(
    filter: filter, sort: SortCriteria(attributeName: "updatedAt", orderBy: .descending)
  ).run(inventory)
  for finding in page.findings {
    print(finding.id, Timestamp(finding.lastSeen).text)
  }
  let explanation = FindingMatcher(filter).explain(inventory[2])
  print("f-3:", explanation.verdict.rawValue, explanation.criteria[0].operators[0].reason)
} catch {
  print("error: \(error)")
}

// (d) Preview a rule set over them.
print("== preview")
let ruleSet = FilterCompiler.compile(
  """
  rule TrustedAccounts { principal.AWS eq 444455556666 and isPublic eq false }
  rule ProdBuckets { resourceType eq AWS::S3::Bucket and resource contains "prod-" }
  rule Logging { principal.AWS eq 000000000000 }
  """)
var preview = ArchivePreview(rules: ruleSet.rules)
// Any sequence of records: here only the ACTIVE ones, without copying them into an array.
preview.add(contentsOf: inventory.lazy.filter { $0.state == "ACTIVE" })
for (index, rule) in preview.rules.enumerated() {
  print(rule.ruleName, "would archive", preview.archiveCounts[index])
}
for entry in preview.archivedPublic {
  print("public finding hidden:", entry.id ?? "-", entry.matchedRuleNames)
}
print("idle rules:", preview.idleRules.map { preview.rules[$0].ruleName })

// (e) Code written once for any finding record reads its id, whatever the type calls it.
print("== any record")
func summary(_ records: some Sequence<some FindingRecord>) -> String {
  records.map { $0.findingID ?? "-" }.joined(separator: " ")
}
print("inventory:", summary(inventory))
let decoded = Finding(
  id: "d-1", resource: "arn:aws:s3:::prod-archive", resourceType: "AWS::S3::Bucket",
  status: "ACTIVE", isPublic: true, principal: ["AWS": "*"])
print("decoded:", summary([decoded]))

// (f) A rule split into several archive rules: previews name the parts, and each part leads
// back to the rule as written.
print("== split rule")
let splitSet = FilterCompiler.compile(
  """
  rule Exposed { isPublic eq true or principal.AWS eq 777788889999 }
  rule Keys { resourceType eq AWS::KMS::Key }
  """, options: CompileOptions(split: true))
print("compiled:", splitSet.rules.map(\.ruleName))
var splitPreview = ArchivePreview(rules: splitSet.rules)
// Records of several types in one input: the tool's own and a decoded finding.
let mixed: [any FindingRecord] = inventory.map { $0 as any FindingRecord } + [decoded]
splitPreview.add(contentsOf: mixed)
for entry in splitPreview.entries(.archived) {
  let written = entry.matchedRuleNames.map { name in
    guard let origin = splitSet.origin(ofRuleNamed: name) else { return name }
    guard let part = origin.part else { return origin.ruleName }
    return "\(origin.ruleName) (part \(part) of \(origin.partCount))"
  }
  print(entry.id ?? "-", "matched", entry.matchedRuleNames, "written as", written)
}
