/// Cuts a byte stream into message bodies by their `Content-Length` headers: the base protocol
/// of the Language Server Protocol.
///
/// Bytes arrive in chunks of any size (a message may be split anywhere, several may arrive at
/// once). Header names are matched in any case and order; `Content-Type` and unknown headers are
/// accepted and ignored; lines may end in CRLF or a bare LF. A header block that cannot be read
/// is reported and skipped: reading resumes at the next `Content-Length` header, so one bad
/// message never stops the server. Memory stays bounded: a header block longer than
/// ``maxHeaderBytes`` is dropped, and a body longer than ``maxContentLength`` is skipped as it
/// arrives, without being kept.
public struct MessageFramer: Sendable {
  /// What the stream yields next.
  public enum Frame: Hashable, Sendable {
    /// One message body, exactly `Content-Length` bytes.
    case message([UInt8])
    /// Bytes that were not a readable message, skipped; the text says why.
    case malformed(String)
  }

  /// The longest header block read; a longer one is malformed.
  public static let maxHeaderBytes = 8 * 1024
  /// The largest body kept; a larger one is skipped and reported.
  public static let maxContentLength = 256 << 20

  private var buffer: [UInt8] = []
  /// Bytes of `buffer` already consumed.
  private var start = 0
  /// The length of the body whose headers were read, while it is incomplete.
  private var bodyLength: Int?
  /// Bytes of an oversized body still to be dropped as they arrive.
  private var skipping = 0
  /// After a malformed header block: bytes are dropped up to the next `Content-Length`.
  private var resynchronizing = false

  /// An empty framer.
  public init() {}

  /// Adds bytes read from the stream.
  /// - Parameter bytes: the next chunk, of any size.
  public mutating func append(_ bytes: some Collection<UInt8>) {
    var chunk = bytes[...]
    if skipping > 0 {
      let dropped = min(skipping, chunk.count)
      skipping -= dropped
      chunk = chunk.dropFirst(dropped)
    }
    if start > 0, start >= buffer.count / 2 {
      buffer.removeFirst(start)
      start = 0
    }
    buffer.append(contentsOf: chunk)
  }

  /// Bytes held that no frame has yet consumed.
  public var pendingByteCount: Int { buffer.count - start }

  /// The next complete frame, or `nil` until more bytes arrive.
  public mutating func next() -> Frame? {
    if skipping > 0 { return nil }
    if let length = bodyLength {
      guard buffer.count - start >= length else { return nil }
      let body = Array(buffer[start..<start + length])
      start += length
      bodyLength = nil
      return .message(body)
    }
    if resynchronizing {
      guard resynchronize() else { return nil }
    }
    // Blank lines between messages (a stray CRLF after a body) are not a header block.
    while start < buffer.count, buffer[start] == 0x0D || buffer[start] == 0x0A { start += 1 }
    guard start < buffer.count else { return nil }
    switch readHeaders() {
    case .incomplete:
      guard buffer.count - start > Self.maxHeaderBytes else { return nil }
      start += 1
      return startResynchronizing("a header block longer than \(Self.maxHeaderBytes) bytes")
    case .malformed(let reason, let resume):
      start = resume
      return startResynchronizing(reason)
    case .complete(let length, let end):
      start = end
      if length > Self.maxContentLength {
        let held = min(length, buffer.count - start)
        start += held
        skipping = length - held
        return .malformed(
          "a message of \(length) bytes, more than the \(Self.maxContentLength) allowed")
      }
      bodyLength = length
      return next()
    }
  }

  private enum HeaderBlock {
    case incomplete
    /// Not a header block; resynchronizing starts at `resume`, past the line at fault (or
    /// the block, when the fault is the block as a whole).
    case malformed(String, resume: Int)
    case complete(length: Int, end: Int)
  }

