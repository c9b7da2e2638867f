import FilterDSL
import Foundation
import XCTest

/// SARIF regions as viewers read them: a region on one line always spans at least one column,
/// so a problem at the end of the input (an empty range) is still drawn; offsets and lengths
/// count code points, byte offsets and lengths bytes.
final class SARIFRegionTests: XCTestCase {
  private func regions(_ source: String) throws -> [[String: Int]] {
    let report = Linter.lint(source)
    let data = Data(report.sarif(file: "r.aaf", toolVersion: "1").serialized().utf8)
    let root = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
    let runs = try XCTUnwrap(root["runs"] as? [[String: Any]])
    let results = try XCTUnwrap(runs.first?["results"] as? [[String: Any]])
    return results.compactMap { result in
      let locations = result["locations"] as? [[String: Any]]
      let physical = locations?.first?["physicalLocation"] as? [String: Any]
      return physical?["region"] as? [String: Int]
    }
  }

  func testRegions_spanAtLeastOneColumn() throws {
    // The text, and the start column, end column, byte offset and length of the region that
    // starts at that byte offset.
    let cases: [(String, [Int], UInt)] = [
      ("isPublic eq", [12, 13, 11, 0], #line),
      ("isPublic eq true and", [21, 22, 20, 0], #line),
      ("isPublik eq true", [1, 9, 0, 8], #line),
      ("error eq \"\u{E9}\" and isPublik eq true", [18, 26, 18, 8], #line),
    ]
    for (source, expected, line) in cases {
      let region = try XCTUnwrap(
        regions(source).first { $0["byteOffset"] == expected[2] }, source, line: line)
      XCTAssertEqual(
        [region["startColumn"], region["endColumn"], region["byteOffset"], region["byteLength"]],
        expected, source, line: line)
      XCTAssertEqual(region["startLine"], region["endLine"], source, line: line)
    }
  }
}
