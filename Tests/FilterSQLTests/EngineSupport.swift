import Foundation
import XCTest

/// Collects what a command writes.
final class Capture: @unchecked Sendable {
  private let lock = NSLock()
  private var out = ""
  private var err = ""
  func write(_ text: String) { lock.withLock { out += text } }
  func writeError(_ text: String) { lock.withLock { err += text } }
  var stdout: String { lock.withLock { out } }
  var stderr: String { lock.withLock { err } }
}

/// Runs engines.py on a job and returns its answers; fails with the script's message (which
/// names scripts/install-test-tools) when an engine is missing.
func runEngines(_ job: [String: Any], directory: URL) throws -> [String: Any] {
  let jobURL = directory.appendingPathComponent("job.json")
  let outURL = directory.appendingPathComponent("out.json")
  try JSONSerialization.data(withJSONObject: job).write(to: jobURL)
  let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("engines.py")
  let process = Process()
  process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
  process.arguments = ["python3", script.path, jobURL.path, outURL.path]
  let errors = Pipe()
  process.standardError = errors
  process.standardOutput = FileHandle.nullDevice
  do {
    try process.run()
  } catch {
    XCTFail("cannot run python3 (\(error)); run scripts/install-test-tools")
    throw error
  }
  let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
  process.waitUntilExit()
  guard process.terminationStatus == 0 else {
    let message = stderr.split(separator: "\n").suffix(15).joined(separator: "\n")
    XCTFail("engines.py failed (status \(process.terminationStatus)):\n\(message)")
    throw CocoaError(.fileReadUnknown)
  }
  let data = try Data(contentsOf: outURL)
  return try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
}
