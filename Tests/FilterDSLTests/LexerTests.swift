@testable import FilterDSL
import XCTest

final class LexerTests: XCTestCase {
  private func lex(_ source: String) -> ([String], [String]) {
    var lexer = Lexer(Array(source.utf8))
    var tokens: [String] = []
    while true {
      let token = lexer.next()
      switch token.kind {
      case .endOfInput: return (tokens, lexer.diagnostics.map(\.code.rawValue))
      case .word: tokens.append("w:\(token.value)")
      case .string: tokens.append("s:\(token.value)")
      case .keyword(let keyword): tokens.append("k:\(keyword.rawValue)")
      case .equals: tokens.append("=")
      case .notEquals: tokens.append("!=")
      case .leftParen: tokens.append("(")
      case .rightParen: tokens.append(")")
      case .leftBracket: tokens.append("[")
      case .rightBracket: tokens.append("]")
      case .leftBrace: tokens.append("{")
      case .rightBrace: tokens.append("}")
      case .comma: tokens.append(",")
      }
    }
  }

  func testTokens_table() {
    let cases: [(String, [String], UInt)] = [
      ("resourceType eq AWS::S3::Bucket", ["w:resourceType", "k:eq", "w:AWS::S3::Bucket"], #line),
      (
        "AND Or nOt IN Eq NEQ Contains EXISTS",
        ["k:and", "k:or", "k:not", "k:in", "k:eq", "k:neq", "k:contains", "k:exists"], #line
      ),
      ("order by x asc desc rule", ["k:order", "k:by", "w:x", "k:asc", "k:desc", "k:rule"], #line),
      ("a=b", ["w:a", "=", "w:b"], #line),
      // A byte-order mark is skipped at the start of the text only.
      ("\u{FEFF}a eq b", ["w:a", "k:eq", "w:b"], #line),
      ("a==b", ["w:a", "=", "w:b"], #line),
      ("a!=b", ["w:a", "!=", "w:b"], #line),
      ("arn:aws:s3:::my-bucket/*", ["w:arn:aws:s3:::my-bucket/*"], #line),
      ("condition.aws:ResourceTag/team", ["w:condition.aws:ResourceTag/team"], #line),
      ("[a,b,]", ["[", "w:a", ",", "w:b", ",", "]"], #line),
      ("(x){y}", ["(", "w:x", ")", "{", "w:y", "}"], #line),
      ("a # comment eq b\nb", ["w:a", "w:b"], #line),
      (#""a\"b\\c\/d\b\f\n\r\t""#, ["s:a\"b\\c/d\u{08}\u{0C}\n\r\t"], #line),
      (#""\u0041\u00e9\ud83d\ude00""#, ["s:Aé😀"], #line),
      (#""é raw""#, ["s:é raw"], #line),
      ("andx xand", ["w:andx", "w:xand"], #line),
      ("123456789012 true vpc-0abc", ["w:123456789012", "w:true", "w:vpc-0abc"], #line),
      ("", [], #line),
      ("   \t\r\n ", [], #line),
    ]
    for (source, expected, line) in cases {
      let (tokens, diagnostics) = lex(source)
      XCTAssertEqual(tokens, expected, source, line: line)
      XCTAssertEqual(diagnostics, [], source, line: line)
    }
  }

  func testLexicalErrors_table() {
    let cases: [(String, [String], UInt)] = [
      (#""abc"#, ["unterminated-string"], #line),
      ("\"abc\nd", ["unterminated-string"], #line),
      (#""\q""#, ["invalid-escape"], #line),
      (#""\u12""#, ["invalid-escape"], #line),
      (#""\ud800""#, ["lone-surrogate"], #line),
      (#""\udc00""#, ["lone-surrogate"], #line),
      (#""\ud800\u0041""#, ["lone-surrogate"], #line),
      ("\"a\u{01}b\"", ["control-character-in-string"], #line),
      ("a ! b", ["invalid-character"], #line),
      ("é", ["invalid-character"], #line),
      ("\u{FEFF}\u{FEFF}a", ["invalid-character"], #line),
      ("a \u{FEFF}", ["invalid-character"], #line),
      ("a \u{7F} b", ["invalid-character"], #line),
    ]
    for (source, expected, line) in cases {
      XCTAssertEqual(lex(source).1, expected, source, line: line)
    }
  }

  func testInvalidUTF8_isReportedNotCrashed() {
    for bytes: [UInt8] in [
      [0xFF], [0x61, 0x20, 0xC3], [0x22, 0xC0, 0xAF, 0x22], [0xED, 0xA0, 0x80],
      [0xF4, 0x90, 0x80, 0x80],
    ] {
      var lexer = Lexer(bytes)
      while lexer.next().kind != .endOfInput {}
      XCTAssertEqual(lexer.diagnostics.first?.code, .invalidUTF8, "\(bytes)")
    }
  }

  func testKeywordMatching_ignoresCaseOnlyForLetters() {
    XCTAssertEqual(Keyword.match(Array("EXISTS".utf8)[...]), .exists)
    XCTAssertNil(Keyword.match(Array("ex1sts".utf8)[...]))
    XCTAssertNil(Keyword.match(Array("a".utf8)[...]))
  }
}
