import AAFilterCLI
import Foundation

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

/// Runs `aafilter` in-process, as a user would type it, relative paths from `root`.
func aafilter(_ arguments: [String], root: URL) -> ToolRun {
  let output = Capture()
  let console = Console(
    write: { output.write($0) }, writeError: { output.writeError($0) }, readInput: { [] },
    readFile: { path in
      let url = path.hasPrefix("/") ? URL(fileURLWithPath: path) : root.appendingPathComponent(path)
      return try [UInt8](Data(contentsOf: url))
    })
  let status = AAFilter.main(arguments, console: console)
  return ToolRun(status: status, stdout: output.stdout, stderr: output.stderr)
}
