import FilterDSL
import FilterEval
import Foundation

/// Findings from `--findings FILE|-`. A file is mapped and read into column stores on every
/// core; standard input is read whole for a document and in windows of lines for JSON Lines.
struct FindingsInput {
  var path: String
  var lenient: Bool
  /// Threads to decode with; `nil` for one per core.
  var threads: Int?
  /// Where progress goes, when it is shown at all.
  var progress: ProgressLine?
  /// The store columns the command reads (`FindingsStoreReader.columns`).
  var columns = FindingStore.Columns.all

  init(path: String, lenient: Bool, threads: Int? = nil, progress: ProgressLine? = nil) {
    self.path = path
    self.lenient = lenient
    self.threads = threads
    self.progress = progress
  }

  /// The input a bulk command names: `--findings`, `--lenient`, `--threads`, and progress
  /// from `--quiet` and `--progress`.
  init(_ arguments: Arguments, path: String, console: Console) throws {
    self.init(
      path: path, lenient: arguments.has(.lenient), threads: arguments.integer(.threads),
      progress: ProgressLine.make(arguments, console: console))
  }

  struct Summary {
    var shape: FindingsShape
    var nextToken: String?
    var skipped: [RecordError]
    /// The analyzer families of the findings read.
    var families: Set<AnalyzerFamily> = []
    /// EventBridge events that are not findings (access preview state changes), skipped.
    var skippedEvents = 0
    /// get-finding-v2 pages that had a `nextToken`: incomplete details.
    var partialDetails = 0
  }

  var name: String { path == "-" ? "<stdin>" : path }

  /// Calls `body` with each finding in input order.
  func read(console: Console, _ body: (Finding) throws -> Void) throws -> Summary {
    try readStores(console: console) { store in
      for row in 0..<store.count { try body(store.finding(at: row)) }
    }
  }

  /// Calls `deliver` with the findings in input order, a store at a time.
  func readStores(console: Console, _ deliver: (FindingStore) throws -> Void) throws -> Summary {
    defer { progress?.finish() }
    var families = Set<AnalyzerFamily>()
    var partialDetails = 0
    func body(_ store: FindingStore) throws {
      families.formUnion(store.families)
      partialDetails += store.partialDetailsCount
      try deliver(store)
    }
    do {
      var summary: Summary
      if let input = try mapped(console) {
        var reader = FindingsStoreReader(
          options: FindingsDecodingOptions(lenient: lenient), columns: columns)
        if let threads { reader.threads = max(1, threads) }
        if let progress { reader.progress = { progress.update($0) } }
        let read = try reader.read(input) { try body($0) }
        summary = Summary(
          shape: read.shape, nextToken: read.nextToken, skipped: read.skipped,
          skippedEvents: read.skippedEvents)
      } else {
        summary = try stream(console, body)
      }
      summary.families = families
      summary.partialDetails = partialDetails
      progress?.finish()
      reportSkipped(summary.skipped, console: console)
      reportFamilyNotes(summary, console: console)
      return summary
    } catch let error as RecordError {
      progress?.finish()
      console.writeErrorLine("error: \(name): \(error)")
      throw Reported()
    }
  }

  /// Every finding in one store, for a command that needs them all at once (`suggest`): a
  /// file is read on every core and its pieces joined; standard input and pipes are read
  /// whole first, as the store keeps the bytes its findings point into anyway.
  func readAll(console: Console) throws -> (FindingStore, Summary) {
    defer { progress?.finish() }
    let input: InputBytes
    if let mapped = try mapped(console) {
      input = mapped
    } else {
      input = InputBytes(try readStream(console))
    }
    var reader = FindingsStoreReader(
      options: FindingsDecodingOptions(lenient: lenient), columns: columns)
    if let threads { reader.threads = max(1, threads) }
    if let progress { reader.progress = { progress.update($0) } }
    do {
      let (store, read) = try reader.readAll(input)
      progress?.finish()
      var summary = Summary(
        shape: read.shape, nextToken: read.nextToken, skipped: read.skipped,
        families: store.families, skippedEvents: read.skippedEvents)
      summary.partialDetails = store.partialDetailsCount
      reportSkipped(summary.skipped, console: console)
      reportFamilyNotes(summary, console: console)
      return (store, summary)
    } catch let error as RecordError {
      progress?.finish()
      console.writeErrorLine("error: \(name): \(error)")
      throw Reported()
    }
  }

