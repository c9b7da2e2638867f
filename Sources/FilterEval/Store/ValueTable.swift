import Foundation

/// Distinct values of a store's interned columns, each with a small integer id (from 1; 0
/// means absent), looked up by their exact bytes.
///
/// Open addressing over a byte arena: a lookup hashes eight bytes at a time and compares
/// bytes, building no string. Values are kept only as bytes; a `String` is made when one is
/// asked for, since most distinct values (conditions, principals) are never read as text.
struct ValueTable: Sendable {
  private var arena: [UInt8] = []
  /// `arena[offsets[id - 1]..<offsets[id]]` holds the value with that id.
  private var offsets: [Int] = [0]
  private var slots: [UInt32] = Array(repeating: 0, count: 1024)
  private var hashes: [UInt64] = []

  var count: Int { hashes.count }

  func value(_ id: UInt32) -> String { withBytes(id) { String(decoding: $0, as: UTF8.self) } }

  /// Calls `body` with the bytes of the value with `id`.
  func withBytes<R>(_ id: UInt32, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
    let range = offsets[Int(id) - 1]..<offsets[Int(id)]
    return arena.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[range])) }
  }

  /// Room for `values` distinct values of about 16 bytes without growing.
  mutating func reserve(values: Int) {
    var size = slots.count
    while size < values * 2 { size *= 2 }
    if size > slots.count, hashes.isEmpty { slots = Array(repeating: 0, count: size) }
    arena.reserveCapacity(values * 16)
    offsets.reserveCapacity(values + 1)
    hashes.reserveCapacity(values)
  }

  /// The id of `bytes`, adding them if new.
  mutating func id(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
    let hash = Self.hash(bytes)
    var slot = Int(truncatingIfNeeded: hash) & (slots.count - 1)
    while true {
      let id = slots[slot]
      if id == 0 { break }
      if hashes[Int(id) - 1] == hash, equals(Int(id), bytes) { return id }
      slot = (slot + 1) & (slots.count - 1)
    }
    arena.append(contentsOf: bytes)
    offsets.append(arena.count)
    hashes.append(hash)
    let id = UInt32(hashes.count)
    slots[slot] = id
    if hashes.count * 2 > slots.count { grow() }
    return id
  }

  /// The id of `bytes` if the table holds them.
  func existingID(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt32? {
    let hash = Self.hash(bytes)
    var slot = Int(truncatingIfNeeded: hash) & (slots.count - 1)
    while true {
      let id = slots[slot]
      if id == 0 { return nil }
      if hashes[Int(id) - 1] == hash, equals(Int(id), bytes) { return id }
      slot = (slot + 1) & (slots.count - 1)
    }
  }

  /// For each id of `other` (index `id`; 0 stays 0), its id here, adding what is new.
  mutating func merge(_ other: ValueTable) -> [UInt32] {
    var renumber: [UInt32] = [0]
    renumber.reserveCapacity(other.count + 1)
    for index in 0..<other.count {
      renumber.append(other.withBytes(UInt32(index + 1)) { self.id($0) })
    }
    return renumber
  }

  private func equals(_ id: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    let start = offsets[id - 1]
    guard offsets[id] - start == bytes.count else { return false }
    return arena.withUnsafeBufferPointer { arena in
      guard let base = arena.baseAddress, let other = bytes.baseAddress else { return true }
      return memcmp(base + start, other, bytes.count) == 0
    }
  }

  private mutating func grow() {
    var bigger = [UInt32](repeating: 0, count: slots.count * 2)
    for index in hashes.indices {
      var slot = Int(truncatingIfNeeded: hashes[index]) & (bigger.count - 1)
      while bigger[slot] != 0 { slot = (slot + 1) & (bigger.count - 1) }
      bigger[slot] = UInt32(index + 1)
    }
    slots = bigger
  }

  /// A multiply-and-fold hash, eight bytes per step, the last step an overlapping load of the
  /// final eight bytes (short values are most of what is interned, so no byte-by-byte tail).
  static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
    guard let base = bytes.baseAddress else { return 0x9E37_79B9_7F4A_7C15 }
    let raw = UnsafeRawPointer(base)
    let count = bytes.count
    var hash: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(count)
    @inline(__always) func mix(_ word: UInt64) {
      hash = (hash ^ word) &* 0xBF58_476D_1CE4_E5B9
      hash ^= hash >> 29
    }
    if count >= 8 {
      var index = 0
      while index + 8 < count {
        mix(raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))
        index += 8
      }
      mix(raw.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self))
    } else if count >= 4 {
      let low = UInt64(raw.loadUnaligned(as: UInt32.self))
      let high = UInt64(raw.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self))
      mix(low | high << 32)
    } else {
      var tail: UInt64 = 0
      for index in 0..<count { tail |= UInt64(base[index]) << UInt64(index * 8) }
      mix(tail)
    }
    hash = hash &* 0x94D0_49BB_1331_11EB
    return hash ^ (hash >> 31)
  }
}
