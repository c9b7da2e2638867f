import FilterDSL

/// Reading JSON-RPC messages into FilterDSL's `JSONValue`, with the package's one strict JSON
/// reader (`LocatedJSON`, RFC 8259).
///
/// Not Foundation's `JSONSerialization`: that one turns `1` and `true` into the same
/// `NSNumber`, so a request id `1` could come back as `true`, and it reads numbers as doubles,
/// so a large id would come back changed. Here a number keeps its JSON text, and a boolean
/// stays a boolean.
extension JSONValue {
  /// A JSON text as a value.
  /// - Parameter bytes: the UTF-8 text.
  /// - Returns: the value, or `nil` and a reason when the text is not JSON.
  package static func read(_ bytes: [UInt8]) -> Result<JSONValue, JSONReadFailure> {
    do {
      let located = try LocatedJSON.parse(bytes)
      return .success(JSONValue(located, bytes: bytes))
    } catch let error as LocatedJSON.SyntaxError {
      return .failure(JSONReadFailure(message: "\(error.message) at byte \(error.offset)"))
    } catch {
      return .failure(JSONReadFailure(message: "not JSON"))
    }
  }

  private init(_ located: LocatedJSON, bytes: [UInt8]) {
    switch located.value {
    case .null: self = .null
    case .bool(let value): self = .bool(value)
    case .number:
      let range = located.range
      self = .number(String(decoding: bytes[range.start..<range.end], as: UTF8.self))
    case .string(let value): self = .string(value)
    case .array(let elements): self = .array(elements.map { JSONValue($0, bytes: bytes) })
    case .object(let members):
      self = .object(members.map { ($0.key, JSONValue($0.value, bytes: bytes)) })
    }
  }

  /// The member named `key` (the last one when repeated, as JSON decoders keep).
  package subscript(key: String) -> JSONValue? {
    guard case .object(let members) = self else { return nil }
    return members.last { $0.0 == key }?.1
  }

  /// The text of a string.
  package var stringValue: String? {
    if case .string(let value) = self { return value }
    return nil
  }

  /// An integer written without fraction or exponent, in `Int`'s range.
  package var intValue: Int? {
    if case .number(let text) = self { return Int(text) }
    return nil
  }

  /// A boolean.
  package var boolValue: Bool? {
    if case .bool(let value) = self { return value }
    return nil
  }

  /// The elements of an array.
  package var arrayValue: [JSONValue]? {
    if case .array(let values) = self { return values }
    return nil
  }

  /// Whether the value is an object.
  package var isObject: Bool {
    if case .object = self { return true }
    return false
  }

  /// The value at a path of member names, through nested objects.
  package func at(_ path: String...) -> JSONValue? {
    var value: JSONValue? = self
    for key in path { value = value?[key] }
    return value
  }

  /// The UTF-8 bytes of the compact form, as a message body: exactly
  /// `serialized(pretty: false)`, written straight into bytes. Diagnostics of a large
  /// document run to megabytes, and building them as a string took as long as checking it.
  package var messageBody: [UInt8] {
    var output: [UInt8] = []
    output.reserveCapacity(256)
    Self.write(self, into: &output)
    return output
  }

  private static func write(_ value: JSONValue, into output: inout [UInt8]) {
    switch value {
    case .null: output.append(contentsOf: "null".utf8)
    case .bool(let value): output.append(contentsOf: (value ? "true" : "false").utf8)
    case .number(let text): output.append(contentsOf: text.utf8)
    case .string(let text): writeString(text, into: &output)
    case .array(let values):
      output.append(UInt8(ascii: "["))
      for (index, value) in values.enumerated() {
        if index > 0 { output.append(UInt8(ascii: ",")) }
        write(value, into: &output)
      }
      output.append(UInt8(ascii: "]"))
    case .object(let members):
      output.append(UInt8(ascii: "{"))
      for (index, (key, value)) in members.enumerated() {
        if index > 0 { output.append(UInt8(ascii: ",")) }
        writeString(key, into: &output)
        output.append(UInt8(ascii: ":"))
        write(value, into: &output)
      }
      output.append(UInt8(ascii: "}"))
    }
  }

  /// Printable ASCII without quote or backslash is written as it is; any other string goes
  /// through the package's one quoting rule (`JSONString.quote`).
  private static func writeString(_ text: String, into output: inout [UInt8]) {
    let plain = text.utf8.allSatisfy { byte in
      byte >= 0x20 && byte < 0x7F && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "\\")
    }
    guard plain else { return output.append(contentsOf: JSONString.quote(text).utf8) }
    output.append(UInt8(ascii: "\""))
    output.append(contentsOf: text.utf8)
    output.append(UInt8(ascii: "\""))
  }
}

/// Why a message body is not JSON.
package struct JSONReadFailure: Error, Sendable {
  package var message: String
}
