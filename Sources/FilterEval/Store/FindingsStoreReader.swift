import Foundation

/// Reads a findings input into stores on every core, with the same findings, in the same
/// order, and the same first error as `FindingsDecoder` reading it alone.
///
/// A document's findings array is cut into pieces at record boundaries, guessed from the bytes
/// (`}`, `,`, `{` between whitespace) and then proved: the pieces are read in parallel, and a
/// piece counts only if the piece before it ended exactly where it starts, so a guess that fell
/// inside a string is read again from the true boundary. JSON Lines are cut at newlines into
/// windows read one after another, so memory stays bounded whatever the input's size. Any
/// record error sends the whole input to the reference decoder, which owns every message and
/// position, so errors are exactly those of a sequential run.
public struct FindingsStoreReader: Sendable {
  /// What was read besides the findings.
  public struct Summary: Sendable {
    /// The input's shape, as `FindingsDocument.shape`.
    public var shape: FindingsShape
    /// A `list-findings` page's token.
    public var nextToken: String?
    /// Records skipped in lenient mode.
    public var skipped: [RecordError]
    /// Findings read.
    public var findingCount: Int
    /// EventBridge events skipped because they are not findings.
    public var skippedEvents = 0
  }

  /// How far a read has got, for a progress display.
  public struct Progress: Sendable {
    /// Input bytes read so far.
    public var bytesRead: Int
    /// Input bytes in all, for the share done and the time left.
    public var totalBytes: Int
    /// Findings read so far.
    public var findings: Int
  }

  /// Strict or lenient, as for `FindingsDecoder`.
  public var options: FindingsDecodingOptions
  /// Threads to read with; 1 reads sequentially.
  public var threads: Int
  /// About how many bytes one task reads (at most 1 MB for JSON Lines).
  public var pieceSize: Int
  /// Called now and then, from any thread, while reading.
  public var progress: (@Sendable (Progress) -> Void)?
  /// The interned columns the stores keep (`FindingStore.Columns`); every record is checked
  /// alike whatever is kept, so only what reading the others costs changes.
  public var columns: FindingStore.Columns

  /// A reader with `threads` threads (default: one per active core), keeping `columns`.
  public init(
    options: FindingsDecodingOptions = .init(),
    threads: Int = ProcessInfo.processInfo.activeProcessorCount, pieceSize: Int = 4 << 20,
    progress: (@Sendable (Progress) -> Void)? = nil, columns: FindingStore.Columns = .all
  ) {
    self.options = options
    self.threads = max(1, threads)
    self.pieceSize = max(64, pieceSize)
    self.progress = progress
    self.columns = columns.union(.always)
  }

  /// Reads `input`, handing `body` its findings in input order, one store at a time. A
  /// document's stores are all read before the first is handed over (a bad record anywhere
  /// means no findings at all, as with `FindingsDecoder`); JSON Lines stores are handed over
  /// window by window.
  ///
  /// - Throws: the `RecordError` the reference decoder reports, or what `body` throws.
  public func read(_ input: InputBytes, _ body: (FindingStore) throws -> Void) throws -> Summary {
    let buffer = input.buffer
    let prefix = UnsafeBufferPointer(rebasing: buffer[0..<min(buffer.count, 1 << 16)])
    if JSONLinesReader.looksLikeJSONLines(prefix) {
      return try readLines(input, body)
    }
    if let (stores, summary) = readDocument(input) {
      for store in stores {
        try body(store)
        // What `body` read of the input (spans, matches) is paged out again.
        input.release(store.byteRange)
      }
      return summary
    }
    return try readWithReference(input, body)
  }

  /// Every finding of `input` in one store.
  public func readAll(_ input: InputBytes) throws -> (FindingStore, Summary) {
    var all = FindingStore(input: input)
    let summary = try read(input) { store in
      if all.count == 0 { all = store } else { all.append(contentsOf: store) }
    }
    return (all, summary)
  }

  // MARK: The reference, for anything unusual

  private func readWithReference(_ input: InputBytes, _ body: (FindingStore) throws -> Void)
    throws -> Summary
  {
    let document = try FindingsDecoder.decode(Array(input.buffer), options: options)
    var store = FindingStore(input: input)
    for finding in document.findings { store.append(finding) }
    report(Progress(bytesRead: input.count, totalBytes: input.count, findings: store.count))
    try body(store)
    return Summary(
      shape: document.shape, nextToken: document.nextToken, skipped: document.skipped,
      findingCount: store.count, skippedEvents: document.skippedEvents)
  }

  private func report(_ state: Progress) { progress?(state) }
}
