import FilterEval

/// What one read of a findings input gave, in a form the sequential and the parallel paths can
/// be compared in: the findings in order, and the summary, or the first error.
struct ReadOutcome {
  var findings: [Finding] = []
  var shape: FindingsShape?
  var nextToken: String?
  var skipped: [RecordError] = []
  var skippedEvents = 0
  var error: RecordError?

  init(error: RecordError) { self.error = error }

  init(_ document: FindingsDocument) {
    findings = document.findings
    shape = document.shape
    nextToken = document.nextToken
    skipped = document.skipped
    skippedEvents = document.skippedEvents
  }

  init(
    findings: [Finding], shape: FindingsShape, nextToken: String?, skipped: [RecordError],
    skippedEvents: Int
  ) {
    self.findings = findings
    self.shape = shape
    self.nextToken = nextToken
    self.skipped = skipped
    self.skippedEvents = skippedEvents
  }

  /// The first way `other` differs, or `nil` when the two are the same read. After an error
  /// only the error is compared: the paths hand over different shares of the findings before
  /// it (JSON Lines go window by window), as `FindingsStoreReader.read` documents.
  func difference(from other: ReadOutcome) -> String? {
    if error != nil || other.error != nil {
      return error == other.error ? nil : "error \(describe(error)) vs \(describe(other.error))"
    }
    if shape != other.shape { return "shape \(describe(shape)) vs \(describe(other.shape))" }
    if nextToken != other.nextToken {
      return "nextToken \(describe(nextToken)) vs \(describe(other.nextToken))"
    }
    if skipped != other.skipped { return "skipped \(skipped) vs \(other.skipped)" }
    if skippedEvents != other.skippedEvents {
      return "skipped events \(skippedEvents) vs \(other.skippedEvents)"
    }
    if findings.count != other.findings.count {
      return "\(findings.count) findings vs \(other.findings.count)"
    }
    for (index, (a, b)) in zip(findings, other.findings).enumerated() {
      if let difference = Self.difference(a, b) {
        return "finding \(index): \(difference): \(a.json.text) vs \(b.json.text)"
      }
    }
    return nil
  }

  /// `Finding`'s equality (every modeled field), and what it leaves out but output shows: the
  /// record's own JSON text, the family, the internal and unused access details.
  static func difference(_ a: Finding, _ b: Finding) -> String? {
    if a != b { return "fields" }
    if !a.json.bytes.elementsEqual(b.json.bytes) { return "JSON text" }
    if a.analyzerFamily != b.analyzerFamily { return "family" }
    if a.detailsArePartial != b.detailsArePartial { return "partial details" }
    if a.unusedDetails != b.unusedDetails { return "unused details" }
    let internalAccess: [FindingAttribute] = [
      .accessType, .principalType, .principalOwnerAccount, .serviceControlPolicyRestriction,
    ]
    for attribute in internalAccess where !same(a.value(for: attribute), b.value(for: attribute)) {
      return "\(attribute)"
    }
    return nil
  }
}

/// Every attribute a store row answers from its columns, for the check against the findings.
private let columnAttributes: [FindingAttribute] = [
  .id, .resource, .resourceType, .resourceOwnerAccount, .status, .error, .isPublic, .findingType,
  .resourceControlPolicyRestriction, .changeType, .existingFindingId, .existingFindingStatus,
  .action, .accessType, .principalType, .principalOwnerAccount, .serviceControlPolicyRestriction,
  .principal("AWS"), .condition("aws:SourceVpc"),
]

/// Two attribute values are the same when they are of one kind (text and UTF-8 bytes count as
/// one) and equal: text byte for byte, timestamps by instant. An empty list counts as absent,
/// as `FindingRecord` allows.
func same(_ a: FindingValue?, _ b: FindingValue?) -> Bool {
  switch (present(a), present(b)) {
  case (nil, nil): return true
  case (.bool(let x)?, .bool(let y)?): return x == y
  case (.timestamp(let x)?, .timestamp(let y)?): return x == y
  case (.list(let x)?, .list(let y)?):
    return x.count == y.count && zip(x, y).allSatisfy { $0.utf8.elementsEqual($1.utf8) }
  case (let x?, let y?):
    guard let x = textBytes(x), let y = textBytes(y) else { return false }
    return x.elementsEqual(y)
  default: return false
  }
}

private func present(_ value: FindingValue?) -> FindingValue? {
  if case .list(let items)? = value, items.isEmpty { return nil }
  return value
}

