import FilterDSL
import FilterEval
import Foundation

/// Each measurement beside the same work done by a plain hand-written baseline.
struct Benchmarks {
  let options: Options
  let report: Report
  let documentBytes: [UInt8]

  static let types = SyntheticFindings.resourceTypes + (0..<10).map { "AWS::Other::Type\($0)" }
  static let accounts = (0..<20).map { SyntheticFindings.account($0 * 3) }
  static let actions = SyntheticFindings.actions + (0..<12).map { "svc:Action\($0)" }
  static let owners = (0..<20).map { SyntheticFindings.account($0 * 2) }

  // MARK: Parse and compile

  func parseAndCompile() throws {
    func list(_ values: [String]) -> String {
      "[" + values.map(FilterPrinter.literal).joined(separator: ", ") + "]"
    }
    let rule = """
      resourceType in \(list(Self.types)) and isPublic eq false and status eq ACTIVE
      and principal.AWS in \(list(Self.accounts)) and action in \(list(Self.actions))
      and resourceOwnerAccount in \(list(Self.owners))
      """
    let map = try FilterExpression(parsing: rule).filterMap()
    let json = try JSONEncoder().encode(map)
    let iterations = options.parses
    let ours = try Measure.median(runs: options.runs) {
      for _ in 0..<iterations { _ = try FilterExpression(parsing: rule).filterMap() }
    }
    let baseline = try Measure.median(runs: options.runs) {
      for _ in 0..<iterations { _ = try JSONDecoder().decode(FilterCriteriaMap.self, from: json) }
    }
    report.row(
      "parse+compile a 6-key rule (86 values)",
      ours: String(format: "%.1f µs/rule", ours / Double(iterations) * 1e6),
      baseline: String(
        format: "JSONDecoder of its map %.1f µs", baseline / Double(iterations) * 1e6),
      ratio: baseline / ours)
  }

  // MARK: Decoding

  /// The fields a hand-written Codable reader would take.
  struct CodableFinding: Decodable {
    var id: String
    var resourceType: String?
    var resource: String?
    var isPublic: Bool?
    var status: String?
    var resourceOwnerAccount: String?
    var principal: [String: String]?
    var condition: [String: String]?
    var action: [String]?
    var updatedAt: String?
    var createdAt: String?
    var analyzedAt: String?
  }

  struct CodablePage: Decodable { var findings: [CodableFinding] }

  func decoding() throws -> [Finding] {
    var findings: [Finding] = []
    let ours = try Measure.median(runs: options.runs) {
      findings = try FindingsDecoder.decode(documentBytes).findings
    }
    let data = Data(documentBytes)
    let baseline = try Measure.median(runs: max(1, options.runs / 2)) {
      _ = try JSONDecoder().decode(CodablePage.self, from: data)
    }
    report.row(
      "decode list-findings JSON", ours: megabytesPerSecond(documentBytes.count, ours),
      baseline: "JSONDecoder " + megabytesPerSecond(documentBytes.count, baseline),
      ratio: baseline / ours)
    return findings
  }

  func decodingLines() throws {
    var generator = SyntheticFindings(seed: 7)
    var lines: [UInt8] = []
    generator.jsonLines(count: options.findings) { lines += $0 }
    var count = 0
    let ours = try Measure.median(runs: options.runs) {
      var offset = 0
      var reader = JSONLinesReader {
        defer { offset += 1 << 20 }
        return offset < lines.count
          ? Array(lines[offset..<min(lines.count, offset + (1 << 20))]) : []
      }
      count = 0
      try reader.forEach { _ in count += 1 }
    }
    let baseline = try Measure.median(runs: max(1, options.runs / 2)) {
      let decoder = JSONDecoder()
      for line in lines.split(separator: 0x0A) {
        _ = try decoder.decode(CodableFinding.self, from: Data(line))
      }
    }
    report.row(
      "decode JSON Lines (streamed)", ours: megabytesPerSecond(lines.count, ours),
      baseline: "JSONDecoder per line " + megabytesPerSecond(lines.count, baseline),
      ratio: baseline / ours)
    if count != options.findings {
      report.note("MISMATCH: read \(count) of \(options.findings) lines")
    }
  }

  // MARK: Evaluation

