import AAFilterTestSupport
import FilterDSL
import Foundation
import XCTest

@testable import FilterLSP

/// A diagnostic's link opens the section of docs/checks.md whose table lists its code.
final class ChecksSectionsTests: XCTestCase {
  /// GitHub's anchor of a heading: lower case, punctuation dropped, spaces as hyphens.
  private func anchor(_ heading: String) -> String {
    String(
      heading.lowercased().compactMap { character -> Character? in
        if character == " " { return "-" }
        return character.isLetter || character.isNumber || character == "-" || character == "_"
          ? character : nil
      })
  }

  func testEveryCodeOfTheChecksPage_linksToItsSection() throws {
    let page = try String(
      contentsOf: repositoryRoot.appendingPathComponent("docs/checks.md"), encoding: .utf8)
    var section: String?
    var listed: [(String, String)] = []
    for line in page.split(separator: "\n", omittingEmptySubsequences: false) {
      if line.hasPrefix("## ") {
        section = anchor(String(line.dropFirst(3)))
        continue
      }
      // A table row that starts with a code: | `unknown-key` | ...
      guard let section, line.hasPrefix("| `"), let end = line.dropFirst(3).firstIndex(of: "`")
      else { continue }
      let code = String(line[line.index(line.startIndex, offsetBy: 3)..<end])
      guard code.allSatisfy({ $0.isLowercase || $0.isNumber || $0 == "-" }) else { continue }
      listed.append((code, section))
    }
    XCTAssertGreaterThan(listed.count, 50)
    var first: [String: String] = [:]
    for (code, section) in listed where first[code] == nil { first[code] = section }
    // The findings reader's codes are not diagnostics of a rule file.
    let findingsSection = "errors-of-the-findings-reader-and-of-queries"
    for (code, section) in first where section != findingsSection {
      XCTAssertEqual(ChecksSections.anchor(of: DiagnosticCode(rawValue: code)), section, code)
    }
    // And nothing in the table that the page does not list.
    for (anchor, codes) in ChecksSections.sections {
      for code in codes { XCTAssertEqual(first[code], anchor, code) }
    }
    XCTAssertEqual(
      DiagnosticMapping.link("unknown-key"),
      "https://github.com/aafilter/aafilter/blob/main/docs/checks.md#warnings")
    XCTAssertEqual(
      DiagnosticMapping.link("not-a-code"),
      "https://github.com/aafilter/aafilter/blob/main/docs/checks.md#checks")
  }
}
