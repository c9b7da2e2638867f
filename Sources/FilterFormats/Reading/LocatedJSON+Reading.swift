import FilterDSL

/// A reader's first fatal problem, as a diagnostic.
package struct ReadFailure: Error {
  package var diagnostic: Diagnostic
  package init(_ diagnostic: Diagnostic) { self.diagnostic = diagnostic }
}

/// Accessors the CloudFormation and Terraform state readers use on located JSON.
extension LocatedJSON {
  /// Parses, turning a syntax error into an `invalid-filter-json` diagnostic at its offset.
  static func parseDiagnosing(_ bytes: [UInt8]) throws(ReadFailure) -> LocatedJSON {
    do {
      return try parse(bytes)
    } catch let error as SyntaxError {
      let start = min(error.offset, bytes.count)
      throw ReadFailure(
        .error(
          .invalidFilterJSON, error.message,
          at: SourceRange(start: start, end: min(start + 1, bytes.count))))
    } catch {
      throw ReadFailure(
        .error(.invalidFilterJSON, "not valid JSON", at: SourceRange(start: 0, end: 0)))
    }
  }

  /// The last member named `key`'s value (as decoders keep).
  subscript(key: String) -> LocatedJSON? { member(key)?.value }

  var string: String? {
    if case .string(let text) = value { return text }
    return nil
  }

  var array: [LocatedJSON]? {
    if case .array(let items) = value { return items }
    return nil
  }

  var isObject: Bool {
    if case .object = value { return true }
    return false
  }

  /// The value's kind for messages: `a string`, `an object`.
  var kindName: String {
    switch value {
    case .null: "null"
    case .bool: "a boolean"
    case .number: "a number"
    case .string: "a string"
    case .array: "an array"
    case .object: "an object"
    }
  }
}
