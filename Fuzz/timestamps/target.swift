import FilterEval

/// Arbitrary bytes into the timestamp parser. Invariants: no crash; a parsed instant printed in
/// canonical form parses back to the same instant, and the canonical form is a fixed point.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTimestamps(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
  guard let instant = Timestamp(parsing: text) else { return 0 }
  let printed = instant.canonicalText
  guard let again = Timestamp(parsing: printed) else {
    require(false, "'\(printed)', printed from '\(text)', does not parse")
    return 0
  }
  require(again == instant, "'\(text)' prints as '\(printed)', a different instant")
  require(again.canonicalText == printed, "'\(printed)' is not canonical")
  return 0
}
