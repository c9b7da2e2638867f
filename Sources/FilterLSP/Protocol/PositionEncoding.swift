/// What the `character` of an LSP position counts: UTF-16 code units (the protocol's default,
/// and what every client supports) or UTF-8 bytes (when the client offers it, since the
/// server's own offsets are bytes).
public enum PositionEncoding: String, Hashable, Sendable, CaseIterable {
  /// Bytes of UTF-8.
  case utf8 = "utf-8"
  /// Code units of UTF-16: two for a character outside the Basic Multilingual Plane.
  case utf16 = "utf-16"

  /// The encoding to use with a client that offers `offered` (its
  /// `general.positionEncodings`): UTF-8 when it is offered, else UTF-16, which every client
  /// must support.
  /// - Parameter offered: the client's encodings, in any order; `nil` when it names none.
  /// - Returns: the encoding both sides will use.
  public static func negotiate(_ offered: [String]?) -> PositionEncoding {
    offered?.contains(PositionEncoding.utf8.rawValue) == true ? .utf8 : .utf16
  }

  /// The code units a scalar whose UTF-8 form is `length` bytes takes.
  func units(utf8Length length: Int) -> Int {
    switch self {
    case .utf8: length
    case .utf16: length == 4 ? 2 : 1
    }
  }
}

/// A position in a document as LSP gives it: a 0-based line, and a 0-based offset in that line
/// counted in the negotiated ``PositionEncoding``.
public struct Position: Hashable, Sendable {
  /// The line, from 0.
  public var line: Int
  /// The offset in the line, in code units of the negotiated encoding, from 0.
  public var character: Int

  /// A position.
  /// - Parameters:
  ///   - line: the line, from 0.
  ///   - character: the offset in the line, from 0.
  public init(line: Int, character: Int) {
    self.line = line
    self.character = character
  }
}
