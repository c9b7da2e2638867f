import FilterDSL
@testable import FilterEval
import XCTest

/// Edges of the store reader's quick paths that random records rarely reach: each must give
/// what the reference decoder gives.
final class StoreReaderEdgeTests: XCTestCase {
  enum Outcome: Equatable {
    case read([Finding])
    case failed(RecordError)
  }

  static func reference(_ bytes: [UInt8]) -> Outcome {
    do {
      return .read(try FindingsDecoder.decode(bytes).findings)
    } catch let error as RecordError {
      return .failed(error)
    } catch {
      return .read([])
    }
  }

  static func stored(_ bytes: [UInt8], columns: FindingStore.Columns) -> Outcome {
    do {
      let reader = FindingsStoreReader(threads: 1, columns: columns)
      let (store, _) = try reader.readAll(InputBytes(bytes))
      return .read((0..<store.count).map { store.finding(at: $0) })
    } catch let error as RecordError {
      return .failed(error)
    } catch {
      return .read([])
    }
  }

  /// The last instants that print back with a four-digit year, checked without working out
  /// the instant except in year 9999.
  func testTimestampsAtTheEndOf9999_readAsTheReferenceReadsThem() {
    let cases: [(String, Bool, UInt)] = [
      ("9999-12-31T23:59:59-23:59", true, #line),
      ("9999-12-31T23:59:59.999999999-23:59", true, #line),
      ("9999-12-31T23:59:60Z", true, #line),
      ("9999-12-31T23:59:60-23:58", true, #line),
      ("9999-12-31T23:59:60-23:59", false, #line),
      ("9999-12-31T23:59:60.5-23:59", false, #line),
      ("9998-12-31T23:59:60-23:59", true, #line),
      ("0000-01-01T00:00:00+23:59", true, #line),
    ]
    for (text, readable, line) in cases {
      let bytes = Array(#"[{"id": "a", "createdAt": "\#(text)"}]"#.utf8)
      let expected = Self.reference(bytes)
      if case .failed = expected {
        XCTAssertFalse(readable, "the reference refuses \(text)", line: line)
      } else {
        XCTAssertTrue(readable, "the reference reads \(text)", line: line)
      }
      for columns: FindingStore.Columns in [.all, []] {
        XCTAssertEqual(Self.stored(bytes, columns: columns), expected, text, line: line)
      }
    }
  }

  /// A raw control character is an error in every string, kept or only checked.
  func testControlCharactersInStrings_areErrorsInKeptAndCheckedMembers() {
    for byte in UInt8(0)..<0x20 {
      for member in ["resourceType", "status", "id"] {
        var bytes = Array(#"[{"id": "a", "\#(member)": "x"#.utf8)
        bytes.append(byte)
        bytes += Array(#"y"}]"#.utf8)
        let expected = Self.reference(bytes)
        guard case .failed = expected else {
          XCTFail("the reference reads control byte \(byte) in \(member)")
          continue
        }
        for columns: FindingStore.Columns in [.all, []] {
          XCTAssertEqual(
            Self.stored(bytes, columns: columns), expected, "byte \(byte) in \(member)")
        }
      }
    }
  }

  /// Runs of one finding type are the rule, so the store caches the last type's family; a
  /// change of type must change the family.
  func testFamilies_followEachRecordsFindingType() throws {
    let types = [
      "UnusedIAMRole", "UnusedIAMRole", "ExternalAccess", "InternalAccess", nil,
      "UnusedPermission", "NotAType", "ExternalAccess", nil,
    ]
    let lines = types.enumerated().map { index, type in
      let typed = type.map { #", "findingType": "\#($0)""# } ?? ""
      return #"{"id": "f\#(index)", "isPublic": false\#(typed)}"#
    }
    let bytes = Array(lines.joined(separator: "\n").utf8)
    let reference = try FindingsDecoder.decode(bytes).findings.map(\.analyzerFamily)
    XCTAssertEqual(
      reference,
      [.unused, .unused, .external, .internal, .external, .unused, .external, .external, .external])
    // One piece holding every line, and pieces of a line or two.
    for (threads, pieceSize) in [(1, 1 << 20), (2, 64)] {
      let reader = FindingsStoreReader(threads: threads, pieceSize: pieceSize)
      let (store, _) = try reader.readAll(InputBytes(bytes))
      XCTAssertEqual(
        (0..<store.count).map { store[$0].analyzerFamily }, reference, "\(pieceSize)-byte pieces")
    }
  }

  /// Reserving room never loses a value: ids stay, and lookups find them.
  func testValueTable_reserveKeepsEveryValue() {
    var table = ValueTable()
    let values = (0..<300).map { "value-\($0)" }
    var ids: [UInt32] = []
    for value in values {
      var value = value
      ids.append(value.withUTF8 { table.id($0) })
    }
    for size in [10, 1000, 100_000] {
      table.reserve(values: size)
      XCTAssertEqual(table.count, values.count, "after reserving \(size)")
      for (value, id) in zip(values, ids) {
        var value = value
        XCTAssertEqual(value.withUTF8 { table.existingID($0) }, id, "\(value), \(size)")
        XCTAssertEqual(value.withUTF8 { table.id($0) }, id, "\(value), \(size)")
        XCTAssertEqual(table.value(id), value)
      }
      XCTAssertEqual(table.count, values.count, "no value added twice, \(size)")
    }
  }
}
