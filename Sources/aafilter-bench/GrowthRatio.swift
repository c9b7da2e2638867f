import Foundation

/// How much longer `work` takes on four times the input: about 4 when it is linear, 16 when
/// quadratic. Each size runs twice and keeps its faster time, so one slow moment of a busy
/// machine does not decide; a ratio, not a time, so the machine's speed does not either.
/// Used by `--growth`, for the paths that promise linear time.
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