  /// Standard input or a pipe, whole, with progress as the bytes arrive.
  private func readStream(_ console: Console) throws -> [UInt8] {
    let next: () throws -> [UInt8]
    do {
      next = try console.openChunks(path)
    } catch {
      console.writeErrorLine("error: cannot read '\(path)'")
      throw Reported()
    }
    var bytes: [UInt8] = []
    while case let chunk = try next(), !chunk.isEmpty {
      bytes += chunk
      progress?.update(bytesRead: bytes.count, totalBytes: nil, findings: 0)
    }
    return bytes
  }

  /// The whole input at once: a mapped file, or a file's bytes from the console; `nil` for
  /// standard input and pipes, which are streamed.
  private func mapped(_ console: Console) throws -> InputBytes? {
    guard path != "-" else { return nil }
    if let map = console.mapFile {
      if let input = map(path) { return input }
      // Not a regular file: a pipe or a device, streamed below.
      if FileManager.default.isReadableFile(atPath: path) { return nil }
      console.writeErrorLine("error: cannot read '\(path)'")
      throw Reported()
    }
    do {
      return InputBytes(try console.readFile(path))
    } catch {
      console.writeErrorLine("error: cannot read '\(path)'")
      throw Reported()
    }
  }

  /// Standard input or a pipe: JSON Lines a window of whole lines at a time, read on every
  /// core, so memory stays bounded; a document whole. Progress counts the bytes as they
  /// arrive and the findings as they are delivered; a stream's size is unknown.
  private func stream(_ console: Console, _ deliver: (FindingStore) throws -> Void) throws
    -> Summary
  {
    let open: () throws -> [UInt8]
    do {
      open = try console.openChunks(path)
    } catch {
      console.writeErrorLine("error: cannot read '\(path)'")
      throw Reported()
    }
    var bytesRead = 0
    var findings = 0
    func next() throws -> [UInt8] {
      let chunk = try open()
      bytesRead += chunk.count
      progress?.update(bytesRead: bytesRead, totalBytes: nil, findings: findings)
      return chunk
    }
    func body(_ store: FindingStore) throws {
      findings += store.count
      progress?.update(bytesRead: bytesRead, totalBytes: nil, findings: findings)
      try deliver(store)
    }
    let options = FindingsDecodingOptions(lenient: lenient)
    // Enough of the start to see whether the first line is a whole record. Only new chunks
    // are searched for the newline: rescanning the prefix would be quadratic on one long line.
    var prefix: [UInt8] = []
    var ended = false
    var sawNewline = false
    while !sawNewline || prefix.count < 4096 {
      let chunk = try next()
      if chunk.isEmpty {
        ended = true
        break
      }
      if !sawNewline { sawNewline = chunk.contains(0x0A) }
      prefix += chunk
    }
    guard JSONLinesReader.looksLikeJSONLines(prefix) else {
      var all = prefix
      if !ended { while case let chunk = try next(), !chunk.isEmpty { all += chunk } }
      var reader = FindingsStoreReader(options: options, columns: columns)
      if let threads { reader.threads = max(1, threads) }
      let read = try reader.read(InputBytes(all)) { try body($0) }
      return Summary(
        shape: read.shape, nextToken: read.nextToken, skipped: read.skipped,
        skippedEvents: read.skippedEvents)
    }
    var pending: [UInt8]? = prefix
    var reader = FindingsStoreReader(options: options, columns: columns)
    if let threads { reader.threads = max(1, threads) }
    let read = try reader.readLines(chunks: {
      if let first = pending {
        pending = nil
        return first
      }
      return ended ? [] : try next()
    }) { try body($0) }
    return Summary(
      shape: .jsonLines, nextToken: nil, skipped: read.skipped, skippedEvents: read.skippedEvents)
  }

  /// Access preview events and incomplete get-finding-v2 pages: not errors, but said.
  private func reportFamilyNotes(_ summary: Summary, console: Console) {
    if summary.skippedEvents > 0 {
      let count = summary.skippedEvents
      console.writeErrorLine(
        "note: \(name): skipped \(count) access preview state change event\(count == 1 ? "" : "s") (not findings)"
      )
    }
    if summary.partialDetails > 0 {
      console.writeErrorLine(
        "warning: \(name): a get-finding-v2 page with a nextToken has only part of the finding's details; keys they do not settle are undecidable (fetch every page and merge findingDetails)"
      )
    }
  }

  private func reportSkipped(_ skipped: [RecordError], console: Console) {
    guard !skipped.isEmpty else { return }
    console.writeErrorLine(
      "warning: \(name): skipped \(skipped.count) malformed record\(skipped.count == 1 ? "" : "s")")
    for error in skipped.prefix(20) { console.writeErrorLine("  - \(error)") }
    if skipped.count > 20 { console.writeErrorLine("  ... and \(skipped.count - 20) more") }
  }
}
