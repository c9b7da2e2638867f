/// A named archive rule, in the API's `InlineArchiveRule` shape.
public struct ArchiveRule: Hashable, Sendable, Codable {
  /// The rule's name, unique within an analyzer.
  public var ruleName: String
  /// The findings the rule archives.
  public var filter: FilterCriteriaMap

  /// A rule.
  /// - Parameters:
  ///   - ruleName: its name (see ``isValidName(_:)``).
  ///   - filter: its filter map.
  public init(ruleName: String, filter: FilterCriteriaMap) {
    self.ruleName = ruleName
    self.filter = filter
  }

  /// The service's `Name` shape: 1 to 255 characters, `[A-Za-z][A-Za-z0-9_.-]*`.
  public static func isValidName(_ name: String) -> Bool {
    let bytes = Array(name.utf8)
    guard let first = bytes.first, bytes.count <= 255, isLetter(first) else { return false }
    return bytes.allSatisfy {
      isLetter($0) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0)
        || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "-")
    }
  }

  private static func isLetter(_ byte: UInt8) -> Bool {
    (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
      || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
  }
}
