import FilterDSL

/// Recursive descent over the HCL subset in `HCL`; depth is capped for hostile input.
struct HCLParser {
  let bytes: [UInt8]
  var position = 0
  var depth = 0
  static let maxDepth = 64

  init(bytes: [UInt8]) {
    self.bytes = bytes
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }
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

  var current: UInt8? { position < bytes.count ? bytes[position] : nil }

  func peek(_ offset: Int) -> UInt8? {
    position + offset < bytes.count ? bytes[position + offset] : nil
  }

  /// Skips spaces, newlines and the three comment forms.
  mutating func skipTrivia() throws(ReadFailure) {
    while let byte = current {
      switch byte {
      case 0x20, 0x09, 0x0A, 0x0D: position += 1
      case UInt8(ascii: "#"): skipLine()
      case UInt8(ascii: "/") where peek(1) == UInt8(ascii: "/"): skipLine()
      case UInt8(ascii: "/") where peek(1) == UInt8(ascii: "*"):
        let start = position
        position += 2
        while position < bytes.count,
          !(bytes[position] == UInt8(ascii: "*") && peek(1) == UInt8(ascii: "/"))
        {
          position += 1
        }
        guard position < bytes.count else { throw failure("unclosed '/*' comment", at: start) }
        position += 2
      default: return
      }
    }
  }

  mutating func skipLine() {
    while let byte = current, byte != 0x0A { position += 1 }
  }

  static func isIdentifierStart(_ byte: UInt8) -> Bool {
    (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20) || byte == UInt8(ascii: "_")
  }

  static func isIdentifierByte(_ byte: UInt8) -> Bool {
    isIdentifierStart(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
      || byte == UInt8(ascii: "-")
  }

  mutating func identifier() -> (String, SourceRange)? {
    guard let first = current, Self.isIdentifierStart(first) else { return nil }
    let start = position
    while let byte = current, Self.isIdentifierByte(byte) { position += 1 }
    return (
      String(decoding: bytes[start..<position], as: UTF8.self),
      SourceRange(start: start, end: position)
    )
  }

  // file = *( block )
  mutating func file(wanted: (String, [String]) -> Bool) throws(ReadFailure) -> [HCL.Block] {
    var blocks: [HCL.Block] = []
    while true {
      try skipTrivia()
      guard current != nil else { return blocks }
      guard let (type, typeRange) = identifier() else {
        throw failure(
          "expected a block such as 'resource \"aws_accessanalyzer_archive_rule\" \"name\" {'")
      }
      try skipTrivia()
      if current == UInt8(ascii: "=") {
        throw failure(
          "top-level attributes are not Terraform configuration", at: typeRange.start,
          length: typeRange.length)
      }
      let labels = try self.labels()
      if wanted(type, labels.map(\.text)) {
        blocks.append(try blockBody(type: type, labels: labels, start: typeRange.start))
      } else {
        try skipBalancedBody()
      }
    }
  }

  mutating func labels() throws(ReadFailure) -> [(text: String, range: SourceRange)] {
    var labels: [(text: String, range: SourceRange)] = []
    while true {
      try skipTrivia()
      if current == UInt8(ascii: "\"") {
        let start = position
        labels.append((try quoted(), SourceRange(start: start, end: position)))
      } else if let (name, range) = identifier() {
        labels.append((name, range))
      } else {
        return labels
      }
    }
  }

  // block = identifier *( label ) "{" body "}"
  mutating func blockBody(type: String, labels: [(text: String, range: SourceRange)], start: Int)
    throws(ReadFailure) -> HCL.Block
  {
    guard current == UInt8(ascii: "{") else { throw failure("expected '{' to open the block") }
    depth += 1
    defer { depth -= 1 }
    guard depth <= Self.maxDepth else { throw failure("blocks nested too deeply") }
    position += 1
    var body = HCL.Body()
    while true {
      try skipTrivia()
      guard let byte = current else { throw failure("unclosed '{'", at: start) }
      if byte == UInt8(ascii: "}") {
        position += 1
        return HCL.Block(
          type: type, labels: labels, body: body, range: SourceRange(start: start, end: position))
      }
      guard let (name, nameRange) = identifier() else {
        throw failure("expected an attribute or a nested block")
      }
      try skipTrivia()
      if current == UInt8(ascii: "=") {
        position += 1
        body.attributes.append(HCL.Attribute(name: name, nameRange: nameRange, value: try value()))
      } else {
        let nested = try self.labels()
        if name == "dynamic" {
          throw failure(
            "dynamic blocks are not read", at: nameRange.start, length: nameRange.length,
            help: "write each block out")
        }
        body.blocks.append(try blockBody(type: name, labels: nested, start: nameRange.start))
      }
    }
  }

  // value = string / number / "true" / "false" / "null" / list / object / traversal
  mutating func value() throws(ReadFailure) -> HCL.Node {
    try skipTrivia()
    let start = position
    depth += 1
    defer { depth -= 1 }
    guard depth <= Self.maxDepth else { throw failure("values nested too deeply") }
    guard let byte = current else { throw failure("expected a value, found the end") }
    let value: HCL.Value
    switch byte {
    case UInt8(ascii: "\""): value = .string(try quoted())
    case UInt8(ascii: "["): value = .list(try list())
    case UInt8(ascii: "{"): value = .object(try object())
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): value = .number(number())
    case UInt8(ascii: "<") where peek(1) == UInt8(ascii: "<"):
      throw failure("heredoc strings are not read", length: 2, help: "write a quoted string")
    default:
      guard let (word, _) = identifier() else {
        throw failure("expected a string, a list or a reference")
      }
      switch word {
      case "true": value = .bool(true)
      case "false": value = .bool(false)
      case "null": value = .null
      default: value = .reference(try traversal(word))
      }
    }
    try rejectOperators(valueStart: start)
    return HCL.Node(value: value, range: SourceRange(start: start, end: position))
  }

