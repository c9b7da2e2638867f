@testable import AAFilterCLI
import AAFilterTestSupport
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
    let capture = ConsoleCapture()
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

  /// A libc function by name: Glibc's module map leaves out the pseudo-terminal calls. A null
  /// handle searches every loaded image on glibc; Darwin spells that handle -2 (`RTLD_DEFAULT`).
  func libc<T>(_ name: String, as type: T.Type) throws -> T {
    #if canImport(Darwin)
      let everyImage = UnsafeMutableRawPointer(bitPattern: -2)
    #else
      let everyImage = UnsafeMutableRawPointer(bitPattern: 0)
    #endif
    guard let symbol = dlsym(everyImage, name) else {
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

  /// Runs `query --findings -` with standard input a pipe fed from `file` by another thread, as
  /// `aws ... | aafilter query --findings - ...` has it, and standard error on `descriptor`.
  func queryStandardInput(_ extra: [String], errorDescriptor descriptor: Int32, file: URL) throws
    -> (Int32, String)
  {
    let bytes = try Data(contentsOf: file)
    var ends: [Int32] = [0, 0]
    XCTAssertEqual(pipe(&ends), 0)
    let (readEnd, writeEnd) = (ends[0], ends[1])
    let feeder = Thread {
      bytes.withUnsafeBytes { buffer in
        var offset = 0
        while offset < buffer.count, let base = buffer.baseAddress {
          let written = write(writeEnd, base + offset, min(4096, buffer.count - offset))
          if written <= 0 { break }
          offset += written
        }
      }
      close(writeEnd)
    }
    feeder.start()
    defer { close(readEnd) }
    let capture = ConsoleCapture()
    var console = Console(
      write: { capture.write($0) },
      writeError: { text in
        _ = text.utf8CString.withUnsafeBufferPointer {
          write(descriptor, $0.baseAddress, $0.count - 1)
        }
      },
      readInput: { [] }, readFile: { _ in [] },
      openChunks: { path in
        XCTAssertEqual(path, "-")
        return {
          var chunk = [UInt8](repeating: 0, count: 8192)
          let count = read(readEnd, &chunk, chunk.count)
          return count > 0 ? Array(chunk[0..<count]) : []
        }
      })
    console.errorIsTerminal = isatty(descriptor) != 0
    console.progressDelay = 0
    let status = AAFilter.main(
      ["query", "--findings", "-", "--filter", "isPublic eq true", "--output", "ids"] + extra,
      console: console)
    return (status, capture.stdout)
  }

  /// The last state a progress display drew.
  func lastDrawn(_ shown: String) -> String {
    shown.components(separatedBy: Self.clear).filter { !$0.isEmpty }.last ?? ""
  }

  static let streamLine = #"^reading \d+ MB, \d+ findings, \d+ MB/s$"#

  func testStandardInputPipe_forcedProgressShowsBytesFindingsAndRateWithoutAShare() throws {
    let file = try findingsFile()
    var ends: [Int32] = [0, 0]
    XCTAssertEqual(pipe(&ends), 0)
    defer {
      close(ends[0])
      close(ends[1])
    }
    let (quietStatus, _) = try queryStandardInput([], errorDescriptor: ends[1], file: file)
    XCTAssertEqual(quietStatus, 0)
    XCTAssertEqual(drain(ends[0]), "", "not a terminal and not forced: nothing")
    let (status, stdout) = try queryStandardInput(
      ["--progress"], errorDescriptor: ends[1], file: file)
    XCTAssertEqual(status, 0)
    XCTAssertEqual(stdout.split(separator: "\n").count, 1_500)
    let shown = drain(ends[0])
    XCTAssertTrue(shown.hasPrefix(Self.clear + "reading "), shown.debugDescription)
    XCTAssertTrue(shown.hasSuffix(Self.clear), shown.debugDescription)
    XCTAssertFalse(
      shown.contains("%"), "the size of a stream is unknown: \(shown.debugDescription)")
    XCTAssertFalse(shown.contains(" left"), shown.debugDescription)
    let last = lastDrawn(shown)
    XCTAssertNotNil(last.range(of: Self.streamLine, options: .regularExpression), last)
  }

  /// Every chunk and every store redraws (no interval here): the bytes grow to the stream's
  /// size and the findings to its count.
  func testStandardInput_countsEveryByteAndFinding() throws {
    let file = try findingsFile()
    let bytes = try [UInt8](Data(contentsOf: file))
    let shown = ConsoleCapture()
    var console = Console(
      write: { _ in }, writeError: { _ in }, readInput: { bytes }, readFile: { _ in [] })
    console.openChunks = { _ in
      var offset = 0
      return {
        defer { offset = min(bytes.count, offset + 10_000) }
        return Array(bytes[offset..<min(bytes.count, offset + 10_000)])
      }
    }
    let progress = ProgressLine(write: { shown.write($0) }, delay: 0, interval: 0)
    var input = FindingsInput(path: "-", lenient: false, threads: 2, progress: progress)
    input.columns = .all
    var delivered = 0
    _ = try input.readStores(console: console) { delivered += $0.count }
    XCTAssertEqual(delivered, 3_000)
    let states = shown.stdout.components(separatedBy: Self.clear).filter { !$0.isEmpty }
    let megabytes = String(format: "%.0f MB", Double(bytes.count) / 1e6)
    XCTAssertTrue(
      states.contains { $0.hasPrefix("reading \(megabytes), 3000 findings, ") },
      states.suffix(3).debugDescription)
    XCTAssertTrue(states.allSatisfy { !$0.contains("%") })
    XCTAssertGreaterThan(states.count, bytes.count / 10_000, "one state per chunk at least")
    XCTAssertTrue(shown.stdout.hasSuffix(Self.clear))
  }

  func testStandardInputPipe_onATerminalShowsProgressUnlessQuiet() throws {
    let file = try findingsFile()
    let (controller, terminal) = try pseudoTerminal()
    let (status, _) = try queryStandardInput([], errorDescriptor: terminal, file: file)
    XCTAssertEqual(status, 0)
    let shown = drain(controller)
    let last = lastDrawn(shown)
    XCTAssertNotNil(last.range(of: Self.streamLine, options: .regularExpression), shown)
    XCTAssertTrue(shown.hasSuffix(Self.clear), shown.debugDescription)
    let (quietStatus, _) = try queryStandardInput(
      ["--quiet"], errorDescriptor: terminal, file: file)
    XCTAssertEqual(quietStatus, 0)
    XCTAssertEqual(drain(controller), "")
  }

  func testProgressText_knownAndUnknownSizes() {
    let cases: [(Int, Int?, Int, Double, String, UInt)] = [
      (
        412_000_000, 824_000_000, 506_000, 2,
        "reading 412 MB of 824 MB (50%), 506000 findings, "
          + "206 MB/s, 2 s left", #line
      ),
      (3_000_000, nil, 1_200, 1, "reading 3 MB, 1200 findings, 3 MB/s", #line),
      (0, nil, 0, 0, "reading 0 MB, 0 findings, 0 MB/s", #line),
      (0, 0, 0, 0, "reading 0 MB of 0 MB (0%), 0 findings, 0 MB/s", #line),
    ]
    for (read, total, findings, elapsed, expected, line) in cases {
      XCTAssertEqual(
        ProgressLine.text(
          bytesRead: read, totalBytes: total, findings: findings, elapsed: elapsed),
        expected, line: line)
    }
  }
}
