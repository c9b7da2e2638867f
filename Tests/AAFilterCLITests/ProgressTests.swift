import AAFilterCLI
import Foundation
import XCTest

/// Progress appears on standard error only when it is a terminal (or forced), on one line
/// redrawn with a carriage return and cleared at the end; never on standard output.
final class ProgressTests: XCTestCase {
  static let clear = "\r\u{1B}[K"

  /// A findings file big enough to be read in several pieces.
  func findingsFile() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "aafilter-progress-\(getpid()).jsonl")
    var text = ""
    for index in 0..<3_000 {
      text +=
        #"{"id":"f\#(index)","resourceType":"AWS::S3::Bucket","isPublic":\#(index % 2 == 0),"status":"ACTIVE"}"#
        + "\n"
    }
    try Data(text.utf8).write(to: url)
    addTeardownBlock { try? FileManager.default.removeItem(at: url) }
    return url
  }

  /// Runs `query` with standard error on `descriptor`; returns standard output.
  func query(_ extra: [String], errorDescriptor descriptor: Int32, file: URL) -> (Int32, String) {
    let capture = Capture()
    var console = Console(
      write: { capture.write($0) },
      writeError: { text in
        _ = text.utf8CString.withUnsafeBufferPointer {
          write(descriptor, $0.baseAddress, $0.count - 1)
        }
      },
      readInput: { [] }, readFile: { try [UInt8](Data(contentsOf: URL(fileURLWithPath: $0))) })
    console.errorIsTerminal = isatty(descriptor) != 0
    console.progressDelay = 0
    let status = AAFilter.main(
      ["query", "--findings", file.path, "--filter", "isPublic eq true", "--output", "ids"] + extra,
      console: console)
    return (status, capture.stdout)
  }

  /// Everything available to read on `descriptor` now.
  func drain(_ descriptor: Int32) -> String {
    _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 4096)
    while case let count = read(descriptor, &chunk, chunk.count), count > 0 {
      bytes += chunk[0..<count]
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  /// A libc function by name: Glibc's module map leaves out the pseudo-terminal calls.
  func libc<T>(_ name: String, as type: T.Type) throws -> T {
    guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), name) else {
      throw PseudoTerminalError(message: "no \(name) in libc")
    }
    return unsafeBitCast(symbol, to: type)
  }

  struct PseudoTerminalError: Error {
    var message: String
  }

  /// A pseudo-terminal pair: (controller, terminal).
  func pseudoTerminal() throws -> (Int32, Int32) {
    typealias Call = @convention(c) (Int32) -> Int32
    let openController = try libc("posix_openpt", as: Call.self)
    let grant = try libc("grantpt", as: Call.self)
    let unlock = try libc("unlockpt", as: Call.self)
    let name = try libc(
      "ptsname", as: (@convention(c) (Int32) -> UnsafeMutablePointer<CChar>?).self)
    let controller = openController(O_RDWR | O_NOCTTY)
    guard controller >= 0, grant(controller) == 0, unlock(controller) == 0,
      let path = name(controller)
    else { throw PseudoTerminalError(message: "cannot open a pseudo-terminal") }
    let terminal = open(String(cString: path), O_RDWR | O_NOCTTY)
    guard terminal >= 0 else { throw PseudoTerminalError(message: "cannot open its terminal") }
    addTeardownBlock {
      close(terminal)
      close(controller)
    }
    return (controller, terminal)
  }

  func testTerminal_showsOneRedrawnLineAndClearsIt() throws {
    let file = try findingsFile()
    let (controller, terminal) = try pseudoTerminal()
    XCTAssertEqual(isatty(terminal), 1)
    let (status, stdout) = query(["--threads", "2"], errorDescriptor: terminal, file: file)
    XCTAssertEqual(status, 0)
    XCTAssertEqual(stdout.split(separator: "\n").count, 1_500)
    let shown = drain(controller)
    XCTAssertTrue(shown.hasPrefix(Self.clear + "reading "), shown.debugDescription)
    XCTAssertTrue(shown.hasSuffix(Self.clear), shown.debugDescription)
    XCTAssertFalse(shown.contains("\n"), "one line, redrawn in place: \(shown.debugDescription)")
    // The last drawn state names bytes, findings, a rate and the time left.
    let last = shown.components(separatedBy: Self.clear).filter { !$0.isEmpty }.last ?? ""
    XCTAssertNotNil(
      last.range(
        of: #"^reading \d+ MB of \d+ MB \(\d+%\), \d+ findings, \d+ MB/s(, \d+ s left)?$"#,
        options: .regularExpression), last.debugDescription)
  }

  func testTerminal_quietShowsNothing() throws {
    let file = try findingsFile()
    let (controller, terminal) = try pseudoTerminal()
    let (status, _) = query(["--quiet"], errorDescriptor: terminal, file: file)
    XCTAssertEqual(status, 0)
    XCTAssertEqual(drain(controller), "")
  }

  func testNotATerminal_showsNothingUnlessForced() throws {
    let file = try findingsFile()
    var ends: [Int32] = [0, 0]
    XCTAssertEqual(pipe(&ends), 0)
    defer {
      close(ends[0])
      close(ends[1])
    }
    XCTAssertEqual(isatty(ends[1]), 0)
    let (status, stdout) = query([], errorDescriptor: ends[1], file: file)
    XCTAssertEqual(status, 0)
    XCTAssertEqual(stdout.split(separator: "\n").count, 1_500)
    XCTAssertEqual(drain(ends[0]), "")
    _ = query(["--progress"], errorDescriptor: ends[1], file: file)
    let forced = drain(ends[0])
    XCTAssertTrue(forced.hasPrefix(Self.clear + "reading "), forced.debugDescription)
    XCTAssertTrue(forced.hasSuffix(Self.clear), forced.debugDescription)
  }
}
