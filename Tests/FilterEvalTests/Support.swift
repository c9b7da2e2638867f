import FilterDSL
import FilterEval
import Foundation
import XCTest

/// Decodes one finding from JSON text written in a test.
func finding(_ json: String, file: StaticString = #filePath, line: UInt = #line) -> Finding {
  do {
    let document = try FindingsDecoder.decode(Array(json.utf8))
    guard let first = document.findings.first else {
      XCTFail("no finding in \(json)", file: file, line: line)
      return Finding()
    }
    return first
  } catch {
    XCTFail("\(error)", file: file, line: line)
    return Finding()
  }
}

func map(_ source: String, file: StaticString = #filePath, line: UInt = #line) -> FilterCriteriaMap
{
  do {
    return try FilterExpression(parsing: source).filterMap()
  } catch {
    XCTFail("\(error)", file: file, line: line)
    return FilterCriteriaMap()
  }
}
