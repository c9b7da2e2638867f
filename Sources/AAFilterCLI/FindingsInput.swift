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
  func read(console: Console, batches body: ([Finding]) throws -> Void) throws -> Summary {
    let next: () throws -> [UInt8]
    do {
      next = try console.openChunks(path)
    } catch {
      console.writeErrorLine("error: cannot read '\(path)'")
      throw Reported()
    }
    let options = FindingsDecodingOptions(lenient: lenient)
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
        summary = Summary(shape: .jsonLines, nextToken: nil, skipped: reader.skipped)
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
          shape: document.shape, nextToken: document.nextToken, skipped: document.skipped)
      }
      reportSkipped(summary.skipped, console: console)
      return summary
    } catch let error as RecordError {
      console.writeErrorLine("error: \(name): \(error)")
      throw Reported()
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
