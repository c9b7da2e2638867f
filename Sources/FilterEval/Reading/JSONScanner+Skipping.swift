extension JSONScanner {
  /// What the quick skipper expects next.
  private enum SkipState {
    case value, afterValue, memberName
  }

  /// Skips one value, validating it exactly as `skipValue` does, without recursion or
  /// closures. Returns false, with the position anywhere, for what it does not settle: any
  /// error, and nesting past 64 levels below the current one. A caller that needs the error
  /// reads the value again with `skipValue`, which owns every message.
  mutating func skipValueQuickly() -> Bool {
    // Bit `n` is set when the container `n + 1` levels down is an object.
    var objects: UInt64 = 0
    var level = 0
    var state = SkipState.value
    while true {
      switch state {
      case .value:
        skipWhitespace()
        guard let byte = peek() else { return false }
        switch byte {
        case UInt8(ascii: "{"), UInt8(ascii: "["):
          let isObject = byte == UInt8(ascii: "{")
          guard level < 64, depth + level < Self.maxDepth else { return false }
          if isObject { objects |= 1 << UInt64(level) } else { objects &= ~(1 << UInt64(level)) }
          level += 1
          position += 1
          skipWhitespace()
          if peek() == (isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) {
            position += 1
            level -= 1
            state = .afterValue
          } else {
            state = isObject ? .memberName : .value
          }
          continue
        case UInt8(ascii: "\""):
          guard (try? readStringBytes()) != nil else { return false }
        case UInt8(ascii: "t"):
          guard (try? literal("true")) != nil else { return false }
        case UInt8(ascii: "f"):
          guard (try? literal("false")) != nil else { return false }
        case UInt8(ascii: "n"):
          guard (try? literal("null")) != nil else { return false }
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
          guard (try? skipNumber()) != nil else { return false }
        default:
          return false
        }
        state = .afterValue
      case .afterValue:
        if level == 0 { return true }
        skipWhitespace()
        let inObject = objects & (1 << UInt64(level - 1)) != 0
        switch peek() {
        case UInt8(ascii: ","):
          position += 1
          state = inObject ? .memberName : .value
        case UInt8(ascii: "}") where inObject, UInt8(ascii: "]") where !inObject:
          position += 1
          level -= 1
        default:
          return false
        }
      case .memberName:
        skipWhitespace()
        guard peek() == UInt8(ascii: "\""), (try? readStringBytes()) != nil else { return false }
        skipWhitespace()
        guard peek() == UInt8(ascii: ":") else { return false }
        position += 1
        state = .value
      }
    }
  }
}
