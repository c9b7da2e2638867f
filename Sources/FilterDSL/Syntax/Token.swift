/// Reserved words. A bare word spelled like one of these (in any case) is always the keyword;
/// quote it to use it as a key or value.
package enum Keyword: String, CaseIterable, Sendable {
  case and, or, not, `in`, eq, neq, contains, exists, order, by, asc, desc, rule

  /// Recognises a keyword from raw bytes without building a `String`.
  package static func match(_ bytes: ArraySlice<UInt8>) -> Keyword? {
    guard (2...8).contains(bytes.count) else { return nil }
    for keyword in allCases where keyword.utf8Count == bytes.count {
      if zip(keyword.rawValue.utf8, bytes).allSatisfy({ $0 == $1 | 0x20 }) {
        return keyword
      }
    }
    return nil
  }

  private var utf8Count: Int { rawValue.utf8.count }
}

package enum TokenKind: Hashable, Sendable {
  case word
  case string
  case keyword(Keyword)
  case leftParen, rightParen, leftBracket, rightBracket, leftBrace, rightBrace, comma
  /// `=` or `==`, aliases of `eq`.
  case equals
  /// `!=`, alias of `neq`.
  case notEquals
  case endOfInput
}

package struct Token: Hashable, Sendable {
  package var kind: TokenKind
  package var range: SourceRange
  /// The decoded text of a word or string literal; empty for punctuation.
  package var value: String

  /// How the token reads in a message: `'and'`, `end of input`.
  func describe(in source: [UInt8]) -> String {
    switch kind {
    case .endOfInput: return "end of input"
    case .string: return "a string"
    default:
      let end = min(range.end, range.start + 40, source.count)
      let text = String(decoding: source[min(range.start, end)..<end], as: UTF8.self)
      return "'\(text)'"
    }
  }
}
