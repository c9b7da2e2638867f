import AAFilterTestSupport
import FilterDSL
import Foundation
import XCTest

/// Parses JSON text into Foundation objects so that JSON documents compare by value.
func jsonObject(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> NSObject? {
  guard let data = text.data(using: .utf8),
    let object = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
      as? NSObject
  else {
    XCTFail("not JSON: \(text)", file: file, line: line)
    return nil
  }
  return object
}

/// The codes of the diagnostics a source produces when parsed and compiled.
func diagnosticCodes(_ source: String, split: Bool = false) -> [String] {
  do {
    switch try FilterSource(parsing: source) {
    case .expression(let expression):
      return expression.compile(options: CompileOptions(split: split)).1.map(\.code.rawValue)
    case .ruleSet(let ruleSet):
      return ruleSet.compile(options: CompileOptions(split: split)).1.map(\.code.rawValue)
    }
  } catch let error as DiagnosticError {
    return error.diagnostics.map(\.code.rawValue)
  } catch {
    return ["unexpected \(error)"]
  }
}

/// Compiles any source to its output JSON text as the CLI prints it, or the diagnostics.
func compileToJSON(_ source: String, split: Bool) -> Result<String, DiagnosticError> {
  let result = FilterCompiler.compile(source, options: CompileOptions(split: split))
  guard !result.hasErrors else {
    return .failure(DiagnosticError(result.diagnostics, source: source))
  }
  if result.isRuleSet { return .success(encodeJSON(["archiveRules": result.rules])) }
  return .success(split ? encodeJSON(result.maps) : encodeJSON(result.filterMap))
}

/// Strips the `⟨` `⟩` markers, returning the text and the byte range they enclosed.
func marked(_ text: String) -> (String, SourceRange?) {
  guard let open = text.range(of: "⟨"), let close = text.range(of: "⟩") else {
    return (text, nil)
  }
  let start = text.utf8.distance(from: text.utf8.startIndex, to: open.lowerBound)
  let end = text.utf8.distance(from: text.utf8.startIndex, to: close.lowerBound) - "⟨".utf8.count
  return (
    text.replacingOccurrences(of: "⟨", with: "").replacingOccurrences(of: "⟩", with: ""),
    SourceRange(start: start, end: end)
  )
}
