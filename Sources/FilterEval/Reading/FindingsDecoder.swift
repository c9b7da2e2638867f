import FilterDSL

/// Decodes findings from every shape a user has at hand, with one entry point.
///
/// Shapes: `list-findings` / `list-findings-v2` / `list-access-preview-findings` pages,
/// `get-finding`, `get-finding-v2`, a bare array, EventBridge events (finding under `detail`;
/// the three finding detail types are read, an `Access Preview State Change` is counted in
/// `skippedEvents` and skipped), and JSON Lines (any of these, one per line). Detection needs
/// no flag: an object with `findings` is a page, with `finding` a get-finding, with an object
/// `detail` an event, and otherwise the object is a finding itself.
public enum FindingsDecoder: Sendable {
  /// Decodes a whole input: any shape, detected.
  /// - Parameters:
  ///   - bytes: the input.
  ///   - options: whether to skip malformed records.
  /// - Returns: the findings, the shape and the records skipped.
  /// - Throws: ``RecordError`` for invalid JSON or, unless lenient, a malformed record.
  public static func decode(_ bytes: [UInt8], options: FindingsDecodingOptions = .init()) throws
    -> FindingsDocument
  {
    try bytes.withUnsafeBufferPointer { buffer in
      var session = DecodingSession(source: bytes, buffer: buffer, options: options)
      return try session.decodeAll()
    }
  }

  /// Decodes one JSON Lines line (or any single JSON value) on its own; `line` is used in
  /// messages. Streams use `FindingsLineDecoder`, which shares interned strings across lines.
  package static func decodeLine(
    _ bytes: [UInt8], line: Int, options: FindingsDecodingOptions = .init(),
    into document: inout FindingsDocument
  ) throws {
    var decoder = FindingsLineDecoder(options: options)
    let findings = try decoder.decode(bytes, line: line)
    document.findings += findings
    document.skipped += decoder.skipped
    document.skippedEvents += decoder.skippedEvents
  }
}

/// Decodes JSON Lines one line at a time, keeping one string interner for the whole stream so
/// that repeated values (types, statuses, accounts) are shared across records.
public struct FindingsLineDecoder: Sendable {
  /// How to treat malformed records.
  public var options: FindingsDecodingOptions
  /// Records skipped so far in lenient mode.
  public private(set) var skipped: [RecordError] = []
  /// Events skipped because they are not findings (access preview state changes).
  public private(set) var skippedEvents = 0
  private var interner = StringInterner()

  /// A decoder for one stream.
  /// - Parameter options: how to treat malformed records.
  public init(options: FindingsDecodingOptions = .init()) {
    self.options = options
  }

  /// The findings on one line (an empty line has none).
  public mutating func decode(_ bytes: [UInt8], line: Int) throws -> [Finding] {
    try bytes.withUnsafeBufferPointer { buffer in
      var session = DecodingSession(source: bytes, buffer: buffer, options: options)
      // Move, don't copy: two owners would make the first insertion copy the whole table.
      swap(&session.interner, &interner)
      session.lineOffset = line - 1
      defer {
        swap(&session.interner, &interner)
        skipped += session.document.skipped
        skippedEvents += session.document.skippedEvents
      }
      var scanner = JSONScanner(buffer)
      scanner.skipWhitespace()
      guard !scanner.isAtEnd else { return [] }
      do {
        try session.decodeTopLevel(&scanner, line: line)
        scanner.skipWhitespace()
        if !scanner.isAtEnd {
          throw scanner.error("expected one JSON value on the line, found more")
        }
      } catch let error as JSONSyntaxError {
        let failure = session.recordError(
          path: "line \(line)", message: error.message, offset: error.offset,
          code: .invalidFindingsJSON)
        guard options.lenient else { throw failure }
        session.document.skipped.append(failure)
      }
      return session.document.findings
    }
  }
}

