import AAFilterTestSupport
import FilterDSL
import FilterEval
import XCTest

final class QueryTests: XCTestCase {
  private func findings(_ count: Int, seed: UInt64) throws -> [Finding] {
    var random = SeededGenerator(seed: seed)
    let types = ["AWS::S3::Bucket", "AWS::KMS::Key", "AWS::IAM::Role"]
    let records = (0..<count).map { index -> String in
      var fields = [#""id":"f\#(index)""#]
      if random.next() % 5 != 0 {
        fields.append(#""resourceType":"\#(types[Int(random.next() % 3)])""#)
      }
      if random.next() % 4 != 0 { fields.append(#""isPublic":\#(random.next() % 2 == 0)"#) }
      if random.next() % 6 != 0 {
        let hour = random.next() % 24
        let offset = ["Z", "+02:00", "-05:30"][Int(random.next() % 3)]
        fields.append(
          #""updatedAt":"2024-02-1\#(random.next() % 3)T\#(hour < 10 ? "0" : "")\#(hour):00:00\#(offset)""#
        )
      }
      return "{" + fields.joined(separator: ",") + "}"
    }
    let decoded = try FindingsDecoder.decode(
      Array(("[" + records.joined(separator: ",") + "]").utf8))
    // A broken fixture must fail here, not leave the tests below running on nothing.
    XCTAssertEqual(decoded.findings.count, count)
    return decoded.findings
  }

  func testSort_ordersByTypeAndPutsMissingLast() throws {
    let input = try findings(300, seed: 1)
    for attribute in ["updatedAt", "resourceType", "isPublic", "id"] {
      for order in [SortCriteria.Order.ascending, .descending] {
        let page = try FindingQuery(sort: SortCriteria(attributeName: attribute, orderBy: order))
          .run(input)
        XCTAssertEqual(page.findings.count, input.count)
        let attributeValue: (Finding) -> String? = { finding in
          switch attribute {
          case "updatedAt":
            finding.updatedAt.map { String(format: "%012d.%09d", $0.seconds, $0.nanoseconds) }
          case "resourceType": finding.resourceType
          case "isPublic": finding.isPublic.map { $0 ? "1" : "0" }
          default: finding.id
          }
        }
        let keys = page.findings.map(attributeValue)
        let present = keys.prefix { $0 != nil }.compactMap { $0 }
        XCTAssertTrue(
          keys.dropFirst(present.count).allSatisfy { $0 == nil },
          "missing values come last: \(attribute)")
        XCTAssertEqual(
          present, order == .ascending ? present.sorted() : present.sorted(by: >), attribute)
        // Stable: among equal keys, input order.
        let positions = Dictionary(
          uniqueKeysWithValues: input.enumerated().map { ($0.element.id ?? "", $0.offset) })
        for (a, b) in zip(page.findings, page.findings.dropFirst())
        where attributeValue(a) == attributeValue(b) {
          XCTAssertLessThan(positions[a.id ?? ""] ?? 0, positions[b.id ?? ""] ?? 0)
        }
      }
    }
  }

  func testPaging_concatenatesToTheUnpagedResult() throws {
    let input = try findings(237, seed: 2)
    for size in [1, 10, 50, 236, 237, 1000] {
      let base = FindingQuery(
        filter: ["isPublic": Criterion(exists: true)],
        sort: SortCriteria(attributeName: "updatedAt", orderBy: .descending))
      let all = try base.run(input).findings.map(\.id)
      var paged: [String?] = []
      var query = base
      query.maxResults = size
      var pages = 0
      while true {
        let page = try query.run(input)
        paged += page.findings.map(\.id)
        pages += 1
        guard let token = page.nextToken else { break }
        query.nextToken = token
      }
      XCTAssertEqual(paged, all, "page size \(size)")
      XCTAssertEqual(pages, max(1, (all.count + size - 1) / size))
    }
  }

  func testPageToken_fromAnotherQueryIsRejected() throws {
    let input = try findings(50, seed: 3)
    let first = try FindingQuery(filter: ["resourceType": Criterion(exists: true)], maxResults: 5)
      .run(input)
    let token = try XCTUnwrap(first.nextToken)
    for other in [
      FindingQuery(filter: ["isPublic": Criterion(exists: true)], maxResults: 5, nextToken: token),
      FindingQuery(
        filter: ["resourceType": Criterion(exists: true)], sort: SortCriteria(attributeName: "id"),
        nextToken: token),
      FindingQuery(filter: ["resourceType": Criterion(exists: true)], nextToken: "garbage"),
    ] {
      XCTAssertThrowsError(try other.run(input))
    }
    XCTAssertNoThrow(
      try FindingQuery(
        filter: ["resourceType": Criterion(exists: true)], maxResults: 7, nextToken: token
      ).run(input))
  }

  func testUnknownSortAttribute_listsTheValidOnes() {
    XCTAssertThrowsError(
      try FindingQuery(sort: SortCriteria(attributeName: "updatedat")).run([Finding]())
    ) {
      error in
      XCTAssertEqual(
        error as? QueryError, .unknownSortAttribute("updatedat", suggestion: "updatedAt"))
      XCTAssertTrue("\(error)".contains("sortable attributes are id, resource"))
    }
  }
}

final class QueryEdgeTests: XCTestCase {
  func testNonPositivePageSizes_stillPage() throws {
    let findings = try FindingsDecoder.decode(Array(#"[{"id":"a"},{"id":"b"}]"#.utf8)).findings
    for size in [0, -5] {
      let page = try FindingQuery(maxResults: size).run(findings)
      XCTAssertEqual(page.findings.map(\.id), ["a"])
      XCTAssertNotNil(page.nextToken)
    }
  }
}
