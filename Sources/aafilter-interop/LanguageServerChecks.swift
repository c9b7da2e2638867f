import Foundation

/// `aafilter lsp` driven by a real client from PyPI: the pytest-lsp tests of Tests/Interop/lsp,
/// each starting the built tool as its own process. Their counts join the tally.
struct LanguageServerChecks {
  /// Every test bounds its own waits; this only stops a client that hangs as a whole.
  static let timeout: Double = 600

  var settings: Settings
  var tally: Tally

  func run() {
    runChecker(
      settings, tally, group: "pytest-lsp", script: "lsp-tests.py",
      [settings.scripts.appendingPathComponent("lsp").path],
      environment: ["AAFILTER": settings.aafilter], timeout: Self.timeout)
  }
}
