/// A half-open range of UTF-8 byte offsets into the text a diagnostic or token came from.
///
/// Offsets are bytes, not characters, so lexing never builds strings just to count; line and
/// column are computed only when a diagnostic is rendered.
public struct SourceRange: Hashable, Sendable, Codable, CustomStringConvertible {
  /// The first byte, from 0.
  public var start: Int
  /// One past the last byte.
  public var end: Int

  /// A range; an `end` before `start` is raised to it.
  /// - Parameters:
  ///   - start: the first byte.
  ///   - end: one past the last byte.
  public init(start: Int, end: Int) {
    self.start = start
    self.end = max(start, end)
  }

  /// The range of a Swift range of offsets.
  /// - Parameter range: the offsets.
  public init(_ range: Range<Int>) {
    self.init(start: range.lowerBound, end: range.upperBound)
  }

  /// Whether it covers no bytes (a position, such as the end of input).
  public var isEmpty: Bool { start == end }
  /// The number of bytes covered.
  public var length: Int { end - start }

  /// The smallest range covering both.
  public func union(_ other: SourceRange) -> SourceRange {
    SourceRange(start: min(start, other.start), end: max(end, other.end))
  }

  /// Whether `other` lies within this range.
  /// - Parameter other: another range.
  /// - Returns: `true` when it does.
  public func contains(_ other: SourceRange) -> Bool {
    start <= other.start && other.end <= end
  }

  /// `start..<end`.
  public var description: String { "\(start)..<\(end)" }
}
