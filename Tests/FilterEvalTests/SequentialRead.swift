import FilterEval

/// The reference the parallel reader is held to: `FindingsDecoder` for a document, or for
/// JSON Lines the streaming line reader the command line uses on standard input.
struct SequentialRead {
  var findings: [Finding]
  var shape: FindingsShape
  var nextToken: String?
  var skipped: [RecordError]
  var skippedEvents: Int

  /// - Throws: the reader's first `RecordError` in strict mode.
  init(_ bytes: [UInt8], options: FindingsDecodingOptions) throws {
    if JSONLinesReader.looksLikeJSONLines(bytes) {
      var sent = false
      var reader = JSONLinesReader(options: options) {
        defer { sent = true }
        return sent ? [] : bytes
      }
      var findings: [Finding] = []
      try reader.forEach { findings.append($0) }
      self.init(
        findings: findings, shape: .jsonLines, nextToken: nil, skipped: reader.skipped,
        skippedEvents: reader.skippedEvents)
      return
    }
    let document = try FindingsDecoder.decode(bytes, options: options)
    self.init(
      findings: document.findings, shape: document.shape, nextToken: document.nextToken,
      skipped: document.skipped, skippedEvents: document.skippedEvents)
  }

  private init(
    findings: [Finding], shape: FindingsShape, nextToken: String?, skipped: [RecordError],
    skippedEvents: Int
  ) {
    self.findings = findings
    self.shape = shape
    self.nextToken = nextToken
    self.skipped = skipped
    self.skippedEvents = skippedEvents
  }
}
