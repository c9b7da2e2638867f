/// A half-open range of UTF-8 byte offsets into the text a diagnostic or token came from.
///
/// Offsets are bytes, not characters, so lexing never builds strings just to count; line and
/// column are computed only when a diagnostic is rendered.
public struct SourceRange: Hashable, Sendable, Codable, CustomStringConvertible {
  public var start: Int
  public var end: Int

  public init(start: Int, end: Int) {
    self.start = start
    self.end = max(start, end)
  }

  public init(_ range: Range<Int>) {
    self.init(start: range.lowerBound, end: range.upperBound)
  }

  public var isEmpty: Bool { start == end }
  public var length: Int { end - start }

  /// The smallest range covering both.
  public func union(_ other: SourceRange) -> SourceRange {
    SourceRange(start: min(start, other.start), end: max(end, other.end))
  }

  public func contains(_ other: SourceRange) -> Bool {
    start <= other.start && other.end <= end
  }

  public var description: String { "\(start)..<\(end)" }
}
