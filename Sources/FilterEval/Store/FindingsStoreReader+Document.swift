import Foundation

extension FindingsStoreReader {
  /// Where one piece of a findings array ended.
  struct Piece: Sendable {
    var start: Int
    /// The next element's first byte, or the closing bracket when `closed`.
    var end: Int
    var closed: Bool
    /// A record the reference decoder rejects, or bad JSON.
    var failed: Bool
    var store: FindingStore
  }

  /// The array a document's findings are in: a bare array, or the `findings` member that opens
  /// a `list-findings` page. `nil` for any other shape.
  private static func findingsArray(_ buffer: UnsafeBufferPointer<UInt8>) -> (
    first: Int, depth: Int, allowWrappers: Bool, shape: FindingsShape
  )? {
    var s = JSONScanner(buffer)
    if buffer.count >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF {
      s.position = 3
    }
    s.skipWhitespace()
    switch s.peek() {
    case UInt8(ascii: "["):
      s.position += 1
      s.skipWhitespace()
      return (s.position, 1, true, .array)
    case UInt8(ascii: "{"):
      s.position += 1
      s.skipWhitespace()
      guard Self.member("findings", &s), s.peek() == UInt8(ascii: "[") else { return nil }
      s.position += 1
      s.skipWhitespace()
      return (s.position, 2, false, .findingsPage)
    default:
      return nil
    }
  }

  /// A document read on every core; `nil` when it needs the reference decoder.
  func readDocument(_ input: InputBytes) -> ([FindingStore], Summary)? {
    let buffer = input.buffer
    guard let array = Self.findingsArray(buffer) else { return nil }
    var closedAt: Int?
    var stores: [FindingStore] = []
    if array.first < buffer.count, buffer[array.first] == UInt8(ascii: "]") {
      closedAt = array.first
    } else {
      var starts = [array.first]
      var guess = array.first + pieceSize
      while guess < buffer.count, let boundary = Self.boundary(after: guess, in: buffer) {
        starts.append(boundary)
        guess = boundary + pieceSize
      }
      let tracker = ProgressTracker(total: input.count, report: progress)
      let pieceStarts = starts
      let pieces = ParallelWork.map(count: pieceStarts.count, threads: threads) { index in
        let piece = readPiece(
          input, from: pieceStarts[index],
          limit: index + 1 < pieceStarts.count ? pieceStarts[index + 1] : .max,
          array)
        tracker.add(bytes: max(0, piece.end - piece.start), findings: piece.store.count)
        input.release(piece.start..<piece.end)
        return piece
      }
      // Keep a piece only where the one before it really ended; read the gap again otherwise.
      var byStart: [Int: Int] = [:]
      for (index, piece) in pieces.enumerated() { byStart[piece.start] = index }
      var position = array.first
      while closedAt == nil {
        let piece: Piece
        if let index = byStart[position] {
          piece = pieces[index]
        } else {
          let limit = starts.first { $0 > position } ?? .max
          piece = readPiece(input, from: position, limit: limit, array)
        }
        if piece.failed { return nil }
        var store = piece.store
        store.byteRange = piece.start..<piece.end
        stores.append(store)
        if piece.closed { closedAt = piece.end } else { position = piece.end }
      }
    }
    guard let closedAt, let tail = Self.tail(buffer, after: closedAt, array.shape) else {
      return nil
    }
    let count = stores.reduce(0) { $0 + $1.count }
    return (
      stores,
      Summary(shape: array.shape, nextToken: tail.nextToken, skipped: [], findingCount: count)
    )
  }

  /// What follows the array: nothing for a bare array; for a page, `}` or a `nextToken`
  /// string and `}`. `nil` for anything else (the reference decoder decides what it means).
  private static func tail(
    _ buffer: UnsafeBufferPointer<UInt8>, after close: Int, _ shape: FindingsShape
  ) -> (nextToken: String?, end: Int)? {
    var s = JSONScanner(buffer, position: close + 1)
    s.skipWhitespace()
    if shape == .array { return s.isAtEnd ? (nil, s.position) : nil }
    var token: String?
    if s.peek() == UInt8(ascii: ",") {
      s.position += 1
      s.skipWhitespace()
      guard Self.member("nextToken", &s), s.peek() == UInt8(ascii: "\""),
        let value = try? s.readStringBytes()
      else { return nil }
      token = value.string
      s.skipWhitespace()
    }
    guard s.peek() == UInt8(ascii: "}") else { return nil }
    s.position += 1
    s.skipWhitespace()
    return s.isAtEnd ? (token, s.position) : nil
  }

  /// Reads `"name":` and the whitespace after it; false when another member stands here.
  private static func member(_ name: StaticString, _ s: inout JSONScanner) -> Bool {
    guard case .raw(let key)? = try? s.readStringBytes(), key.equals(name) else { return false }
    s.skipWhitespace()
    guard s.peek() == UInt8(ascii: ":") else { return false }
    s.position += 1
    s.skipWhitespace()
    return true
  }

