import Foundation

/// Collects what a command writes.
final class Capture: @unchecked Sendable {
  private let lock = NSLock()
  private var out = ""
  private var err = ""
  func write(_ text: String) { lock.withLock { out += text } }
  func writeError(_ text: String) { lock.withLock { err += text } }
  var stdout: String { lock.withLock { out } }
  var stderr: String { lock.withLock { err } }
}
