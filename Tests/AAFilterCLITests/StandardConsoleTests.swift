import AAFilterCLI
import AAFilterTestSupport
import Foundation
import XCTest

/// The console on the real file system: files are read whole or mapped, pipes and devices as
/// streams, and whatever cannot be read (a missing file, a directory) is an error that names
/// it, never a crash.
final class StandardConsoleTests: XCTestCase {
  var folder = URL(fileURLWithPath: NSTemporaryDirectory())

  override func setUpWithError() throws {
    folder = URL(fileURLWithPath: NSTemporaryDirectory())
      .appendingPathComponent("aafilter-console-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
  }

  override func tearDownWithError() throws {
    try FileManager.default.removeItem(at: folder)
  }

  func file(_ name: String, _ bytes: [UInt8]) throws -> String {
    let url = folder.appendingPathComponent(name)
    try Data(bytes).write(to: url)
    return url.path
  }

  /// Every byte, a zero and invalid UTF-8 included, and a size past one read's chunk.
  static let bytes: [UInt8] = (0..<(2_621_440 + 7)).map { UInt8(truncatingIfNeeded: $0 &* 31) }

  func testReadFile_wholeFilesAndErrors() throws {
    let console = Console.standard
    let path = try file("big.bin", Self.bytes)
    XCTAssertEqual(try console.readFile(path), Self.bytes)
    XCTAssertEqual(try console.readFile(try file("empty", [])), [])
    // A device is read as a stream.
    XCTAssertEqual(try console.readFile("/dev/null"), [])
    let missing = folder.appendingPathComponent("missing").path
    for unreadable in [missing, folder.path] {
      XCTAssertThrowsError(try console.readFile(unreadable), unreadable) { error in
        XCTAssertEqual("\(error)", "cannot read '\(unreadable)'")
      }
    }
  }

  func testOpenChunks_streamsInPiecesThenEnds() throws {
    let console = Console.standard
    let next = try console.openChunks(try file("big.bin", Self.bytes))
    var sizes: [Int] = []
    var all: [UInt8] = []
    while case let chunk = try next(), !chunk.isEmpty {
      sizes.append(chunk.count)
      all += chunk
    }
    XCTAssertEqual(sizes, [1 << 20, 1 << 20, 524_295])
    XCTAssertEqual(all, Self.bytes)
    XCTAssertEqual(try next(), [])
    XCTAssertThrowsError(try console.openChunks(folder.appendingPathComponent("missing").path))
    // A directory opens, and its first read fails: an error, not a trap.
    let directory = try console.openChunks(folder.path)
    XCTAssertThrowsError(try directory()) {
      XCTAssertEqual("\($0)", "cannot read '\(self.folder.path)'")
    }
  }

  func testMapFile_regularFilesOnly() throws {
    let console = Console.standard
    let map = try XCTUnwrap(console.mapFile)
    let mapped = try XCTUnwrap(map(try file("big.bin", Self.bytes)))
    XCTAssertEqual(Array(mapped.buffer), Self.bytes)
    XCTAssertEqual(map(try file("empty", []))?.count, 0)
    XCTAssertNil(map(folder.path))
    XCTAssertNil(map("/dev/null"))
    XCTAssertNil(map(folder.appendingPathComponent("missing").path))
  }

  /// Commands on the standard console, output captured.
  func run(_ arguments: [String]) -> RunResult {
    let capture = ConsoleCapture()
    var console = Console.standard
    console.write = { capture.write($0) }
    console.writeError = { capture.writeError($0) }
    console.errorIsTerminal = false
    let status = AAFilter.main(arguments, console: console)
    return RunResult(status: status, stdout: capture.stdout, stderr: capture.stderr)
  }

  func testCommands_readRealFilesAndReportWhatCannotBeRead() throws {
    let findings = try file(
      "findings.jsonl",
      Array(#"{"id": "a", "isPublic": true}\#n{"id": "b", "isPublic": false}\#n"#.utf8))
    let rules = try file("rules.aaf", Array("isPublic eq false\n".utf8))
    let missing = folder.appendingPathComponent("missing.json").path
    let cases: [([String], Int32, String, String, UInt)] = [
      (
        ["query", "--findings", findings, "--filter", "isPublic eq true", "--output", "ids"],
        0, "a\n", "", #line
      ),
      (
        ["compile", "-f", rules], 0,
        "{\n  \"isPublic\": {\n    \"eq\": [\n      \"false\"\n    ]\n  }\n}\n", "", #line
      ),
      (
        ["query", "--findings", folder.path, "--filter", "isPublic exists"], 1, "",
        "error: cannot read '\(folder.path)'\n", #line
      ),
      (
        ["query", "--findings", missing, "--filter", "isPublic exists"], 1, "",
        "error: cannot read '\(missing)'\n", #line
      ),
      (["check", "-f", folder.path], 1, "", "error: cannot read '\(folder.path)'\n", #line),
      (["compile", "-f", missing], 1, "", "error: cannot read '\(missing)'\n", #line),
    ]
    for (arguments, status, stdout, stderr, line) in cases {
      let result = run(arguments)
      XCTAssertEqual(result.status, status, "\(arguments): \(result.stderr)", line: line)
      XCTAssertEqual(result.stdout, stdout, "\(arguments)", line: line)
      XCTAssertEqual(result.stderr, stderr, "\(arguments)", line: line)
    }
  }
}
