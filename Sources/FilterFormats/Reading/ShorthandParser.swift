import FilterDSL

/// The AWS CLI's shorthand for a filter map, `key={eq=[a,b],exists=true},...`, read as the
/// AWS CLI's `ShorthandParser` and its `BackCompatVisitor` read it: bare values end before
/// `,`, `]`, `}` and quotes (`\,` is a comma, trailing white space goes); quoted values end at
/// the last quote their pattern can reach (`\'` or `\"` is the quote, then `\\` a backslash);
/// a single value where a list belongs is a list of one; `exists` is `true` or `false` in any
/// case. Syntax errors end the filter (thrown); problems in what it says are logged.
struct ShorthandParser {
  let bytes: [UInt8]
  /// For each byte, its offset in the source diagnostics point into (a shell word's bytes
  /// come from several places); `nil` when the bytes are the source.
  let offsets: [Int]?
  /// A line break ends the filter (a file of one filter per line) rather than being space.
  let lineBreakEnds: Bool
  var position: Int

  static let operators = ["contains", "eq", "exists", "neq"]
  static let whitespace: Set<UInt8> = [0x20, 0x09, 0x0A, 0x0D, 0x0B, 0x0C]

  init(bytes: [UInt8], offsets: [Int]? = nil, from start: Int = 0, lineBreakEnds: Bool) {
    self.bytes = bytes
    self.offsets = offsets
    self.lineBreakEnds = lineBreakEnds
    position = start
  }

  var current: UInt8? { position < bytes.count ? bytes[position] : nil }

  /// Where `start..<end` of the bytes was written in the source.
  func range(_ start: Int, _ end: Int) -> SourceRange {
    guard let offsets, !offsets.isEmpty else {
      return SourceRange(start: min(start, bytes.count), end: min(max(start, end), bytes.count))
    }
    let first = start < offsets.count ? offsets[start] : (offsets.last ?? 0) + 1
    let last = end > start && end - 1 < offsets.count ? offsets[end - 1] + 1 : first
    return SourceRange(start: first, end: max(first, last))
  }

  func failure(_ message: String, at start: Int? = nil, help: String? = nil) -> ReadFailure {
    let start = start ?? position
    return ReadFailure(
      .error(.unsupportedSyntax, message, at: range(start, start + 1), help: help))
  }

  /// Whether the filter has ended: the end of the bytes, or a line break when lines end it.
  var atEnd: Bool { current == nil || (lineBreakEnds && current == 0x0A) }

  mutating func skipWhitespace() {
    while let byte = current, Self.whitespace.contains(byte), !(lineBreakEnds && byte == 0x0A) {
      position += 1
    }
  }

  /// Inside braces and brackets a line break is space, as for the AWS CLI.
  mutating func skipWhitespaceInside() {
    while let byte = current, Self.whitespace.contains(byte) { position += 1 }
  }

