/// A position in source text, for people (line and column) and for tools (UTF-8 offset).
public struct SourceLocation: Hashable, Sendable, Codable {
  /// The line, from 1.
  public var line: Int
  /// The column, from 1, counted in Unicode scalars so that carets line up under the text.
  public var column: Int
  /// The offset in UTF-8 bytes from the start of the text, from 0.
  public var offset: Int

  /// A location given by its parts.
  /// - Parameters:
  ///   - line: the line, from 1.
  ///   - column: the column in Unicode scalars, from 1.
  ///   - offset: the UTF-8 offset, from 0.
  public init(line: Int, column: Int, offset: Int) {
    self.line = line
    self.column = column
    self.offset = offset
  }
}

/// Turns UTF-8 offsets (as in ``SourceRange``) into lines and columns, for one text.
///
/// Indexes the line starts once, so locating many offsets in the same text costs a binary
/// search each.
public struct SourceLocator: Sendable {
  let map: LineMap

  /// Indexes `source`.
  /// - Parameter source: the text the offsets point into.
  public init(_ source: String) {
    map = LineMap(Array(source.utf8))
  }

  /// The line and column of a UTF-8 offset; offsets past the end are clamped to it.
  /// - Parameter offset: a UTF-8 offset into the text.
  /// - Returns: the location.
  public func location(of offset: Int) -> SourceLocation {
    let (line, column) = map.location(of: offset)
    return SourceLocation(line: line, column: column, offset: min(max(0, offset), map.bytes.count))
  }
}
