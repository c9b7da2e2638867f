import Foundation

/// Reads the pieces of an input on worker threads, a bounded number ahead of the one thread
/// that takes them in input order.
///
/// A window of pieces read together, then handed over together, leaves cores idle twice: while
/// the slowest piece of the window finishes, and while the window is handed over. Here a
/// worker starts the next piece as soon as it is done, and the taker works beside them, so
/// every core reads all the time; at most `ahead` pieces wait, so memory stays bounded.
final class ReadAhead<Piece: Sendable>: @unchecked Sendable {
  /// The next piece's bytes, from where the last one ended; `nil` when the input is done.
  typealias Cut = @Sendable (_ from: Int) -> Range<Int>?
  typealias Read = @Sendable (Range<Int>) -> Piece

  private let condition = NSCondition()
  private let cut: Cut
  private let read: Read
  private let ahead: Int
  private var cursor: Int
  private var isCut = false
  private var claimed = 0
  private var taken = 0
  private var done: [Int: (Range<Int>, Piece)] = [:]
  private var stopped = false
  private let hasWorkers: Bool
  private let workers = DispatchGroup()

  /// Starts `threads` workers (none for one thread: `next` then reads the piece itself).
  init(from start: Int, threads: Int, ahead: Int, cut: @escaping Cut, read: @escaping Read) {
    cursor = start
    self.cut = cut
    self.read = read
    self.ahead = max(1, ahead)
    hasWorkers = threads > 1
    guard hasWorkers else { return }
    for _ in 0..<threads {
      workers.enter()
      let thread = Thread { [self] in
        work()
        workers.leave()
      }
      thread.start()
    }
  }

  /// The next piece in input order, waiting for it if need be; `nil` after the last.
  func next() -> (Range<Int>, Piece)? {
    condition.lock()
    defer { condition.unlock() }
    if !hasWorkers {
      guard let range = claim() else { return nil }
      taken += 1
      return (range, read(range))
    }
    while true {
      if let piece = done.removeValue(forKey: taken) {
        taken += 1
        condition.broadcast()
        return piece
      }
      if isCut && taken == claimed { return nil }
      condition.wait()
    }
  }

  /// Stops the workers after the pieces they are reading and waits for them.
  func stop() {
    condition.lock()
    stopped = true
    condition.broadcast()
    condition.unlock()
    workers.wait()
  }

  /// The next piece's range, with the lock held.
  private func claim() -> Range<Int>? {
    guard !isCut, let range = cut(cursor) else {
      isCut = true
      return nil
    }
    cursor = range.upperBound
    claimed += 1
    return range
  }

  private func work() {
    condition.lock()
    defer { condition.unlock() }
    while true {
      while !stopped && !isCut && claimed - taken >= ahead { condition.wait() }
      guard !stopped, let range = claim() else {
        condition.broadcast()
        return
      }
      let index = claimed - 1
      condition.unlock()
      let piece = read(range)
      condition.lock()
      done[index] = (range, piece)
      condition.broadcast()
    }
  }
}
