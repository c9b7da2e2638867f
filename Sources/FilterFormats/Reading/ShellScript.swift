import FilterDSL

/// A shell script split into commands and words as a POSIX shell splits them, without running
/// anything: single quotes, double quotes, backslashes, line continuations and `#` comments.
/// What a shell would expand or redirect (`$`, backquotes, `|`, `&`, `<`, `>`, `(`, `)`) is
/// refused, since the words would then not be what the file says.
struct ShellScript {
  /// One word: its bytes after quote removal and, for each, where it was written.
  struct Word {
    var bytes: [UInt8]
    var offsets: [Int]
    var range: SourceRange
    var text: String { String(decoding: bytes, as: UTF8.self) }
  }

  /// A command: its words, and where it was written.
  struct Command {
    var words: [Word]
    var range: SourceRange
  }

  let bytes: [UInt8]
  var position = 0

  static func commands(_ bytes: [UInt8]) throws(ReadFailure) -> [Command] {
    var script = ShellScript(bytes: bytes)
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { script.position = 3 }
    return try script.commands()
  }

  var current: UInt8? { position < bytes.count ? bytes[position] : nil }

  func peek(_ offset: Int) -> UInt8? {
    position + offset < bytes.count ? bytes[position + offset] : nil
  }

  func failure(_ message: String, at start: Int? = nil, help: String? = nil) -> ReadFailure {
    let start = min(start ?? position, bytes.count)
    return ReadFailure(
      .error(
        .unsupportedSyntax, message,
        at: SourceRange(start: start, end: min(start + 1, bytes.count)), help: help))
  }

  mutating func commands() throws(ReadFailure) -> [Command] {
    var commands: [Command] = []
    var words: [Word] = []
    func finish() {
      guard let first = words.first, let last = words.last else { return }
      commands.append(
        Command(words: words, range: SourceRange(start: first.range.start, end: last.range.end)))
      words = []
    }
    while let byte = current {
      switch byte {
      case 0x20, 0x09, 0x0D: position += 1
      case UInt8(ascii: "\\") where peek(1) == 0x0A:
        position += 2
      case UInt8(ascii: "\\") where peek(1) == 0x0D && peek(2) == 0x0A:
        position += 3
      case 0x0A, UInt8(ascii: ";"):
        position += 1
        finish()
      case UInt8(ascii: "#"):
        while let byte = current, byte != 0x0A { position += 1 }
      default: words.append(try word())
      }
    }
    finish()
    return commands
  }

  /// word := (unquoted | '...' | "...")+ up to a blank, a line break or `;`.
  mutating func word() throws(ReadFailure) -> Word {
    let start = position
    var word = Word(bytes: [], offsets: [], range: SourceRange(start: start, end: start))
    func take(_ index: Int) {
      word.bytes.append(bytes[index])
      word.offsets.append(index)
    }
    loop: while let byte = current {
      switch byte {
      case 0x20, 0x09, 0x0A, 0x0D, UInt8(ascii: ";"): break loop
      case UInt8(ascii: "'"):
        let open = position
        position += 1
        while let byte = current, byte != UInt8(ascii: "'") {
          take(position)
          position += 1
        }
        guard current != nil else { throw failure("unclosed single quote", at: open) }
        position += 1
      case UInt8(ascii: "\""):
        try doubleQuoted(into: &word)
      case UInt8(ascii: "\\"):
        if peek(1) == 0x0A {
          position += 2
        } else if position + 1 < bytes.count {
          take(position + 1)
          position += 2
        } else {
          take(position)
          position += 1
        }
      case UInt8(ascii: "$"), UInt8(ascii: "`"):
        throw failure(
          "shell expansion ('\(String(decoding: [byte], as: UTF8.self))') is not evaluated here",
          help: "write the value itself, quoted")
      case UInt8(ascii: "|"), UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"),
        UInt8(ascii: "("), UInt8(ascii: ")"):
        throw failure(
          "the shell operator '\(String(decoding: [byte], as: UTF8.self))' is not read",
          help: "keep one command per line; quote the character if it is part of a value")
      default:
        take(position)
        position += 1
      }
    }
    word.range = SourceRange(start: start, end: position)
    return word
  }

  /// `"..."`: a backslash escapes `$`, a backquote, `"`, `\` and a line break; `$` and
  /// backquotes would expand.
  mutating func doubleQuoted(into word: inout Word) throws(ReadFailure) {
    let open = position
    position += 1
    while true {
      guard let byte = current else { throw failure("unclosed double quote", at: open) }
      switch byte {
      case UInt8(ascii: "\""):
        position += 1
        return
      case UInt8(ascii: "\\"):
        if let next = peek(1),
          [UInt8(ascii: "$"), UInt8(ascii: "`"), UInt8(ascii: "\""), UInt8(ascii: "\\")].contains(
            next)
        {
          word.bytes.append(next)
          word.offsets.append(position + 1)
          position += 2
        } else if peek(1) == 0x0A {
          position += 2
        } else {
          word.bytes.append(byte)
          word.offsets.append(position)
          position += 1
        }
      case UInt8(ascii: "$"), UInt8(ascii: "`"):
        throw failure(
          "shell expansion ('\(String(decoding: [byte], as: UTF8.self))') is not evaluated here",
          help: "write the value itself, in single quotes")
      default:
        word.bytes.append(byte)
        word.offsets.append(position)
        position += 1
      }
    }
  }
}
