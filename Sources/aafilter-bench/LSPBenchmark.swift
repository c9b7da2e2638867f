import AAFilterTestSupport
import FilterDSL
import FilterEditing
import FilterLSP
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

  /// Waits for the server's `publishDiagnostics` of `uri` at `version`, recognized by the start
  /// of its body (the server writes its members in a fixed order), so that this side does not
  /// parse megabytes of JSON inside the measurement.
  private static func waitForDiagnostics(_ client: LSPPipeClient, uri: String, version: Int)
    -> Bool
  {
    let prefix = Array(
      #"{"jsonrpc":"2.0","method":"textDocument/publishDiagnostics","params":{"uri":"\#(uri)","version":\#(version),"#
        .utf8)
    while let body = client.receiveBody(timeout: 60) {
      if body.starts(with: prefix) { return true }
    }
    return false
  }

  /// Runs both measurements; returns whether each median is within its budget.
  func run(report: Report) -> Bool {
    // The documents the editing benchmark (`--editing`) times too.
    var generator = RuleFileGenerator(seed: 7)
    let openText = generator.text(rules: openRules)
    let changeText = generator.text(rules: changeRules)
    let openBaseline = Measure.median(runs: runs) { _ = EditorDocument(text: openText).diagnostics }
    let changeBaseline = Measure.median(runs: runs) {
      _ = EditorDocument(text: changeText).diagnostics
    }

    let client = LSPPipeClient()
    _ = client.initialize()
    var openTimes: [Double] = []
    for run in 0..<runs {
      let uri = "file:///bench/open-\(run).aaf"
      let start = Measure.now()
      client.open(uri, openText)
      guard Self.waitForDiagnostics(client, uri: uri, version: 1) else {
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
    // Alternately type a space on the empty last line and delete it again: the whole document
    // is checked again either way.
    let line = LineIndex(changeText).lineCount - 1
    for version in 2..<(2 + changes) {
      let typing = version % 2 == 0
      let range =
        typing
        ? #"{"start":{"line":\#(line),"character":0},"end":{"line":\#(line),"character":0}}"#
        : #"{"start":{"line":\#(line),"character":0},"end":{"line":\#(line),"character":1}}"#
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
