import AAFilterTestSupport
import FilterEval
import FilterSuggest
import Foundation
import XCTest

@testable import AAFilterCLI

/// How `suggest` reads: every finding into one store, from a file or standard input, and the
/// hints for unknown ids within their budget.
final class SuggestInputTests: XCTestCase {
  func run(_ arguments: [String], stdin: String = "") -> RunResult {
    aafilter(["suggest"] + arguments, stdin: stdin, files: SuggestFixtures.files)
  }

  /// `suggest` reads every finding into one store, so the library tests separation on its
  /// columns: a document larger than a reading piece is joined, in order; standard input is
  /// read whole; and either gives the output a file gives.
  func testFindingsInput_readsOneStore() throws {
    let count = 24_000
    let records = (0..<count).map { index in
      #"{"id": "f-\#(index)", "status": "ACTIVE", "resource": "arn:aws:s3:::bucket-\#(index)", "resourceType": "AWS::S3::Bucket", "isPublic": false, "principal": {"AWS": "\#(100_000_000_000 + index % 97)"}, "condition": {"aws:SourceVpc": "vpc-\#(index % 13)"}}"#
    }
    let document = "[" + records.joined(separator: ",\n") + "]"
    XCTAssertGreaterThan(document.utf8.count, 4 << 20, "more than one reading piece")
    let lines = records.joined(separator: "\n") + "\n"
    let console = Console(
      write: { _ in }, writeError: { _ in }, readInput: { Array(lines.utf8) },
      readFile: { _ in Array(document.utf8) })
    for path in ["findings.json", "-"] {
      let input = FindingsInput(path: path, lenient: false)
      let (store, summary) = try input.readAll(console: console)
      XCTAssertEqual(store.count, count, path)
      XCTAssertEqual(
        (0..<store.count).map { store.id(at: $0) ?? "" }, (0..<count).map { "f-\($0)" }, path)
      XCTAssertEqual(summary.families, [.external], path)
    }
    let file = run(["--findings", "crossed.jsonl", "--expected", "crossed.ids"])
    let piped = run(
      ["--findings", "-", "--expected", "crossed.ids"], stdin: SuggestFixtures.crossed)
    XCTAssertEqual(piped.status, 0, piped.stderr)
    XCTAssertEqual(piped.stdout, file.stdout)
    XCTAssertEqual(piped.stderr, file.stderr)
    let examples = try String(
      contentsOf: repositoryRoot.appendingPathComponent("Examples/findings.jsonl"),
      encoding: .utf8)
    let fromFile = run([
      "--findings", "Examples/findings.jsonl", "--expected", "Examples/expected-ids.txt",
    ])
    let fromInput = run(
      ["--findings", "-", "--expected", "Examples/expected-ids.txt"], stdin: examples)
    XCTAssertEqual(fromFile.status, 0, fromFile.stderr)
    XCTAssertEqual(fromInput.stdout, fromFile.stdout)
  }

  /// Hints for unknown ids stay within their budget of comparisons: past it, no hint.
  func testUnknownIDHints_bounded() throws {
    let ids = (0..<200).map { "finding-\($0)" }
    let text = ids.map { #"{"id": "\#($0)", "status": "ACTIVE", "resource": "r"}"# }
      .joined(separator: "\n")
    let store = try FindingsStoreReader(options: FindingsDecodingOptions())
      .readAll(InputBytes(Array(text.utf8))).0
    var hints = UnknownIDHints(store: store)
    XCTAssertEqual(hints.closest(to: "finding-17x"), "finding-17")
    XCTAssertNil(hints.closest(to: "zzzzzzzzzzzzzzzz"))
    // An empty id costs nothing to compare, and spends the budget all the same.
    for _ in 0..<(UnknownIDHints.budget / ids.count) { _ = hints.closest(to: "") }
    XCTAssertNil(hints.closest(to: "finding-17x"), "the budget is spent")
  }
}
