/// Snippet syntax (`${1:value}`, `$0`) for clients that insert plain text only.
enum Snippet {
  /// The text a snippet inserts with every placeholder at its default: `rule ${1:Name} {$0}`
  /// becomes `rule Name {}`. A backslash keeps the next character literally; a `}` closes a
  /// placeholder only while one is open, so the rule's own braces stay.
  static func plain(_ snippet: String) -> String {
    var output = String.UnicodeScalarView()
    var scalars = snippet.unicodeScalars[...]
    var open = 0
    func isDigit(_ scalar: Unicode.Scalar) -> Bool { ("0"..."9").contains(scalar) }
    while let scalar = scalars.popFirst() {
      switch scalar {
      case "\\":
        if let next = scalars.popFirst() { output.append(next) }
      case "$" where scalars.first == "{":
        scalars = scalars.dropFirst().drop(while: isDigit)
        if scalars.first == ":" { scalars = scalars.dropFirst() }
        open += 1
      case "$" where scalars.first.map(isDigit) == true:
        scalars = scalars.drop(while: isDigit)
      case "}" where open > 0:
        open -= 1
      default:
        output.append(scalar)
      }
    }
    return String(output)
  }
}
