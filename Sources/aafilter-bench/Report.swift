import Foundation

/// Prints each figure as it is measured, and a Markdown table at the end for the README.
final class Report {
  private var rows: [(String, String, String, String)] = []

  func header(_ options: Options) {
    var system = utsname()
    uname(&system)
    let machine = withUnsafeBytes(of: &system.machine) {
      String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self)
    }
    print(
      "aafilter-bench: \(ProcessInfo.processInfo.activeProcessorCount) cores, \(ProcessInfo.processInfo.physicalMemory >> 30) GiB, \(machine); medians of \(options.runs) runs"
    )
  }

  func note(_ text: String) { print("  " + text) }

  /// `ratio` reads "ours is N times the baseline's speed" (above 1: faster).
  func row(_ figure: String, ours: String, baseline: String, ratio: Double?) {
    let ratioText = ratio.map { String(format: "%.2fx", $0) } ?? "-"
    rows.append((figure, ours, baseline, ratioText))
    print(
      String(
        format: "%-44@ %-22@ %-30@ %@", figure as NSString, ours as NSString, baseline as NSString,
        ratioText as NSString))
  }

  func finish() {
    print("\n| figure | aafilter | baseline (same run) | speed vs baseline |")
    print("|---|---|---|---|")
    for (figure, ours, baseline, ratio) in rows {
      print("| \(figure) | \(ours) | \(baseline) | \(ratio) |")
    }
  }
}

func megabytesPerSecond(_ bytes: Int, _ seconds: Double) -> String {
  String(format: "%.0f MB/s", Double(bytes) / 1e6 / seconds)
}

func perSecond(_ count: Int, _ seconds: Double) -> String {
  let rate = Double(count) / seconds
  return rate >= 1e6
    ? String(format: "%.1f M/s", rate / 1e6) : String(format: "%.0f k/s", rate / 1e3)
}

func megabytes(_ bytes: Int) -> String { String(format: "%.0f MB", Double(bytes) / 1e6) }
