import AAFilterTestSupport
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

  /// The same for findings of the other families: details of every kind, events of every type.
  func testMutatedFamilyDocuments_neverCrash() throws {
    let files = [
      "Examples/unused/eventbridge-events.jsonl", "Examples/unused/get-finding-v2.json",
      "Examples/internal/get-finding-v2.json", "Examples/internal/eventbridge-events.jsonl",
    ]
    var random = SeededGenerator(seed: 0xFA_111E5)
    let replacements = Array("{}[]\",:\\ 0-9eE.tfn\n".utf8)
    var outcomes = (decoded: 0, rejected: 0)
    for file in files {
      let original = try [UInt8](Data(contentsOf: repositoryRoot.appendingPathComponent(file)))
      for _ in 0..<500 {
        var bytes = original
        let position = Int(random.next() % UInt64(bytes.count))
        if random.next() % 2 == 0 {
          bytes[position] = replacements[Int(random.next() % UInt64(replacements.count))]
        } else {
          bytes.remove(at: position)
        }
        do {
          let document = try FindingsDecoder.decode(bytes, options: .init(lenient: true))
          XCTAssertLessThanOrEqual(document.findings.count, 5, file)
          outcomes.decoded += 1
        } catch let error as RecordError {
          XCTAssertGreaterThanOrEqual(error.line, 1, file)
          outcomes.rejected += 1
        }
      }
    }
    XCTAssertGreaterThan(outcomes.rejected, 0)
    XCTAssertGreaterThan(outcomes.decoded, 0)
  }
}
