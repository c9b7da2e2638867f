import FilterEval

/// `query --output table`: one row per finding of the page.
enum FindingRowsTable {
  static func render(_ findings: [Finding]) -> String {
    var table = TextTable(headers: ["ID", "STATUS", "PUBLIC", "TYPE", "UPDATED", "RESOURCE"])
    for finding in findings {
      table.rows.append([
        finding.id ?? "-", finding.status ?? "-", finding.isPublic.map { $0 ? "yes" : "no" } ?? "-",
        finding.resourceType ?? "-", finding.updatedAt?.text ?? "-", finding.resource ?? "-",
      ])
    }
    return table.render()
  }
}
