import FilterDSL
import FilterEval

/// The `list-findings` output shape, with each finding exactly as it came in. Written piece
/// by piece so a large result is never held twice.
enum FindingsPageJSON {
  static func write(_ findings: [Finding], nextToken: String?, to write: (String) -> Void) {
    write("{\n  \"findings\": [")
    for (index, finding) in findings.enumerated() {
      write(index == 0 ? "\n    " : ",\n    ")
      write(finding.json.text)
    }
    write(findings.isEmpty ? "]" : "\n  ]")
    if let nextToken { write(",\n  \"nextToken\": " + JSONValue.string(nextToken).serialized()) }
    write("\n}\n")
  }
}
