import Foundation

/// Whole-process figures on findings the reader was not written around (`FairFindings`), each
/// beside jq, Python's `json` and DuckDB run on the same file in the same run: every shape at
/// the base size, the cost per finding from 10k to the large size, the large size itself, and
/// the speed-up from one core to all of them.
struct ScaleBenchmarks {
  let options: Options
  let report: Report
  let tool: String
  let directory: URL

  static let filter = "resourceType eq AWS::S3::Bucket and isPublic eq true"
  static let rule = "PublicBuckets=\(filter)"

  private static let jqDocument =
    #"[.findings[] | select(.resourceType == "AWS::S3::Bucket" and .isPublic == true)] | sort_by(.updatedAt) | reverse | .[].id"#
  private static let jqLines =
    #"[inputs | select(.resourceType == "AWS::S3::Bucket" and .isPublic == true)] | sort_by(.updatedAt) | reverse | .[].id"#
  private static let pythonProgram = """
    import json,sys
    p=sys.argv[1]
    fs=[json.loads(l) for l in open(p) if l.strip()] if p.endswith(".jsonl") else json.load(open(p))["findings"]
    r=[f for f in fs if f.get("resourceType")=="AWS::S3::Bucket" and f.get("isPublic") is True]
    r.sort(key=lambda f:f["updatedAt"],reverse=True)
    print("\\n".join(f["id"] for f in r))
    """
  private static let duckdbProgram = """
    import duckdb,sys
    c=duckdb.connect()
    c.execute("SET threads=2")
    r=c.execute(\"\"\"select id from read_json(?, format='newline_delimited',
      columns={'id':'VARCHAR','resourceType':'VARCHAR','isPublic':'BOOLEAN','updatedAt':'TIMESTAMPTZ'})
      where resourceType='AWS::S3::Bucket' and isPublic order by updatedAt desc\"\"\",[sys.argv[1]]).fetchall()
    print("\\n".join(x[0] for x in r))
    """

  func run() throws {
    try shapes()
    try growthAndLarge()
  }

  // MARK: Inputs and runs

  /// A fair input on disk, generated once per size and layout.
  private func input(_ count: Int, _ layout: FairFindings.Layout) throws -> (url: URL, size: Int) {
    let url = directory.appendingPathComponent(
      "fair-\(count)-\(layout.rawValue)" + (layout == .jsonLines ? ".jsonl" : ".json"))
    if let size = try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int {
      return (url, size)
    }
    _ = FileManager.default.createFile(atPath: url.path, contents: nil)
    let handle = try FileHandle(forWritingTo: url)
    var generator = FairFindings(seed: 11, layout: layout)
    var size = 0
    generator.write(count: count) { chunk in
      size += chunk.count
      handle.write(Data(chunk))
    }
    try handle.close()
    return (url, size)
  }

  /// Median seconds and the largest peak memory of `runs` runs of `aafilter`.
  private func ours(_ arguments: [String], runs: Int) -> (seconds: Double, peak: Int)? {
    var times: [Double] = []
    var peak = 0
    for _ in 0..<runs {
      guard let measured = Measure.peakRSS(tool, arguments) else { return nil }
      times.append(measured.seconds)
      peak = max(peak, measured.bytes)
    }
    return (times.sorted()[times.count / 2], peak)
  }

  private func query(_ url: URL, threads: Int? = nil) -> [String] {
    [
      "query", "--findings", url.path, "--filter", Self.filter, "--sort", "updatedAt:DESC",
      "--output", "ids", "--quiet",
    ] + (threads.map { ["--threads", "\($0)"] } ?? [])
  }

  /// Median wall time of another program; `nil` when it is missing or fails.
  private func external(_ executable: String?, _ arguments: [String], runs: Int) -> Double? {
    guard let executable else { return nil }
    var times: [Double] = []
    for _ in 0..<runs {
      let (seconds, ok) = Measure.run(executable, arguments)
      guard ok else { return nil }
      times.append(seconds)
    }
    return times.sorted()[times.count / 2]
  }

  private var python: String? { Measure.which("python3") }

  private var hasDuckDB: Bool {
    guard let python else { return false }
    return Measure.run(python, ["-c", "import duckdb"]).ok
  }

  private func seconds(_ value: Double) -> String { String(format: "%.2f s", value) }

