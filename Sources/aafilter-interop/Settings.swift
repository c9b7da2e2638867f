import Foundation

/// Where the harness finds the repository and its checker scripts, the Python that has the
/// third-party tools, the built `aafilter` (editors run it as a separate process, as they do for
/// real), and which suites to run.
struct Settings {
  static let suites = ["engines", "conversions", "examples", "lsp", "editors"]
  static let usage = """
    usage: aafilter-interop [--python PATH] [--root DIR] [--aafilter PATH] [SUITE...]
      suites: \(suites.joined(separator: " ")) (all when none is named)
      --python    the Python with the tools of Tests/Interop (default: python3)
      --root      the repository (default: the current directory)
      --aafilter  the built tool, for the language server suites (default: aafilter on PATH)
    scripts/interop sets up that Python, the SQL engines and Neovim, then runs this.

    """

  var python = "python3"
  var root = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
  var aafilter = "aafilter"
  var selected = suites

  var scripts: URL { root.appendingPathComponent("Tests/Interop") }

  /// Reads the arguments; `nil` after printing the usage when they make no sense.
  init?(_ arguments: [String]) {
    var named: [String] = []
    var rest = arguments[...]
    while let argument = rest.popFirst() {
      switch argument {
      case "--python", "--root", "--aafilter":
        guard let value = rest.popFirst() else { return nil }
        switch argument {
        case "--python": python = value
        case "--root": root = URL(fileURLWithPath: value)
        default: aafilter = value
        }
      case _ where Self.suites.contains(argument): named.append(argument)
      default: return nil
      }
    }
    if !named.isEmpty { selected = named }
  }
}
