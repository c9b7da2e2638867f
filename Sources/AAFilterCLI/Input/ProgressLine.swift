import FilterEval
import Foundation

/// One line of progress on standard error, redrawn in place and cleared at the end, as cargo
/// and pip do: bytes read, findings, rate, and the share done and time left when the size is
/// known (a file; not standard input or a pipe).
///
/// Shown only on a terminal (or when forced with `--progress`), never with `--quiet`, and
/// only once a read has run for `delay` seconds, so quick runs print nothing.
final class ProgressLine: @unchecked Sendable {
  private let write: @Sendable (String) -> Void
  private let delay: Double
  /// Nanoseconds between redraws: a terminal cannot show more, and each costs a write.
  private let interval: UInt64
  private let start = DispatchTime.now().uptimeNanoseconds
  private let lock = NSLock()
  private var lastDraw: UInt64 = 0
  private var drawn = false

  init(
    write: @escaping @Sendable (String) -> Void, delay: Double, interval: UInt64 = 100_000_000
  ) {
    self.write = write
    self.delay = delay
    self.interval = interval
  }

  /// The progress line a command should use, from `--quiet`, `--progress` and the console.
  static func make(_ arguments: Arguments, console: Console) -> ProgressLine? {
    if arguments.has(.quiet) { return nil }
    if arguments.has(.progress) { return ProgressLine(write: console.writeError, delay: 0) }
    guard console.errorIsTerminal else { return nil }
    return ProgressLine(write: console.writeError, delay: console.progressDelay)
  }

  /// Redraws the line for a read of known size.
  func update(_ progress: FindingsStoreReader.Progress) {
    update(
      bytesRead: progress.bytesRead, totalBytes: progress.totalBytes, findings: progress.findings)
  }

  /// Redraws the line, at most once an interval; `totalBytes` is `nil` for a stream.
  func update(bytesRead: Int, totalBytes: Int?, findings: Int) {
    let now = DispatchTime.now().uptimeNanoseconds
    let elapsed = Double(now - start) / 1e9
    lock.lock()
    defer { lock.unlock() }
    guard elapsed >= delay, !drawn || now - lastDraw >= interval else { return }
    lastDraw = now
    drawn = true
    write(
      "\r\u{1B}[K"
        + Self.text(
          bytesRead: bytesRead, totalBytes: totalBytes, findings: findings, elapsed: elapsed)
    )
  }

  /// Clears the line, if one was drawn.
  func finish() {
    lock.lock()
    defer { lock.unlock() }
    if drawn { write("\r\u{1B}[K") }
    drawn = false
  }

  /// `reading 412 MB of 814 MB (51%), 506000 findings, 390 MB/s, 1 s left`, or for a stream
  /// of unknown size `reading 412 MB, 506000 findings, 390 MB/s`.
  static func text(bytesRead: Int, totalBytes: Int?, findings: Int, elapsed: Double) -> String {
    let megabytes = { (bytes: Int) in String(format: "%.0f MB", Double(bytes) / 1e6) }
    let rate = elapsed > 0 ? Double(bytesRead) / elapsed : 0
    var text = "reading \(megabytes(bytesRead))"
    if let totalBytes {
      text += " of \(megabytes(totalBytes)) (\(bytesRead * 100 / max(1, totalBytes))%)"
    }
    text += ", \(findings) findings, " + String(format: "%.0f MB/s", rate / 1e6)
    if let totalBytes, rate > 0 {
      let left = Double(totalBytes - bytesRead) / rate
      text += String(format: ", %.0f s left", left.rounded(.up))
    }
    return text
  }
}