  /// After a value only a separator may follow on its line: an operator, a call or a
  /// conditional means an expression this reader does not evaluate.
  mutating func rejectOperators(valueStart: Int) throws(ReadFailure) {
    var probe = position
    while probe < bytes.count, bytes[probe] == 0x20 || bytes[probe] == 0x09 { probe += 1 }
    guard probe < bytes.count else { return }
    if "+*/%?:<>!&|(".utf8.contains(bytes[probe])
      || (bytes[probe] == UInt8(ascii: "-") && probe > position)
      || (bytes[probe] == UInt8(ascii: "=") && probe + 1 < bytes.count
        && bytes[probe + 1] == UInt8(ascii: "="))
    {
      if bytes[probe] == UInt8(ascii: "/"), probe + 1 < bytes.count,
        bytes[probe + 1] == UInt8(ascii: "/") || bytes[probe + 1] == UInt8(ascii: "*")
      {
        return
      }
      throw failure(
        "expressions are not read; only strings, lists, objects and references",
        at: valueStart, length: probe + 1 - valueStart)
    }
  }

  mutating func traversal(_ first: String) throws(ReadFailure) -> String {
    var text = first
    while let byte = current {
      if byte == UInt8(ascii: "."), let next = peek(1),
        HCLParser.isIdentifierStart(next) || next == UInt8(ascii: "*")
      {
        position += 1
        if current == UInt8(ascii: "*") {
          position += 1
          text += ".*"
        } else if let (part, _) = identifier() {
          text += "." + part
        }
      } else if byte == UInt8(ascii: "[") {
        let start = position
        position += 1
        let index = number()
        guard !index.isEmpty, current == UInt8(ascii: "]") else {
          throw failure("only numeric indexes are read in a reference", at: start)
        }
        position += 1
        text += "[\(index)]"
      } else {
        return text
      }
    }
    return text
  }

