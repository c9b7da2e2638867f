import AAFilterTestSupport
import FilterDSL
import FilterEval
import XCTest

final class FindingsDecoderTests: XCTestCase {
  func testEveryShippedShape_decodes() throws {
    let cases: [(String, FindingsShape, Int, UInt)] = [
      ("list-findings.json", .findingsPage, 12, #line),
      ("findings-array.json", .array, 12, #line),
      ("findings.jsonl", .jsonLines, 12, #line),
      ("get-finding.json", .getFinding, 1, #line),
      ("eventbridge-event.json", .event, 1, #line),
      ("list-findings-v2.json", .findingsPage, 5, #line),
      ("get-finding-v2.json", .finding, 1, #line),
      ("list-access-preview-findings.json", .findingsPage, 3, #line),
    ]
    for (name, shape, count, line) in cases {
      let bytes = try [UInt8](
        Data(contentsOf: repositoryRoot.appendingPathComponent("Examples/\(name)")))
      let document = try FindingsDecoder.decode(bytes)
      XCTAssertEqual(document.shape, shape, name, line: line)
      XCTAssertEqual(document.findings.count, count, name, line: line)
      XCTAssertTrue(document.findings.allSatisfy { $0.id != nil }, name, line: line)
    }
  }

  func testFieldsAndUnknowns_areKept() throws {
    let json = #"""
      {"findings":[{"id":"a","resourceType":"AWS::Future::Thing","status":"SOMETHING_NEW","isPublic":true,
        "principal":{"AWS":"1"},"condition":{},"action":["x"],"newField":{"nested":[1,2.5e3,null,true]},
        "error":null,"createdAt":"2024-02-15T00:49:27+00:00"}],"nextToken":"tok"}
      """#
    let document = try FindingsDecoder.decode(Array(json.utf8))
    let finding = try XCTUnwrap(document.findings.first)
    XCTAssertEqual(finding.resourceType, "AWS::Future::Thing")
    XCTAssertEqual(finding.status, "SOMETHING_NEW")
    XCTAssertNil(finding.error)
    XCTAssertEqual(finding.principal?["AWS"], "1")
    XCTAssertEqual(document.nextToken, "tok")
    XCTAssertTrue(finding.json.text.contains(#""newField":{"nested":[1,2.5e3,null,true]}"#))
    XCTAssertTrue(finding.json.text.hasPrefix("{\"id\":\"a\"") && finding.json.text.hasSuffix("}"))
  }

  func testTimestamps_parseEveryFormAndCompareAsInstants() throws {
    let cases: [(String, Int64, Int32, UInt)] = [
      ("2024-02-15T00:49:27+00:00", 1_707_958_167, 0, #line),
      ("2024-02-15T00:49:27Z", 1_707_958_167, 0, #line),
      ("2024-02-15t00:49:27z", 1_707_958_167, 0, #line),
      ("2024-02-15 00:49:27+00:00", 1_707_958_167, 0, #line),
      ("2024-02-15T02:49:27+02:00", 1_707_958_167, 0, #line),
      ("2024-02-14T19:49:27-0500", 1_707_958_167, 0, #line),
      ("2021-02-26T21:17:24.710000+00:00", 1_614_374_244, 710_000_000, #line),
      ("2019-09-16T14:24:33.352Z", 1_568_643_873, 352_000_000, #line),
      ("2024-07-15 10:30:00.123000+00:00", 1_721_039_400, 123_000_000, #line),
      ("2024-02-15T00:49:27.5Z", 1_707_958_167, 500_000_000, #line),
      ("2024-02-15T00:49:27.123456789Z", 1_707_958_167, 123_456_789, #line),
      ("2024-02-29T00:00:00Z", 1_709_164_800, 0, #line),
      ("1969-12-31T23:59:59Z", -1, 0, #line),
    ]
    for (text, seconds, nanoseconds, line) in cases {
      let timestamp = try XCTUnwrap(Timestamp(parsing: text), text, line: line)
      XCTAssertEqual(timestamp.seconds, seconds, text, line: line)
      XCTAssertEqual(timestamp.nanoseconds, nanoseconds, text, line: line)
    }
    for bad in [
      "2024-02-15", "2024-02-15T00:49:27", "2024-02-30T00:00:00Z", "2023-02-29T00:00:00Z",
      "2024-13-01T00:00:00Z",
      "2024-02-15T24:00:00Z", "2024-02-15T00:49:27.Z", "2024-02-15T00:49:27.1234567890Z",
      "2024-02-15X00:49:27Z",
      "2024-02-15T00:49:27+25:00", "2024-02-15T00:49:27Z ", "",
    ] {
      XCTAssertNil(Timestamp(parsing: bad), bad)
    }
    XCTAssertEqual(
      Timestamp(parsing: "2024-02-15T02:49:27+02:00"), Timestamp(parsing: "2024-02-15T00:49:27Z"))
  }

  func testMalformedRecords_areErrorsNamingWhere() {
    let cases: [(String, String, UInt)] = [
      (
        #"{"findings":[{"id":"a"},{"id":"b"},{"id":"c"},{"id":"d","createdAt":42}]}"#,
        "findings[3].createdAt: expected a timestamp, found 42", #line
      ),
      (
        #"{"findings":[{"id":"a","createdAt":"yesterday"}]}"#,
        "findings[0].createdAt: expected a timestamp, found \"yesterday\"", #line
      ),
      (
        #"{"finding":{"id":"a","isPublic":"true"}}"#,
        "finding.isPublic: expected true or false, found a string", #line
      ),
      (
        #"[{"id":"a","principal":{"AWS":1}}]"#, "[0].principal.AWS: expected a string, found 1",
        #line
      ),
      (
        #"[{"id":"a","action":"s3:GetObject"}]"#,
        "[0].action: expected a list of strings, found a string", #line
      ),
      (#"[{"id":7}]"#, "[0].id: expected a string, found 7", #line),
      (
        "{\"id\":\"a\"}\n{\"id\":\"b\",\"status\":[]}",
        "line 2: status: expected a string, found an array", #line
      ),
      (
        #"{"detail":{"id":"a","updatedAt":1.5}}"#,
        "detail.updatedAt: expected a timestamp, found 1.5", #line
      ),
      (
        #"[{"resourceType":"AWS::S3::Bucket"}]"#,
        "[0]: not a finding: no 'id' (expected a finding, or an object with 'findings', 'finding' or 'detail')",
        #line
      ),
      (#"{"findings":[{"id":"a",}]}"#, "expected a member name in quotes, found '}'", #line),
      ("", "expected findings JSON, found an empty input", #line),
      ("42", "expected findings JSON (an object or an array), found 42", #line),
    ]
    for (json, expected, line) in cases {
      XCTAssertThrowsError(try FindingsDecoder.decode(Array(json.utf8)), line: line) { error in
        let description = (error as? RecordError).map {
          $0.path.isEmpty ? $0.message : "\($0.path): \($0.message)"
        }
        XCTAssertEqual(description, expected, line: line)
      }
    }
  }

  func testLenientMode_skipsAndCounts() throws {
    let json =
      #"{"findings":[{"id":"a"},{"id":"b","isPublic":1},{"id":"c"},{"id":"d","createdAt":"x"}]}"#
    let document = try FindingsDecoder.decode(Array(json.utf8), options: .init(lenient: true))
    XCTAssertEqual(document.findings.map(\.id), ["a", "c"])
    XCTAssertEqual(document.skipped.map(\.path), ["findings[1].isPublic", "findings[3].createdAt"])
  }

  func testJSONLines_streamsAcrossChunkBoundaries() throws {
    let lines = (0..<50).map { #"{"id":"f\#($0)","resourceType":"AWS::S3::Bucket"}"# }
    let bytes = Array((lines.joined(separator: "\n") + "\n\n").utf8)
    for chunkSize in [1, 7, 64, 4096] {
      var offset = 0
      var reader = JSONLinesReader {
        defer { offset += chunkSize }
        return offset < bytes.count
          ? Array(bytes[offset..<min(offset + chunkSize, bytes.count)]) : []
      }
      var ids: [String] = []
      try reader.forEach { ids.append($0.id ?? "") }
      XCTAssertEqual(ids, (0..<50).map { "f\($0)" }, "chunk \(chunkSize)")
    }
    XCTAssertTrue(
      JSONLinesReader.looksLikeJSONLines(Array("{\"id\":\"a\"}\n{\"id\":\"b\"}\n".utf8)))
    XCTAssertFalse(JSONLinesReader.looksLikeJSONLines(Array("{\n  \"findings\": []\n}\n".utf8)))
    XCTAssertFalse(JSONLinesReader.looksLikeJSONLines(Array("[{\"id\":\"a\"}]\n".utf8)))
  }

  func testJSONLines_badLineIsReportedWithItsNumber() {
    let bytes = Array("{\"id\":\"a\"}\n{\"id\":\"b\",\n{\"id\":\"c\"}\n".utf8)
    var reader = JSONLinesReader { [bytes] in bytes }
    var delivered = false
    reader = JSONLinesReader {
      defer { delivered = true }
      return delivered ? [] : bytes
    }
    XCTAssertThrowsError(try reader.forEach { _ in }) { error in
      XCTAssertEqual((error as? RecordError)?.line, 2)
    }
  }
}

/// get-finding-v2 records with several `findingDetails` entries: the first entry wins for
/// single values; actions are united, every entry's in order (a repeat is kept, which no
/// criterion can tell apart, since list criteria ask about any element).
final class FindingDetailsTests: XCTestCase {
  func testSeveralFindingDetails_firstWinsActionsUnite() throws {
    let json = #"""
      {"id":"f1","status":"ACTIVE","findingType":"ExternalAccess","findingDetails":[
        {"externalAccessDetails":{"action":["s3:GetObject"],"isPublic":true,
          "principal":{"AWS":"*"},"condition":{"aws:SourceVpc":"vpc-1"},
          "resourceControlPolicyRestriction":"NOT_APPLICABLE"}},
        {"externalAccessDetails":{"action":["s3:GetObject","s3:PutObject"],"isPublic":false,
          "principal":{"AWS":"111122223333"},"condition":{"aws:SourceVpc":"vpc-2"},
          "resourceControlPolicyRestriction":"APPLIED"}}]}
      """#
    let finding = try XCTUnwrap(FindingsDecoder.decode(Array(json.utf8)).findings.first)
    XCTAssertEqual(finding.isPublic, true)
    XCTAssertEqual(finding.principal?["AWS"], "*")
    XCTAssertEqual(finding.condition?["aws:SourceVpc"], "vpc-1")
    XCTAssertEqual(finding.resourceControlPolicyRestriction, "NOT_APPLICABLE")
    XCTAssertEqual(finding.action, ["s3:GetObject", "s3:GetObject", "s3:PutObject"])
    XCTAssertTrue(finding.hasAccessDetails)
  }
}

/// Paths that once scanned from the start of the input for every record. That they cost
/// linear time is measured by `aafilter-bench --growth`, not here.
final class DecoderScalingTests: XCTestCase {
  static let count = 40_000

  func testManyBadRecordsInLenientMode_areEachSkipped() throws {
    let records = (0..<Self.count).map { #"{"id":"f\#($0)","createdAt":\#($0)}"# }
    let bytes = Array(("{\"findings\":[\n" + records.joined(separator: ",\n") + "]}").utf8)
    let document = try FindingsDecoder.decode(bytes, options: .init(lenient: true))
    XCTAssertEqual(document.skipped.count, Self.count)
    XCTAssertEqual(document.skipped.last?.line, Self.count + 1)
  }

  func testLongJSONLinesDocumentInMemory_decodes() throws {
    let bytes = Array((0..<Self.count).map { #"{"id":"f\#($0)"}"# }.joined(separator: "\n").utf8)
    let document = try FindingsDecoder.decode(bytes)
    XCTAssertEqual(document.shape, .jsonLines)
    XCTAssertEqual(document.findings.count, Self.count)
  }
}
