import FilterEval
import Foundation

/// Arbitrary bytes into the findings reader: as one document (strict and lenient), as JSON
/// Lines streamed in chunks, through the parallel store reader, and placed as the value of an
/// unknown field. Invariants: no crash; every error points inside the input; chunk boundaries
/// change nothing; the parallel reader gives what the sequential one gives; and the reader
/// accepts the unknown field exactly when Foundation's JSONSerialization accepts the same text
/// (a differential test of the JSON grammar).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFindings(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = Array(UnsafeBufferPointer(start: data, count: size))
  // The parallel reader decides on JSON Lines from the input's first 64 KiB.
  let jsonLines = JSONLinesReader.looksLikeJSONLines(Array(bytes.prefix(1 << 16)))
  // Pieces of 64 bytes (the least the reader takes) cut even small inputs at guessed
  // boundaries; a second size, drawn from the input, moves the cuts to other places.
  var random = InputSeededGenerator(bytes)
  let otherSize = 65 + Int(random.next() % 192)
  let otherMode = random.next() % 2 == 1
  for lenient in [false, true] {
    let options = FindingsDecodingOptions(lenient: lenient)
    var sequential: ReadOutcome
    do {
      let document = try FindingsDecoder.decode(bytes, options: options)
      for error in document.skipped { requireInside(error, bytes) }
      sequential = ReadOutcome(document)
    } catch let error as RecordError {
      requireInside(error, bytes)
      sequential = ReadOutcome(error: error)
    } catch {
      require(false, "the reader threw \(type(of: error)), not a RecordError")
      return 0
    }
    if jsonLines { sequential = sequentialLines(bytes, options) }
    requireParallelAgrees(bytes, options, pieceSize: 64, sequential)
    if lenient == otherMode {
      // Keeping no interned column checks members without keeping them: same answers.
      requireParallelAgrees(bytes, options, pieceSize: otherSize, columns: [], sequential)
    }
  }
  requireChunkingInvisible(bytes)
  requireSameGrammarAsFoundation(bytes)
  return 0
}

/// Line and column must name a place in the text: an existing line, at most one past its end.
private func requireInside(_ error: RecordError, _ bytes: [UInt8]) {
  let lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
  require(
    error.line >= 1 && error.line <= lines.count,
    "error line \(error.line) outside \(lines.count) lines: \(error)")
  guard error.line >= 1, error.line <= lines.count else { return }
  let width = String(decoding: lines[error.line - 1], as: UTF8.self).unicodeScalars.count
  require(
    error.column >= 1 && error.column <= width + 1,
    "error column \(error.column) outside line \(error.line) of \(width) characters: \(error)")
}

private struct StreamResult: Equatable {
  var findings: [String] = []
  var skipped: [RecordError] = []
  var error: RecordError?
}

private func readLines(_ bytes: [UInt8], chunk: Int) -> StreamResult {
  var offset = 0
  var reader = JSONLinesReader(options: .init(lenient: true)) {
    let end = min(bytes.count, offset + chunk)
    defer { offset = end }
    return Array(bytes[offset..<end])
  }
  var result = StreamResult()
  do {
    try reader.forEach { result.findings.append($0.json.text) }
  } catch let error as RecordError {
    requireInside(error, bytes)
    result.error = error
  } catch {
    require(false, "the JSON Lines reader threw \(type(of: error)), not a RecordError")
  }
  result.skipped = reader.skipped
  for error in reader.skipped { requireInside(error, bytes) }
  return result
}

private func requireChunkingInvisible(_ bytes: [UInt8]) {
  let whole = readLines(bytes, chunk: max(1, bytes.count))
  let chunk = 1 + Int(bytes.first ?? 0) % 7
  let pieces = readLines(bytes, chunk: chunk)
  require(whole == pieces, "JSON Lines read in chunks of \(chunk) differs from one read")
}

