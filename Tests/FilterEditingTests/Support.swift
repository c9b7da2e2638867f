import FilterDSL
import FilterEditing
import XCTest

/// The cursor marker in test documents; tests strip it and use its UTF-8 offset.
let cursorMarker = "‸"

/// The text without its cursor marker, and the marker's UTF-8 offset (the end when absent).
func marked(_ text: String) -> (text: String, offset: Int) {
  guard let range = text.range(of: cursorMarker) else { return (text, text.utf8.count) }
  let offset = text.utf8.distance(from: text.startIndex, to: range.lowerBound)
  return (text.replacingCharacters(in: range, with: ""), offset)
}

/// The text of a range of a document.
func slice(_ text: String, _ range: SourceRange) -> String {
  let bytes = Array(text.utf8)
  let end = min(max(0, range.end), bytes.count)
  let start = min(max(0, range.start), end)
  return String(decoding: bytes[start..<end], as: UTF8.self)
}
