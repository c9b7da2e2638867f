/// Text compared and hashed by its UTF-8 bytes, as the service and the matcher compare values.
///
/// `String` equality is canonical equivalence, so a dictionary keyed by `String` would merge
/// two values the matcher tells apart (a precomposed and a decomposed accent).
struct ByteString: Hashable, Sendable {
  var text: String

  static func == (lhs: ByteString, rhs: ByteString) -> Bool {
    lhs.text.utf8.elementsEqual(rhs.text.utf8)
  }

  func hash(into hasher: inout Hasher) {
    var copy = text
    copy.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
  }
}
