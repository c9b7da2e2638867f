import FilterDSL

/// ListFindings, offline: filter, sort and page findings exactly as grammar.md specifies.
///
/// ```swift
/// import FilterDSL
/// import FilterEval
///
/// let findings = [Finding(id: "f-1", status: "ACTIVE"), Finding(id: "f-2", status: "RESOLVED")]
/// let query = FindingQuery(
///   filter: try FilterCompiler.compile("status eq ACTIVE").checked().maps[0],
///   sort: SortCriteria(attributeName: "updatedAt", orderBy: .descending), maxResults: 50)
/// let page = try query.run(findings)  // f-1, and the token of the next page if any
/// ```
public struct FindingQuery: Sendable {
  /// The filter; the empty map matches every finding.
  public var filter: FilterCriteriaMap
  /// The sort, or `nil` for input order.
  public var sort: SortCriteria?
  /// The page size, or `nil` for one page of everything.
  public var maxResults: Int?
  /// The token a previous page returned, to fetch the page after it.
  public var nextToken: String?

  /// A query.
  /// - Parameters:
  ///   - filter: the filter map.
  ///   - sort: the sort, or `nil` for input order.
  ///   - maxResults: the page size (at least 1), or `nil` for no paging.
  ///   - nextToken: a previous page's ``Page/nextToken``.
  public init(
    filter: FilterCriteriaMap = [:], sort: SortCriteria? = nil, maxResults: Int? = nil,
    nextToken: String? = nil
  ) {
    self.filter = filter
    self.sort = sort
    self.maxResults = maxResults
    self.nextToken = nextToken
  }

  /// One page of results.
  public struct Page<Record: FindingRecord> {
    /// The matching findings of this page, in result order.
    public var findings: [Record]
    /// The token for the next page; `nil` on the last page.
    public var nextToken: String?
    /// How many findings matched in all pages.
    public var totalMatches: Int
    /// Records the filter could not be decided on (list-findings-v2 summaries asked about
    /// access details), in input order; they are in no page.
    public var undecidable: [Record]
  }

  /// Filters, sorts and pages `records`.
  /// - Parameter records: findings of any ``FindingRecord`` type, in input order.
  /// - Returns: the page the query asks for.
  /// - Throws: ``QueryError`` for a sort attribute that cannot be sorted by, or a page
  ///   token from another query.
  public func run<Records: Sequence>(_ records: Records) throws -> Page<Records.Element>
  where Records.Element: FindingRecord {
    var runner = try Runner<Records.Element>(self)
    for record in records { runner.add(record) }
    return try runner.finish()
  }

  /// Takes findings one at a time and keeps only those that match (or cannot be decided), so
  /// a stream of any length costs memory for the results alone.
  public struct Runner<Record: FindingRecord> {
    private let query: FindingQuery
    private let attribute: SortAttribute?
    private let matcher: FindingMatcher
    private var matched: [Record] = []
    private var undecidable: [Record] = []

    /// A runner for `query`.
    /// - Parameter query: the query to run.
    /// - Throws: ``QueryError/unknownSortAttribute(_:suggestion:)`` for a sort attribute that
    ///   cannot be sorted by.
    public init(_ query: FindingQuery) throws {
      self.query = query
      attribute = try query.sort.map { try SortAttribute(validating: $0.attributeName) }
      matcher = FindingMatcher(query.filter)
    }

    /// Evaluates one finding, keeping it when it matches or cannot be decided.
    /// - Parameter record: the next finding in input order.
    public mutating func add(_ record: Record) {
      switch matcher.evaluate(record) {
      case .match: matched.append(record)
      case .undecidable: undecidable.append(record)
      case .noMatch: break
      }
    }

    /// Sorts, then cuts the page the token asks for.
    /// - Returns: the page.
    /// - Throws: ``QueryError/invalidPageToken(_:)`` for a token from another query.
    public func finish() throws -> Page<Record> {
      var results = matched
      if let attribute, let sort = query.sort {
        results = FindingQuery.sorted(results, by: attribute, order: sort.orderBy)
      }
      let fingerprint = PageToken.fingerprint(
        filter: query.filter, sort: query.sort, matches: results.count)
      var start = 0
      if let nextToken = query.nextToken {
        guard let token = PageToken(parsing: nextToken), token.fingerprint == fingerprint,
          token.offset <= results.count
        else { throw QueryError.invalidPageToken(nextToken) }
        start = token.offset
      }
      let end = query.maxResults.map { min(results.count, start + max(1, $0)) } ?? results.count
      let next = end < results.count ? PageToken(offset: end, fingerprint: fingerprint).text : nil
      return Page(
        findings: Array(results[start..<end]), nextToken: next, totalMatches: results.count,
        undecidable: undecidable)
    }
  }

  /// Stable: ties keep input order. Findings without the attribute come last in both
  /// directions.
  static func sorted<Record: FindingRecord>(
    _ records: [Record], by attribute: SortAttribute, order: SortCriteria.Order
  ) -> [Record] {
    let keyed = records.enumerated().map { (index: $0.offset, key: attribute.key(of: $0.element)) }
    let ordered = keyed.sorted { a, b in
      switch (a.key, b.key) {
      case (nil, nil): return a.index < b.index
      case (nil, _): return false
      case (_, nil): return true
      case (let x?, let y?):
        if x == y { return a.index < b.index }
        return order == .ascending ? x < y : y < x
      }
    }
    return ordered.map { records[$0.index] }
  }
}

extension FindingQuery.Page: Sendable where Record: Sendable {}
extension FindingQuery.Runner: Sendable where Record: Sendable {}

extension FindingQuery.Runner where Record == Finding {
  /// The store columns `add(_:)` reads: those of the filter's keys. A reader keeping only
  /// these (`FindingsStoreReader.columns`) gives the same results, sooner.
  public var columns: FindingStore.Columns { FindingStore.Columns(reading: query.filter) }

  /// Adds a store's findings, evaluated column by column; only the findings kept become
  /// `Finding`s, built from their own bytes.
  /// - Parameter store: findings in input order.
  public mutating func add(_ store: FindingStore) {
    let verdicts = store.ranks(matcher)
    for row in 0..<store.count where verdicts[row] != .noMatch {
      if verdicts[row] == .match {
        matched.append(store.finding(at: row))
      } else {
        undecidable.append(store.finding(at: row))
      }
    }
  }
}

/// An opaque page token: the offset of the next page and a fingerprint of the query, so a
/// token from another query (or another input) is rejected rather than silently misread.
struct PageToken: Equatable {
  var offset: Int
  var fingerprint: UInt64

  init(offset: Int, fingerprint: UInt64) {
    self.offset = offset
    self.fingerprint = fingerprint
  }

  init?(parsing text: String) {
    let parts = text.split(separator: ".", omittingEmptySubsequences: false)
    guard parts.count == 3, parts[0] == "aaf1", let offset = Int(parts[1], radix: 16), offset >= 0,
      let fingerprint = UInt64(parts[2], radix: 16)
    else { return nil }
    self.offset = offset
    self.fingerprint = fingerprint
  }

  var text: String { "aaf1.\(String(offset, radix: 16)).\(String(fingerprint, radix: 16))" }

  /// FNV-1a over the canonical filter JSON, the sort and the number of matches.
  static func fingerprint(filter: FilterCriteriaMap, sort: SortCriteria?, matches: Int) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    let text =
      filter.json.serialized(pretty: false) + "|" + (sort?.json.serialized(pretty: false) ?? "")
      + "|\(matches)"
    for byte in text.utf8 {
      hash ^= UInt64(byte)
      hash &*= 0x100_0000_01b3
    }
    return hash
  }
}
