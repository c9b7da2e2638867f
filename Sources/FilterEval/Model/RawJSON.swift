/// A finding's own JSON text, kept so that output shows the record exactly as it came in,
/// unknown fields and all.
///
/// Usually a slice of the whole input, so it keeps that input alive; see
/// ``Finding/detached()``.
public struct RawJSON: Hashable, Sendable {
  /// The UTF-8 text.
  public var bytes: ArraySlice<UInt8>

  /// Wraps the text of one JSON value.
  /// - Parameter bytes: the value's UTF-8, a slice of the input or an array of its own.
  public init(_ bytes: ArraySlice<UInt8>) {
    self.bytes = bytes
  }

  /// The text as a string.
  public var text: String { String(decoding: bytes, as: UTF8.self) }
}
