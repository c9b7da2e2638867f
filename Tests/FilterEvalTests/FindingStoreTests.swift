import AAFilterTestSupport
import FilterDSL
import FilterEval
import XCTest

/// The store and its parallel reader are optimisations of the reference decoder and the
/// record matcher: on seeded generated inputs, well-formed and broken, they must give the
/// same findings in the same order, the same first error at the same position, and the same
/// verdicts.
final class FindingStoreTests: XCTestCase {
  /// Seeded records in the shapes real exports take, and some they should not.
  struct Records {
    var random: SeededGenerator
    var strict = true

    mutating func below(_ bound: Int) -> Int { Int(random.next() % UInt64(bound)) }
    mutating func pick(_ items: [String]) -> String { items[below(items.count)] }

    mutating func text() -> String {
      pick([
        "1", "12", "x", "", "AWS::S3::Bucket", "arn:aws:s3:::b},{\\\"id\\\":\\\"x\\\"}",
        "caf\\u00e9", "café", "a\\/b", "\\ud83d\\ude00", "ACTIVE", "ARCHIVED", "RESOLVED",
        "},{", "[\\n]",
      ])
    }

    mutating func member(_ index: Int) -> [String] {
      var members = [#""id": "f\#(index)-\#(text())""#]
      if below(4) != 0 { members.append(#""resource": "\#(text())""#) }
      if below(2) == 0 {
        members.append(#""status": "\#(pick(["ACTIVE", "ARCHIVED", "RESOLVED"]))""#)
      }
      if below(3) == 0 { members.append(#""resourceType": "\#(text())""#) }
      if below(3) == 0 { members.append(#""error": \#(below(4) == 0 ? "null" : "\"\(text())\"")"#) }
      if below(3) == 0 { members.append(#""isPublic": \#(below(2) == 0)"#) }
      if below(3) == 0 {
        let actions = (0..<below(4)).map { _ in "\"\(text())\"" }.joined(separator: ", ")
        members.append(#""action": [\#(actions)]"#)
      }
      if below(3) == 0 {
        members.append(#""principal": {"AWS": "\#(text())", "Federated": null}"#)
      }
      if below(3) == 0 {
        members.append(#""condition": {"aws:SourceVpc": "\#(text())", "k": "\#(text())"}"#)
      }
      if below(3) == 0 {
        members.append(
          #""updatedAt": "2024-0\#(1 + below(9))-01T0\#(below(9)):00:00\#(pick(["Z", ".5Z", "+02:00"]))""#
        )
      }
      if below(5) == 0 { members.append(#""sources": [{"type": "POLICY"}, {}]"#) }
      if below(12) == 0 { members.append(#""findingType": "ExternalAccess""#) }
      if below(15) == 0 {
        members.append(
          #""findingDetails": [{"externalAccessDetails": {"action": ["\#(text())"], "isPublic": true}}]"#
        )
      }
      if below(15) == 0 { members.append(#""resourceOwnerAccount": "\#(text())""#) }
      if below(20) == 0 { members.append(#""status": "\#(text())""#) }
      if !strict, below(10) == 0 { members.append(#""isPublic": "yes""#) }
      if !strict, below(12) == 0 { members.append(#""createdAt": "yesterday""#) }
      // Wrong types inside the members a store may check without keeping.
      if !strict, below(12) == 0 {
        members.append(
          pick([
            #""principal": {"AWS": 1}"#, #""condition": {"k": {"n": "v"}}"#,
            #""action": ["s3:GetObject", 2]"#, #""action": "s3:GetObject""#,
            #""resourceOwnerAccount": 123"#, #""error": ["x"]"#, #""principal": ["AWS"]"#,
          ]))
      }
      for i in stride(from: members.count - 1, to: 0, by: -1) { members.swapAt(i, below(i + 1)) }
      return members
    }

    mutating func record(_ index: Int, pretty: Bool) -> String {
      let members = member(index)
      return pretty
        ? "{\n      " + members.joined(separator: ",\n      ") + "\n    }"
        : "{" + members.joined(separator: ",") + "}"
    }

    /// A whole input in one of the layouts.
    mutating func input(count: Int, layout: Int) -> String {
      let records = (0..<count).map { record($0, pretty: layout == 0) }
      switch layout {
      case 0:
        return "{\n  \"findings\": [\n    " + records.joined(separator: ",\n    ")
          + "\n  ],\n  \"nextToken\": \"t\"\n}\n"
      case 1: return "{\"findings\":[" + records.joined(separator: ",") + "]}"
      case 2: return "[" + records.joined(separator: ", ") + "]"
      case 3: return "[" + records.map { "{\"detail\": \($0)}" }.joined(separator: ",") + "]"
      default: return records.joined(separator: "\n") + "\n"
      }
    }
  }

  /// What a sequential run gives: the reference decoder, or for JSON Lines the streaming
  /// line reader the command line used.
  enum Outcome: Equatable {
    case read([Finding], skipped: [RecordError])
    case failed(RecordError)
    case unexpected(String)
  }

  func reference(_ bytes: [UInt8], lenient: Bool) -> Outcome {
    do {
      let read = try SequentialRead(bytes, options: FindingsDecodingOptions(lenient: lenient))
      return .read(read.findings, skipped: read.skipped)
    } catch let error as RecordError {
      return .failed(error)
    } catch {
      return .unexpected("\(error)")
    }
  }

  /// What the store reader gives; with `chunk`, JSON Lines come as a stream of chunks of that
  /// many bytes, as from a pipe.
  func stored(
    _ bytes: [UInt8], lenient: Bool, threads: Int, pieceSize: Int,
    columns: FindingStore.Columns = .all, chunk: Int? = nil
  ) -> Outcome {
    let reader = FindingsStoreReader(
      options: FindingsDecodingOptions(lenient: lenient), threads: threads, pieceSize: pieceSize,
      columns: columns)
    var findings: [Finding] = []
    do {
      let collect = { (store: FindingStore) in
        findings += (0..<store.count).map { store.finding(at: $0) }
      }
      var offset = 0
      let summary =
        try chunk.map { size in
          try reader.readLines(
            chunks: {
              let end = min(bytes.count, offset + size)
              defer { offset = end }
              return Array(bytes[offset..<end])
            }, collect)
        } ?? reader.read(InputBytes(bytes), collect)
      XCTAssertEqual(summary.findingCount, findings.count)
      return .read(findings, skipped: summary.skipped)
    } catch let error as RecordError {
      return .failed(error)
    } catch {
      return .unexpected("\(error)")
    }
  }

  func assertSame(
    _ text: String, lenient: Bool, _ what: String, file: StaticString = #filePath,
    line: UInt = #line
  ) {
    let bytes = Array(text.utf8)
    let expected = reference(bytes, lenient: lenient)
    // Keeping fewer columns must not change what is accepted: members are checked alike.
    let settings: [(Int, Int, FindingStore.Columns, Int?)] = [
      (1, 1 << 20, .all, nil), (2, 64, .all, nil), (3, 200, .all, nil), (4, 1000, .all, nil),
      (1, 1 << 20, [], nil), (2, 64, [.principal, .action], nil),
    ]
    // JSON Lines also as a stream, in chunks smaller and larger than a line and a window.
    let streamed: [(Int, Int, FindingStore.Columns, Int?)] =
      JSONLinesReader.looksLikeJSONLines(bytes)
      ? [(1, 64, .all, 1), (2, 64, .all, 7), (2, 100, [], 333), (3, 1 << 20, .all, 1 << 16)] : []
    for (threads, pieceSize, columns, chunk) in settings + streamed {
      let actual = stored(
        bytes, lenient: lenient, threads: threads, pieceSize: pieceSize, columns: columns,
        chunk: chunk)
      switch (expected, actual) {
      case (.read(let a, let skippedA), .read(let b, let skippedB)):
        XCTAssertEqual(a.count, b.count, "\(what), \(threads) threads", file: file, line: line)
        if let index = a.indices.first(where: { $0 < b.count && a[$0] != b[$0] }) {
          XCTFail(
            "\(what), \(threads) threads: finding \(index) differs: \(a[index].json.text) vs \(b[index].json.text)",
            file: file, line: line)
        }
        XCTAssertEqual(skippedA, skippedB, "\(what), \(threads) threads", file: file, line: line)
      default:
        XCTAssertEqual(expected, actual, "\(what), \(threads) threads", file: file, line: line)
      }
    }
  }

  func testParallelRead_givesTheSequentialFindings() {
    var records = Records(random: SeededGenerator(seed: 0xF1D))
    for iteration in 0..<40 {
      let layout = iteration % 5
      let text = records.input(count: 1 + records.below(60), layout: layout)
      assertSame(text, lenient: false, "iteration \(iteration), layout \(layout)")
    }
  }

  func testParallelRead_malformedInputs_sameFirstErrorOrSkips() {
    var records = Records(random: SeededGenerator(seed: 0xBAD), strict: false)
    var failures = 0
    for iteration in 0..<120 {
      let layout = iteration % 5
      var bytes = Array(records.input(count: 5 + records.below(30), layout: layout).utf8)
      // Break the JSON at a random place: drop, change or insert one byte, or cut the end.
      let position = records.below(bytes.count)
      switch records.below(4) {
      case 0: bytes.remove(at: position)
      case 1: bytes[position] = Array("{}[],:\"\\x0 \n".utf8)[records.below(12)]
      case 2: bytes.insert(Array(",}]\"\n".utf8)[records.below(5)], at: position)
      default: bytes.removeLast(records.below(min(bytes.count, 40)))
      }
      let text = String(decoding: bytes, as: UTF8.self)
      if case .failed = reference(Array(text.utf8), lenient: false) { failures += 1 }
      assertSame(text, lenient: false, "iteration \(iteration), layout \(layout), strict")
      assertSame(text, lenient: true, "iteration \(iteration), layout \(layout), lenient")
    }
    XCTAssertGreaterThan(failures, 60, "too few inputs were actually broken")
  }

  /// A caller that stops early (its body throws) gets its error back, and the workers reading
  /// ahead stop instead of reading on or waiting forever.
  func testLinesRead_bodyThrows_theErrorComesBackAndReadingStops() {
    struct Stop: Error {}
    var records = Records(random: SeededGenerator(seed: 0x570))
    let bytes = Array(records.input(count: 400, layout: 4).utf8)
    for threads in [1, 2, 4] {
      var stores = 0
      let reader = FindingsStoreReader(threads: threads, pieceSize: 256)
      XCTAssertThrowsError(
        try reader.read(InputBytes(bytes)) { _ in
          stores += 1
          if stores == 3 { throw Stop() }
        }
      ) { XCTAssertTrue($0 is Stop, "\(threads) threads: \($0)") }
      XCTAssertEqual(stores, 3, "\(threads) threads")
    }
  }

  func testStoreRows_keepingFewerColumns_answerAsTheFindings() throws {
    var records = Records(random: SeededGenerator(seed: 0xC01))
    let bytes = Array(records.input(count: 200, layout: 4).utf8)
    let findings = try SequentialRead(bytes, options: FindingsDecodingOptions()).findings
    let attributes: [FindingAttribute] = [
      .id, .resource, .resourceType, .resourceOwnerAccount, .status, .error, .isPublic,
      .findingType, .action, .principal("AWS"), .principal("Federated"),
      .condition("aws:SourceVpc"), .condition("k"), .updatedAt,
    ]
    // An empty action list matches as an absent one, and the store keeps it so.
    func shown(_ value: FindingValue?) -> String {
      switch value {
      case .list(let list)? where list.isEmpty: "absent"
      case .list(let list)?: "list \(list)"
      case let value?: "text \(value.text ?? "")"
      case nil: "absent"
      }
    }
    for columns: FindingStore.Columns in [.all, [], [.condition], [.principal, .action]] {
      let reader = FindingsStoreReader(threads: 2, pieceSize: 300, columns: columns)
      let (store, _) = try reader.readAll(InputBytes(bytes))
      XCTAssertEqual(store.count, findings.count)
      for (row, finding) in findings.enumerated() where row < store.count {
        XCTAssertEqual(store.status(at: row), finding.status, "row \(row), \(columns)")
        for attribute in attributes {
          XCTAssertEqual(
            shown(store[row].value(for: attribute)), shown(finding.value(for: attribute)),
            "row \(row), \(attribute), columns \(columns.rawValue)")
        }
      }
    }
  }

  func testStoreVerdicts_equalTheRecordMatcher() throws {
    var records = Records(random: SeededGenerator(seed: 0x5707E))
    let text = records.input(count: 300, layout: 1)
    let findings = try FindingsDecoder.decode(Array(text.utf8)).findings
    func read(_ columns: FindingStore.Columns) throws -> FindingStore {
      try FindingsStoreReader(threads: 2, pieceSize: 512, columns: columns).readAll(
        InputBytes(Array(text.utf8))
      ).0
    }
    let store = try read(.all)
    // A store keeping no interned column answers every filter from the rows' own bytes.
    let bare = try read([])
    XCTAssertEqual(store.count, findings.count)
    XCTAssertEqual(bare.count, findings.count)
    let keys = [
      "id", "resource", "status", "resourceType", "error", "isPublic", "action", "principal.AWS",
      "principal.Federated", "condition.aws:SourceVpc", "condition.k", "resourceOwnerAccount",
      "findingType", "unknownKey",
    ]
    let values = ["1", "12", "x", "", "ACTIVE", "true", "false", "café", "a/b", "},{", "S3"]
    var random = SeededGenerator(seed: 42)
    func pick(_ items: [String]) -> String { items[Int(random.next() % UInt64(items.count))] }
    for iteration in 0..<600 {
      var map = FilterCriteriaMap()
      for _ in 0..<(1 + Int(random.next() % 3)) {
        let pair = [pick(values), pick(values)]
        let criterion: Criterion
        switch random.next() % 5 {
        case 0: criterion = Criterion(eq: pair)
        case 1: criterion = Criterion(neq: pair)
        case 2: criterion = Criterion(contains: [pick(values)])
        case 3: criterion = Criterion(exists: random.next() % 2 == 0)
        default: criterion = Criterion(eq: [pick(values)], neq: [pick(values)])
        }
        map.criteria[pick(keys)] = criterion
      }
      let matcher = FindingMatcher(map)
      let expected = findings.map(matcher.evaluate)
      let actual = store.evaluate(map)
      // What a query keeps for this filter, and nothing at all, answer alike.
      let kept = try read(FindingStore.Columns(reading: map))
      XCTAssertEqual(kept.evaluate(map), expected, "iteration \(iteration), filter's columns")
      XCTAssertEqual(bare.evaluate(map), expected, "iteration \(iteration), no columns")
      // Piece by piece (how a tool hands input pages back between pieces), the same answers.
      let piece = 1 + iteration % 97
      for source in [store, bare] {
        let pieces = stride(from: 0, to: source.count, by: piece).flatMap {
          source.evaluate(map, rows: $0..<min(source.count, $0 + piece))
        }
        XCTAssertEqual(pieces, expected, "iteration \(iteration), pieces of \(piece)")
      }
      if expected != actual {
        let row = expected.indices.first { expected[$0] != actual[$0] } ?? 0
        XCTFail(
          "iteration \(iteration): \(map.json.serialized(pretty: false)) on \(findings[row].json.text): \(expected[row]) vs \(actual[row])"
        )
        return
      }
    }
  }
}
