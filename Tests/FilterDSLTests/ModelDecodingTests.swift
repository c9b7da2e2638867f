import FilterDSL
import Foundation
import XCTest

final class ModelDecodingTests: XCTestCase {
  func testCriterionDecoding_rejectsInvalidShapes() {
    let cases: [(String, String?, UInt)] = [
      (#"{"k":{"eq":["a"]}}"#, nil, #line),
      (#"{"k":{"exists":false,"neq":["a","b"]}}"#, nil, #line),
      (#"{"k":{"eq":null,"exists":true}}"#, nil, #line),
      (#"{"k":{"eq":[]}}"#, "k.eq: 'eq' must hold at least one value", #line),
      (
        #"{"k":{"exists":"true"}}"#, "k.exists: 'exists' must be the JSON boolean true or false",
        #line
      ),
      (
        #"{"k":{"Eq":["a"]}}"#,
        "k.Eq: unknown operator 'Eq' (did you mean 'eq'?); operators are eq, neq, contains, exists",
        #line
      ),
      (#"{"k":{}}"#, "k: a criterion needs at least one of eq, neq, contains, exists", #line),
      (#"{"k":{"eq":[1]}}"#, "k.eq[0]: expected a string", #line),
      (#"{"k":{"eq":"a"}}"#, "k.eq: expected an array of strings", #line),
    ]
    for (json, expected, line) in cases {
      do {
        let decoded = try RuleJSON.decode(Array(json.utf8))
        XCTAssertNil(expected, "decoded \(decoded)", line: line)
      } catch let error as RuleJSONError {
        XCTAssertEqual(error.message, expected, line: line)
      } catch {
        XCTFail("\(error)", line: line)
      }
    }
  }

  func testRuleJSON_acceptsEveryShapeAtHand() throws {
    let map: FilterCriteriaMap = ["isPublic": Criterion(eq: ["false"])]
    let rule = ArchiveRule(ruleName: "R", filter: map)
    let cases: [(String, RuleJSON, UInt)] = [
      (#"{"isPublic":{"eq":["false"]}}"#, .filterMap(map, sort: nil), #line),
      (#"[{"isPublic":{"eq":["false"]}}]"#, .filterMaps([map]), #line),
      (
        #"{"filter":{"isPublic":{"eq":["false"]}},"sort":{"attributeName":"id","orderBy":"DESC"}}"#,
        .filterMap(map, sort: SortCriteria(attributeName: "id", orderBy: .descending)), #line
      ),
      (
        #"{"archiveRule":{"ruleName":"R","filter":{"isPublic":{"eq":["false"]}},"createdAt":"2024-01-01T00:00:00Z","updatedAt":"2024-01-01T00:00:00Z"}}"#,
        .rules([rule]), #line
      ),
      (
        #"{"archiveRules":[{"ruleName":"R","filter":{"isPublic":{"eq":["false"]}}}],"nextToken":"x"}"#,
        .rules([rule]), #line
      ),
      (#"[{"ruleName":"R","filter":{"isPublic":{"eq":["false"]}}}]"#, .rules([rule]), #line),
    ]
    for (json, expected, line) in cases {
      XCTAssertEqual(try RuleJSON.decode(Array(json.utf8)), expected, line: line)
    }
  }

  func testEncoding_isTheExactAPIShape() throws {
    let map: FilterCriteriaMap = [
      "resourceType": Criterion(eq: ["AWS::S3::Bucket"]), "error": Criterion(exists: false),
      "resource": Criterion(neq: ["arn:aws:s3:::a/b"], contains: ["x"]),
    ]
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    XCTAssertEqual(
      String(decoding: try encoder.encode(map), as: UTF8.self),
      #"{"error":{"exists":false},"resource":{"contains":["x"],"neq":["arn:aws:s3:::a/b"]},"resourceType":{"eq":["AWS::S3::Bucket"]}}"#
    )
    XCTAssertEqual(
      String(
        decoding: try encoder.encode(
          SortCriteria(attributeName: "updatedAt", orderBy: .descending)), as: UTF8.self),
      #"{"attributeName":"updatedAt","orderBy":"DESC"}"#)
  }

  func testRuleNames_followTheServicePattern() {
    for name in ["A", "TrustedAccounts", "a.b-c_d", String(repeating: "x", count: 255)] {
      XCTAssertTrue(ArchiveRule.isValidName(name), name)
    }
    for name in ["", "1a", "_a", "-a", "a b", "ü", String(repeating: "x", count: 256)] {
      XCTAssertFalse(ArchiveRule.isValidName(name), name)
    }
  }
}
