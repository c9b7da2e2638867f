import AAFilterTestSupport
import FilterDSL
import FilterEditing
import Foundation

/// `--lsp`: the language server's speed promises, through the real server over pipes in this
/// process (`LSPPipeClient`): from `didOpen` of a 2,000-rule document to its
/// `publishDiagnostics` (budget 1 s), and from a one-character `didChange` of a 200-rule
/// document to its `publishDiagnostics` (budget 100 ms). The baseline, measured in the same run,
/// is FilterEditing's diagnostics of the same text called directly: what the server adds is
/// the difference (JSON, framing, pipes, the debounce).
struct LSPBenchmark {
  var openRules = 2_000
  var changeRules = 200
  var runs = 5
  var changes = 21

  static let openBudget = 1.0
  static let changeBudget = 0.100

  /// A rule file of `count` rules in the shapes teams write: trusted accounts per bucket,
  /// services, organization paths, with some rules inside others so the rule-set checks
  /// (shadowed, overlapping) have work to do.
  static func document(rules count: Int) -> String {
    var lines = ["# aafilter benchmark rules"]
    for index in 0..<count {
      let account = String(format: "%012d", 111_122_220_000 + index % 97)
      let body: String
      switch index % 5 {
      case 0:
        body =
          "resourceType eq AWS::S3::Bucket and principal.AWS in [\(account), 444455556666] and isPublic eq false"
      case 1:
        body =
          "resource contains \"bucket-\(index)\" and principal.AWS eq \(account) and isPublic eq false"
      case 2:
        body =
          "principal.Service eq \"lambda.amazonaws.com\" and resourceOwnerAccount eq \(account)"
      case 3:
        body =
          "resourceType in [AWS::KMS::Key, AWS::SQS::Queue] and principal.AWS eq \(account) and isPublic eq false"
      default:
        body =
          "condition.aws:PrincipalOrgPaths contains \"o-a1b2c3d4e5/r-ab12/ou-\(index)\" and isPublic eq false"
      }
      lines.append("rule Rule\(index) {\n  \(body)\n}")
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// Runs both measurements; returns whether each median is within its budget.
  func run(report: Report) -> Bool {
    let openText = Self.document(rules: openRules)
    let changeText = Self.document(rules: changeRules)
    let openBaseline = Measure.median(runs: runs) { _ = RuleDocument(text: openText).diagnostics }
    let changeBaseline = Measure.median(runs: runs) {
      _ = RuleDocument(text: changeText).diagnostics
    }

    let client = LSPPipeClient()
    _ = client.initialize()
    var openTimes: [Double] = []
    for run in 0..<runs {
      let uri = "file:///bench/open-\(run).aaf"
      let start = Measure.now()
      client.open(uri, openText)
      guard client.diagnostics(for: uri, timeout: 60) != nil else {
        report.note("lsp: no diagnostics after didOpen")
        return false
      }
      openTimes.append(Double(Measure.now() - start) / 1e9)
      client.notify(
        "textDocument/didClose", .object([("textDocument", .object([("uri", .string(uri))]))]))
    }

    let uri = "file:///bench/change.aaf"
    client.open(uri, changeText)
    _ = client.diagnostics(for: uri, timeout: 60)
    var changeTimes: [Double] = []
    // Alternately type a character into the first rule's first value and delete it again.
    let line = 2
    for version in 2..<(2 + changes) {
      let typing = version % 2 == 0
      let range =
        typing
        ? #"{"start":{"line":\#(line),"character":2},"end":{"line":\#(line),"character":2}}"#
        : #"{"start":{"line":\#(line),"character":2},"end":{"line":\#(line),"character":3}}"#
      let params =
        #"{"textDocument":{"uri":"\#(uri)","version":\#(version)},"contentChanges":[{"range":\#(range),"text":"\#(typing ? " " : "")"}]}"#
      guard case .success(let value) = JSONValue.read(Array(params.utf8)) else { return false }
      let start = Measure.now()
      client.notify("textDocument/didChange", value)
      guard
        client.receive(
          timeout: 60,
          until: {
            $0.at("params", "version") == .number(version) && $0.at("params", "uri") == .string(uri)
          }) != nil
      else {
        report.note("lsp: no diagnostics after didChange")
        return false
      }
      changeTimes.append(Double(Measure.now() - start) / 1e9)
    }
    _ = client.request("shutdown", .null)
    client.notify("exit", .null)
    _ = client.exitStatus()

    let open = openTimes.sorted()[openTimes.count / 2]
    let change = changeTimes.sorted()[changeTimes.count / 2]
    report.row(
      "lsp: didOpen \(openRules) rules to diagnostics", ours: milliseconds(open),
      baseline: "lint alone \(milliseconds(openBaseline))", ratio: openBaseline / open)
    report.row(
      "lsp: 1-char didChange, \(changeRules) rules", ours: milliseconds(change),
      baseline: "lint alone \(milliseconds(changeBaseline))", ratio: changeBaseline / change)
    let openOK = open <= Self.openBudget
    let changeOK = change <= Self.changeBudget
    report.note(
      "lsp budgets: open \(openOK ? "ok" : "OVER") (\(milliseconds(open)) of \(milliseconds(Self.openBudget))), change \(changeOK ? "ok" : "OVER") (\(milliseconds(change)) of \(milliseconds(Self.changeBudget)))"
    )
    return openOK && changeOK
  }
}

func milliseconds(_ seconds: Double) -> String { String(format: "%.1f ms", seconds * 1e3) }
