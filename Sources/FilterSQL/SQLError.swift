/// Why SQL could not be generated: a value the engines cannot hold, an attribute that cannot
/// be sorted by, or a layout the dialect does not have.
public struct SQLError: Error, Hashable, Sendable, CustomStringConvertible {
  /// A stable code for tools, open for new members (as `DiagnosticCode` is).
  public struct Code: RawRepresentable, Hashable, Sendable {
    /// The code's text, such as `nul-in-value`.
    public var rawValue: String
    /// A code with this text.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// A key or value holds U+0000, which PostgreSQL text cannot store.
    public static let nulInValue = Code(rawValue: "nul-in-value")
    /// The sort attribute is not one of the sortable attributes.
    public static let unknownSortAttribute = Code(rawValue: "unknown-sort-attribute")
    /// The layout exists only in other dialects (steampipe is a PostgreSQL table).
    public static let unsupportedLayout = Code(rawValue: "unsupported-layout")
    /// A rule name outside the service's name shape.
    public static let invalidRuleName = Code(rawValue: "invalid-rule-name")
  }

  /// What went wrong, as a stable code.
  public var code: Code
  /// The message for people: lower-case, identifiers in single quotes.
  public var message: String

  /// An error with a code and a message.
  public init(_ code: Code, _ message: String) {
    self.code = code
    self.message = message
  }

  /// The message.
  public var description: String { message }

  /// A value shown in a message: escaped so control characters cannot reach a terminal.
  static func shown(_ value: String) -> String {
    var text = "'"
    for scalar in value.unicodeScalars {
      if scalar.value < 0x20 || scalar.value == 0x7F || (0x202A...0x202E).contains(scalar.value)
        || (0x2066...0x2069).contains(scalar.value)
      {
        text += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
      } else {
        text.unicodeScalars.append(scalar)
      }
    }
    return text + "'"
  }
}
