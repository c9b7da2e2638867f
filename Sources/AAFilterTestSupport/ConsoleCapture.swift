import Foundation

/// What a command wrote, for callers that run commands in-process (the tests and the interop
/// harness) and compare the output with what a user would see.
public final class ConsoleCapture: @unchecked Sendable {
  private let lock = NSLock()
  private var out = ""
  private var err = ""

  /// An empty capture.
  public init() {}

  /// Appends to what went to standard output.
  public func write(_ text: String) { lock.withLock { out += text } }
  /// Appends to what went to standard error.
  public func writeError(_ text: String) { lock.withLock { err += text } }
  /// Everything written to standard output so far.
  public var stdout: String { lock.withLock { out } }
  /// Everything written to standard error so far.
  public var stderr: String { lock.withLock { err } }
}
