import Foundation
import XCTest

/// How much longer `work` takes on four times the input: about 4 when it is linear, 16 when
/// quadratic. Each size runs twice and keeps its faster time, so one slow moment of a busy
/// machine does not decide; a ratio, not a time, so the machine's speed does not either.
func growthRatio(size: Int, _ work: (Int) -> Void) -> Double {
  func fastest(_ n: Int) -> Double {
    (0..<2).map { _ in
      let start = DispatchTime.now().uptimeNanoseconds
      work(n)
      return Double(DispatchTime.now().uptimeNanoseconds - start)
    }.min() ?? 0
  }
  let small = fastest(size)
  let large = fastest(size * 4)
  return large / max(small, 1)
}

/// Fails unless four times the input costs well under the 16 times a quadratic path would.
func assertLinearGrowth(
  size: Int, file: StaticString = #filePath, line: UInt = #line, _ work: (Int) -> Void
) {
  let ratio = growthRatio(size: size, work)
  XCTAssertLessThan(ratio, 9, "4x the input took \(ratio)x the time", file: file, line: line)
}
