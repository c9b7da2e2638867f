import FilterDSL

/// Recursive descent over the YAML that CloudFormation templates are written in, into located
/// JSON so the JSON template reader maps it with the same checks and ranges.
///
/// Read: one document (`---`, `...`, `%` directives skipped), block mappings and sequences,
/// flow `[...]` and `{...}`, plain, single- and double-quoted scalars (YAML escapes, line
/// folding), literal `|` and folded `>` scalars, `#` comments. Short-form intrinsic tags become
/// their long form (`!Ref x` is `{"Ref": x}`, `!Sub s` is `{"Fn::Sub": s}`), which the template
/// reader refuses where a literal is needed. A plain scalar is its text, except `true`/`false`
/// (booleans) and `null`/`~`/nothing (null): numbers stay text, as CloudFormation passes them
/// to string properties. Refused with a diagnostic: anchors and aliases, complex keys, plain
/// scalars continued on another line, tabs in indentation. Depth is capped.
struct YAMLParser {
  let bytes: [UInt8]
  var position = 0
  var depth = 0
  /// Where each line starts, to turn an offset into a column.
  let lineStarts: [Int]
  /// A byte-order mark's 3 bytes do not count towards the first line's columns.
  let bomLength: Int
  static let maxDepth = 64

  /// A scalar as written: its text (escapes decoded) and whether it was quoted.
  struct Scalar {
    var text: String
    var range: SourceRange
    var quoted: Bool
  }

  /// Parses a whole document.
  /// - Throws: the first syntax error, as an `unsupported-syntax` diagnostic.
  static func parse(_ bytes: [UInt8]) throws(ReadFailure) -> LocatedJSON {
    var parser = YAMLParser(bytes: bytes)
    return try parser.document()
  }

  init(bytes: [UInt8]) {
    self.bytes = bytes
    var starts = [0]
    for (index, byte) in bytes.enumerated() where byte == 0x0A { starts.append(index + 1) }
    lineStarts = starts
    bomLength = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    position = bomLength
  }

  // MARK: Positions

  var current: UInt8? { position < bytes.count ? bytes[position] : nil }

  func peek(_ offset: Int) -> UInt8? {
    position + offset < bytes.count ? bytes[position + offset] : nil
  }

  /// The column of `offset`, 0-based, by binary search over the line starts.
  func column(_ offset: Int) -> Int {
    var low = 0
    var high = lineStarts.count - 1
    while low < high {
      let middle = (low + high + 1) / 2
      if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
    }
    let start = lineStarts[low]
    return offset - start - (start == 0 ? bomLength : 0)
  }

  func failure(_ message: String, at start: Int? = nil, length: Int = 1, help: String? = nil)
    -> ReadFailure
  {
    let start = min(start ?? position, bytes.count)
    return ReadFailure(
      .error(
        .unsupportedSyntax, message,
        at: SourceRange(start: start, end: min(start + length, bytes.count)), help: help))
  }

  static func isBlank(_ byte: UInt8?) -> Bool { byte == 0x20 || byte == 0x09 }

  /// White space, a line break or the end: what must follow `-`, `:` and `?` as indicators.
  static func isSeparator(_ byte: UInt8?) -> Bool {
    guard let byte else { return true }
    return byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
  }

  static func isFlowIndicator(_ byte: UInt8?) -> Bool {
    guard let byte else { return false }
    return [
      UInt8(ascii: ","), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"),
      UInt8(ascii: "}"),
    ].contains(byte)
  }

  var atLineEnd: Bool {
    current == nil || current == 0x0A || current == 0x0D || current == UInt8(ascii: "#")
  }

  /// `---` or `...` at the start of a line, followed by a separator.
  var atDocumentMarker: Bool {
    guard column(position) == 0, position + 2 < bytes.count else { return false }
    let first = bytes[position]
    guard first == UInt8(ascii: "-") || first == UInt8(ascii: ".") else { return false }
    return bytes[position + 1] == first && bytes[position + 2] == first
      && Self.isSeparator(peek(3))
  }

  mutating func skipSpaces() {
    while Self.isBlank(current) { position += 1 }
  }

  /// Skips spaces, line breaks and comments. Outside flow collections, a tab in the
  /// indentation before content is an error: YAML indents with spaces only.
  mutating func skipTrivia(inFlow: Bool = false) throws(ReadFailure) {
    var tab: Int? = nil
    var lineStart = position == bomLength || (position > 0 && bytes[position - 1] == 0x0A)
    while let byte = current {
      switch byte {
      case 0x20, 0x0D: position += 1
      case 0x09:
        if lineStart, tab == nil { tab = position }
        position += 1
      case 0x0A:
        position += 1
        lineStart = true
        tab = nil
      case UInt8(ascii: "#"):
        while let byte = current, byte != 0x0A { position += 1 }
      default:
        if let tab, !inFlow {
          throw failure("a tab indents this line; YAML indents with spaces", at: tab)
        }
        return
      }
    }
  }

