/// Line starts of a text, for turning byte offsets into 1-based line and column.
///
/// A byte-order mark at the start is not part of line 1: columns count from the first
/// character after it, as editors show the line, while offsets stay offsets in the bytes.
struct LineMap: Sendable {
  static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

  let bytes: [UInt8]
  let lineStarts: [Int]
  /// Per line, the scalars before its start (after a byte-order mark), so offsets in scalars
  /// cost no scan from the top of the file.
  let lineScalarStarts: [Int]
  /// Where the text proper starts: 3 after a byte-order mark, else 0.
  let textStart: Int

  init(_ bytes: [UInt8]) {
    self.bytes = bytes
    textStart = bytes.starts(with: LineMap.byteOrderMark) ? LineMap.byteOrderMark.count : 0
    var starts = [0]
    var scalarStarts = [0]
    var scalars = 0
    for (offset, byte) in bytes.enumerated() where offset >= textStart {
      if byte & 0xC0 != 0x80 { scalars += 1 }
      if byte == UInt8(ascii: "\n") {
        starts.append(offset + 1)
        scalarStarts.append(scalars)
      }
    }
    lineStarts = starts
    lineScalarStarts = scalarStarts
  }

  /// 1-based line and column; the column counts Unicode scalars (code points).
  func location(of offset: Int) -> (line: Int, column: Int) {
    let clamped = min(max(0, offset), bytes.count)
    var low = 0
    var high = lineStarts.count - 1
    while low < high {
      let mid = (low + high + 1) / 2
      if lineStarts[mid] <= clamped { low = mid } else { high = mid - 1 }
    }
    let start = low == 0 ? min(textStart, clamped) : lineStarts[low]
    return (low + 1, scalarCount(start..<clamped) + 1)
  }

  /// The offset counted in Unicode scalars from the start of the text (after a byte-order
  /// mark), as SARIF's `charOffset` is under `"columnKind": "unicodeCodePoints"`.
  func scalarOffset(of offset: Int) -> Int {
    let (line, column) = location(of: offset)
    return lineScalarStarts[line - 1] + column - 1
  }

  /// Scalars in a byte range: the bytes that are not UTF-8 continuation bytes. The text is a
  /// Swift string's UTF-8, so always well formed; an offset inside a character counts it.
  private func scalarCount(_ range: Range<Int>) -> Int {
    var count = 0
    for index in range where bytes[index] & 0xC0 != 0x80 { count += 1 }
    return count
  }

  /// Where a span's carets go under its escaped line: 1-based column and width, counted in
  /// terminal cells. A span running past its line is shown to the end of the line; an empty
  /// span (end of input) still gets one caret so the eye finds it.
  func displaySpan(_ range: SourceRange) -> (column: Int, width: Int) {
    let start = location(of: range.start)
    let end = location(of: range.end)
    let line = Array(text(ofLine: start.line).unicodeScalars)
    func width(_ scalars: ArraySlice<Unicode.Scalar>) -> Int {
      scalars.reduce(0) { count, scalar in
        count
          + (DisplayText.isUnsafe(scalar)
            ? DisplayText.escape(String(scalar)).count : TerminalWidth.cells(scalar))
      }
    }
    let startIndex = min(start.column - 1, line.count)
    let endIndex =
      end.line == start.line ? min(max(end.column - 1, startIndex), line.count) : line.count
    return (width(line[..<startIndex]) + 1, max(1, width(line[startIndex..<endIndex])))
  }

  func text(ofLine line: Int) -> String {
    guard line >= 1, line <= lineStarts.count else { return "" }
    let start = line == 1 ? textStart : lineStarts[line - 1]
    var end = line < lineStarts.count ? lineStarts[line] - 1 : bytes.count
    if end > start, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
    // Tabs would break caret alignment; show them as one space each.
    let text = String(decoding: bytes[start..<max(start, end)], as: UTF8.self)
    return String(text.unicodeScalars.map { $0 == "\t" ? " " : Character($0) })
  }
}
