import FilterEval
import Foundation

/// One line of progress on standard error, redrawn in place and cleared at the end, as cargo
/// and pip do: bytes read, findings, rate and time left.
///
/// Shown only on a terminal (or when forced with `--progress`), never with `--quiet`, and
/// only once a read has run for `delay` seconds, so quick runs print nothing.
final class ProgressLine: @unchecked Sendable {
  private let write: @Sendable (String) -> Void
  private let delay: Double
  private let start = DispatchTime.now().uptimeNanoseconds
  private let lock = NSLock()
  private var lastDraw: UInt64 = 0
  private var drawn = false

  init(write: @escaping @Sendable (String) -> Void, delay: Double) {
    self.write = write
    self.delay = delay
  }

  /// The progress line a command should use, from `--quiet`, `--progress` and the console.
  static func make(_ arguments: Arguments, console: Console) -> ProgressLine? {
    if arguments.has(.quiet) { return nil }
    if arguments.has(.progress) { return ProgressLine(write: console.writeError, delay: 0) }
    guard console.errorIsTerminal else { return nil }
    return ProgressLine(write: console.writeError, delay: console.progressDelay)
  }

  /// Redraws the line, at most ten times a second.
  func update(_ progress: FindingsStoreReader.Progress) {
    let now = DispatchTime.now().uptimeNanoseconds
    let elapsed = Double(now - start) / 1e9
    lock.lock()
    defer { lock.unlock() }
    guard elapsed >= delay, !drawn || now - lastDraw >= 100_000_000 else { return }
    lastDraw = now
    drawn = true
    write("\r\u{1B}[K" + Self.text(progress, elapsed: elapsed))
  }

  /// Clears the line, if one was drawn.
  func finish() {
    lock.lock()
    defer { lock.unlock() }
    if drawn { write("\r\u{1B}[K") }
    drawn = false
  }

  /// `412 MB of 814 MB (51%), 506,000 findings, 390 MB/s, 1 s left`
  static func text(_ progress: FindingsStoreReader.Progress, elapsed: Double) -> String {
    let megabytes = { (bytes: Int) in String(format: "%.0f MB", Double(bytes) / 1e6) }
    let total = max(1, progress.totalBytes)
    let rate = elapsed > 0 ? Double(progress.bytesRead) / elapsed : 0
    var text = "reading \(megabytes(progress.bytesRead)) of \(megabytes(progress.totalBytes))"
    text += " (\(progress.bytesRead * 100 / total)%), \(progress.findings) findings"
    text += ", " + String(format: "%.0f MB/s", rate / 1e6)
    if rate > 0 {
      let left = Double(progress.totalBytes - progress.bytesRead) / rate
      text += String(format: ", %.0f s left", left.rounded(.up))
    }
    return text
  }
}
