import FilterDSL
import XCTest

@testable import FilterLSP

/// initialize, initialized, shutdown and exit, and what each phase accepts.
final class LifecycleTests: XCTestCase {
  func testInitialize_capabilitiesAndServerInfo() {
    var harness = ServerHarness()
    let answer = harness.initialize()
    let result = answer?["result"]
    XCTAssertEqual(result?.at("serverInfo", "name"), .string("aafilter"))
    XCTAssertEqual(result?.at("serverInfo", "version"), .string(AAFilterVersion.current))
    let capabilities = result?["capabilities"]
    XCTAssertEqual(capabilities?["positionEncoding"], .string("utf-16"))
    XCTAssertEqual(
      capabilities?["textDocumentSync"], json(#"{"openClose": true, "change": 2}"#))
    XCTAssertEqual(
      capabilities?.at("completionProvider", "triggerCharacters"), json(#"[".", " ", "\""]"#))
    for provider in [
      "hoverProvider", "documentFormattingProvider", "documentSymbolProvider",
      "foldingRangeProvider", "definitionProvider", "referencesProvider",
    ] {
      XCTAssertEqual(capabilities?[provider], .bool(true), provider)
    }
    XCTAssertEqual(capabilities?.at("renameProvider", "prepareProvider"), .bool(true))
    XCTAssertEqual(
      capabilities?.at("codeActionProvider", "codeActionKinds"), json(#"["quickfix"]"#))
  }

  func testPositionEncoding_utf8WhenOffered() {
    let cases: [(String, String, UInt)] = [
      (#"{"general": {"positionEncodings": ["utf-8", "utf-16"]}}"#, "utf-8", #line),
      (#"{"general": {"positionEncodings": ["utf-16", "utf-8"]}}"#, "utf-8", #line),
      (#"{"general": {"positionEncodings": ["utf-32"]}}"#, "utf-16", #line),
      (#"{"general": {}}"#, "utf-16", #line),
    ]
    for (capabilities, expected, line) in cases {
      var harness = ServerHarness()
      let answer = harness.initialize(capabilities: json(capabilities))
      XCTAssertEqual(
        answer?.at("result", "capabilities", "positionEncoding"), .string(expected), line: line)
    }
  }

  func testBeforeInitialize_requestsRefused() {
    var harness = ServerHarness()
    XCTAssertEqual(harness.request(1, "shutdown")?.at("error", "code"), .number(-32002))
    XCTAssertEqual(harness.request(2, "textDocument/hover")?.at("error", "code"), .number(-32002))
    XCTAssertEqual(harness.open("file:///a.aaf", "x"), [])
    XCTAssertEqual(harness.settle(), [])
    XCTAssertNotNil(harness.initialize()?["result"])
    // A second initialize is a mistake.
    XCTAssertEqual(
      harness.request(3, "initialize", .object([]))?.at("error", "code"), .number(-32600))
  }

  func testShutdownThenExit_statusZero() {
    var harness = ServerHarness()
    _ = harness.initialize()
    XCTAssertEqual(harness.request(1, "shutdown")?["result"], .null)
    // After shutdown every request is invalid, and notifications do nothing.
    XCTAssertEqual(harness.request(2, "textDocument/hover")?.at("error", "code"), .number(-32600))
    XCTAssertEqual(harness.request(3, "shutdown")?.at("error", "code"), .number(-32600))
    XCTAssertEqual(harness.open("file:///a.aaf", "x"), [])
    XCTAssertEqual(harness.settle(), [])
    XCTAssertNil(harness.server.exitStatus)
    _ = harness.notify("exit")
    XCTAssertEqual(harness.server.exitStatus, 0)
  }

  func testExitWithoutShutdown_statusOne() {
    for initialized in [false, true] {
      var harness = ServerHarness()
      if initialized { _ = harness.initialize() }
      _ = harness.notify("exit")
      XCTAssertEqual(harness.server.exitStatus, 1)
    }
  }

  func testInitializationOptions_familyAndSplit() {
    var harness = ServerHarness()
    _ = harness.initialize(options: json(#"{"analyzer": "unused", "split": true}"#))
    XCTAssertEqual(harness.server.settings.fallbackAnalyzer, .unused)
    XCTAssertEqual(harness.server.settings.split, true)
    var other = ServerHarness()
    _ = other.initialize(options: json(#"{"analyzer": "nonsense"}"#))
    XCTAssertNil(other.server.settings.fallbackAnalyzer)
    XCTAssertTrue(other.logs.contains { $0.contains("nonsense") })
  }
}
