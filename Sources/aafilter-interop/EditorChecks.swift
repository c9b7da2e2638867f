import Foundation

/// The editor support of editors/ with the editors' own machinery: headless Neovim (Debian's
/// package) attached to `aafilter lsp` must show the `unknown-key` diagnostic where it is, and
/// the TextMate grammar must give the expected scopes to the shipped examples' tokens
/// (Tests/Interop/textmate-grammar.py, with a TextMate tokenizer from PyPI).
struct EditorChecks {
  static let neovimTimeout: Double = 60

  var settings: Settings
  var tally: Tally

  func run(in directory: URL) throws {
    try neovim(in: directory)
    let examples = [
      "Examples/rules.aaf", "Examples/unused/rules.aaf", "Examples/internal/rules.aaf",
    ]
    runChecker(
      settings, tally, group: "textmate", script: "textmate-grammar.py",
      [settings.root.appendingPathComponent("editors/aafilter.tmLanguage.json").path]
        + examples.map { settings.root.appendingPathComponent($0).path },
      environment: ["AAFILTER": settings.aafilter])
  }

  /// The document Neovim opens, and where (0-based line, byte column) the misspelt key starts.
  /// Wide and astral characters before it on its line make UTF-16 and byte columns differ, so a
  /// server that counts either wrong is caught by Neovim's own conversion.
  static let document = NeovimDocument(
    lines: [
      "# aafilter: analyzer=external",
      "# Téléchargements partagés 📦",
      "rule Buckets {",
      "  resource contains \"données-🎉-共有\" and resourcetype eq AWS::S3::Bucket",
      "  and isPublic eq false",
      "}",
    ], key: "resourcetype")

  private func neovim(in directory: URL) throws {
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let file = directory.appendingPathComponent("buckets.aaf")
    try Data(Self.document.text.utf8).write(to: file)
    let script = settings.scripts.appendingPathComponent("neovim/attach.lua").path
    let run = try runTool(
      "nvim",
      ["--headless", "-n", "-i", "NONE", "-u", "NONE", "-c", "luafile \(script)", file.path],
      environment: ["AAFILTER": settings.aafilter], timeout: Self.neovimTimeout)
    // The script prints one line per diagnostic, `CODE LINE COLUMN` (0-based, byte columns).
    let lines = run.stdout.split(whereSeparator: \.isNewline).map(String.init)
    let found = lines.first { $0.hasPrefix("unknown-key ") }
    let expected = "unknown-key \(Self.document.line) \(Self.document.column)"
    tally.check(
      run.status == 0 && found == expected, "neovim",
      "expected '\(expected)', Neovim (status \(run.status)) printed:\n"
        + (run.stdout + run.stderr).split(separator: "\n").suffix(15).joined(separator: "\n"))
  }
}

/// A rule document with one marked key: the 0-based line and byte column where it first occurs.
struct NeovimDocument {
  var lines: [String]
  var key: String

  var text: String { lines.joined(separator: "\n") + "\n" }
  var line: Int { lines.firstIndex { $0.contains(key) } ?? -1 }
  var column: Int {
    guard line >= 0, let range = lines[line].range(of: key) else { return -1 }
    return lines[line].utf8.distance(from: lines[line].startIndex, to: range.lowerBound)
  }
}