private func textBytes(_ value: FindingValue) -> ArraySlice<UInt8>? {
  switch value {
  case .text(let text): ArraySlice(text.utf8)
  case .utf8(let bytes): bytes
  default: nil
  }
}

/// The sequential reading of JSON Lines: the tests' reference, compiled in.
func sequentialLines(_ bytes: [UInt8], _ options: FindingsDecodingOptions) -> ReadOutcome {
  do {
    let read = try SequentialRead.lines(bytes, options: options)
    return ReadOutcome(
      findings: read.findings, shape: read.shape, nextToken: read.nextToken,
      skipped: read.skipped, skippedEvents: read.skippedEvents)
  } catch let error as RecordError {
    return ReadOutcome(error: error)
  } catch {
    require(false, "the JSON Lines reader threw \(type(of: error)), not a RecordError")
    return ReadOutcome(
      findings: [], shape: .jsonLines, nextToken: nil, skipped: [], skippedEvents: 0)
  }
}

/// Reads `bytes` with `FindingsStoreReader` on two threads in pieces of `pieceSize` bytes,
/// keeping the interned columns `kept` (the others answer from each row's bytes), and
/// requires what the sequential path gave: the same findings in the same order, the same
/// summary, or the same first error. Each store row's columns must also answer as the
/// sequential finding at that place does, since filters read the columns, not the findings.
func requireParallelAgrees(
  _ bytes: [UInt8], _ options: FindingsDecodingOptions, pieceSize: Int,
  columns kept: FindingStore.Columns = .all, _ expected: ReadOutcome
) {
  let reader = FindingsStoreReader(
    options: options, threads: 2, pieceSize: pieceSize, columns: kept)
  var findings: [Finding] = []
  var columns: String?
  var outcome: ReadOutcome
  do {
    let summary = try reader.read(InputBytes(bytes)) { store in
      for row in 0..<store.count {
        let finding = store.finding(at: row)
        let index = findings.count
        findings.append(finding)
        guard columns == nil, expected.error == nil, index < expected.findings.count else {
          continue
        }
        columns = columnDifference(store, row, expected.findings[index]).map {
          "row \(row) of a store (finding \(index)): \($0)"
        }
      }
    }
    require(
      summary.findingCount == findings.count,
      "the summary counts \(summary.findingCount) findings, the stores held \(findings.count)")
    outcome = ReadOutcome(
      findings: findings, shape: summary.shape, nextToken: summary.nextToken,
      skipped: summary.skipped, skippedEvents: summary.skippedEvents)
  } catch let error as RecordError {
    outcome = ReadOutcome(error: error)
  } catch {
    require(false, "the parallel reader threw \(type(of: error)), not a RecordError")
    return
  }
  let mode =
    "\(options.lenient ? "lenient" : "strict"), pieces of \(pieceSize), columns \(kept.rawValue)"
  if let difference = expected.difference(from: outcome) {
    require(
      false,
      "the parallel reader (\(mode)) differs from the sequential one: \(difference)\n"
        + "input: \(String(reflecting: String(decoding: bytes, as: UTF8.self)))")
  }
  if let columns {
    require(
      false,
      "the parallel reader's columns (\(mode)) differ from the sequential finding: \(columns)\n"
        + "input: \(String(reflecting: String(decoding: bytes, as: UTF8.self)))")
  }
}

/// How a store row, read from its columns, differs from `finding`; `nil` when it does not.
private func columnDifference(_ store: FindingStore, _ row: Int, _ finding: Finding) -> String? {
  let record = store[row]
  if record.hasAccessDetails != finding.hasAccessDetails { return "access details" }
  if record.analyzerFamily != finding.analyzerFamily { return "family" }
  if record.detailsArePartial != finding.detailsArePartial { return "partial details" }
  if store.json(at: row) != finding.json.text { return "JSON text" }
  var attributes = columnAttributes
  attributes += (finding.principal?.entries ?? []).map { .principal($0.key) }
  attributes += (finding.condition?.entries ?? []).map { .condition($0.key) }
  for attribute in attributes {
    let column = record.value(for: attribute)
    let expected = finding.value(for: attribute)
    if !same(column, expected) {
      return "\(attribute): \(String(describing: column)) vs \(String(describing: expected))"
    }
  }
  return nil
}

private func describe<T>(_ value: T?) -> String { value.map { "\($0)" } ?? "none" }
