extension FindingsStoreReader {
  /// Reads JSON Lines that arrive in chunks (standard input, a pipe) into stores, as
  /// `read(_:_:)` reads a file: the same findings, skips and first error, with line numbers
  /// counted across the whole stream. Whole lines are gathered into windows of a few pieces
  /// per thread and each window is read on every core, so memory stays bounded by the
  /// window (or the longest line) whatever the stream's length. A stream's size is not known
  /// ahead, so no progress is reported.
  ///
  /// - Parameters:
  ///   - next: the stream's next bytes, an empty array at its end.
  ///   - body: called with the stores in input order.
  /// - Throws: the `RecordError` of the first bad line (strict mode), what `next` throws, or
  ///   what `body` throws.
  public func readLines(
    chunks next: () throws -> [UInt8], _ body: (FindingStore) throws -> Void
  ) throws -> Summary {
    let window = pieceSize * threads * 2
    var reader = self
    reader.progress = nil
    var pending: [UInt8] = []
    // Just past the last newline in `pending`, 0 when it holds none.
    var lastLineEnd = 0
    var ended = false
    var line = 1
    var total = Summary(shape: .jsonLines, nextToken: nil, skipped: [], findingCount: 0)
    while true {
      while !ended && (pending.count < window || lastLineEnd == 0) {
        let chunk = try next()
        if chunk.isEmpty {
          ended = true
        } else {
          // Only the new bytes are searched: rescanning would be quadratic on a long line.
          if let newline = chunk.lastIndex(of: 0x0A) { lastLineEnd = pending.count + newline + 1 }
          pending += chunk
        }
      }
      guard !pending.isEmpty else { break }
      let end = ended ? pending.count : lastLineEnd
      let input = InputBytes(pending[0..<end])
      // What is left holds no newline: the window ended at the last one.
      pending.removeSubrange(0..<end)
      lastLineEnd = 0
      let (part, lines) = try reader.readLines(input, firstLine: line, body)
      line += lines
      total.skipped += part.skipped
      total.findingCount += part.findingCount
      total.skippedEvents += part.skippedEvents
    }
    return total
  }
}
