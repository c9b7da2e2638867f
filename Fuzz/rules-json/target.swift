@testable import FilterDSL
import Foundation

/// Arbitrary bytes into rule JSON: the decoder, `check` (lint) and its JSON and SARIF writers.
/// Invariants: no crash; diagnostics point inside the input; the JSON and SARIF outputs are
/// valid JSON (by Foundation's reading).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRulesJSON(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = Array(UnsafeBufferPointer(start: data, count: size))
  _ = RuleJSON.looksLikeJSON(bytes)
  _ = try? RuleJSON.decode(bytes)
  let report = Linter.lint(json: bytes)
  for diagnostic in report.diagnostics {
    let range = diagnostic.range
    require(
      0 <= range.start && range.start <= range.end && range.end <= report.source.utf8.count,
      "diagnostic range \(range) outside the input: \(diagnostic.message)")
  }
  _ = report.rendered(name: "fuzz", colored: true)
  for (format, output) in [
    ("json", report.json(file: "fuzz").serialized()),
    ("sarif", report.sarif(file: "fuzz", toolVersion: "0").serialized(pretty: false)),
  ] {
    require(foundationAcceptsJSON(Array(output.utf8)), "\(format) output is not JSON:\n\(output)")
  }
  return 0
}
