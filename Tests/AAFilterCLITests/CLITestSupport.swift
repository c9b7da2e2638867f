import AAFilterCLI
import AAFilterTestSupport
import Foundation
import XCTest

struct RunResult {
  var status: Int32
  var stdout: String
  var stderr: String
}

/// Runs `aafilter` in-process with the repository as the working directory for relative paths.
func aafilter(_ arguments: [String], stdin: String = "", files: [String: String] = [:]) -> RunResult
{
  let capture = ConsoleCapture()
  let input = Array(stdin.utf8)
  let console = Console(
    write: { capture.write($0) }, writeError: { capture.writeError($0) }, readInput: { input },
    readFile: { path in
      if let text = files[path] { return Array(text.utf8) }
      let url =
        path.hasPrefix("/")
        ? URL(fileURLWithPath: path) : repositoryRoot.appendingPathComponent(path)
      return try [UInt8](Data(contentsOf: url))
    })
  let status = AAFilter.main(arguments, console: console)
  return RunResult(status: status, stdout: capture.stdout, stderr: capture.stderr)
}
