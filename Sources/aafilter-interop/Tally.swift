/// Counts the harness's checks and prints the failures; each group prints at most a few, so one
/// broken engine does not bury the rest of the report.
final class Tally {
  private(set) var passed = 0
  private(set) var failed = 0
  private var shown: [String: Int] = [:]
  static let shownPerGroup = 5

  /// Records one check of `group`; prints `message` when it failed.
  func check(_ condition: Bool, _ group: String, _ message: @autoclosure () -> String) {
    if condition {
      passed += 1
      return
    }
    failed += 1
    let count = shown[group, default: 0]
    shown[group] = count + 1
    if count < Self.shownPerGroup {
      print("FAIL \(group): \(message())")
    } else if count == Self.shownPerGroup {
      print("FAIL \(group): further failures not shown")
    }
  }

  /// Adds counts a checker script reported in its closing line, `N passed, N failed`.
  func add(passed: Int, failed: Int) {
    self.passed += passed
    self.failed += failed
  }
}
