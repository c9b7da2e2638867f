import FilterDSL

/// Which of the shapes users hand us a findings input had.
public enum FindingsShape: String, Hashable, Sendable, Codable {
  /// `list-findings`, `list-findings-v2` or `list-access-preview-findings` output.
  case findingsPage = "findings-page"
  /// `get-finding` output: `{"finding": {...}}`.
  case getFinding = "get-finding"
  /// A bare JSON array of findings (or of events).
  case array
  /// One finding object, such as `get-finding-v2` output.
  case finding
  /// An EventBridge event with the finding under `detail`.
  case event
  /// Several JSON values, one per line.
  case jsonLines = "json-lines"
}

/// A malformed record or document, located for the person who has to fix it.
public struct RecordError: Error, Hashable, Sendable, CustomStringConvertible {
  /// `DiagnosticCode.invalidFindingsJSON` for JSON that does not parse,
  /// `DiagnosticCode.malformedFinding` for a record that parses but is not a
  /// finding.
  public var code: DiagnosticCode
  /// Where in the document: `findings[3].createdAt`, `line 4: principal.AWS`.
  public var path: String
  /// What is wrong.
  public var message: String
  /// The line, from 1.
  public var line: Int
  /// The column in Unicode scalars, from 1.
  public var column: Int

  /// `path: message (line L, column C)`.
  public var description: String {
    (path.isEmpty ? "" : "\(path): ") + "\(message) (line \(line), column \(column))"
  }
}

/// Findings decoded from one input, in input order.
public struct FindingsDocument: Sendable {
  /// The findings, in input order.
  public var findings: [Finding]
  /// The shape the input had.
  public var shape: FindingsShape
  /// The page token of a `list-findings` page, if the input had one.
  public var nextToken: String?
  /// Records skipped in lenient mode, with why.
  public var skipped: [RecordError]
  /// EventBridge events that are not findings (`Access Preview State Change`), skipped.
  public var skippedEvents = 0
}

/// How the findings reader treats malformed records.
public struct FindingsDecodingOptions: Hashable, Sendable {
  /// Skip malformed records (counting and reporting them) instead of failing. JSON syntax
  /// errors still fail a whole document; in JSON Lines they skip the line.
  public var lenient = false

  /// Options.
  /// - Parameter lenient: skip malformed records instead of failing.
  public init(lenient: Bool = false) {
    self.lenient = lenient
  }
}
