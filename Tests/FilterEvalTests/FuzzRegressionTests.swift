import AAFilterTestSupport
import FilterDSL
import FilterFormats
import FilterEval
import XCTest

/// Inputs the fuzz targets (Fuzz/) stopped on, kept so their answers never change.
final class FuzzRegressionTests: XCTestCase {
  private func embedded(_ value: String) -> [UInt8] {
    Array(#"{"id":"fuzz","fuzzField":"#.utf8) + Array(value.utf8) + Array("}".utf8)
  }

  /// The `findings` target found that Foundation's JSONSerialization departs from RFC 8259 on
  /// these; the reader must keep to the RFC (and the target allows for Foundation's answer).
  func testFindingsTarget_foundationDeviations() {
    let cases: [(String, accepted: Bool, UInt)] = [
      ("[1,]", false, #line),  // Foundation accepts a trailing comma
      ("[1,,]", false, #line),
      ("{\"a\":0,}", false, #line),
      ("[\"\"],", false, #line),
      ("[-1e+9999]", true, #line),  // Foundation rejects a number past a Double's range
      ("1E400", true, #line),
      ("-0.0e-999999", true, #line),
    ]
    for (value, accepted, line) in cases {
      let result = Result { try FindingsDecoder.decode(embedded(value)) }
      switch result {
      case .success(let document):
        XCTAssertTrue(accepted, "'\(value)' must be rejected", line: line)
        XCTAssertEqual(document.findings.first?.id, "fuzz", line: line)
      case .failure(let error):
        XCTAssertFalse(accepted, "'\(value)' must be accepted: \(error)", line: line)
        XCTAssertTrue(error is RecordError, line: line)
      }
    }
  }

  /// The `findings` target stopped on `[],"error":false`: the bytes close the unknown field and
  /// go on as a member of the finding, valid JSON that makes a bad record. The target now asks
  /// the reader in lenient mode, where only bad JSON fails, and leaves out several top-level
  /// values (JSON Lines to the reader, never JSON to Foundation). These rows pin what it relies
  /// on: `nil` for a read that fails with the given code, else the findings and records skipped.
  func testFindingsTarget_valueLeavingTheUnknownField() {
    typealias Read = (findings: Int, skipped: Int, shape: FindingsShape)
    let cases: [(String, strict: Read?, lenient: Read?, code: DiagnosticCode?, UInt)] = [
      (#"[],"error":false"#, nil, (0, 1, .finding), .malformedFinding, #line),
      (#"1,"resource":false"#, nil, (0, 1, .finding), .malformedFinding, #line),
      (#"1,"findings":[5]"#, nil, (0, 1, .findingsPage), .malformedFinding, #line),
      (#"1,"x":2"#, (1, 0, .finding), (1, 0, .finding), nil, #line),
      ("1}\n{\"id\":\"x\"", (2, 0, .jsonLines), (2, 0, .jsonLines), nil, #line),
      (#"1}{"id":"x""#, (2, 0, .jsonLines), (2, 0, .jsonLines), nil, #line),
      (#"[],"error":}"#, nil, nil, .invalidFindingsJSON, #line),
      (#"1},"id":"x""#, nil, nil, .invalidFindingsJSON, #line),
    ]
    for (value, strict, lenient, code, line) in cases {
      for (isLenient, expected) in [(false, strict), (true, lenient)] {
        let mode = isLenient ? "lenient" : "strict"
        do {
          let document = try FindingsDecoder.decode(
            embedded(value), options: .init(lenient: isLenient))
          XCTAssertNotNil(expected, "'\(value)', \(mode): must fail", line: line)
          guard let expected else { continue }
          XCTAssertEqual(document.findings.count, expected.findings, "\(mode)", line: line)
          XCTAssertEqual(document.skipped.count, expected.skipped, "\(mode)", line: line)
          XCTAssertEqual(document.shape, expected.shape, "\(mode)", line: line)
        } catch let error as RecordError {
          XCTAssertNil(expected, "'\(value)', \(mode): \(error)", line: line)
          XCTAssertEqual(error.code, code, "'\(value)', \(mode)", line: line)
        } catch {
          XCTFail("'\(value)', \(mode): \(error) is not a RecordError", line: line)
        }
      }
    }
  }

  /// The `dsl` target stopped on a rule set with bytes that are not UTF-8 in a comment: the
  /// lexer skipped the comment, so the rules compiled, and the repaired text they were checked
  /// on was longer than the file, putting a duplicate name at 419..<549 in 443 bytes. Rule text
  /// that is not UTF-8 is now refused at its first bad byte, before anything else is read.
  /// Fuzz/dsl/corpus/invalid-utf8-comment.aaf is the first row; the target's own artifact is
  /// the next test.
  func testDSLTarget_invalidUTF8InACommentIsRefusedWhereItIs() throws {
    let comment: [UInt8] = Array("# r".utf8) + [0xE8] + Array("gles ".utf8)
    let rules = Array("\nrule dup { isPublic eq false }\nrule dup { isPublic eq false }\n".utf8)
    let cases: [([UInt8], offset: Int, UInt)] = [
      (comment + [UInt8](repeating: 0xE9, count: 20) + rules, 3, #line),
      (Array("rule dup { isPublic eq false } # ".utf8) + [0xFF] + rules, 33, #line),
      (Array("isPublic eq false # ".utf8) + [0xC0, 0xAF], 20, #line),
      (
        Array("# \u{1F600}".utf8) + [0xF0, 0x9F, 0x98] + Array("\nisPublic eq false".utf8), 6, #line
      ),
    ]
    for (bytes, offset, line) in cases {
      let refusal = Diagnostic(
        .error, .invalidUTF8, "the text is not valid UTF-8",
        at: SourceRange(start: offset, end: offset + 1),
        label: "not the start of a UTF-8 character", help: "save the file as UTF-8")
      XCTAssertEqual(FilterSource.parse(bytes: bytes).1, [refusal], line: line)
      let document = RuleReader.read(bytes, format: .dsl)
      XCTAssertNil(document.content, line: line)
      XCTAssertEqual(Linter.lint(document).diagnostics, [refusal], line: line)
      XCTAssertEqual(Linter.lint(json: bytes).diagnostics.map(\.code), [.invalidUTF8], line: line)
    }
  }

  /// The artifact the `dsl` target saved for that stop (494 bytes, 0xFF bytes inside a comment
  /// from byte 152, later rules with diagnostics), kept as a seed: one refusal at the first bad
  /// byte, and every range inside the file.
  func testDSLTarget_savedArtifactIsRefusedAtItsFirstBadByte() throws {
    let bytes = try [UInt8](
      Data(
        contentsOf: repositoryRoot.appendingPathComponent(
          "Fuzz/dsl/corpus/crash-invalid-utf8-comment.aaf")))
    XCTAssertEqual(bytes.count, 494)
    let diagnostics = Linter.lint(RuleReader.read(bytes)).diagnostics
    XCTAssertEqual(diagnostics.map(\.code), [.invalidUTF8])
    XCTAssertEqual(diagnostics.first?.range, SourceRange(start: 152, end: 153))
    let parsed = FilterSource.parse(bytes: bytes).1
    XCTAssertEqual(parsed.map(\.range), [SourceRange(start: 152, end: 153)])
    XCTAssertTrue(parsed.allSatisfy { $0.range.end <= bytes.count })
  }
}
