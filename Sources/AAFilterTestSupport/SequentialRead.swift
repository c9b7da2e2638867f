import FilterEval

/// The reference the parallel reader is held to, by the tests and the `findings` fuzz target:
/// `FindingsDecoder` for a document, or for JSON Lines the streaming line reader the command
/// line uses on standard input.
public struct SequentialRead {
  public var findings: [Finding]
  public var shape: FindingsShape
  public var nextToken: String?
  public var skipped: [RecordError]
  public var skippedEvents: Int
}

extension SequentialRead {
  /// - Throws: the reader's first `RecordError` in strict mode.
  public init(_ bytes: [UInt8], options: FindingsDecodingOptions) throws {
    if JSONLinesReader.looksLikeJSONLines(bytes) {
      self = try Self.lines(bytes, options: options)
      return
    }
    let document = try FindingsDecoder.decode(bytes, options: options)
    self.init(
      findings: document.findings, shape: document.shape, nextToken: document.nextToken,
      skipped: document.skipped, skippedEvents: document.skippedEvents)
  }

  /// `bytes` read as JSON Lines by the streaming line reader, given the whole input at once.
  /// - Throws: the reader's first `RecordError` in strict mode.
  public static func lines(_ bytes: [UInt8], options: FindingsDecodingOptions) throws -> Self {
    var sent = false
    var reader = JSONLinesReader(options: options) {
      defer { sent = true }
      return sent ? [] : bytes
    }
    var findings: [Finding] = []
    try reader.forEach { findings.append($0) }
    return Self(
      findings: findings, shape: .jsonLines, nextToken: nil, skipped: reader.skipped,
      skippedEvents: reader.skippedEvents)
  }
}
