import Foundation

/// Stops the run when an invariant fails, so libFuzzer saves the input as a crash. The message
/// goes to standard error first: libFuzzer's log is all a failing run leaves behind.
func require(
  _ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String,
  file: StaticString = #fileID, line: UInt = #line
) {
  guard !condition() else { return }
  let text = "Fuzz invariant failed (\(file):\(line)): \(message())\n"
  FileHandle.standardError.write(Data(text.utf8))
  fatalError("fuzz invariant", file: file, line: line)
}

/// A small deterministic generator seeded from the input, so a saved crash replays exactly.
struct InputSeededGenerator: RandomNumberGenerator {
  private var state: UInt64

  init(_ bytes: [UInt8]) {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
    state = hash
  }

  mutating func next() -> UInt64 {
    state &+= 0x9e37_79b9_7f4a_7c15
    var z = state
    z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
    z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
    return z ^ (z >> 31)
  }
}

/// Whether the bytes are one JSON text by Foundation's reading, the reference the readers are
/// compared with.
func foundationAcceptsJSON(_ bytes: [UInt8]) -> Bool {
  (try? JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])) != nil
}
