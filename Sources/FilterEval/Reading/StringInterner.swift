/// Shares one `String` among repeated values (resource types, statuses, accounts,
/// principals, actions), so a million findings hold a few thousand distinct strings.
///
/// Looks up by a hash of the bytes and confirms byte equality, so no temporary string is
/// built for a hit.
struct StringInterner {
  private var table: [Int: String] = [:]
  /// Values longer than this are rarely repeated (ids, ARNs); interning them only costs.
  static let maxLength = 96
  /// Distinct values kept at most, so a stream of unique values cannot grow the table without
  /// bound; past it, new values are simply not shared.
  static let maxEntries = 65_536

  mutating func intern(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
    guard bytes.count <= Self.maxLength else { return String(decoding: bytes, as: UTF8.self) }
    var hasher = Hasher()
    hasher.combine(bytes: UnsafeRawBufferPointer(bytes))
    let hash = hasher.finalize()
    if var existing = table[hash] {
      let same = existing.withUTF8 { stored in
        stored.count == bytes.count && stored.elementsEqual(bytes)
      }
      if same { return existing }
      return String(decoding: bytes, as: UTF8.self)
    }
    let string = String(decoding: bytes, as: UTF8.self)
    if table.count < Self.maxEntries { table[hash] = string }
    return string
  }
}
