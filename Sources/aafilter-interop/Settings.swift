import Foundation

/// Where the harness finds the repository and its checker scripts, the Python that has the
/// third-party tools, and which suites to run.
struct Settings {
  static let suites = ["engines", "conversions", "examples"]
  static let usage = """
    usage: aafilter-interop [--python PATH] [--root DIR] [SUITE...]
      suites: \(suites.joined(separator: " ")) (all when none is named)
      --python  the Python with the tools of Tests/Interop (default: python3)
      --root    the repository (default: the current directory)
    scripts/interop sets up that Python and the SQL engines, then runs this.

    """

  var python = "python3"
  var root = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
  var selected = suites

  var scripts: URL { root.appendingPathComponent("Tests/Interop") }

  /// Reads the arguments; `nil` after printing the usage when they make no sense.
  init?(_ arguments: [String]) {
    var named: [String] = []
    var rest = arguments[...]
    while let argument = rest.popFirst() {
      switch argument {
      case "--python", "--root":
        guard let value = rest.popFirst() else { return nil }
        if argument == "--python" {
          python = value
        } else {
          root = URL(fileURLWithPath: value)
        }
      case _ where Self.suites.contains(argument): named.append(argument)
      default: return nil
      }
    }
    if !named.isEmpty { selected = named }
  }
}
