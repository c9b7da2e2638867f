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

struct SeededGenerator: RandomNumberGenerator {
  private var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

var repositoryRoot: URL {
  URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
}
