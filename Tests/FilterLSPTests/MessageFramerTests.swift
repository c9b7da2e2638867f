import AAFilterTestSupport
import FilterLSP
import XCTest

final class MessageFramerTests: XCTestCase {
  private func frames(_ stream: [UInt8], chunk: Int) -> [MessageFramer.Frame] {
    var framer = MessageFramer()
    var frames: [MessageFramer.Frame] = []
    var index = 0
    while index < stream.count {
      let end = min(stream.count, index + chunk)
      framer.append(stream[index..<end])
      while let frame = framer.next() { frames.append(frame) }
      index = end
    }
    return frames
  }

  private func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

  /// Every stream, cut into chunks of every size from 1 byte to the whole, gives the same frames.
  func testStreams_anyChunking() {
    let a = #"{"jsonrpc":"2.0","method":"a"}"#
    let b = #"{"jsonrpc":"2.0","id":1,"method":"é😀"}"#
    let cases: [(String, String, [MessageFramer.Frame], UInt)] = [
      ("one", "Content-Length: \(a.utf8.count)\r\n\r\n\(a)", [.message(bytes(a))], #line),
      (
        "two merged",
        "Content-Length: \(a.utf8.count)\r\n\r\n\(a)Content-Length: \(b.utf8.count)\r\n\r\n\(b)",
        [.message(bytes(a)), .message(bytes(b))], #line
      ),
      (
        "any case, any order, Content-Type",
        "content-type: application/vscode-jsonrpc; charset=utf-8\r\nCONTENT-LENGTH:\(a.utf8.count)  \r\n\r\n\(a)",
        [.message(bytes(a))], #line
      ),
      ("bare LF", "Content-Length: \(a.utf8.count)\n\n\(a)", [.message(bytes(a))], #line),
      (
        "unknown header", "X-Other: 1\r\nContent-Length: \(a.utf8.count)\r\n\r\n\(a)",
        [.message(bytes(a))], #line
      ),
      (
        "stray CRLF between messages",
        "Content-Length: \(a.utf8.count)\r\n\r\n\(a)\r\n\r\nContent-Length: \(a.utf8.count)\r\n\r\n\(a)",
        [.message(bytes(a)), .message(bytes(a))], #line
      ),
      ("empty body", "Content-Length: 0\r\n\r\n", [.message([])], #line),
      (
        "no length, then a good one",
        "Content-Type: x\r\n\r\nContent-Length: \(a.utf8.count)\r\n\r\n\(a)",
        [.malformed("a header block without 'Content-Length'"), .message(bytes(a))], #line
      ),
      (
        "length not a number",
        "Content-Length: 12x\r\n\r\n\(a)Content-Length: \(a.utf8.count)\r\n\r\n\(a)",
        [.malformed("a 'Content-Length' that is not a decimal number"), .message(bytes(a))], #line
      ),
      (
        "negative length", "Content-Length: -5\r\n\r\nContent-Length: \(a.utf8.count)\r\n\r\n\(a)",
        [.malformed("a 'Content-Length' that is not a decimal number"), .message(bytes(a))], #line
      ),
      (
        "two lengths",
        "Content-Length: 1\r\nContent-Length: 2\r\n\r\nxxContent-Length: \(a.utf8.count)\r\n\r\n\(a)",
        [.malformed("two different 'Content-Length' headers"), .message(bytes(a))], #line
      ),
      (
        "a body without headers",
        "\(a)Content-Length: \(a.utf8.count)\r\n\r\n\(a)",
        [.malformed("a header name with characters a name cannot have"), .message(bytes(a))], #line
      ),
      (
        "a header without a colon",
        "Content-Length 5\r\n\r\nContent-Length: \(a.utf8.count)\r\n\r\n\(a)",
        [.malformed("a header line without a name and ':'"), .message(bytes(a))], #line
      ),
      ("incomplete body", "Content-Length: 100\r\n\r\n\(a)", [], #line),
    ]
    for (name, stream, expected, line) in cases {
      let data = bytes(stream)
      for chunk in 1...data.count {
        XCTAssertEqual(
          frames(data, chunk: chunk), expected, "\(name), chunks of \(chunk)", line: line)
      }
    }
  }

  /// A header block that never ends is dropped once past the limit, and reading resumes.
  func testLongHeaderBlock_droppedThenResumes() {
    let a = #"{"jsonrpc":"2.0","method":"a"}"#
    let stream = bytes(
      "X: " + String(repeating: "y", count: 20_000)
        + "\r\n\r\nContent-Length: \(a.utf8.count)\r\n\r\n\(a)")
    for chunk in [1_000, 4_096, stream.count] {
      let result = frames(stream, chunk: chunk)
      XCTAssertEqual(result.last, .message(bytes(a)), "chunks of \(chunk)")
      XCTAssertTrue(
        result.dropLast().allSatisfy { if case .malformed = $0 { true } else { false } })
      XCTAssertFalse(result.dropLast().isEmpty)
    }
  }

  /// A body over the limit is skipped as it arrives, never held, and the next message is read.
  func testOversizedBody_skipped() {
    let a = #"{"jsonrpc":"2.0","method":"a"}"#
    let size = MessageFramer.maxContentLength + 10
    var framer = MessageFramer()
    framer.append(bytes("Content-Length: \(size)\r\n\r\n"))
    XCTAssertEqual(
      framer.next(),
      .malformed(
        "a message of \(size) bytes, more than the \(MessageFramer.maxContentLength) allowed"))
    let block = [UInt8](repeating: 0x41, count: 1 << 20)
    var left = size
    while left > 0 {
      let count = min(left, block.count)
      framer.append(block[0..<count])
      left -= count
      XCTAssertNil(framer.next())
      XCTAssertLessThanOrEqual(framer.pendingByteCount, 0)
    }
    framer.append(bytes("Content-Length: \(a.utf8.count)\r\n\r\n\(a)"))
    XCTAssertEqual(framer.next(), .message(bytes(a)))
  }

  /// Random bytes, cut at random, never make the framer fail or hold more than it must; and a
  /// good message after them is still read.
  func testRandomGarbage_thenAMessage() {
    var random = SeededGenerator(seed: 20)
    let a = #"{"jsonrpc":"2.0","method":"a"}"#
    let alphabet = bytes("Content-Length: 12\r\n{}abc:")
    for _ in 0..<300 {
      var stream = (0..<Int(random.next() % 200)).map { _ in
        alphabet[Int(random.next() % UInt64(alphabet.count))]
      }
      // A complete header block on its own ends the garbage, whatever it holds.
      stream += bytes("\r\n\r\n")
      let framed = bytes("Content-Length: \(a.utf8.count)\r\n\r\n\(a)")
      var framer = MessageFramer()
      var index = 0
      var frames: [MessageFramer.Frame] = []
      let all = stream + framed + framed
      while index < all.count {
        let end = min(all.count, index + 1 + Int(random.next() % 40))
        framer.append(all[index..<end])
        while let frame = framer.next() { frames.append(frame) }
        index = end
      }
      XCTAssertEqual(frames.last, .message(bytes(a)), String(decoding: stream, as: UTF8.self))
    }
  }

  func testFrame_writesTheLengthInBytes() {
    XCTAssertEqual(
      MessageFramer.frame(bytes("\"é\"")), bytes("Content-Length: 4\r\n\r\n\"é\""))
  }
}