/// Foundation's reader differs from RFC 8259 in two known ways, found by running JSONTestSuite
/// and this target: it accepts a trailing comma before `]` or `}` (`[1,]`, `{"a":0,}`), which
/// the RFC forbids, and it rejects numbers beyond a Double's range (`1e999`), which the RFC
/// leaves to the implementation (our reader accepts them: it never needs an unknown field's
/// value). So input with such a comma must be rejected by our reader, and the comparison is
/// made with those commas removed and out-of-range numbers written as `0`.
///
/// Bytes can also close the unknown field early and go on as members of the finding
/// (`[],"error":false`), which makes a bad record, not bad JSON; the reader is therefore asked
/// in lenient mode, which skips bad records but still fails on bad JSON. Bytes that close the
/// finding too and start another value make several top-level values, which the reader takes
/// as JSON Lines and JSONSerialization never reads: those are not compared.
private func requireSameGrammarAsFoundation(_ bytes: [UInt8]) {
  let wrapped = Array(#"{"id":"fuzz","fuzzField":"#.utf8) + bytes + Array("}".utf8)
  var strict = wrapped
  // `[1,,]` needs two passes.
  while case let shorter = withoutTrailingCommas(strict), shorter != strict { strict = shorter }
  if strict != wrapped {
    require(
      (try? FindingsDecoder.decode(wrapped)) == nil,
      "the reader accepts a trailing comma: \(bytes)")
  }
  strict = withHugeNumbersAsZero(strict)
  let document = try? FindingsDecoder.decode(strict, options: .init(lenient: true))
  if document?.shape == .jsonLines { return }
  let ours = document != nil
  let foundation = foundationAcceptsJSON(strict)
  require(
    ours == foundation,
    "the reader \(ours ? "accepts" : "rejects") what JSONSerialization \(foundation ? "accepts" : "rejects"): \(strict)"
  )
}

/// Whether each byte of a JSON text lies inside a string, fed one byte at a time.
private struct StringTracker {
  private var inString = false
  private var escaped = false

  /// Takes the next byte; true when it belongs to a string (its quotes included).
  mutating func isInString(_ byte: UInt8) -> Bool {
    if inString {
      if escaped {
        escaped = false
      } else if byte == UInt8(ascii: "\\") {
        escaped = true
      } else if byte == UInt8(ascii: "\"") {
        inString = false
      }
      return true
    }
    inString = byte == UInt8(ascii: "\"")
    return inString
  }
}

/// The bytes without commas (outside strings) that only whitespace separates from `]` or `}`.
private func withoutTrailingCommas(_ bytes: [UInt8]) -> [UInt8] {
  var output: [UInt8] = []
  output.reserveCapacity(bytes.count)
  var strings = StringTracker()
  for (index, byte) in bytes.enumerated() {
    if !strings.isInString(byte), byte == UInt8(ascii: ",") {
      let next = bytes[(index + 1)...].first { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }
      if next == UInt8(ascii: "]") || next == UInt8(ascii: "}") { continue }
    }
    output.append(byte)
  }
  return output
}

/// The bytes with every JSON number (outside strings) that overflows a Double replaced by `0`.
private func withHugeNumbersAsZero(_ bytes: [UInt8]) -> [UInt8] {
  var output: [UInt8] = []
  var strings = StringTracker()
  var index = 0
  func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }
  func isNumberByte(_ byte: UInt8) -> Bool {
    isDigit(byte)
      || [
        UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."), UInt8(ascii: "e"),
        UInt8(ascii: "E"),
      ].contains(byte)
  }
  while index < bytes.count {
    let byte = bytes[index]
    if !strings.isInString(byte), byte == UInt8(ascii: "-") || isDigit(byte) {
      var end = index
      while end < bytes.count, isNumberByte(bytes[end]) { end += 1 }
      let text = String(decoding: bytes[index..<end], as: UTF8.self)
      let huge = Double(text).map { $0.isInfinite } == true
      output += huge ? Array("0".utf8) : Array(bytes[index..<end])
      index = end
      continue
    }
    output.append(byte)
    index += 1
  }
  return output
}
