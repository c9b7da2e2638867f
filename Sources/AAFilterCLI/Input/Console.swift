import FilterEval
import Foundation

/// Where a command reads and writes. The real one wraps the process's streams; tests use
/// buffers, so every command runs in-process under test.
public struct Console: Sendable {
  public var write: @Sendable (String) -> Void
  public var writeError: @Sendable (String) -> Void
  public var readInput: @Sendable () -> [UInt8]
  public var readFile: @Sendable (String) throws -> [UInt8]
  /// Opens a file, or standard input for `-`, as a source of chunks (empty at the end), so
  /// that large inputs stream.
  public var openChunks: @Sendable (String) throws -> () throws -> [UInt8]
  public var colored: Bool
  /// Pushes buffered output out; called once a command finishes.
  public var flush: @Sendable () -> Void = {}
  /// Maps a regular file for reading; `nil` (the default) reads files through `readFile`.
  /// The closure returns `nil` for what cannot be mapped (pipes, devices, missing files).
  public var mapFile: (@Sendable (String) -> InputBytes?)?
  /// Whether standard error is a terminal, where progress is shown.
  public var errorIsTerminal = false
  /// Seconds a read runs before progress appears on a terminal.
  public var progressDelay = 1.0

  public init(
    write: @escaping @Sendable (String) -> Void, writeError: @escaping @Sendable (String) -> Void,
    readInput: @escaping @Sendable () -> [UInt8],
    readFile: @escaping @Sendable (String) throws -> [UInt8],
    openChunks: (@Sendable (String) throws -> () throws -> [UInt8])? = nil, colored: Bool = false
  ) {
    self.write = write
    self.writeError = writeError
    self.readInput = readInput
    self.readFile = readFile
    self.openChunks =
      openChunks ?? { path in
        var data: [UInt8]? = path == "-" ? readInput() : try readFile(path)
        return {
          defer { data = nil }
          return data ?? []
        }
      }
    self.colored = colored
  }

  /// The process's standard streams and file system.
  public static var standard: Console {
    let output = BufferedOutput()
    var console = Console(
      write: { text in output.write(text) },
      writeError: { text in FileHandle.standardError.write(Data(text.utf8)) },
      // `readDataToEndOfFile` traps on a read error (standard input opened on a directory).
      readInput: { [UInt8]((try? FileHandle.standardInput.readToEnd()) ?? Data()) },
      readFile: { path in try readWholeFile(path) },
      openChunks: { path in
        let handle: FileHandle
        if path == "-" {
          handle = FileHandle.standardInput
        } else {
          guard let file = FileHandle(forReadingAtPath: path) else { throw FileError(path: path) }
          handle = file
        }
        // `readData(ofLength:)` traps on a read error (a directory); this throws instead.
        return {
          do {
            return [UInt8](try handle.read(upToCount: 1 << 20) ?? Data())
          } catch {
            throw FileError(path: path)
          }
        }
      },
      colored: isatty(STDERR_FILENO) != 0 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil)
    console.flush = { output.flush() }
    console.mapFile = { path in InputBytes.map(path: path) }
    console.errorIsTerminal = isatty(STDERR_FILENO) != 0
    return console
  }
}

struct FileError: Error, CustomStringConvertible {
  var path: String
  var description: String { path == "-" ? "cannot read standard input" : "cannot read '\(path)'" }
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

/// Standard output through a buffer: results are written in many small pieces, and one
/// system call per piece would dominate a large query.
final class BufferedOutput: @unchecked Sendable {
  private var buffer: [UInt8] = []
  private let lock = NSLock()

  func write(_ text: String) {
    lock.lock()
    buffer.append(contentsOf: text.utf8)
    let full = buffer.count >= 1 << 16
    lock.unlock()
    if full { flush() }
  }

  func flush() {
    lock.lock()
    let bytes = buffer
    buffer.removeAll(keepingCapacity: true)
    lock.unlock()
    if !bytes.isEmpty { FileHandle.standardOutput.write(Data(bytes)) }
  }

}

/// Reads a file into an array of exactly its size: no growing buffer, no second copy, so a
/// large findings file costs its own size in memory and no more.
func readWholeFile(_ path: String) throws -> [UInt8] {
  let descriptor = open(path, O_RDONLY)
  guard descriptor >= 0 else { throw FileError(path: path) }
  defer { close(descriptor) }
  var status = stat()
  guard fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else {
    // Not a regular file (a pipe, a device): read it as a stream.
    guard
      let data = FileHandle(fileDescriptor: descriptor, closeOnDealloc: false)
        .readDataToEndOfFileOrNil()
    else {
      throw FileError(path: path)
    }
    return [UInt8](data)
  }
  let size = Int(status.st_size)
  var failed = false
  let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
    count = 0
    while count < size {
      let read = systemRead(descriptor, buffer.baseAddress.map { $0 + count }, size - count)
      if read <= 0 {
        failed = read < 0
        break
      }
      count += read
    }
  }
  if failed { throw FileError(path: path) }
  return bytes
}

extension FileHandle {
  fileprivate func readDataToEndOfFileOrNil() -> Data? {
    try? readToEnd() ?? Data()
  }
}

#if canImport(Darwin)
  private let systemRead = Darwin.read
#else
  private let systemRead = Glibc.read
#endif
