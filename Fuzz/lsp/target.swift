@testable import FilterDSL
@testable import FilterLSP
import Foundation

/// Arbitrary bytes as the stream a client writes to `aafilter lsp`: framed into messages, each
/// handled by the server's state machine (with the clock moving so diagnostics fall due), and
/// the whole input as one message body too.
/// Invariants: no crash or hang; the framer gives the same frames whether the bytes arrive at
/// once or in pieces of sizes drawn from the input; every message the server sends is valid
/// JSON (by Foundation's reading) that reads back to the same value; no request is answered
/// twice.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLSP(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = Array(UnsafeBufferPointer(start: data, count: size))

  var whole = MessageFramer()
  whole.append(bytes)
  var frames: [MessageFramer.Frame] = []
  while let frame = whole.next() { frames.append(frame) }

  var random = InputSeededGenerator(bytes)
  var pieces = MessageFramer()
  var pieceFrames: [MessageFramer.Frame] = []
  var index = 0
  while index < bytes.count {
    let end = min(bytes.count, index + 1 + Int(random.next() % 64))
    pieces.append(bytes[index..<end])
    while let frame = pieces.next() { pieceFrames.append(frame) }
    index = end
  }
  require(frames == pieceFrames, "frames differ in pieces: \(frames) vs \(pieceFrames)")

  var server = LanguageServer()
  var now: UInt64 = 1_000_000_000
  var outputs: [ServerOutput] = []
  for case .message(let body) in frames {
    outputs += server.receive(body, now: now)
    now += 10_000_000
    outputs += server.publishDue(now: now)
    if server.exitStatus != nil { break }
  }
  outputs += server.publishDue(now: .max)
  var alone = LanguageServer()
  outputs += alone.receive(bytes, now: 0)

  var answered: Set<JSONValue> = []
  for case .message(let message) in outputs {
    let text = message.serialized(pretty: false)
    require(foundationAcceptsJSON(Array(text.utf8)), "not JSON: \(text)")
    guard case .success(let again) = JSONValue.read(Array(text.utf8)) else {
      require(false, "does not read back: \(text)")
      continue
    }
    require(again == message, "reads back differently: \(text)")
    if let id = message["id"], id != .null, message["method"] == nil {
      require(answered.insert(id).inserted || !uniqueIDs(frames), "answered twice: \(id)")
    }
  }
  return 0
}

/// Whether no two request bodies share an id (the client's duty; when it fails, two answers to
/// one id are right).
private func uniqueIDs(_ frames: [MessageFramer.Frame]) -> Bool {
  var seen: Set<JSONValue> = []
  for case .message(let body) in frames {
    guard case .success(let value) = JSONValue.read(body), let id = value["id"] else { continue }
    if !seen.insert(id).inserted { return false }
  }
  return true
}
