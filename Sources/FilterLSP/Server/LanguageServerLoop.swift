import FilterDSL
import Foundation

/// Runs the language server on a pair of file descriptors (standard input and output for
/// `aafilter lsp`, pipes in tests and the benchmark) until the client sends `exit` or closes
/// the input.
///
/// One thread reads and frames the input and notes cancellations as they arrive; the calling
/// thread handles messages in order, waiting on the queue with a timeout until diagnostics fall
/// due; a third checks documents whose diagnostics are due, so a long check does not hold up
/// completion or hover, and hands the message back through the queue. The calling thread alone
/// writes, and drops diagnostics of a version the document has since left. Only protocol
/// messages are written to `output`; log lines go to `log`.
public enum LanguageServerLoop {
  /// Serves one client.
  /// - Parameters:
  ///   - input: the descriptor the client writes to; read until its end or `exit`.
  ///   - output: the descriptor the client reads; nothing but framed messages is written to it.
  ///   - log: receives log lines (standard error for `aafilter lsp`).
  /// - Returns: the exit status: 0 after `shutdown` then `exit` (or the end of the input after
  ///   `shutdown`), 1 otherwise.
  public static func run(
    input: Int32, output: Int32, log: @escaping @Sendable (String) -> Void
  ) -> Int32 {
    // A client that goes away must not kill the server with SIGPIPE mid-write.
    signal(SIGPIPE, SIG_IGN)
    let inbox = Inbox()
    let reader = Thread { read(input, into: inbox) }
    reader.name = "aafilter-lsp-reader"
    reader.start()

    var server = LanguageServer()
    var writer = MessageWriter(descriptor: output)
    let checking = DispatchQueue(label: "aafilter-lsp-diagnostics")
    while true {
      let event = inbox.next(until: server.nextDeadline)
      var outputs: [ServerOutput] = []
      switch event {
      case .body(let body)?:
        outputs = server.receive(body, now: now(), isCancelled: inbox.takeCancelled)
      case .malformed(let reason)?:
        outputs = [.log("skipped input that is not a message: \(reason)")]
      case .end?:
        return server.phase == .shutDown ? 0 : 1
      case .published(let uri, let version, let body)?:
        if server.isCurrent(uri: uri, version: version), !writer.write(body) {
          log("aafilter lsp: the client's stream is closed")
          return 1
        }
      case nil:
        break
      }
      for job in server.dueDiagnostics(now: now()) {
        checking.async {
          inbox.post(
            .published(uri: job.uri, version: job.version, body: job.message().messageBody))
        }
      }
      for output in outputs {
        switch output {
        case .message(let message):
          if !writer.write(message.messageBody) {
            log("aafilter lsp: the client's stream is closed")
            return 1
          }
        case .log(let line): log("aafilter lsp: " + line)
        }
      }
      if let status = server.exitStatus { return status }
    }
  }

  /// The loop's clock, in nanoseconds.
  static func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

  /// The reader thread: frames the input and posts each message; notes `$/cancelRequest` ids
  /// as soon as they are read.
  private static func read(_ descriptor: Int32, into inbox: Inbox) {
    var framer = MessageFramer()
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
      let count = chunk.withUnsafeMutableBytes { buffer in
        systemRead(descriptor, buffer.baseAddress, buffer.count)
      }
      if count < 0, errno == EINTR { continue }
      guard count > 0 else {
        inbox.post(.end)
        return
      }
      framer.append(chunk[0..<count])
      while let frame = framer.next() {
        switch frame {
        case .message(let body): inbox.post(.body(body), cancelling: cancelledID(body))
        case .malformed(let reason): inbox.post(.malformed(reason))
        }
      }
    }
  }

  /// The id a `$/cancelRequest` body cancels; `nil` for any other message. Checked on the raw
  /// bytes first, so other messages are not parsed twice.
  static func cancelledID(_ body: [UInt8]) -> JSONValue? {
    let marker = Array("$/cancelRequest".utf8)
    guard body.count < 4096, contains(body, marker),
      case .success(let value) = JSONValue.read(body),
      value["method"]?.stringValue == "$/cancelRequest", let id = value.at("params", "id")
    else { return nil }
    return id
  }

  private static func contains(_ bytes: [UInt8], _ marker: [UInt8]) -> Bool {
    guard bytes.count >= marker.count else { return false }
    for start in 0...(bytes.count - marker.count)
    where bytes[start..<start + marker.count].elementsEqual(marker) {
      return true
    }
    return false
  }
}

/// Writes framed messages to a descriptor, whole, retrying short writes.
struct MessageWriter {
  let descriptor: Int32

  /// - Returns: `false` when the descriptor is closed or failing.
  mutating func write(_ body: [UInt8]) -> Bool {
    let bytes = MessageFramer.frame(body)
    var written = 0
    while written < bytes.count {
      let count = bytes.withUnsafeBytes { buffer in
        systemWrite(descriptor, buffer.baseAddress.map { $0 + written }, bytes.count - written)
      }
      if count < 0, errno == EINTR { continue }
      guard count > 0 else { return false }
      written += count
    }
    return true
  }
}

#if canImport(Darwin)
  private let systemRead = Darwin.read
  private let systemWrite = Darwin.write
#else
  private let systemRead = Glibc.read
  private let systemWrite = Glibc.write
#endif
