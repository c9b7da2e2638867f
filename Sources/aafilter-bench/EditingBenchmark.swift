import AAFilterTestSupport
import FilterDSL
import FilterEditing
import Foundation

/// `--editing`: the editor services on large rule files, in milliseconds: opening a document
/// and its diagnostics (what a language server does on every open and change), and each
/// service a request computes on demand. Each figure is the fastest of a few runs.
enum EditingBenchmark {
  static func run() {
    // Everything but the lint (whose rule-set checks are the linter's), on a file and on one
    // four times as long: about 4x for linear work.
    let ratio = growthRatio(size: 500) { count in
      var generator = RuleFileGenerator(seed: 7)
      let text = generator.text(rules: count)
      let document = EditorDocument(text: text)
      let end = text.utf8.count - 8
      _ = document.family
      _ = document.completions(at: end).count + document.symbols.count
      _ = document.foldingRegions.count + document.references(at: 60).count
      _ = document.hover(at: end)
      _ = document.formattingEdits().count
    }
    print(
      "editing: services without the lint, 4x the rules took \(String(format: "%.1f", ratio))x the time"
    )
    for count in [200, 2_000] {
      var generator = RuleFileGenerator(seed: 7)
      let text = generator.text(rules: count)
      let bytes = text.utf8.count
      print("editing: \(count) rules, \(bytes / 1_000) kB")
      let document = EditorDocument(text: text)
      time("open (lex and parse)") { _ = EditorDocument(text: text).symbols.count }
      time("open + diagnostics") { _ = EditorDocument(text: text).diagnostics.count }
      // A one-character change in the middle that keeps the text valid (a space after a
      // rule's '{'), then its diagnostics.
      let middle = text.utf8.index(text.utf8.startIndex, offsetBy: bytes / 2)
      let brace = text[middle...].firstIndex(of: "{") ?? text.endIndex
      let changed = String(text[..<brace]) + "{ " + String(text[brace...].dropFirst())
      time("one-character change + diagnostics") {
        _ = EditorDocument(text: changed).diagnostics.count
      }
      _ = document.diagnostics
      let cursor = text.utf8.count - 8
      let names = document.symbols.map(\.selectionRange.start)
      time("completion at the end") { _ = document.completions(at: cursor).count }
      time("hover on the last rule's name") {
        _ = document.hover(at: names.last ?? 0)
      }
      time("code actions at the end") {
        _ = document.codeActions(in: SourceRange(start: cursor, end: cursor)).count
      }
      time("symbols + folding") { _ = document.symbols.count + document.foldingRegions.count }
      time("references of the first rule") {
        _ = document.references(at: names.first ?? 0).count
      }
      time("formatting edits") { _ = document.formattingEdits().count }
    }
  }

  private static func time(_ name: String, runs: Int = 3, _ work: () -> Void) {
    var fastest = Double.infinity
    for _ in 0..<runs {
      let start = DispatchTime.now().uptimeNanoseconds
      work()
      fastest = min(fastest, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
    }
    print("  \(name): \(String(format: "%.1f", fastest)) ms")
  }
}
