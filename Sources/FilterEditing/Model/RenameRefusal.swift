/// Why a rename cannot be done: nothing to rename at the cursor, an invalid name, or a name
/// another rule already has.
public struct RenameRefusal: Error, Hashable, Sendable, CustomStringConvertible {
  /// For people, lower case: `'1st' is not a valid archive rule name`.
  public var message: String

  /// A refusal.
  /// - Parameter message: why.
  public init(message: String) { self.message = message }

  /// The message.
  public var description: String { message }
}
