import FilterDSL
import Foundation

/// The queue between the thread that reads the client's stream and the thread that handles
/// messages. The reader also records cancellations here as they arrive, so a request queued
/// behind a long one is answered "cancelled" rather than computed.
final class Inbox: @unchecked Sendable {
  enum Event: Sendable {
    /// One message body.
    case body([UInt8])
    /// Bytes that were not a message, skipped.
    case malformed(String)
    /// The stream ended.
    case end
    /// A `publishDiagnostics` body made on the diagnostics thread, for `version` of `uri`.
    case published(uri: String, version: Int, body: [UInt8])
  }

  // Everything below is read and written only with `condition` locked.
  private let condition = NSCondition()
  private var events: [Event] = []
  private var head = 0
  private var cancelled: Set<JSONValue> = []

  func post(_ event: Event, cancelling id: JSONValue? = nil) {
    condition.lock()
    if let id {
      if cancelled.count > 4096 { cancelled.removeAll() }
      cancelled.insert(id)
    }
    events.append(event)
    condition.signal()
    condition.unlock()
  }

  /// The next event, waiting at most until `deadline` (the loop's nanoseconds); `nil` when the
  /// deadline passes first.
  func next(until deadline: UInt64?) -> Event? {
    condition.lock()
    defer { condition.unlock() }
    while head == events.count {
      if let deadline {
        let now = LanguageServerLoop.now()
        guard now < deadline else { return nil }
        let wait = Date(timeIntervalSinceNow: Double(deadline - now) / 1e9)
        _ = condition.wait(until: wait)
      } else {
        condition.wait()
      }
    }
    let event = events[head]
    head += 1
    if head == events.count {
      events.removeAll(keepingCapacity: true)
      head = 0
    }
    return event
  }

  /// Whether the client cancelled `id`; forgets it once asked.
  func takeCancelled(_ id: JSONValue) -> Bool {
    condition.lock()
    defer { condition.unlock() }
    return cancelled.remove(id) != nil
  }
}
