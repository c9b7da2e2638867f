import Foundation

/// A small set of strings tested by UTF-8 bytes, never by canonical equivalence.
///
/// Open addressing over a hash of the length and the first and last eight bytes, confirmed
/// by `memcmp`: a lookup reads a few words instead of hashing every byte.
struct ByteValueSet: Sendable {
  private let values: [[UInt8]]
  private let slots: [Int32]
  private let mask: Int

  init(_ strings: [String]) {
    var unique: [[UInt8]] = []
    for string in strings where !unique.contains(Array(string.utf8)) {
      unique.append(Array(string.utf8))
    }
    values = unique
    var capacity = 8
    while capacity < unique.count * 4 { capacity <<= 1 }
    var slots = [Int32](repeating: -1, count: capacity)
    for (index, value) in unique.enumerated() {
      var slot = value.withUnsafeBufferPointer { Self.hash($0) } & (capacity - 1)
      while slots[slot] >= 0 { slot = (slot + 1) & (capacity - 1) }
      slots[slot] = Int32(index)
    }
    self.slots = slots
    mask = capacity - 1
  }

  @inline(__always)
  func contains(_ string: String) -> Bool {
    var string = string
    return string.withUTF8 { contains($0) }
  }

  @inline(__always)
  func contains(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    var slot = Self.hash(bytes) & mask
    while true {
      let index = slots[slot]
      if index < 0 { return false }
      let matched = values[Int(index)].withUnsafeBufferPointer { value in
        guard value.count == bytes.count else { return false }
        guard let a = value.baseAddress, let b = bytes.baseAddress else { return true }
        return memcmp(a, b, value.count) == 0
      }
      if matched { return true }
      slot = (slot + 1) & mask
    }
  }

  @inline(__always)
  static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
    let count = bytes.count
    var hash = UInt64(truncatingIfNeeded: count) &* 0x9E37_79B9_7F4A_7C15
    if count >= 8, let base = bytes.baseAddress {
      let raw = UnsafeRawPointer(base)
      hash ^= raw.loadUnaligned(as: UInt64.self)
      hash = (hash ^ (hash >> 29)) &* 0xBF58_476D_1CE4_E5B9
      hash ^= raw.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
    } else {
      for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3 }
    }
    hash = (hash ^ (hash >> 32)) &* 0x94D0_49BB_1331_11EB
    return Int(truncatingIfNeeded: hash ^ (hash >> 29))
  }
}