  mutating func number() -> String {
    let start = position
    if current == UInt8(ascii: "-") { position += 1 }
    while let byte = current,
      (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: ".")
        || byte | 0x20 == UInt8(ascii: "e")
    {
      position += 1
    }
    return String(decoding: bytes[start..<position], as: UTF8.self)
  }

  // list = "[" [ value *( "," value ) [ "," ] ] "]"
  mutating func list() throws(ReadFailure) -> [HCL.Node] {
    let start = position
    position += 1
    var items: [HCL.Node] = []
    while true {
      try skipTrivia()
      guard let byte = current else { throw failure("unclosed '['", at: start) }
      if byte == UInt8(ascii: "]") {
        position += 1
        return items
      }
      items.append(try value())
      try skipTrivia()
      if current == UInt8(ascii: ",") {
        position += 1
      } else if current != UInt8(ascii: "]") {
        throw failure("expected ',' or ']' in the list")
      }
    }
  }

  // object = "{" *( ( identifier / string ) ( "=" / ":" ) value [ "," ] ) "}"
  mutating func object() throws(ReadFailure) -> [HCL.Attribute] {
    let start = position
    position += 1
    var attributes: [HCL.Attribute] = []
    while true {
      try skipTrivia()
      guard let byte = current else { throw failure("unclosed '{'", at: start) }
      if byte == UInt8(ascii: "}") {
        position += 1
        return attributes
      }
      let keyStart = position
      let key: String
      if byte == UInt8(ascii: "\"") {
        key = try quoted()
      } else if let (name, _) = identifier() {
        key = name
      } else {
        throw failure("expected an object key")
      }
      let keyRange = SourceRange(start: keyStart, end: position)
      try skipTrivia()
      guard current == UInt8(ascii: "=") || current == UInt8(ascii: ":") else {
        throw failure("expected '=' after the object key")
      }
      position += 1
      attributes.append(HCL.Attribute(name: key, nameRange: keyRange, value: try value()))
      try skipTrivia()
      if current == UInt8(ascii: ",") { position += 1 }
    }
  }

  // quoted = '"' *( character / escape / "$${" / "%%{" ) '"'; "${" and "%{" are templates
  mutating func quoted() throws(ReadFailure) -> String {
    let start = position
    position += 1
    var scalars = String.UnicodeScalarView()
    while let byte = current {
      switch byte {
      case UInt8(ascii: "\""):
        position += 1
        return String(scalars)
      case 0x0A:
        throw failure("a quoted string must end on its line", at: start)
      case UInt8(ascii: "$"), UInt8(ascii: "%"):
        if peek(1) == byte, peek(2) == UInt8(ascii: "{") {
          scalars.append(Unicode.Scalar(byte))
          scalars.append("{")
          position += 3
        } else if peek(1) == UInt8(ascii: "{") {
          throw failure(
            "template sequences ('\(Character(Unicode.Scalar(byte))){') are not read", length: 2,
            help:
              "write the value out, or escape it as '\(Character(Unicode.Scalar(byte)))\(Character(Unicode.Scalar(byte))){'"
          )
        } else {
          scalars.append(Unicode.Scalar(byte))
          position += 1
        }
      case UInt8(ascii: "\\"):
        scalars.append(try escape())
      case 0x00..<0x80:
        scalars.append(Unicode.Scalar(byte))
        position += 1
      default:
        guard let (scalar, length) = UTF8Validation.scalar(bytes, at: position) else {
          throw failure("invalid UTF-8")
        }
        scalars.append(scalar)
        position += length
      }
    }
    throw failure("unterminated string", at: start)
  }

