import Foundation

// The checks against third-party tools: SQL engines, the readers of converted rules, the AWS
// SDK's validation, language server clients and editors. The unit suite runs without them; scripts/interop runs this with them.
guard let settings = Settings(Array(CommandLine.arguments.dropFirst())) else {
  FileHandle.standardError.write(Data(Settings.usage.utf8))
  exit(2)
}
let tally = Tally()
let work = FileManager.default.temporaryDirectory.appendingPathComponent(
  "aafilter-interop-\(UUID().uuidString)")
do {
  try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
  for suite in settings.selected {
    let directory = work.appendingPathComponent(suite)
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    print("interop: \(suite)")
    switch suite {
    case "engines": try EngineAgreement(settings: settings, tally: tally).run(in: directory)
    case "conversions": try ConversionAgreement(settings: settings, tally: tally).run(in: directory)
    case "lsp": LanguageServerChecks(settings: settings, tally: tally).run()
    case "editors": try EditorChecks(settings: settings, tally: tally).run(in: directory)
    default: try ExampleChecks(settings: settings, tally: tally).run(in: directory)
    }
  }
} catch {
  tally.check(false, "harness", "\(error)")
}
try? FileManager.default.removeItem(at: work)
print("\(tally.passed) passed, \(tally.failed) failed")
exit(tally.failed == 0 ? 0 : 1)
