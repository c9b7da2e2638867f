import AAFilterTestSupport
import FilterEval
import XCTest

/// Inputs that put the parallel reader's guessed piece boundaries in awkward places (the
/// `findings` fuzz target's seeds for its parallel invariant, and what it has stopped on): read
/// in small pieces on several threads they must give what the sequential readers give.
final class ParallelReaderBoundaryTests: XCTestCase {
  /// What a read gave: the findings with their JSON text, and the summary; or the first error.
  private struct Outcome: Equatable {
    var findings: [Finding] = []
    var texts: [String] = []
    var shape: FindingsShape?
    var nextToken: String?
    var skipped: [RecordError] = []
    var skippedEvents = 0
    var error: RecordError?
  }

  private func sequential(_ bytes: [UInt8], _ options: FindingsDecodingOptions) -> Outcome {
    do {
      let read = try SequentialRead(bytes, options: options)
      return Outcome(
        findings: read.findings, texts: read.findings.map(\.json.text), shape: read.shape,
        nextToken: read.nextToken, skipped: read.skipped, skippedEvents: read.skippedEvents)
    } catch let error as RecordError {
      return Outcome(error: error)
    } catch {
      XCTFail("the sequential reader threw \(error), not a RecordError")
      return Outcome()
    }
  }

  private func parallel(
    _ bytes: [UInt8], _ options: FindingsDecodingOptions, threads: Int, pieceSize: Int
  ) -> Outcome {
    let reader = FindingsStoreReader(options: options, threads: threads, pieceSize: pieceSize)
    var findings: [Finding] = []
    do {
      let summary = try reader.read(InputBytes(bytes)) { store in
        findings += (0..<store.count).map { store.finding(at: $0) }
      }
      XCTAssertEqual(summary.findingCount, findings.count)
      return Outcome(
        findings: findings, texts: findings.map(\.json.text), shape: summary.shape,
        nextToken: summary.nextToken, skipped: summary.skipped,
        skippedEvents: summary.skippedEvents)
    } catch let error as RecordError {
      return Outcome(error: error)
    } catch {
      XCTFail("the parallel reader threw \(error), not a RecordError")
      return Outcome()
    }
  }

  /// Sizes from the least piece the reader takes (64 bytes) up.
  private let readers = [(2, 64), (2, 65), (3, 97), (2, 160), (4, 64)]

  func testSmallPieces_giveTheSequentialRead() {
    func array(_ count: Int, _ element: (Int) -> String, separator: String = ",") -> String {
      (0..<count).map(element).joined(separator: separator)
    }
    var lateBad = (0..<30).map { #"{"id":"r\#($0)"}"# }
    lateBad[23] = #"{"id":"bad","isPublic":"yes"}"#
    lateBad[27] = #"{"id":"bad2","createdAt":"yesterday"}"#
    var lines = (0..<16).map { #"{"id":"l\#($0)","status":"ACTIVE"}"# }
    lines[3] = ""
    lines[5] = "   "
    lines[7] = #"{"id":"bad","isPublic":"yes"}"#
    lines[10] = #"{"id":"#
    lines[12] = #"{"id":"two"} {"id":"values"}"#
    lines[14] = "\r"
    let cases: [(String, String, UInt)] = [
      ("many small", "[" + array(40) { #"{"id":"f\#($0)","status":"ACTIVE"}"# } + "]", #line),
      (
        "spaced page",
        "{\"findings\": [\n"
          + array(24, { "  {\"id\": \"p\($0)\", \"isPublic\": \($0 % 2 == 1)}" }, separator: " ,\n")
          + "\n], \"nextToken\": \"next\"}\n", #line
      ),
      (
        "boundaries inside strings",
        #"{"findings":[{"id":"a","resource":"arn:},{\"id\":\"b\"}"},{"id":"},{","#
          + #""resourceType":"x}, {y"},{"id":"c","condition":{"k":"} ,\n{"},"#
          + #""principal":{"AWS":"},{"}},{"id":"d","action":["},{","}  ,  {"]},"#
          + #"{"id":"e\\","resource":"\\},{"},{"id":"f","resource":"z"}],"nextToken":"t},{"}"#,
        #line
      ),
      (
        "boundaries inside nested objects",
        "["
          + array(6) {
            #"{"id":"n\#($0)","sources":[{"type":"POLICY"},{"type":"BUCKET_ACL"},{}],"#
              + #""findingDetails":[{"externalAccessDetails":{"action":["s3:Get"],"#
              + #""isPublic":true}},{"x":{}}]}"#
          } + "]", #line
      ),
      (
        "events",
        "["
          + array(8) {
            #"{"detail-type":"Access Analyzer Finding","detail":{"id":"e\#($0)"}}"#
          } + "]", #line
      ),
      ("bad records late", "[" + lateBad.joined(separator: ", ") + "]", #line),
      ("syntax error late", "[" + array(20) { #"{"id":"s\#($0)"}"# } + #",{"id":"s",}]"#, #line),
      ("trailing comma", #"{"findings":["# + array(12) { #"{"id":"t\#($0)"}"# } + ",]}", #line),
      ("lines with blanks and errors", lines.joined(separator: "\n") + "\n", #line),
      (
        "lines with blank runs, no final newline",
        "{\"id\":\"a\"}\n\n\n" + array(10, { #"{"id":"b\#($0)"}"# }, separator: "\n")
          + "\n\n{\"id\":\"c\"}", #line
      ),
      (
        "lines with CRLF and other shapes",
        array(10, { #"{"id":"c\#($0)","resource":"},{"}"# + "\r\n" }, separator: "")
          + #"[{"id":"arr1"},{"id":"arr2"}]"# + "\r\n"
          + #"{"findings":[{"id":"pg"}],"nextToken":"n"}"# + "\r\n", #line
      ),
      (
        "lines of events, some skipped",
        array(
          9,
          {
            #"{"detail-type":"Access \#($0 % 3 == 0 ? "Preview State Change" : "Analyzer Finding")","#
              + #""detail":{"id":"x\#($0)"}}"#
          }, separator: "\n") + "\n", #line
      ),
    ]
    for (name, text, line) in cases {
      let bytes = Array(text.utf8)
      for lenient in [false, true] {
        let options = FindingsDecodingOptions(lenient: lenient)
        let expected = sequential(bytes, options)
        XCTAssertTrue(
          expected.error != nil || !expected.findings.isEmpty, "\(name): nothing read",
          line: line)
        for (threads, pieceSize) in readers {
          let actual = parallel(bytes, options, threads: threads, pieceSize: pieceSize)
          let what = "\(name), \(lenient ? "lenient" : "strict"), \(threads)x\(pieceSize)"
          if expected.error != nil || actual.error != nil {
            XCTAssertEqual(expected.error, actual.error, what, line: line)
          } else {
            XCTAssertEqual(expected, actual, what, line: line)
          }
        }
      }
    }
  }
}
