/// A string compared and hashed by its UTF-8 bytes.
///
/// Swift's `String ==` treats canonically equivalent strings as equal ("é" precomposed and
/// decomposed), but the service compares bytes, so every set and dictionary of filter values
/// goes through this wrapper.
package struct ExactString: Hashable, Sendable, Comparable {
  package let value: String

  package init(_ value: String) {
    self.value = value
  }

  package static func == (lhs: Self, rhs: Self) -> Bool {
    lhs.value.utf8.elementsEqual(rhs.value.utf8)
  }

  package func hash(into hasher: inout Hasher) {
    var value = value
    value.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
  }

  package static func < (lhs: Self, rhs: Self) -> Bool {
    lhs.value.utf8.lexicographicallyPrecedes(rhs.value.utf8)
  }
}

extension Array where Element == String {
  /// The strings without byte-identical repeats, first occurrences kept in order.
  package func uniquedExactly() -> [String] {
    var seen = Set<ExactString>()
    return filter { seen.insert(ExactString($0)).inserted }
  }
}
