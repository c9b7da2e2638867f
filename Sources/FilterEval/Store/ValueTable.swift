import Foundation

/// Distinct values of a store's interned columns, each with a small integer id (from 1; 0
/// means absent), looked up by their exact bytes.
///
/// Open addressing over a byte arena: a lookup hashes eight bytes at a time and compares
/// bytes, building no string; a string is made once per distinct value.
struct ValueTable: Sendable {
  /// `values[id - 1]` is the value with that id.
  private(set) var values: [String] = []
  private var arena: [UInt8] = []
  private var offsets: [Int] = [0]
  private var slots: [UInt32] = Array(repeating: 0, count: 1024)
  private var hashes: [UInt64] = []

  var count: Int { values.count }

  func value(_ id: UInt32) -> String { values[Int(id) - 1] }

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
    values.append(String(decoding: bytes, as: UTF8.self))
    let id = UInt32(values.count)
    slots[slot] = id
    if values.count * 2 > slots.count { grow() }
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

  /// A multiply-and-fold hash, eight bytes per step; quality enough for a probe sequence.
  static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
    guard let base = bytes.baseAddress else { return 0x9E37_79B9_7F4A_7C15 }
    let raw = UnsafeRawPointer(base)
    var hash: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
    var index = 0
    while index + 8 <= bytes.count {
      let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
      hash = (hash ^ word) &* 0xBF58_476D_1CE4_E5B9
      hash ^= hash >> 29
      index += 8
    }
    var tail: UInt64 = 0
    var shift: UInt64 = 0
    while index < bytes.count {
      tail |= UInt64(base[index]) << shift
      shift += 8
      index += 1
    }
    hash = (hash ^ tail) &* 0x94D0_49BB_1331_11EB
    return hash ^ (hash >> 31)
  }
}
