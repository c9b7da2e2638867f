import Foundation

extension FindingsStoreReader {
  /// What one thread made of a run of whole lines.
  struct LinesPiece: Sendable {
    var store: FindingStore
    /// Lines read (a last line without a newline counts).
    var lines: Int
    /// Lines, counted from 0 in this piece, that the reference decoder rejected.
    var failures: [Range<Int>]
    /// Events the reference decoder skipped as not findings.
    var skippedEvents = 0
  }

  /// JSON Lines, in pieces of whole lines read on every core and handed to `body` in input
  /// order while the next pieces are read; a few pieces at most wait, and each piece's pages
  /// are handed back once `body` is done with it, so memory stays bounded.
  func readLines(_ input: InputBytes, _ body: (FindingStore) throws -> Void) throws -> Summary {
    try readLines(input, firstLine: 1, body).summary
  }

  /// `readLines` for input whose first line is line `firstLine` of a longer stream; also
  /// returns how many lines it read.
  func readLines(
    _ input: InputBytes, firstLine: Int, _ body: (FindingStore) throws -> Void
  ) throws -> (summary: Summary, lines: Int) {
    let size = min(pieceSize, Self.largestLinesPiece)
    let pieces = ReadAhead<LinesPiece>(
      from: 0, threads: threads, ahead: 2 * threads,
      cut: { start in
        let buffer = input.buffer
        guard start < buffer.count else { return nil }
        let end = min(buffer.count, start + size)
        return start..<(end < buffer.count ? Self.lineEnd(buffer, from: end - 1) : end)
      },
      read: { [self] range in readLinesPiece(input, range) })
    defer { pieces.stop() }
    let buffer = input.buffer
    var line = firstLine
    var skipped: [RecordError] = []
    var count = 0
    var skippedEvents = 0
    var released = 0
    let tracker = ProgressTracker(total: input.count, report: progress)
    while let (range, piece) = pieces.next() {
      for failure in piece.failures {
        // The reference decoder again, now that the line's number is known, for its message.
        var decoder = FindingsLineDecoder(options: options)
        _ = try decoder.decode(
          Array(buffer[failure]), line: line + Self.lines(buffer, range.lowerBound, failure))
        skipped += decoder.skipped
      }
      count += piece.store.count
      skippedEvents += piece.skippedEvents
      try body(piece.store)
      // From where the last release stopped, for the page two pieces share.
      released = input.release(released..<range.upperBound)
      line += piece.lines
      tracker.add(bytes: range.count, findings: piece.store.count)
    }
    let summary = Summary(
      shape: .jsonLines, nextToken: nil, skipped: skipped, findingCount: count,
      skippedEvents: skippedEvents)
    return (summary, line - firstLine)
  }

  /// The largest JSON Lines piece. The pieces in flight are all a JSON Lines read holds, and
  /// small pieces keep every core busy to the end of the input (1 MB measured 47 MB peak on
  /// 589 MB of JSON Lines, against 67 MB for 4 MB pieces, and no slower).
  static let largestLinesPiece = 1 << 20

  /// The offset just past the newline at or after `offset` (the end of the input if none).
  private static func lineEnd(_ buffer: UnsafeBufferPointer<UInt8>, from offset: Int) -> Int {
    guard let base = buffer.baseAddress, offset < buffer.count,
      let found = memchr(base + offset, 0x0A, buffer.count - offset)
    else { return buffer.count }
    let pointer: UnsafePointer<UInt8> = UnsafePointer(found.assumingMemoryBound(to: UInt8.self))
    return pointer - base + 1
  }

  /// How many lines start in `start..<failure.lowerBound`.
  private static func lines(
    _ buffer: UnsafeBufferPointer<UInt8>, _ start: Int, _ failure: Range<Int>
  ) -> Int {
    var count = 0
    for index in start..<failure.lowerBound where buffer[index] == 0x0A { count += 1 }
    return count
  }

  func readLinesPiece(_ input: InputBytes, _ range: Range<Int>) -> LinesPiece {
    let buffer = input.buffer
    var piece = LinesPiece(store: FindingStore(input: input), lines: 0, failures: [])
    piece.store.columns = columns
    piece.store.reserve(forBytes: range.count)
    guard let origin = buffer.baseAddress else { return piece }
    var reader = StoreRecordReader(origin: origin, columns: columns)
    var decoder = FindingsLineDecoder(options: options)
    var start = range.lowerBound
    while start < range.upperBound {
      // The newline ending this line, or the end of the piece for a last line without one.
      let next = Self.lineEnd(buffer, from: start)
      let lineEnd = min(
        next < buffer.count || buffer[next - 1] == 0x0A ? next - 1 : next, range.upperBound)
      let line = UnsafeBufferPointer(rebasing: buffer[start..<lineEnd])
      piece.lines += 1
      var s = JSONScanner(line)
      s.skipWhitespace()
      let rows = piece.store.count
      if !s.isAtEnd {
        var fast = reader.read(&s, allowWrappers: true, into: &piece.store)
        if fast {
          s.skipWhitespace()
          fast = s.isAtEnd
          if !fast { piece.store.removeRows(from: rows) }
        }
        if !fast {
          let skippedBefore = decoder.skipped.count
          do {
            for finding in try decoder.decode(Array(line), line: piece.lines) {
              piece.store.append(finding)
            }
            if decoder.skipped.count > skippedBefore { piece.failures.append(start..<lineEnd) }
          } catch {
            piece.failures.append(start..<lineEnd)
            piece.skippedEvents = decoder.skippedEvents
            return piece
          }
        }
      }
      start = lineEnd + 1
    }
    piece.skippedEvents = decoder.skippedEvents
    return piece
  }
}