  /// After a value: only spaces and a comment may remain on the line.
  mutating func endOfLine() throws(ReadFailure) {
    skipSpaces()
    guard atLineEnd else {
      if current == UInt8(ascii: ":") {
        throw failure(
          "a mapping cannot start on the line of its key",
          help: "put the inner mapping on the next line, indented")
      }
      throw failure("unexpected text after the value")
    }
  }

  // MARK: Documents and block collections

  mutating func document() throws(ReadFailure) -> LocatedJSON {
    try skipTrivia()
    while current == UInt8(ascii: "%"), column(position) == 0 {
      while let byte = current, byte != 0x0A { position += 1 }
      try skipTrivia()
    }
    if atDocumentMarker, current == UInt8(ascii: "-") {
      position += 3
      skipSpaces()
      if atLineEnd { try skipTrivia() }
    }
    var root = LocatedJSON(value: .null, range: SourceRange(start: position, end: position))
    if current != nil, !atDocumentMarker {
      root = try node(parentIndent: -1, allowsCollection: true)
    }
    try skipTrivia()
    if atDocumentMarker, current == UInt8(ascii: ".") {
      position += 3
      try skipTrivia()
    }
    guard position >= bytes.count else {
      if atDocumentMarker {
        throw failure(
          "the file holds several YAML documents; a template is one", length: 3,
          help: "keep one document per file")
      }
      throw failure("unexpected indentation", help: "align this line with its siblings")
    }
    return root
  }

  /// node := tag node | block-scalar | sequence | flow | scalar [':' mapping]
  mutating func node(parentIndent: Int, allowsCollection: Bool) throws(ReadFailure)
    -> LocatedJSON
  {
    depth += 1
    defer { depth -= 1 }
    guard depth <= Self.maxDepth else {
      throw failure("YAML nested deeper than \(Self.maxDepth) levels")
    }
    let indent = column(position)
    switch current {
    case UInt8(ascii: "!"): return try tagged(parentIndent: parentIndent)
    case UInt8(ascii: "&"), UInt8(ascii: "*"):
      throw failure(
        "YAML anchors and aliases are not read", help: "write the value out where it is used")
    case UInt8(ascii: "|"), UInt8(ascii: ">"): return try blockScalar(parentIndent: parentIndent)
    case UInt8(ascii: "["), UInt8(ascii: "{"):
      let value = try flow()
      try endOfLine()
      return value
    case UInt8(ascii: "-") where Self.isSeparator(peek(1)):
      guard allowsCollection else {
        throw failure(
          "a sequence cannot start on the line of its key",
          help: "put the items on the next lines, indented")
      }
      return try sequence(indent: indent)
    case UInt8(ascii: "?") where Self.isSeparator(peek(1)):
      throw failure("complex mapping keys ('?') are not read")
    default: break
    }
    let scalar = try scalar(inFlow: false)
    skipSpaces()
    if current == UInt8(ascii: ":"), Self.isSeparator(peek(1)) {
      guard allowsCollection else {
        throw failure(
          "a mapping cannot start on the line of its key",
          help: "put the inner mapping on the next line, indented")
      }
      return try mapping(indent: indent, firstKey: scalar)
    }
    try endOfLine()
    return Self.resolve(scalar)
  }

  /// mapping := (key ':' value NEWLINE)+, every key at `indent`.
  mutating func mapping(indent: Int, firstKey: Scalar) throws(ReadFailure) -> LocatedJSON {
    var members: [LocatedJSON.Member] = []
    var key = firstKey
    var end = firstKey.range.end
    while true {
      position += 1  // ':'
      let value = try value(parentIndent: indent)
      members.append(LocatedJSON.Member(key: key.text, keyRange: key.range, value: value))
      end = max(end, value.range.end)
      try skipTrivia()
      guard current != nil, !atDocumentMarker, column(position) >= indent else { break }
      guard column(position) == indent else {
        throw failure("unexpected indentation", help: "align this line with its siblings")
      }
      if current == UInt8(ascii: "-"), Self.isSeparator(peek(1)) {
        throw failure("expected a key at this indentation, found a sequence item")
      }
      key = try scalar(inFlow: false)
      skipSpaces()
      guard current == UInt8(ascii: ":"), Self.isSeparator(peek(1)) else {
        throw failure("expected ':' after the key '\(key.text)'")
      }
    }
    return LocatedJSON(
      value: .object(members), range: SourceRange(start: firstKey.range.start, end: end))
  }

