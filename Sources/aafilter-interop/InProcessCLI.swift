import AAFilterCLI
import AAFilterTestSupport
import Foundation

/// Runs `aafilter` in-process, as a user would type it, relative paths from `root`.
func aafilter(_ arguments: [String], root: URL) -> ToolRun {
  let output = ConsoleCapture()
  let console = Console(
    write: { output.write($0) }, writeError: { output.writeError($0) }, readInput: { [] },
    readFile: { path in
      let url = path.hasPrefix("/") ? URL(fileURLWithPath: path) : root.appendingPathComponent(path)
      return try [UInt8](Data(contentsOf: url))
    })
  let status = AAFilter.main(arguments, console: console)
  return ToolRun(status: status, stdout: output.stdout, stderr: output.stderr)
}
