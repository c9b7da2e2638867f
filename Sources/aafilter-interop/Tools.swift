import Foundation

/// What a tool printed and how it ended.
struct ToolRun {
  var status: Int32
  var stdout: String
  var stderr: String
}

/// Runs an external program (found on PATH when `program` has no slash) with its output kept in
/// files, so a chatty tool never blocks on a full pipe; `environment` adds variables to ours. A
/// program still running after `timeout` seconds is terminated (status 15 on Linux), so a hung
/// client fails its check instead of stalling the harness.
func runTool(
  _ program: String, _ arguments: [String], stdin: URL? = nil,
  environment: [String: String] = [:], timeout: Double? = nil
) throws -> ToolRun {
  let scratch = FileManager.default.temporaryDirectory.appendingPathComponent(
    "aafilter-interop-run-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
  defer { try? FileManager.default.removeItem(at: scratch) }
  let out = scratch.appendingPathComponent("out")
  let err = scratch.appendingPathComponent("err")
  _ = FileManager.default.createFile(atPath: out.path, contents: nil)
  _ = FileManager.default.createFile(atPath: err.path, contents: nil)
  let process = Process()
  process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
  // env(1) takes NAME=VALUE words before the program.
  let assignments = environment.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
  process.arguments = assignments + [program] + arguments
  process.standardOutput = try FileHandle(forWritingTo: out)
  process.standardError = try FileHandle(forWritingTo: err)
  process.standardInput = try stdin.map { try FileHandle(forReadingFrom: $0) } ?? .nullDevice
  try process.run()
  if let timeout {
    let deadline = Date().addingTimeInterval(timeout)
    while process.isRunning, Date() < deadline { usleep(20_000) }
    if process.isRunning { process.terminate() }
  }
  process.waitUntilExit()
  return ToolRun(
    status: process.terminationStatus,
    stdout: String(decoding: try Data(contentsOf: out), as: UTF8.self),
    stderr: String(decoding: try Data(contentsOf: err), as: UTF8.self))
}

/// Runs a checker script of Tests/Interop that ends its output with `N passed, N failed`, and
/// adds those counts; a script that ends otherwise (a missing tool, a crash) is one failure.
func runChecker(
  _ settings: Settings, _ tally: Tally, group: String, script: String, _ arguments: [String],
  environment: [String: String] = [:], timeout: Double? = nil
) {
  let path = settings.scripts.appendingPathComponent(script).path
  guard
    let run = try? runTool(
      settings.python, [path] + arguments, environment: environment, timeout: timeout)
  else {
    tally.check(false, group, "cannot run \(settings.python)")
    return
  }
  print(run.stdout, terminator: "")
  let closing = run.stdout.split(separator: "\n").last.map(String.init) ?? ""
  guard run.status == 0 || run.status == 1, let counts = parseClosingLine(closing) else {
    let detail = (run.stdout + run.stderr).split(separator: "\n").suffix(15)
    tally.check(
      false, group,
      "\(script) ended with status \(run.status):\n" + detail.joined(separator: "\n"))
    return
  }
  tally.add(passed: counts.passed, failed: counts.failed)
  if run.status != 0, counts.failed == 0 {
    tally.check(false, group, "\(script) failed without naming a failed check")
  }
}

/// Reads `N passed, N failed` (anything before the counts is a label).
func parseClosingLine(_ line: String) -> (passed: Int, failed: Int)? {
  let words = line.split(whereSeparator: { $0 == " " || $0 == "," || $0 == ":" })
  guard words.count >= 4, words[words.count - 3] == "passed", words.last == "failed",
    let passed = Int(words[words.count - 4]), let failed = Int(words[words.count - 2])
  else { return nil }
  return (passed, failed)
}
