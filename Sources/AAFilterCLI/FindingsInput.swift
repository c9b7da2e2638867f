import FilterDSL
import FilterEval

/// Findings from `--findings FILE|-`: whole documents decoded at once, JSON Lines streamed
/// one record at a time.
struct FindingsInput {
  var path: String
  var lenient: Bool

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

  static let batchSize = 8_192

  /// Calls `body` with each finding in input order.
  func read(console: Console, _ body: (Finding) throws -> Void) throws -> Summary {
    try read(
      console: console,
      batches: { batch in
        for finding in batch { try body(finding) }
      })
  }

  /// Calls `body` with the findings in input order, in batches: a whole document at once,
  /// JSON Lines a few thousand at a time so memory stays bounded.
  func read(console: Console, batches deliver: ([Finding]) throws -> Void) throws -> Summary {
    let next: () throws -> [UInt8]
    do {
      next = try console.openChunks(path)
    } catch {
      console.writeErrorLine("error: cannot read '\(path)'")
      throw Reported()
    }
    let options = FindingsDecodingOptions(lenient: lenient)
    var families = Set<AnalyzerFamily>()
    var partialDetails = 0
    func body(_ batch: [Finding]) throws {
      for finding in batch {
        if let family = finding.analyzerFamily { families.insert(family) }
        if finding.detailsArePartial { partialDetails += 1 }
      }
      try deliver(batch)
    }
    do {
      // Enough of the start to see whether the first line is a whole record.
      var prefix: [UInt8] = []
      var ended = false
      while !prefix.contains(0x0A) || prefix.count < 4096 {
        let chunk = try next()
        if chunk.isEmpty {
          ended = true
          break
        }
        prefix += chunk
      }
      let summary: Summary
      if JSONLinesReader.looksLikeJSONLines(prefix) {
        var pending: [UInt8]? = prefix
        var reader = JSONLinesReader(options: options) {
          if let first = pending {
            pending = nil
            return first
          }
          return ended ? [] : try next()
        }
        var batch: [Finding] = []
        batch.reserveCapacity(Self.batchSize)
        try reader.forEach { finding in
          batch.append(finding)
          if batch.count == Self.batchSize {
            try body(batch)
            batch.removeAll(keepingCapacity: true)
          }
        }
        if !batch.isEmpty { try body(batch) }
        summary = Summary(
          shape: .jsonLines, nextToken: nil, skipped: reader.skipped,
          skippedEvents: reader.skippedEvents)
      } else {
        var all = prefix
        if !ended {
          if path == "-" {
            while case let chunk = try next(), !chunk.isEmpty { all += chunk }
          } else {
            // One exact-size read beats appending chunks, which peaks at twice the file.
            all = try readFile(path, console: console)
          }
        }
        let document = try FindingsDecoder.decode(all, options: options)
        try body(document.findings)
        summary = Summary(
          shape: document.shape, nextToken: document.nextToken, skipped: document.skipped,
          skippedEvents: document.skippedEvents)
      }
      var complete = summary
      complete.families = families
      complete.partialDetails = partialDetails
      reportSkipped(summary.skipped, console: console)
      reportFamilyNotes(complete, console: console)
      return complete
    } catch let error as RecordError {
      console.writeErrorLine("error: \(name): \(error)")
      throw Reported()
    }
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