struct DecodingSession {
  let source: [UInt8]
  let buffer: UnsafeBufferPointer<UInt8>
  let options: FindingsDecodingOptions
  var interner = StringInterner()
  var document = FindingsDocument(findings: [], shape: .finding, nextToken: nil, skipped: [])
  /// Lines before this buffer, for JSON Lines read one line at a time.
  var lineOffset = 0

  init(source: [UInt8], buffer: UnsafeBufferPointer<UInt8>, options: FindingsDecodingOptions) {
    self.source = source
    self.buffer = buffer
    self.options = options
  }

  /// The last position turned into a line, so that errors met in order (lenient mode can
  /// meet many) are located by scanning forward rather than from the start each time.
  private var lineCursor = (offset: 0, line: 1, lineStart: 0)

  mutating func recordError(
    path: String, message: String, offset: Int, code: DiagnosticCode = .malformedFinding
  ) -> RecordError {
    let (line, column) = location(of: offset)
    return RecordError(
      code: code, path: path, message: message, line: line + lineOffset, column: column)
  }

  /// Line and column of a byte offset, scanning on from the previous answer when it can.
  mutating func location(of offset: Int) -> (line: Int, column: Int) {
    let target = min(max(0, offset), buffer.count)
    if target < lineCursor.offset { lineCursor = (0, 1, 0) }
    var (position, line, lineStart) = lineCursor
    while position < target {
      if buffer[position] == 0x0A {
        line += 1
        lineStart = position + 1
      }
      position += 1
    }
    lineCursor = (position, line, lineStart)
    let prefix = String(
      decoding: UnsafeBufferPointer(rebasing: buffer[lineStart..<target]), as: UTF8.self)
    return (line, prefix.unicodeScalars.count + 1)
  }

  mutating func decodeAll() throws -> FindingsDocument {
    var scanner = JSONScanner(buffer)
    // A UTF-8 byte order mark is tolerated at the start (editors on Windows add one).
    if buffer.count >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF {
      scanner.position = 3
    }
    scanner.skipWhitespace()
    var values = 0
    do {
      guard !scanner.isAtEnd else {
        throw scanner.error("expected findings JSON, found an empty input")
      }
      while !scanner.isAtEnd {
        let line = values == 0 ? nil : location(of: scanner.position).line
        if values == 1 { document.shape = .jsonLines }
        try decodeTopLevel(&scanner, line: line)
        values += 1
        scanner.skipWhitespace()
      }
    } catch let error as JSONSyntaxError {
      throw recordError(
        path: "", message: error.message, offset: error.offset, code: .invalidFindingsJSON)
    }
    if values > 1 { document.shape = .jsonLines }
    return document
  }

  /// One top-level value: a page, a get-finding, an event, a finding or an array of them.
  mutating func decodeTopLevel(_ scanner: inout JSONScanner, line: Int?) throws {
    switch scanner.peek() {
    case UInt8(ascii: "["):
      if line == nil { document.shape = .array }
      try scanner.readArray { scanner, index in
        try decodeObject(
          &scanner, RecordLocation(container: "", index: index, line: line), allowWrappers: true)
      }
    case UInt8(ascii: "{"):
      let shape = try decodeObject(
        &scanner, RecordLocation(container: "", index: nil, line: line), allowWrappers: true)
      if line == nil { document.shape = shape }
    default:
      throw scanner.error(
        "expected findings JSON (an object or an array), found \(scanner.describeHere())")
    }
  }

