/// Text that came from findings or rules, made safe to show to a person.
///
/// A finding's `resource` or a rule's value can hold anything, including the bytes of a
/// terminal escape sequence (`ESC ] 0 ; title BEL` retitles the window, `ESC [ 2 J` clears the
/// screen, `ESC [ 1 A` plus a carriage return moves up and overwrites a warning) or a Unicode
/// bidirectional override that makes text read differently from what it is. Every
/// human-readable output (summaries, tables, explain, diagnostics, `check`) passes such text
/// through ``escape(_:)``, whether or not the output is a terminal; JSON output does not, since
/// JSON has its own exact escaping.
public enum DisplayText: Sendable {
  /// The text with each unsafe scalar written as `\u{HEX}` (upper-case hex, no leading zeros):
  /// `ESC` becomes `\u{1B}`, a newline `\u{A}`, U+202E `\u{202E}`. Everything else, including
  /// backslashes and non-Latin letters, is shown as it is, so ordinary text reads unchanged.
  ///
  /// The escaped form is for reading, not for reversing; `--output json` gives exact data.
  public static func escape(_ text: some StringProtocol) -> String {
    guard text.unicodeScalars.contains(where: isUnsafe) else { return String(text) }
    var output = ""
    output.reserveCapacity(text.utf8.count + 8)
    for scalar in text.unicodeScalars {
      if isUnsafe(scalar) {
        output += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
      } else {
        output.unicodeScalars.append(scalar)
      }
    }
    return output
  }

  /// Whether a scalar is escaped: the C0 controls (tab and newline included: one value must
  /// stay on one line), DEL and the C1 controls (U+009B is a one-byte CSI), the bidirectional
  /// formatting characters (U+061C, U+200E, U+200F, U+202A-U+202E, U+2066-U+2069) and the
  /// line and paragraph separators U+2028 and U+2029.
  public static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x00...0x1F, 0x7F...0x9F: true
    case 0x061C, 0x200E, 0x200F, 0x2028...0x202E, 0x2066...0x2069: true
    default: false
    }
  }
}