  func evaluation(_ findings: [Finding]) {
    let types = Set(Self.types)
    let accounts = Set(Self.accounts)
    let actions = Set(Self.actions)
    let owners = Set(Self.owners)
    let typeCriterion = Criterion(eq: Self.types)
    let filters: [(String, FilterCriteriaMap, (Finding) -> Bool)] = [
      (
        "1-key filter (20 values)", ["resourceType": typeCriterion],
        { f in f.resourceType.map(types.contains) ?? false }
      ),
      (
        "2-key filter (20 values)",
        ["resourceType": typeCriterion, "isPublic": Criterion(eq: ["false"])],
        { f in (f.resourceType.map(types.contains) ?? false) && f.isPublic == false }
      ),
      (
        "4-key filter (20-value lists)",
        [
          "resourceType": typeCriterion, "isPublic": Criterion(eq: ["false"]),
          "status": Criterion(eq: ["ACTIVE"]),
          "principal.AWS": Criterion(eq: Self.accounts),
        ],
        { f in
          (f.resourceType.map(types.contains) ?? false) && f.isPublic == false
            && f.status == "ACTIVE"
            && (f.principal?["AWS"].map(accounts.contains) ?? false)
        }
      ),
      (
        "6-key filter (20-value lists)",
        [
          "resourceType": typeCriterion, "isPublic": Criterion(eq: ["false"]),
          "status": Criterion(eq: ["ACTIVE"]),
          "principal.AWS": Criterion(eq: Self.accounts), "action": Criterion(eq: Self.actions),
          "resourceOwnerAccount": Criterion(eq: Self.owners),
        ],
        { f in
          (f.resourceType.map(types.contains) ?? false) && f.isPublic == false
            && f.status == "ACTIVE"
            && (f.principal?["AWS"].map(accounts.contains) ?? false)
            && (f.action?.contains(where: actions.contains) ?? false)
            && (f.resourceOwnerAccount.map(owners.contains) ?? false)
        }
      ),
    ]
    let repeats = max(1, options.evaluations / max(1, findings.count))
    let evaluations = repeats * findings.count
    var table = FindingTable<Finding>([])
    let build = Measure.median(runs: options.runs) { table = FindingTable(findings) }
    report.row(
      "build the columnar table, \(findings.count / 1000)k findings",
      ours: String(format: "%.3f s", build),
      baseline: "-", ratio: nil)
    let store = try? FindingsStoreReader(threads: 1).readAll(InputBytes(documentBytes)).0
    for (name, map, closure) in filters {
      var rows = 0
      let tableTime = Measure.median(runs: options.runs) {
        rows = 0
        for _ in 0..<repeats { rows += table.matchingRows(map).count }
      }
      var storeRows = 0
      let storeTime = Measure.median(runs: options.runs) {
        storeRows = 0
        for _ in 0..<repeats {
          storeRows += store?.evaluate(map).lazy.filter { $0 == .match }.count ?? 0
        }
      }
      let matcher = FindingMatcher(map)
      var ours = 0
      var theirs = 0
      let oursTime = Measure.median(runs: options.runs) {
        ours = 0
        for _ in 0..<repeats {
          for finding in findings where matcher.matches(finding) { ours += 1 }
        }
      }
      let closureTime = Measure.median(runs: options.runs) {
        theirs = 0
        for _ in 0..<repeats { for finding in findings where closure(finding) { theirs += 1 } }
      }
      report.row(
        "evaluate a \(name) (record matcher)", ours: perSecond(evaluations, oursTime) + " findings",
        baseline: "closure " + perSecond(evaluations, closureTime), ratio: closureTime / oursTime)
      report.row(
        "evaluate a \(name) (columnar table)",
        ours: perSecond(evaluations, tableTime) + " findings",
        baseline: "closure " + perSecond(evaluations, closureTime), ratio: closureTime / tableTime)
      report.row(
        "evaluate a \(name) (column store)",
        ours: perSecond(evaluations, storeTime) + " findings",
        baseline: "closure " + perSecond(evaluations, closureTime), ratio: closureTime / storeTime)
      if ours != theirs || rows != theirs || storeRows != theirs {
        report.note(
          "MISMATCH: \(name) matched \(ours) / \(rows) / \(storeRows), the closure \(theirs)")
      }
    }
  }

  // MARK: Sorting

