import FilterDSL
import FilterEditing
import XCTest

/// Symbols and folding regions.
final class StructureTests: XCTestCase {
  func testSymbols_onePerRule() {
    let text = """
      rule Trusted {
        principal.AWS in [111122223333,
          444455556666] and isPublic eq false
      }
      rule "Quoted.Name" { }
      rule Broken { isPublic eq }

      """
    let symbols = EditorDocument(text: text).symbols
    XCTAssertEqual(symbols.map(\.name), ["Trusted", "Quoted.Name", "Broken"])
    XCTAssertEqual(
      symbols.map { slice(text, $0.selectionRange) }, ["Trusted", "\"Quoted.Name\"", "Broken"])
    XCTAssertEqual(slice(text, symbols[1].range), "rule \"Quoted.Name\" { }")
    // On one line, shortened to 60 characters.
    XCTAssertEqual(
      symbols[0].detail, "principal.AWS in [111122223333, 444455556666] and isPublic …")
    XCTAssertNil(symbols[1].detail)
    for symbol in symbols { XCTAssertTrue(symbol.range.contains(symbol.selectionRange)) }
    XCTAssertEqual(EditorDocument(text: "isPublic eq false").symbols, [])
  }

  func testFolding_rulesAndCommentRuns() {
    let text =
      "# one\r\n  # two\n# three\nrule A {\n  isPublic eq false\n}\n# alone\nrule B { error exists } # trailing\n# x\n\n# y\n"
    let regions = EditorDocument(text: text).foldingRegions
    XCTAssertEqual(
      regions.map { "\($0.kind):\(slice(text, $0.range))" },
      [
        "comment:# one\r\n  # two\n# three", "rule:rule A {\n  isPublic eq false\n}",
      ])
  }
}
