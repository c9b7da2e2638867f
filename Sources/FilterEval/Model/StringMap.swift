/// A small string-to-string map compared by bytes (the finding's `principal` and `condition`).
///
/// An array of entries, not a `Dictionary`: these maps hold a handful of entries, and
/// `Dictionary<String, _>` would match canonically equivalent keys, which the service does not.
///
/// ```swift
/// import FilterEval
///
/// let principal: StringMap = ["AWS": "111122223333"]
/// ```
public struct StringMap: Hashable, Sendable, ExpressibleByDictionaryLiteral {
  /// One key and its value.
  public struct Entry: Hashable, Sendable {
    /// The entry's key (`AWS`, `aws:SourceIp`).
    public var key: String
    /// The entry's value.
    public var value: String

    /// An entry.
    /// - Parameters:
    ///   - key: the key, compared byte for byte.
    ///   - value: the value.
    public init(key: String, value: String) {
      self.key = key
      self.value = value
    }

    /// Entries are equal when their keys and values have the same bytes.
    public static func == (lhs: Entry, rhs: Entry) -> Bool {
      lhs.key.utf8.elementsEqual(rhs.key.utf8) && lhs.value.utf8.elementsEqual(rhs.value.utf8)
    }

    /// Hashes the key and value.
    public func hash(into hasher: inout Hasher) {
      hasher.combine(key)
      hasher.combine(value)
    }
  }

  /// The entries, in the order they were written.
  public var entries: [Entry]

  /// A map holding `entries` in order.
  /// - Parameter entries: the entries; a repeated key keeps its last value.
  public init(_ entries: [Entry] = []) {
    self.entries = entries
  }

  /// A map from a literal, entries in the order written.
  /// - Parameter elements: key-value pairs.
  public init(dictionaryLiteral elements: (String, String)...) {
    entries = elements.map { Entry(key: $0.0, value: $0.1) }
  }

  /// The value for `key`, compared byte for byte. A repeated key keeps its last value, as a
  /// JSON object's would.
  /// - Parameter key: the entry's key.
  public subscript(key: String) -> String? {
    var index = entries.count
    while index > 0 {
      index -= 1
      // Lengths first: O(1) for native strings, and most keys differ in length.
      if entries[index].key.utf8.count == key.utf8.count,
        entries[index].key.utf8.elementsEqual(key.utf8)
      {
        return entries[index].value
      }
    }
    return nil
  }
}
