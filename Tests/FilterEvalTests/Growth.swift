import FilterDSL
import XCTest

/// Fails unless four times the input costs well under the 16 times a quadratic path would.
func assertLinearGrowth(
  size: Int, file: StaticString = #filePath, line: UInt = #line, _ work: (Int) -> Void
) {
  let ratio = growthRatio(size: size, work)
  XCTAssertLessThan(ratio, 9, "4x the input took \(ratio)x the time", file: file, line: line)
}