  /// Reads the header block at `start`, up to and including its empty line.
  private func readHeaders() -> HeaderBlock {
    var lineStart = start
    var length: Int?
    let limit = min(buffer.count, start + Self.maxHeaderBytes + 1)
    var index = start
    while index < limit {
      guard buffer[index] == 0x0A else {
        index += 1
        continue
      }
      var lineEnd = index
      if lineEnd > lineStart, buffer[lineEnd - 1] == 0x0D { lineEnd -= 1 }
      if lineEnd == lineStart {
        guard let length else {
          return .malformed("a header block without 'Content-Length'", resume: index + 1)
        }
        return .complete(length: length, end: index + 1)
      }
      switch Self.header(buffer[lineStart..<lineEnd]) {
      case .failure(let failure): return .malformed(failure.reason, resume: lineStart + 1)
      case .success(.some(let value)):
        if let length, length != value {
          return .malformed("two different 'Content-Length' headers", resume: lineStart + 1)
        }
        length = value
      case .success(.none): break
      }
      index += 1
      lineStart = index
    }
    return .incomplete
  }

  private struct HeaderFailure: Error { var reason: String }

  /// One header line: the length when it is `Content-Length`, `nil` for any other header.
  private static func header(_ line: ArraySlice<UInt8>) -> Result<Int?, HeaderFailure> {
    guard let colon = line.firstIndex(of: UInt8(ascii: ":")), colon > line.startIndex else {
      return .failure(HeaderFailure(reason: "a header line without a name and ':'"))
    }
    let name = line[line.startIndex..<colon]
    guard name.allSatisfy(isTokenByte) else {
      return .failure(HeaderFailure(reason: "a header name with characters a name cannot have"))
    }
    guard name.lazy.map(lowercased).elementsEqual("content-length".utf8) else {
      return .success(nil)
    }
    let value = line[(colon + 1)...].drop { $0 == 0x20 || $0 == 0x09 }
    let digits = value.prefix { (0x30...0x39).contains($0) }
    let rest = value.dropFirst(digits.count)
    // 15 digits keep the arithmetic far from overflow; such a message is skipped anyway.
    guard !digits.isEmpty, digits.count <= 15, rest.allSatisfy({ $0 == 0x20 || $0 == 0x09 })
    else {
      return .failure(HeaderFailure(reason: "a 'Content-Length' that is not a decimal number"))
    }
    return .success(digits.reduce(0) { $0 * 10 + Int($1 - 0x30) })
  }

  private static func isTokenByte(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
      UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"),
      UInt8(ascii: "."):
      true
    default: false
    }
  }

  private static func lowercased(_ byte: UInt8) -> UInt8 {
    (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte + 0x20 : byte
  }

  /// Reports a malformed header block and drops bytes from `start` up to the next
  /// `Content-Length` header, however many chunks that takes; nothing more is reported until
  /// then, so the report does not depend on how the stream was cut.
  private mutating func startResynchronizing(_ reason: String) -> Frame {
    resynchronizing = true
    _ = resynchronize()
    return .malformed(reason)
  }

  /// Moves to the next `Content-Length` header (any case); `false` when none has arrived yet,
  /// after dropping all but a tail that could be the start of one.
  private mutating func resynchronize() -> Bool {
    let needle = Array("content-length:".utf8)
    var index = start
    while index + needle.count <= buffer.count {
      if buffer[index] | 0x20 == needle[0],
        buffer[index..<index + needle.count].lazy.map(Self.lowercased).elementsEqual(needle)
      {
        start = index
        resynchronizing = false
        return true
      }
      index += 1
    }
    start = max(start, buffer.count - (needle.count - 1))
    return false
  }

  /// The bytes that carry `body` on the stream: a `Content-Length` header, an empty line and
  /// the body.
  /// - Parameter body: the message body (UTF-8 JSON).
  /// - Returns: the framed bytes.
  public static func frame(_ body: [UInt8]) -> [UInt8] {
    Array("Content-Length: \(body.count)\r\n\r\n".utf8) + body
  }
}
