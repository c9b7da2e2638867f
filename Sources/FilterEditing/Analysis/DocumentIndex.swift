import FilterDSL

/// The text's tokens, comments and parsed rules, computed once per document: the ground every
/// service stands on, valid on incomplete text.
struct DocumentIndex: Sendable {
  let bytes: [UInt8]
  /// Every token up to (not including) the end of input, in order.
  let tokens: [Token]
  /// Each `#` comment: from `#` to the end of its line (before `\r\n` or `\n`).
  let comments: [SourceRange]
  /// The parse: rules of a rule set (those that parsed), or the one query.
  let document: Document
  /// Whether the parse had errors.
  let hasSyntaxErrors: Bool
  /// Every token's role, computed on first use: completion, hover and navigation read it.
  private let cachedRoles: Lazy<[TokenRole]>

  init(_ text: String) {
    bytes = Array(text.utf8)
    var lexer = Lexer(bytes)
    var tokens: [Token] = []
    while true {
      let token = lexer.next()
      if token.kind == .endOfInput { break }
      tokens.append(token)
    }
    self.tokens = tokens
    comments = DocumentIndex.comments(bytes, tokens: tokens)
    let (document, diagnostics) = FilterSource.parse(bytes: bytes)
    self.document = document
    hasSyntaxErrors = diagnostics.hasErrors
    let isRuleSet = tokens.first.map { $0.kind == .keyword(.rule) } ?? true
    let lexed = tokens
    cachedRoles = Lazy {
      var context = TokenContext(isRuleSet: isRuleSet)
      return lexed.map { context.consume($0) }
    }
  }

  /// Every token's role, reading the whole document once.
  var roles: [TokenRole] { cachedRoles.wrapped }

  /// The rules that parsed, in order; empty for a single expression.
  var rules: [RuleDefinition] {
    if case .ruleSet(let rules) = document { return rules }
    return []
  }

  /// The queries that parsed: each rule's body, or the one expression.
  var queries: [Query] {
    switch document {
    case .query(let query): [query]
    case .ruleSet(let rules): rules.map(\.body)
    }
  }

  /// Whether the text is a rule set, or may become one: it starts with `rule`, or is empty.
  var isRuleSet: Bool {
    guard let first = tokens.first else { return true }
    return first.kind == .keyword(.rule)
  }

  /// Comments live in the gaps between tokens: there a `#` always starts one (inside a string
  /// it would be part of the string token).
  private static func comments(_ bytes: [UInt8], tokens: [Token]) -> [SourceRange] {
    var comments: [SourceRange] = []
    var gapStart = 0
    func scan(_ gap: Range<Int>) {
      var position = gap.lowerBound
      while position < gap.upperBound {
        guard bytes[position] == UInt8(ascii: "#") else {
          position += 1
          continue
        }
        var end = position
        while end < bytes.count, bytes[end] != UInt8(ascii: "\n") { end += 1 }
        let next = end
        if end > position, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        comments.append(SourceRange(start: position, end: end))
        position = next
      }
    }
    for token in tokens {
      if token.range.start > gapStart { scan(gapStart..<token.range.start) }
      gapStart = max(gapStart, token.range.end)
    }
    if bytes.count > gapStart { scan(gapStart..<bytes.count) }
    return comments
  }

  /// The index of the first token whose end is at or after `offset` (binary search).
  func firstToken(endingAtOrAfter offset: Int) -> Int {
    var low = 0
    var high = tokens.count
    while low < high {
      let mid = (low + high) / 2
      if tokens[mid].range.end < offset { low = mid + 1 } else { high = mid }
    }
    return low
  }

  /// The text of a range, clamped to the text.
  func text(_ range: SourceRange) -> String {
    let end = min(max(0, range.end), bytes.count)
    let start = min(max(0, range.start), end)
    return String(decoding: bytes[start..<end], as: UTF8.self)
  }
}