  /// The value after `key:` or a tag: on the same line, or on the next lines indented more
  /// than `parentIndent` (a sequence may sit at its key's own indentation).
  mutating func value(parentIndent: Int) throws(ReadFailure) -> LocatedJSON {
    skipSpaces()
    guard atLineEnd else { return try node(parentIndent: parentIndent, allowsCollection: false) }
    let here = position
    try skipTrivia()
    if current != nil, !atDocumentMarker {
      let column = column(position)
      if column > parentIndent
        || (column == parentIndent && current == UInt8(ascii: "-") && Self.isSeparator(peek(1)))
      {
        return try node(parentIndent: parentIndent, allowsCollection: true)
      }
    }
    return LocatedJSON(value: .null, range: SourceRange(start: here, end: here))
  }

  /// sequence := ('-' node NEWLINE)+, every dash at `indent`.
  mutating func sequence(indent: Int) throws(ReadFailure) -> LocatedJSON {
    let start = position
    var items: [LocatedJSON] = []
    var end = position + 1
    while true {
      position += 1  // '-'
      skipSpaces()
      let item: LocatedJSON
      if atLineEnd {
        item = try value(parentIndent: indent)
      } else {
        item = try node(parentIndent: indent, allowsCollection: true)
      }
      items.append(item)
      end = max(end, item.range.end)
      try skipTrivia()
      guard current != nil, !atDocumentMarker, column(position) >= indent else { break }
      guard column(position) == indent else {
        throw failure("unexpected indentation", help: "align this line with its siblings")
      }
      guard current == UInt8(ascii: "-"), Self.isSeparator(peek(1)) else { break }
    }
    return LocatedJSON(value: .array(items), range: SourceRange(start: start, end: end))
  }

  /// A short-form tag and its node: `!Ref`, `!Condition` and `!Fn` become `{"Ref": ...}`,
  /// `{"Condition": ...}` and `{"Fn::Fn": ...}`; `!!str` keeps the text of a plain scalar.
  mutating func tagged(parentIndent: Int, inFlow: Bool = false) throws(ReadFailure)
    -> LocatedJSON
  {
    let start = position
    while let byte = current, !Self.isSeparator(byte), !(inFlow && Self.isFlowIndicator(byte)) {
      position += 1
    }
    let tagRange = SourceRange(start: start, end: position)
    let tag = String(decoding: bytes[start..<position], as: UTF8.self)
    let content: LocatedJSON
    if inFlow {
      try skipTrivia(inFlow: true)
      content =
        current == UInt8(ascii: ",") || current == UInt8(ascii: "]")
          || current == UInt8(ascii: "}")
        ? LocatedJSON(value: .null, range: SourceRange(start: position, end: position))
        : try flowNode()
    } else {
      content = try value(parentIndent: parentIndent)
    }
    let range = SourceRange(start: start, end: max(tagRange.end, content.range.end))
    if tag == "!!str" {
      switch content.value {
      case .bool, .null:
        let text = String(
          decoding: bytes[content.range.start..<content.range.end], as: UTF8.self)
        return LocatedJSON(value: .string(text), range: range)
      case .string: return LocatedJSON(value: content.value, range: range)
      default:
        throw failure(
          "'!!str' tags a collection", at: start, length: (tagRange.end - tagRange.start))
      }
    }
    guard !tag.hasPrefix("!!"), tag.count > 1 else {
      throw failure(
        "the YAML tag '\(tag)' is not read", at: start,
        length: max(1, (tagRange.end - tagRange.start)),
        help: "CloudFormation's short forms (!Ref, !Sub, !GetAtt, ...) are read")
    }
    let name = String(tag.dropFirst())
    let function = name == "Ref" || name == "Condition" ? name : "Fn::" + name
    return LocatedJSON(
      value: .object([LocatedJSON.Member(key: function, keyRange: tagRange, value: content)]),
      range: range)
  }

  /// A plain scalar is a string, but for YAML's booleans and nulls.
  static func resolve(_ scalar: Scalar) -> LocatedJSON {
    let value: LocatedJSON.Value
    switch scalar.quoted ? nil : scalar.text {
    case "true", "True", "TRUE": value = .bool(true)
    case "false", "False", "FALSE": value = .bool(false)
    case "null", "Null", "NULL", "~", "": value = .null
    default: value = .string(scalar.text)
    }
    return LocatedJSON(value: value, range: scalar.range)
  }
}
