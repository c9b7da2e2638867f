import FilterDSL
import XCTest

/// Exact snapshots of what a person sees.
final class DiagnosticRenderingTests: XCTestCase {
  private func rendered(_ source: String) -> String {
    do {
      let expression = try FilterExpression(parsing: source)
      _ = try expression.filterMap()
      return "<no error>"
    } catch let error as DiagnosticError {
      return error.description
    } catch {
      return "\(error)"
    }
  }

  func testGoldenRenderings() {
    let cases: [(String, String, UInt)] = [
      (
        "resourceType eq and isPublic exists",
        """
        error: expected a value after 'eq', found 'and'
         --> rule:1:17
          |
        1 | resourceType eq and isPublic exists
          |                 ^^^ expected a string or a word here

        """, #line
      ),
      (
        "isPublic eq true and isPublic eq false",
        """
        error: these conditions on 'isPublic' can never all hold: 'isPublic' cannot equal a value of both lists
         --> rule:1:22
          |
        1 | isPublic eq true and isPublic eq false
          |                      ^^^^^^^^^^^^^^^^^ contradicts an earlier condition
          | ---------------- conflicts with this condition
          = help: a rule that can never match archives nothing; remove one side

        """, #line
      ),
      (
        "resourceType exisst AWS::S3::Bucket",
        """
        error: expected an operator after key 'resourceType', found 'exisst'
         --> rule:1:14
          |
        1 | resourceType exisst AWS::S3::Bucket
          |              ^^^^^^ expected an operator here
          = help: did you mean 'exists'?

        """, #line
      ),
      (
        "resourceType eq A\n  or isPublic eq true",
        """
        error: this 'or' needs 2 filter maps (it spans 'resourceType' and 'isPublic'), but one filter map is a single 'and' of keys
         --> rule:1:1
          |
        1 | resourceType eq A
          | ^^^^^^^^^^^^^^^^^ 'or' across keys
          = help: split it into one archive rule per alternative with --split (CompileOptions(split: true))

        """, #line
      ),
      (
        "a eq 1 and\n(b eq 2",
        """
        error: expected ')', found end of input
         --> rule:2:8
          |
        2 | (b eq 2
          |        ^
          | - to match this '('

        """, #line
      ),
    ]
    for (source, expected, line) in cases {
      XCTAssertEqual(rendered(source), expected, line: line)
    }
  }

  func testDiagnostics_encodeAsJSONForTools() throws {
    let diagnostic = Diagnostic(
      .error, .missingValue, "expected a value", at: SourceRange(start: 3, end: 6),
      help: "quote it",
      notes: [.init("see", range: SourceRange(start: 0, end: 1))],
      fix: .init(range: SourceRange(start: 3, end: 6), replacement: "\"and\""))
    let data = try JSONEncoder().encode(diagnostic)
    let decoded = try JSONDecoder().decode(Diagnostic.self, from: data)
    XCTAssertEqual(decoded, diagnostic)
    let text = String(decoding: data, as: UTF8.self)
    XCTAssertTrue(text.contains("\"code\":\"missing-value\""), text)
  }

  func testColumns_countCharactersNotBytes() {
    let text = rendered("resource eq \"é\" and x eq")
    XCTAssertTrue(text.contains("rule:1:25"), text)
  }
}
