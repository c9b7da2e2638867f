import FilterDSL

/// The protocol's small value shapes (positions, ranges, locations, text edits) to and from
/// JSON, with offsets converted through a document's ``LineIndex``.
struct LSPValues: Sendable {
  let lines: LineIndex
  let encoding: PositionEncoding

  func position(_ offset: Int) -> JSONValue {
    let position = lines.position(of: offset, encoding: encoding)
    return .object([("line", .number(position.line)), ("character", .number(position.character))])
  }

  func range(_ range: SourceRange) -> JSONValue {
    .object([("start", position(range.start)), ("end", position(range.end))])
  }

  func location(_ uri: String, _ range: SourceRange) -> JSONValue {
    .object([("uri", .string(uri)), ("range", self.range(range))])
  }

  func textEdit(_ range: SourceRange, _ text: String) -> JSONValue {
    .object([("range", self.range(range)), ("newText", .string(text))])
  }

  /// The byte offset of a position given as JSON.
  func offset(_ value: JSONValue?) throws(ResponseError) -> Int {
    lines.offset(of: try Self.readPosition(value), encoding: encoding)
  }

  /// The byte range of a range given as JSON.
  func sourceRange(_ value: JSONValue?) throws(ResponseError) -> SourceRange {
    let (start, end) = try Self.readRange(value)
    let first = lines.offset(of: start, encoding: encoding)
    let second = lines.offset(of: end, encoding: encoding)
    return SourceRange(start: min(first, second), end: max(first, second))
  }

  static func readPosition(_ value: JSONValue?) throws(ResponseError) -> Position {
    guard let line = value?["line"]?.intValue, let character = value?["character"]?.intValue
    else { throw .invalidParams("expected a position: {\"line\": N, \"character\": N}") }
    return Position(line: line, character: character)
  }

  static func readRange(_ value: JSONValue?) throws(ResponseError) -> (Position, Position) {
    guard let value, value.isObject else {
      throw .invalidParams("expected a range: {\"start\": ..., \"end\": ...}")
    }
    return (try readPosition(value["start"]), try readPosition(value["end"]))
  }
}