  func sorting(_ findings: [Finding]) {
    guard !findings.isEmpty else { return }
    let target = max(findings.count, options.findings >= 100_000 ? 1_000_000 : findings.count)
    var many: [Finding] = []
    many.reserveCapacity(target)
    while many.count < target { many += findings.prefix(target - many.count) }
    let query = FindingQuery(sort: SortCriteria(attributeName: "updatedAt", orderBy: .descending))
    let ours = Measure.median(runs: options.runs) { _ = try? query.run(many) }
    let baseline = Measure.median(runs: options.runs) {
      _ = many.sorted { a, b in
        guard let x = a.updatedAt else { return false }
        guard let y = b.updatedAt else { return true }
        return x > y
      }
    }
    report.row(
      "sort \(target / 1000)k findings by updatedAt", ours: String(format: "%.2f s", ours),
      baseline: String(format: "sorted(by:) %.2f s", baseline), ratio: baseline / ours)
  }

  // MARK: Whole process

  func endToEnd(documentURL: URL, workDirectory: URL) throws {
    let tool = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
      .appendingPathComponent("aafilter").path
    guard FileManager.default.isExecutableFile(atPath: tool) else {
      report.note("no aafilter binary beside the benchmark; build it with swift build -c release")
      return
    }
    let path = documentURL.path
    let filter = "resourceType eq AWS::S3::Bucket and isPublic eq true"
    let arguments = [
      "query", "--findings", path, "--filter", filter, "--sort", "updatedAt:DESC", "--output",
      "ids",
    ]
    var peak = 0
    var times: [Double] = []
    for _ in 0..<options.runs {
      guard let measured = Measure.peakRSS(tool, arguments) else { continue }
      peak = max(peak, measured.bytes)
      times.append(measured.seconds)
    }
    guard !times.isEmpty else {
      report.note("aafilter query failed; no end-to-end figures")
      return
    }
    let ours = times.sorted()[times.count / 2]
    report.row(
      "aafilter query, \(options.findings / 1000)k findings (process)",
      ours: String(format: "%.2f s", ours),
      baseline: "-", ratio: nil)
    report.row(
      "peak memory of that query", ours: megabytes(peak),
      baseline: String(
        format: "input %@ (peak %.2fx of it)", megabytes(documentBytes.count),
        Double(peak) / Double(max(1, documentBytes.count))),
      ratio: nil)
    if options.external {
      if let jq = Measure.which("jq") {
        let program =
          #"[.findings[] | select(.resourceType == "AWS::S3::Bucket" and .isPublic == true)] | sort_by(.updatedAt) | reverse | .[].id"#
        let time = Measure.median(runs: max(1, options.runs / 2)) {
          _ = Measure.run(jq, ["-r", program, path])
        }
        report.row(
          "same query: jq", ours: String(format: "%.2f s", ours),
          baseline: String(format: "jq %.2f s", time), ratio: time / ours)
      }
      if let python = Measure.which("python3") {
        let program = """
          import json,sys
          d=json.load(open(sys.argv[1]))
          r=[f for f in d["findings"] if f.get("resourceType")=="AWS::S3::Bucket" and f.get("isPublic") is True]
          r.sort(key=lambda f:f["updatedAt"],reverse=True)
          print("\\n".join(f["id"] for f in r))
          """
        let time = Measure.median(runs: max(1, options.runs / 2)) {
          _ = Measure.run(python, ["-c", program, path])
        }
        report.row(
          "same query: Python json", ours: String(format: "%.2f s", ours),
          baseline: String(format: "python3 %.2f s", time),
          ratio: time / ours)
      }
    }
    try boundedLines(tool: tool, workDirectory: workDirectory)
  }

  /// Preview over JSON Lines at two sizes: memory must not grow with the input.
  private func boundedLines(tool: String, workDirectory: URL) throws {
    for count in [options.linesFindings / 10, options.linesFindings] where count > 0 {
      let url = workDirectory.appendingPathComponent("findings-\(count).jsonl")
      _ = FileManager.default.createFile(atPath: url.path, contents: nil)
      let handle = try FileHandle(forWritingTo: url)
      var generator = SyntheticFindings(seed: 9)
      var size = 0
      generator.jsonLines(count: count) { chunk in
        size += chunk.count
        handle.write(Data(chunk))
      }
      try handle.close()
      let arguments = [
        "preview", "--findings", url.path, "--rule",
        "Trusted=principal.AWS in [\(Self.accounts.joined(separator: ","))] and isPublic eq false",
        "--output", "summary",
      ]
      guard let measured = Measure.peakRSS(tool, arguments) else { continue }
      report.row(
        "preview JSON Lines, \(count / 1000)k findings",
        ours: String(format: "%.2f s, %@ peak", measured.seconds, megabytes(measured.bytes)),
        baseline: "input " + megabytes(size), ratio: nil)
      try? FileManager.default.removeItem(at: url)
    }
  }
}
