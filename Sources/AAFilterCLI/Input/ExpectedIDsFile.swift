/// The ids of the findings a team wants archived, as `suggest --expected IDS_FILE` reads them:
/// one id a line, surrounding whitespace trimmed, blank lines skipped. A `#` at the start of a
/// line or after a space or tab starts a comment, so a triage ticket's notes can stay beside
/// the ids (`7f3a... # the CI role`); a `#` inside an id is part of it. One UTF-8 byte-order
/// mark may start the file, as everywhere else aafilter reads text (editors on Windows write it).
enum ExpectedIDsFile {
  /// The UTF-8 encoding of U+FEFF.
  private static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

  /// The ids in file order, duplicates kept (the library ignores them).
  static func parse(_ bytes: [UInt8]) -> [String] {
    var ids: [String] = []
    let text = bytes.starts(with: byteOrderMark) ? bytes.dropFirst(byteOrderMark.count) : bytes[...]
    for line in text.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true) {
      var end = line.endIndex
      var index = line.startIndex
      while index < line.endIndex {
        let byte = line[index]
        if byte == UInt8(ascii: "#"),
          index == line.startIndex || isSpace(line[line.index(before: index)])
        {
          end = index
          break
        }
        index = line.index(after: index)
      }
      let kept = line[line.startIndex..<end]
      guard let first = kept.firstIndex(where: { !isSpace($0) }),
        let last = kept.lastIndex(where: { !isSpace($0) })
      else { continue }
      ids.append(String(decoding: kept[first...last], as: UTF8.self))
    }
    return ids
  }

  /// Spaces, tabs and the carriage return of a CRLF line end.
  private static func isSpace(_ byte: UInt8) -> Bool {
    byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r")
      || byte == 0x0B || byte == 0x0C
  }

  /// The ids of `path` (`-`: standard input).
  /// - Throws: `Reported` (exit status 2) when the file cannot be read or lists no id.
  static func read(_ path: String, console: Console) throws -> [String] {
    let bytes: [UInt8]
    if path == "-" {
      bytes = console.readInput()
    } else {
      do {
        bytes = try console.readFile(path)
      } catch {
        console.writeErrorLine("error: cannot read '\(path)'")
        throw Reported(status: .usage)
      }
    }
    let ids = parse(bytes)
    guard !ids.isEmpty else {
      let name = path == "-" ? "<stdin>" : path
      console.writeErrorLine("error: \(name) lists no finding ids: nothing to suggest rules for")
      throw Reported(status: .usage)
    }
    return ids
  }
}
