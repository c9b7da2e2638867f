import FilterDSL

extension Console {
  /// Writes one message line to standard error, shown through `DisplayText.escape`: error and
  /// warning lines quote file names, arguments and values from findings and rules, any of which
  /// can hold control characters.
  func writeErrorLine(_ line: String) {
    writeError(DisplayText.escape(line) + "\n")
  }
}
