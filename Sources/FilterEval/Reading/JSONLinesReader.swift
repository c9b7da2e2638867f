/// Reads JSON Lines one record at a time from chunks of bytes, so memory stays bounded by the
/// longest line, not the input.
package struct JSONLinesReader {
  private let nextChunk: () throws -> [UInt8]
  package var options: FindingsDecodingOptions
  /// Records skipped in lenient mode.
  package private(set) var skipped: [RecordError] = []
  /// Events skipped because they are not findings (access preview state changes).
  package private(set) var skippedEvents = 0

  /// `nextChunk` returns the next bytes of the input, and an empty array at the end.
  package init(
    options: FindingsDecodingOptions = .init(), nextChunk: @escaping () throws -> [UInt8]
  ) {
    self.options = options
    self.nextChunk = nextChunk
  }

  /// Calls `body` with every finding, in input order.
  package mutating func forEach(_ body: (Finding) throws -> Void) throws {
    var buffer: [UInt8] = []
    var start = 0
    var line = 1
    var decoder = FindingsLineDecoder(options: options)
    func process(_ bytes: ArraySlice<UInt8>, line: Int) throws {
      for finding in try decoder.decode(Array(bytes), line: line) { try body(finding) }
    }
    while true {
      let chunk = try nextChunk()
      if chunk.isEmpty { break }
      buffer.removeSubrange(0..<start)
      start = 0
      let scanFrom = buffer.count
      buffer.append(contentsOf: chunk)
      var index = scanFrom
      while let newline = buffer[index...].firstIndex(of: 0x0A) {
        try process(buffer[start..<newline], line: line)
        line += 1
        start = newline + 1
        index = start
      }
    }
    if start < buffer.count { try process(buffer[start...], line: line) }
    skipped = decoder.skipped
    skippedEvents = decoder.skippedEvents
  }

  /// Whether `prefix` (the start of an input) looks like JSON Lines: its first line holds one
  /// complete JSON value and more follows. A pretty-printed document's first line never does.
  package static func looksLikeJSONLines(_ prefix: [UInt8]) -> Bool {
    prefix.withUnsafeBufferPointer { looksLikeJSONLines($0) }
  }

  static func looksLikeJSONLines(_ prefix: UnsafeBufferPointer<UInt8>) -> Bool {
    guard let newline = prefix.firstIndex(of: 0x0A) else { return false }
    let rest = prefix[(newline + 1)...]
    guard rest.contains(where: { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }) else { return false }
    var scanner = JSONScanner(UnsafeBufferPointer(rebasing: prefix[0..<newline]))
    scanner.skipWhitespace()
    guard (try? scanner.skipValue()) != nil else { return false }
    scanner.skipWhitespace()
    return scanner.isAtEnd
  }
}
