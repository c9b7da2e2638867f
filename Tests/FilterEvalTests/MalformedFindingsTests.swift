import FilterDSL
import FilterEval
import Foundation
import XCTest

/// Corrupted exports: every variant either decodes or fails with a located error.
final class MalformedFindingsTests: XCTestCase {
  func testMutatedDocuments_neverCrash() throws {
    let original = try [UInt8](
      Data(contentsOf: repositoryRoot.appendingPathComponent("Examples/findings.jsonl")))
    var random = SeededGenerator(seed: 0xBAD)
    let replacements = Array("{}[]\",:\\ 0-9eE.tfn\n\u{1}".utf8) + [0xFF, 0xC3, 0xED, 0xA0]
    var decoded = 0
    var rejected = 0
    for _ in 0..<3_000 {
      var bytes = original
      for _ in 0..<(1 + Int(random.next() % 4)) {
        let position = Int(random.next() % UInt64(bytes.count))
        switch random.next() % 3 {
        case 0: bytes[position] = replacements[Int(random.next() % UInt64(replacements.count))]
        case 1: bytes.remove(at: position)
        default:
          bytes.insert(replacements[Int(random.next() % UInt64(replacements.count))], at: position)
        }
      }
      for lenient in [false, true] {
        do {
          _ = try FindingsDecoder.decode(bytes, options: .init(lenient: lenient))
          decoded += 1
        } catch let error as RecordError {
          XCTAssertGreaterThanOrEqual(error.line, 1)
          rejected += 1
        }
      }
    }
    XCTAssertGreaterThan(rejected, 0)
    XCTAssertGreaterThan(decoded, 0)
  }
}