  mutating func expect(_ byte: UInt8, _ what: String) throws(ReadFailure) {
    guard current == byte else {
      let found = current.map { "'\(String(decoding: [$0], as: UTF8.self))'" } ?? "the end"
      throw failure("expected \(what), found \(found == "'\n'" ? "the line's end" : found)")
    }
    position += 1
  }

  /// filter := keyval (',' keyval)*; keyval := KEY '=' '{' criterion '}'
  mutating func filter(log: inout ImportLog) throws(ReadFailure) -> FilterCriteriaMap {
    var map = FilterCriteriaMap()
    var seen: [ExactString: SourceRange] = [:]
    while true {
      skipWhitespace()
      let (key, keyRange) = try self.key("a filter key")
      try equals(after: key)
      guard current == UInt8(ascii: "{") else {
        throw failure(
          "expected '{' after '\(key)=': a criterion is a map of operators",
          help: "write \(key)={eq=[value]}")
      }
      let criterion = try criterion(key: key, keyRange: keyRange, log: &log)
      if let first = seen[ExactString(key)] {
        log.repeatedKey(
          key, at: keyRange, first: first, consequence: "the AWS CLI rejects the filter")
      } else if let criterion {
        seen[ExactString(key)] = keyRange
        map[key] = criterion
      }
      skipWhitespace()
      if atEnd { return map }
      try expect(UInt8(ascii: ","), "',' between criteria")
    }
  }

  mutating func key(_ what: String) throws(ReadFailure) -> (String, SourceRange) {
    let start = position
    while let byte = current, CLIShorthand.keyBytes.contains(byte) { position += 1 }
    guard position > start else {
      throw failure(
        "expected \(what) (letters, digits and - _ . # / :)", help: "write KEY={eq=[value]}")
    }
    return (String(decoding: bytes[start..<position], as: UTF8.self), range(start, position))
  }

  mutating func equals(after key: String) throws(ReadFailure) {
    skipWhitespaceInside()
    if current == UInt8(ascii: "@") {
      throw failure(
        "'\(key)@=' reads the value from a file, which is not read here",
        help: "write the value itself")
    }
    try expect(UInt8(ascii: "="), "'=' after '\(key)'")
    skipWhitespaceInside()
  }

  /// criterion := '{' [op '=' values (',' op '=' values)*] '}'
  mutating func criterion(key: String, keyRange: SourceRange, log: inout ImportLog)
    throws(ReadFailure) -> Criterion?
  {
    let start = position
    position += 1  // '{'
    skipWhitespaceInside()
    var criterion = Criterion()
    var given: Set<String> = []
    let problems = log.diagnostics.count
    while current != UInt8(ascii: "}") {
      guard current != nil else { throw failure("unclosed '{'", at: start) }
      let operatorStart = position
      while let byte = current, CLIShorthand.keyBytes.contains(byte) { position += 1 }
      let name = String(decoding: bytes[operatorStart..<position], as: UTF8.self)
      let nameRange = range(operatorStart, position)
      try equals(after: name)
      let (values, valuesRange) = try values()
      if !Self.operators.contains(name) {
        log.unknownMember(name, at: nameRange, known: Self.operators, in: "a criterion")
      } else if !given.insert(name).inserted {
        log.error(.duplicateCriteria, "'\(name)' is given twice in one criterion", at: nameRange)
      } else if name == "exists" {
        criterion.exists = exists(values, key: key, at: valuesRange, log: &log)
      } else if values.isEmpty {
        log.error(
          .invalidFilterJSON, "\(key).\(name): '\(name)' must hold at least one value",
          at: valuesRange)
      } else {
        switch name {
        case "eq": criterion.eq = values.map(\.text)
        case "neq": criterion.neq = values.map(\.text)
        default: criterion.contains = values.map(\.text)
        }
      }
      skipWhitespaceInside()
      if current != UInt8(ascii: "}") {
        try expect(UInt8(ascii: ","), "',' or '}' in the criterion of '\(key)'")
        skipWhitespaceInside()
      }
    }
    position += 1  // '}'
    if criterion.isEmpty {
      if log.diagnostics.count == problems { log.emptyCriterion(key, at: range(start, position)) }
      return nil
    }
    return criterion
  }

  struct Value {
    var text: String
    var isList: Bool
  }

  /// values := '[' [value (',' value)*] ']' | value
  mutating func values() throws(ReadFailure) -> ([Value], SourceRange) {
    let start = position
    guard current == UInt8(ascii: "[") else {
      if current == UInt8(ascii: "{") { throw failure("an operator takes values, not a map") }
      let value = try value()
      return ([Value(text: value, isList: false)], range(start, position))
    }
    position += 1
    skipWhitespaceInside()
    var values: [Value] = []
    while current != UInt8(ascii: "]") {
      guard current != nil else { throw failure("unclosed '['", at: start) }
      if current == UInt8(ascii: "[") || current == UInt8(ascii: "{") {
        throw failure("a filter's values are strings; lists and maps do not nest")
      }
      values.append(Value(text: try value(), isList: true))
      skipWhitespaceInside()
      if current != UInt8(ascii: "]") {
        try expect(UInt8(ascii: ","), "',' or ']' in the list")
        skipWhitespaceInside()
      }
    }
    position += 1
    return (values, range(start, position))
  }

  func exists(_ values: [Value], key: String, at range: SourceRange, log: inout ImportLog)
    -> Bool?
  {
    if values.count == 1, let value = values.first, !value.isList {
      switch value.text.lowercased() {
      case "true": return true
      case "false": return false
      default: break
      }
    }
    log.error(
      .invalidFilterJSON, "\(key).exists: 'exists' must be true or false", at: range)
    return nil
  }
}
