import Foundation

/// Where a command reads and writes. The real one wraps the process's streams; tests use
/// buffers, so every command runs in-process under test.
public struct Console: Sendable {
  public var write: @Sendable (String) -> Void
  public var writeError: @Sendable (String) -> Void
  public var readInput: @Sendable () -> [UInt8]
  public var readFile: @Sendable (String) throws -> [UInt8]
  public var colored: Bool

  public init(
    write: @escaping @Sendable (String) -> Void, writeError: @escaping @Sendable (String) -> Void,
    readInput: @escaping @Sendable () -> [UInt8], readFile: @escaping @Sendable (String) throws -> [UInt8],
    colored: Bool = false
  ) {
    self.write = write
    self.writeError = writeError
    self.readInput = readInput
    self.readFile = readFile
    self.colored = colored
  }

  /// The process's standard streams and file system.
  public static var standard: Console {
    Console(
      write: { text in FileHandle.standardOutput.write(Data(text.utf8)) },
      writeError: { text in FileHandle.standardError.write(Data(text.utf8)) },
      readInput: { [UInt8](FileHandle.standardInput.readDataToEndOfFile()) },
      readFile: { path in
        guard let data = FileManager.default.contents(atPath: path) else {
          throw FileError(path: path)
        }
        return [UInt8](data)
      },
      colored: isatty(STDERR_FILENO) != 0 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil)
  }
}

struct FileError: Error, CustomStringConvertible {
  var path: String
  var description: String { "cannot read '\(path)'" }
}

/// What a command ends with: its exit status.
enum ExitStatus: Int32 {
  case success = 0
  /// Invalid rule or findings; diagnostics went to standard error.
  case invalidInput = 1
  case usage = 2
}

/// A failure that has already been reported on standard error.
struct Reported: Error {
  var status: ExitStatus = .invalidInput
}