  mutating func escape() throws(ReadFailure) -> Unicode.Scalar {
    let start = position
    position += 1
    guard let byte = current else { throw failure("unterminated string", at: start) }
    position += 1
    switch byte {
    case UInt8(ascii: "n"): return "\n"
    case UInt8(ascii: "r"): return "\r"
    case UInt8(ascii: "t"): return "\t"
    case UInt8(ascii: "\""): return "\""
    case UInt8(ascii: "\\"): return "\\"
    case UInt8(ascii: "u"), UInt8(ascii: "U"):
      let count = byte == UInt8(ascii: "u") ? 4 : 8
      guard position + count <= bytes.count,
        bytes[position..<position + count].allSatisfy({
          (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0)
            || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains($0 | 0x20)
        }),
        let code = UInt32(
          String(decoding: bytes[position..<position + count], as: UTF8.self), radix: 16),
        let scalar = Unicode.Scalar(code)
      else {
        throw failure(
          "'\\\(Character(Unicode.Scalar(byte)))' needs \(count) hex digits of a valid character",
          at: start, length: 2)
      }
      position += count
      return scalar
    default:
      throw failure("invalid escape in a string", at: start, length: 2)
    }
  }

  /// Skips a block's labels' body without reading it: braces are balanced outside strings,
  /// comments and heredocs.
  mutating func skipBalancedBody() throws(ReadFailure) {
    try skipTrivia()
    guard current == UInt8(ascii: "{") else { throw failure("expected '{' to open the block") }
    let start = position
    var open = 0
    while let byte = current {
      switch byte {
      case UInt8(ascii: "{"):
        open += 1
        position += 1
      case UInt8(ascii: "}"):
        open -= 1
        position += 1
        if open == 0 { return }
      case UInt8(ascii: "\""): skipTemplateString()
      case UInt8(ascii: "#"): skipLine()
      case UInt8(ascii: "/") where peek(1) == UInt8(ascii: "/") || peek(1) == UInt8(ascii: "*"):
        try skipTrivia()
      case UInt8(ascii: "<") where peek(1) == UInt8(ascii: "<"): skipHeredoc()
      default: position += 1
      }
    }
    throw failure("unclosed '{'", at: start)
  }

  /// A quoted string that may hold `${ ... }` and `%{ ... }` with nested strings, which may
  /// hold templates in turn; ends at the line's end at worst, so a stray quote cannot swallow
  /// the file. A stack, not recursion: nesting is as deep as the input makes it.
  mutating func skipTemplateString() {
    position += 1
    // Per open template sequence, the braces opened inside it and not yet closed.
    var braces: [Int] = []
    var inString = true
    while let byte = current, byte != 0x0A {
      position += 1
      if inString {
        switch byte {
        case UInt8(ascii: "\\"): position += 1
        case UInt8(ascii: "$"), UInt8(ascii: "%"):
          if current == byte, peek(1) == UInt8(ascii: "{") {
            position += 2  // `$${` and `%%{` are literal text
          } else if current == UInt8(ascii: "{") {
            position += 1
            braces.append(0)
            inString = false
          }
        case UInt8(ascii: "\""):
          if braces.isEmpty { return }
          inString = false
        default: break
        }
      } else if let last = braces.indices.last {
        switch byte {
        case UInt8(ascii: "\""): inString = true
        case UInt8(ascii: "{"): braces[last] += 1
        case UInt8(ascii: "}") where braces[last] > 0: braces[last] -= 1
        case UInt8(ascii: "}"):
          braces.removeLast()
          inString = true
        default: break
        }
      }
    }
  }

  mutating func skipHeredoc() {
    position += 2
    if current == UInt8(ascii: "-") { position += 1 }
    let markerStart = position
    while let byte = current, HCLParser.isIdentifierByte(byte) { position += 1 }
    let marker = Array(bytes[markerStart..<position])
    guard !marker.isEmpty else { return }
    skipLine()
    while current != nil {
      position += 1
      let lineStart = position
      skipLine()
      let line = bytes[lineStart..<position].drop { $0 == 0x20 || $0 == 0x09 }
      if Array(line.reversed().drop { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }.reversed()) == marker
      {
        return
      }
    }
  }
}
