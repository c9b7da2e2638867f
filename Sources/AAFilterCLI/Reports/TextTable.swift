import FilterDSL

/// Left-aligned columns separated by two spaces, for `--output table`. Cells come from findings
/// and rules, so each is shown through `DisplayText.escape`; widths are those of the escaped text.
struct TextTable {
  var headers: [String]
  var rows: [[String]] = []

  func render() -> String {
    let rows = rows.map { row in row.map { DisplayText.escape($0) } }
    var widths = headers.map(\.count)
    for row in rows {
      for (column, cell) in row.enumerated() where column < widths.count {
        widths[column] = max(widths[column], cell.count)
      }
    }
    func line(_ cells: [String]) -> String {
      cells.enumerated().map { column, cell in
        column == cells.count - 1
          ? cell : cell.padding(toLength: widths[column], withPad: " ", startingAt: 0)
      }.joined(separator: "  ")
    }
    return ([line(headers)] + rows.map(line)).joined(separator: "\n") + "\n"
  }
}
