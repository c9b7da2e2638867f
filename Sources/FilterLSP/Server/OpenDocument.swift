/// A document the client has opened: its text as the client last sent it, kept only in
/// memory (the server never reads the file the client owns).
struct OpenDocument: Sendable {
  var uri: String
  var languageId: String
  var version: Int
  private(set) var lines: LineIndex

  init(uri: String, languageId: String, version: Int, text: String) {
    self.uri = uri
    self.languageId = languageId
    self.version = version
    lines = LineIndex(text)
  }

  /// The text, decoded from the bytes it is kept in.
  var text: String { String(decoding: lines.bytes, as: UTF8.self) }

  /// One change of `textDocument/didChange`: the new text of a range, or of the whole document
  /// when the range is absent.
  struct Change: Sendable {
    var range: (start: Position, end: Position)?
    var text: String
  }

  /// Applies one change. Several changes of one notification are applied in order, each to the
  /// text the previous one left, as the protocol says.
  /// - Parameters:
  ///   - change: the change.
  ///   - encoding: what the change's positions count.
  mutating func apply(_ change: Change, encoding: PositionEncoding) {
    guard let range = change.range else {
      lines = LineIndex(change.text)
      return
    }
    let first = lines.offset(of: range.start, encoding: encoding)
    let second = lines.offset(of: range.end, encoding: encoding)
    // A reversed range is read as the range between its two ends.
    let start = min(first, second)
    let end = max(first, second)
    var bytes = lines.bytes
    bytes.replaceSubrange(start..<end, with: change.text.utf8)
    lines = LineIndex(bytes: bytes)
  }
}