  /// The baselines on one file, each as a row beside our time.
  private func baselines(
    _ url: URL, ours: Double, label: String, jq: Bool, runs: Int
  ) {
    guard options.external else { return }
    let lines = url.pathExtension == "jsonl"
    if jq,
      let time = external(
        Measure.which("jq"),
        lines ? ["-rn", Self.jqLines, url.path] : ["-r", Self.jqDocument, url.path], runs: runs)
    {
      report.row(
        "\(label): jq", ours: seconds(ours), baseline: "jq " + seconds(time), ratio: time / ours)
    }
    if let time = external(python, ["-c", Self.pythonProgram, url.path], runs: runs) {
      report.row(
        "\(label): Python json", ours: seconds(ours), baseline: "python3 " + seconds(time),
        ratio: time / ours)
    }
    if lines, hasDuckDB,
      let time = external(python, ["-c", Self.duckdbProgram, url.path], runs: runs)
    {
      report.row(
        "\(label): DuckDB read_json, 2 threads", ours: seconds(ours),
        baseline: "duckdb " + seconds(time), ratio: time / ours)
    }
  }

  // MARK: Figures

  /// Every shape at the base size, with the baselines.
  private func shapes() throws {
    let count = options.findings
    for layout in FairFindings.Layout.allCases {
      let (url, size) = try input(count, layout)
      let label = "query \(count / 1000)k fair findings, \(layout.rawValue) (\(megabytes(size)))"
      guard let (time, peak) = ours(query(url), runs: options.runs) else {
        report.note("MISMATCH: aafilter query failed on \(url.lastPathComponent)")
        continue
      }
      report.row(
        label, ours: seconds(time),
        baseline: String(format: "peak %@ (%.2fx input)", megabytes(peak), ratio(peak, size)),
        ratio: nil)
      baselines(url, ours: time, label: label, jq: true, runs: max(1, options.runs / 2))
    }
  }

  /// Cost per finding at 10k, the base size and the large size; the large size in full.
  private func growthAndLarge() throws {
    let sizes = [options.findings / 10, options.findings, options.largeFindings].filter { $0 > 0 }
    var perFinding: [(Int, Double, Int)] = []
    for count in Set(sizes).sorted() {
      let (url, _) = try input(count, .indent2)
      let runs = count >= 1_000_000 ? max(1, options.runs / 2) : options.runs
      guard let (time, peak) = ours(query(url), runs: runs) else { continue }
      perFinding.append((count, time, peak))
      report.row(
        "query \(count / 1000)k findings (indent 2), per finding",
        ours: String(
          format: "%.2f µs, %.0f bytes peak", time / Double(count) * 1e6,
          Double(peak) / Double(count)),
        baseline: perFinding.first.map {
          String(format: "%.2f µs at %dk", $0.1 / Double($0.0) * 1e6, $0.0 / 1000)
        } ?? "-",
        ratio: perFinding.first.map { ($0.1 / Double($0.0)) / (time / Double(count)) })
    }
    guard let large = sizes.last, large >= options.findings else { return }
    let runs = max(1, options.runs / 2)
    let (document, documentSize) = try input(large, .indent2)
    let label = "\(large / 1000)k findings (\(megabytes(documentSize)) JSON)"
    if let (time, peak) = ours(query(document), runs: runs) {
      report.row(
        "query " + label, ours: seconds(time),
        baseline: String(
          format: "peak %@ (%.2fx input)", megabytes(peak), ratio(peak, documentSize)),
        ratio: nil)
      baselines(document, ours: time, label: "query " + label, jq: false, runs: 1)
      if let (single, _) = ours(query(document, threads: 1), runs: runs) {
        report.row(
          "query " + label + ", all cores vs 1", ours: seconds(time),
          baseline: "1 thread " + seconds(single), ratio: single / time)
      }
    }
    let preview = ["preview", "--findings", document.path, "--rule", Self.rule, "--quiet"]
    if let (time, peak) = ours(preview, runs: runs) {
      report.row(
        "preview " + label, ours: seconds(time),
        baseline: String(
          format: "peak %@ (%.2fx input)", megabytes(peak), ratio(peak, documentSize)),
        ratio: nil)
    }
    let (lines, linesSize) = try input(large, .jsonLines)
    let linesLabel = "query \(large / 1000)k findings (\(megabytes(linesSize)) JSON Lines)"
    if let (time, peak) = ours(query(lines), runs: runs) {
      report.row(
        linesLabel,
        ours: seconds(time) + ", " + megabytesPerSecond(linesSize, time),
        baseline: "peak " + megabytes(peak), ratio: nil)
      baselines(lines, ours: time, label: linesLabel, jq: false, runs: 1)
      if let (single, _) = ours(query(lines, threads: 1), runs: runs) {
        report.row(
          linesLabel + ", all cores vs 1", ours: seconds(time),
          baseline: "1 thread " + seconds(single), ratio: single / time)
      }
    }
  }

  private func ratio(_ a: Int, _ b: Int) -> Double { Double(a) / Double(max(1, b)) }
}