  /// A likely element start at or after `offset`: a `{` preceded by `,` and `}` with only
  /// whitespace between. It may lie inside a string; the reading proves it or discards it.
  static func boundary(after offset: Int, in buffer: UnsafeBufferPointer<UInt8>) -> Int? {
    var index = offset
    let end = min(buffer.count, offset + (8 << 20))
    func isSpace(_ byte: UInt8) -> Bool {
      byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }
    while index < end {
      guard buffer[index] == UInt8(ascii: ",") else {
        index += 1
        continue
      }
      var before = index - 1
      while before > 0, isSpace(buffer[before]) { before -= 1 }
      var after = index + 1
      while after < buffer.count, isSpace(buffer[after]) { after += 1 }
      if before > 0, buffer[before] == UInt8(ascii: "}"), after < buffer.count,
        buffer[after] == UInt8(ascii: "{")
      {
        return after
      }
      index += 1
    }
    return nil
  }

  /// Reads elements from `start` until one ends at or past `limit`, or the array closes.
  func readPiece(
    _ input: InputBytes, from start: Int, limit: Int,
    _ array: (first: Int, depth: Int, allowWrappers: Bool, shape: FindingsShape)
  ) -> Piece {
    let buffer = input.buffer
    var store = FindingStore(input: input)
    store.columns = columns
    store.reserve(forBytes: min(limit, buffer.count) - start)
    var piece = Piece(start: start, end: start, closed: false, failed: true, store: store)
    guard let origin = buffer.baseAddress else { return piece }
    var reader = StoreRecordReader(origin: origin, columns: columns)
    var s = JSONScanner(buffer, position: start)
    while true {
      s.skipWhitespace()
      let elementStart = s.position
      s.depth = array.depth
      if !reader.read(&s, allowWrappers: array.allowWrappers, into: &store) {
        s.position = elementStart
        s.depth = array.depth
        guard Self.readWithReference(&s, allowWrappers: array.allowWrappers, into: &store) else {
          piece.store = store
          return piece
        }
      }
      s.skipWhitespace()
      switch s.peek() {
      case UInt8(ascii: ","):
        s.position += 1
        s.skipWhitespace()
        if s.position >= limit {
          piece.end = s.position
          piece.failed = false
          piece.store = store
          return piece
        }
      case UInt8(ascii: "]"):
        piece.end = s.position
        piece.closed = true
        piece.failed = false
        piece.store = store
        return piece
      default:
        piece.store = store
        return piece
      }
    }
  }

  /// One element through the reference decoder; false when it rejects it (or when it says
  /// something a store cannot keep, such as a page token inside an element).
  static func readWithReference(
    _ s: inout JSONScanner, allowWrappers: Bool, into store: inout FindingStore
  ) -> Bool {
    let start = s.position
    guard (try? s.skipValue()) != nil else { return false }
    let bytes = Array(s.bytes[start..<s.position])
    let findings: [Finding]? = bytes.withUnsafeBufferPointer { buffer in
      var session = DecodingSession(source: bytes, buffer: buffer, options: .init())
      var scanner = JSONScanner(buffer)
      let location = RecordLocation(container: "", index: nil, line: nil)
      guard (try? session.decodeObject(&scanner, location, allowWrappers: allowWrappers)) != nil,
        session.document.nextToken == nil, session.document.skippedEvents == 0
      else { return nil }
      return session.document.findings
    }
    guard let findings else { return false }
    for finding in findings { store.append(finding) }
    return true
  }
}

/// Adds up what the threads have read and passes it on.
final class ProgressTracker: @unchecked Sendable {
  private let lock = NSLock()
  private var state: FindingsStoreReader.Progress
  private let report: (@Sendable (FindingsStoreReader.Progress) -> Void)?

  init(total: Int, report: (@Sendable (FindingsStoreReader.Progress) -> Void)?) {
    state = FindingsStoreReader.Progress(bytesRead: 0, totalBytes: total, findings: 0)
    self.report = report
  }

  func add(bytes: Int, findings: Int) {
    guard let report else { return }
    lock.lock()
    state.bytesRead = min(state.totalBytes, state.bytesRead + bytes)
    state.findings += findings
    let now = state
    lock.unlock()
    report(now)
  }
}

/// Runs indexed tasks on a fixed number of threads, results in index order.
enum ParallelWork {
  static func map<T: Sendable>(count: Int, threads: Int, _ task: @Sendable (Int) -> T) -> [T] {
    let results = Results<T>(count: count)
    if threads <= 1 || count <= 1 {
      for index in 0..<count { results.set(index, task(index)) }
    } else {
      DispatchQueue.concurrentPerform(iterations: min(threads, count)) { _ in
        while let index = results.claim() { results.set(index, task(index)) }
      }
    }
    return results.values()
  }

  private final class Results<T>: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [T?]
    private var next = 0

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func claim() -> Int? {
      lock.lock()
      defer { lock.unlock() }
      guard next < slots.count else { return nil }
      next += 1
      return next - 1
    }

    func set(_ index: Int, _ value: T) {
      lock.lock()
      slots[index] = value
      lock.unlock()
    }

    func values() -> [T] { slots.compactMap { $0 } }
  }
}