  /// Reads an object that is either a wrapper (page, get-finding, event) or a finding, in one
  /// pass: finding fields are collected as they come and kept only if no wrapper key shows up.
  @discardableResult
  mutating func decodeObject(
    _ scanner: inout JSONScanner, _ location: RecordLocation, allowWrappers: Bool,
    eventFamily: AnalyzerFamily? = nil
  ) throws -> FindingsShape {
    guard scanner.peek() == UInt8(ascii: "{") else {
      let message = "expected a finding object, found \(scanner.describeHere())"
      try reject(FieldError(field: "", message: message, offset: scanner.position), at: location)
      try scanner.skipValue()
      return .finding
    }
    let start = scanner.position
    var builder = FindingRecordBuilder(source: source)
    builder.recordStart = start
    builder.familyEvidence.event = eventFamily
    var shape = FindingsShape.finding
    var sawNextToken = false
    // The event's detail is read after its detail-type, which may come later in the object.
    var detail: JSONScanner?
    var detailType: String?
    try scanner.readObject { scanner, key in
      if allowWrappers {
        if key.equals("findings"), scanner.peek() == UInt8(ascii: "[") {
          shape = .findingsPage
          return try scanner.readArray { scanner, index in
            try decodeObject(
              &scanner, RecordLocation(container: "findings", index: index, line: location.line),
              allowWrappers: false)
          }
        }
        if key.equals("finding"), scanner.peek() == UInt8(ascii: "{") {
          shape = .getFinding
          try decodeObject(
            &scanner, RecordLocation(container: "finding", line: location.line),
            allowWrappers: false)
          return
        }
        if key.equals("detail"), scanner.peek() == UInt8(ascii: "{") {
          shape = .event
          detail = scanner
          try scanner.skipValue()
          return
        }
        if key.equals("detail-type"), scanner.peek() == UInt8(ascii: "\"") {
          detailType = try scanner.readStringBytes().string
          return
        }
        if key.equals("nextToken"), scanner.peek() == UInt8(ascii: "\"") {
          document.nextToken = try scanner.readStringBytes().string
          sawNextToken = true
          return
        }
      }
      try builder.read(key, &scanner, &interner)
    }
    if var detail {
      try decodeEvent(&detail, type: detailType, location)
    }
    guard shape == .finding else { return shape }
    // get-finding-v2 pages findingDetails: with a nextToken, more details are to come.
    builder.detailsArePartial = sawNextToken
    if builder.firstError == nil, builder.fields.id == nil {
      // Not a finding at all (an archive-rule listing, say): say so rather than invent one.
      let message =
        "not a finding: no 'id' (expected a finding, or an object with 'findings', 'finding' or 'detail')"
      builder.firstError = FieldError(field: "", message: message, offset: start)
    }
    if let error = builder.firstError {
      try reject(error, at: location)
      return shape
    }
    document.findings.append(builder.finish(json: RawJSON(source[start..<scanner.position])))
    return shape
  }

  private mutating func reject(_ error: FieldError, at location: RecordLocation) throws {
    let failure = recordError(
      path: location.path(error.field), message: error.message, offset: error.offset)
    guard options.lenient else { throw failure }
    document.skipped.append(failure)
  }

  /// An EventBridge event's detail: a finding of the family its `detail-type` names, or, for
  /// an access preview state change (not a finding), counted and skipped.
  private mutating func decodeEvent(
    _ detail: inout JSONScanner, type: String?, _ location: RecordLocation
  ) throws {
    if type == "Access Preview State Change" {
      document.skippedEvents += 1
      return
    }
    try decodeObject(
      &detail, RecordLocation(container: location.path("detail"), line: nil),
      allowWrappers: false, eventFamily: type.flatMap { AnalyzerFamily(eventDetailType: $0) })
  }
}

extension FindingsDecoder {
  /// One finding object on its own, as it decodes inside a page: how a store builds the
  /// `Finding` for one of its records.
  static func decodeRecord(_ bytes: [UInt8]) throws -> Finding? {
    try bytes.withUnsafeBufferPointer { buffer in
      var session = DecodingSession(source: bytes, buffer: buffer, options: .init())
      var scanner = JSONScanner(buffer)
      try session.decodeObject(
        &scanner, RecordLocation(container: "", index: nil, line: nil), allowWrappers: false)
      return session.document.findings.first
    }
  }
}
