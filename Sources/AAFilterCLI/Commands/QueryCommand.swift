import FilterDSL
import FilterEval

/// `aafilter query --findings FILE|- (--filter EXPR | --rules FILE) [--sort ATTR[:ORDER]] ...`
struct QueryCommand: Command {
  static let name = "query"
  static let summary = "filter, sort and page exported findings offline, like ListFindings"
  static let about = """
    Prints the matching findings shaped like 'aws accessanalyzer list-findings' output: json,
    ids (one id per line) or table. The filter is --filter, or the one filter map in the file
    --rules names; it may carry an 'order by' clause, which --sort overrides. With --analyzer,
    a filter or findings of another family is an error.
    """
  static let output = Option.output(["json", "ids", "table"], default: "json")
  static let required = [Option.findings.name]
  static let options: [Option] =
    OptionGroup.findingsInput + [.filter] + OptionGroup.ruleFile
    + [.sort, .maxResults, .nextToken, output, .analyzer]

  static func run(_ arguments: Arguments, console: Console) throws {
    guard let path = arguments.value(.findings) else {
      throw UsageError(message: "--findings is required")
    }
    let output = arguments.choice(output)
    let maxResults = arguments.integer(.maxResults)
    var (filter, sort, directive) = try RuleSources.filter(arguments, console: console)
    if let text = arguments.value(.sort) { sort = try parseSort(text) }
    let query = FindingQuery(
      filter: filter, sort: sort, maxResults: maxResults, nextToken: arguments.value(.nextToken))
    _ = try AnalyzerOption.given(arguments)
    let page: FindingQuery.Page<Finding>
    let summary: FindingsInput.Summary
    do {
      var runner = try FindingQuery.Runner<Finding>(query)
      var input = try FindingsInput(arguments, path: path, console: console)
      input.columns = runner.columns
      summary = try input.readStores(console: console) { runner.add($0) }
      page = try runner.finish()
    } catch let error as QueryError {
      console.writeErrorLine("error: \(error)")
      throw Reported()
    }
    let family = try AnalyzerOption.resolve(
      arguments, maps: [filter], findings: summary.families, directive: directive,
      console: console)
    if output == "table" { AnalyzerOption.note(family, console: console) }
    switch output {
    case "ids":
      // One id per line: an id cannot carry a newline or escape sequence through it exactly,
      // so it is shown escaped like any other text (AWS ids are plain UUIDs).
      for finding in page.findings { console.write(DisplayText.escape(finding.id ?? "") + "\n") }
    case "table": console.write(FindingRowsTable.render(page.findings))
    default: FindingsPageJSON.write(page.findings, nextToken: page.nextToken, to: console.write)
    }
    if !page.undecidable.isEmpty {
      console.writeErrorLine(
        "note: \(page.undecidable.count) record\(page.undecidable.count == 1 ? "" : "s") could not be decided (no access details, e.g. list-findings-v2 summaries) and are in no page"
      )
    }
  }

  /// `updatedAt`, `updatedAt:DESC`, or the CLI's own `attributeName=updatedAt,orderBy=DESC`.
  static func parseSort(_ text: String) throws -> SortCriteria {
    if text.contains("attributeName=") {
      var fields: [String: String] = [:]
      for part in text.split(separator: ",") {
        let pair = part.split(separator: "=", maxSplits: 1)
        if pair.count == 2 { fields[String(pair[0])] = String(pair[1]) }
      }
      guard let name = fields["attributeName"] else {
        throw UsageError(message: "--sort needs an attribute name")
      }
      return SortCriteria(attributeName: name, orderBy: try order(fields["orderBy"] ?? "ASC"))
    }
    let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
    guard let name = parts.first, !name.isEmpty else {
      throw UsageError(message: "--sort needs an attribute name")
    }
    return SortCriteria(attributeName: name, orderBy: try order(parts.count > 1 ? parts[1] : "ASC"))
  }

  private static func order(_ text: String) throws -> SortCriteria.Order {
    switch text.uppercased() {
    case "ASC": return .ascending
    case "DESC": return .descending
    default: throw UsageError(message: "sort order must be ASC or DESC, not '\(text)'")
    }
  }
}
