import FilterDSL

/// Where a record sits, kept cheap (no string per record) and spelled out only for errors.
struct RecordLocation {
  /// `findings`, `finding`, `detail`, or empty for a top-level value.
  var container: String
  var index: Int?
  /// For JSON Lines: the line the value starts on.
  var line: Int?

  func path(_ field: String) -> String {
    var text = line.map { "line \($0)" } ?? ""
    var inner = container
    if let index { inner += "[\(index)]" }
    if !field.isEmpty { inner += inner.isEmpty ? field : "." + field }
    if !inner.isEmpty { text += text.isEmpty ? inner : ": " + inner }
    return text
  }
}

/// A field whose value has the wrong type: the record is bad, but the JSON goes on.
struct FieldError: Error {
  var field: String
  var message: String
  var offset: Int
}

/// Reads one object as a finding, member by member, in a single pass.
struct FindingRecordBuilder {
  /// The bytes the scanner reads, so values can be kept as slices of them without copying.
  let source: [UInt8]
  /// Where this record starts in `source`: timestamp texts are kept as offsets from here.
  var recordStart = 0
  var fields = Finding.Fields()
  var firstError: FieldError?
  private var sawFindingType = false
  private var sawFindingDetails = false
  var sawAccessField = false
  /// Family evidence besides `findingType`: the details' kind, internal fields, the event type.
  var familyEvidence = FamilyEvidence()
  /// Set for a get-finding-v2 page that still has a `nextToken`.
  var detailsArePartial = false

  init(source: [UInt8]) {
    self.source = source
  }

  /// The side box for rare fields, made on first use.
  var rare: Finding.Rare {
    mutating get {
      if let rare = fields.rare { return rare }
      let rare = Finding.Rare()
      fields.rare = rare
      return rare
    }
  }

  /// Consumes the value of member `key`.
  mutating func read(
    _ key: UnsafeBufferPointer<UInt8>, _ s: inout JSONScanner, _ interner: inout StringInterner
  ) throws {
    if s.skipNull() { return }
    switch key.count {
    case 2 where key.equals("id"): fields.id = try text(&s, "id")
    case 5 where key.equals("error"): rare.error = try string(&s, "error", &interner)
    case 6 where key.equals("status"): fields.status = try string(&s, "status", &interner)
    case 6 where key.equals("action"):
      sawAccessField = true
      fields.action = try stringList(&s, "action", &interner)
    case 8 where key.equals("resource"): fields.resource = try text(&s, "resource")
    case 8 where key.equals("isPublic"):
      sawAccessField = true
      fields.isPublic = try bool(&s, "isPublic")
    case 9 where key.equals("principal"):
      sawAccessField = true
      fields.principal = try stringMap(&s, "principal", &interner)
    case 9 where key.equals("condition"):
      sawAccessField = true
      fields.condition = try stringMap(&s, "condition", &interner)
    case 9 where key.equals("createdAt"): fields.createdAt = try timestamp(&s, "createdAt")
    case 9 where key.equals("updatedAt"): fields.updatedAt = try timestamp(&s, "updatedAt")
    case 10 where key.equals("analyzedAt"): fields.analyzedAt = try timestamp(&s, "analyzedAt")
    case 10 where key.equals("changeType"):
      rare.changeType = try string(&s, "changeType", &interner)
    case 11 where key.equals("findingType"):
      sawFindingType = true
      rare.findingType = try string(&s, "findingType", &interner)
    case 12 where key.equals("resourceType"):
      fields.resourceType = try string(&s, "resourceType", &interner)
    case 14 where key.equals("findingDetails"):
      sawFindingDetails = true
      try findingDetails(&s, &interner)
    case 17 where key.equals("existingFindingId"):
      rare.existingFindingId = try string(&s, "existingFindingId")
    case 20 where key.equals("resourceOwnerAccount"):
      fields.resourceOwnerAccount = try string(&s, "resourceOwnerAccount", &interner)
    case 21 where key.equals("existingFindingStatus"):
      rare.existingFindingStatus = try string(&s, "existingFindingStatus", &interner)
    case 32 where key.equals("resourceControlPolicyRestriction"):
      sawAccessField = true
      rare.resourceControlPolicyRestriction = try string(
        &s, "resourceControlPolicyRestriction", &interner)
    default:
      if try !readFamilyField(key, &s, &interner) { try s.skipValue() }
    }
  }

  /// Settles what the record could tell once all members are read.
  mutating func finish(json: RawJSON) -> Finding {
    // A list-findings-v2 summary: typed, but with neither details nor access fields.
    fields.hasAccessDetails =
      !(sawFindingType && !sawFindingDetails && !sawAccessField) && !detailsArePartial
    settleFamily()
    fields.json = json
    return Finding(fields: fields)
  }

  // MARK: Field readers

  mutating func fail(_ field: String, _ message: String, _ s: inout JSONScanner) throws {
    if firstError == nil {
      firstError = FieldError(field: field, message: message, offset: s.position)
    }
    try s.skipValue()
  }

  mutating func stringBytes(_ s: inout JSONScanner, _ field: String) throws -> JSONScanner
    .StringBytes?
  {
    guard s.peek() == UInt8(ascii: "\"") else {
      try fail(field, "expected a string, found \(s.describeHere())", &s)
      return nil
    }
    return try s.readStringBytes()
  }

  mutating func string(_ s: inout JSONScanner, _ field: String) throws -> String? {
    try stringBytes(&s, field)?.string
  }

  /// A value kept where it stands in the record (see `Finding.TextRef`).
  private mutating func text(_ s: inout JSONScanner, _ field: String) throws -> Finding.TextRef? {
    guard let bytes = try stringBytes(&s, field) else { return nil }
    switch bytes {
    case .raw(let buffer):
      guard let base = buffer.baseAddress, let origin = s.bytes.baseAddress else {
        return .string("")
      }
      return .span(
        start: UInt32(clamping: base - origin - recordStart), length: UInt32(clamping: buffer.count)
      )
    case .decoded:
      return .string(bytes.string)
    }
  }

  mutating func string(
    _ s: inout JSONScanner, _ field: String, _ interner: inout StringInterner
  ) throws -> String? {
    try stringBytes(&s, field)?.withBytes { interner.intern($0) }
  }

  private mutating func bool(_ s: inout JSONScanner, _ field: String) throws -> Bool? {
    if let value = try s.readBool() { return value }
    try fail(field, "expected true or false, found \(s.describeHere())", &s)
    return nil
  }

  private mutating func timestamp(_ s: inout JSONScanner, _ field: String) throws -> Finding
    .Instant?
  {
    guard s.peek() == UInt8(ascii: "\"") else {
      try fail(field, "expected a timestamp, found \(s.describeHere())", &s)
      return nil
    }
    let start = s.position
    let bytes = try s.readStringBytes()
    let parsed = bytes.withBytes { Timestamp.parse($0) }
    guard let parsed else {
      if firstError == nil {
        firstError = FieldError(
          field: field, message: "expected a timestamp, found \"\(bytes.string)\"", offset: start)
      }
      return nil
    }
    // The text stays where it is in the record's JSON: an offset, no allocation.
    switch bytes {
    case .raw(let buffer):
      if let base = buffer.baseAddress, let origin = s.bytes.baseAddress {
        let offset = base - origin - recordStart
        return Finding.Instant(
          seconds: parsed.seconds, nanoseconds: parsed.nanoseconds,
          textStart: UInt32(clamping: offset),
          textLength: UInt32(clamping: buffer.count))
      }
      return Finding.Instant(
        seconds: parsed.seconds, nanoseconds: parsed.nanoseconds, textStart: 0, textLength: 0)
    case .decoded(let array):
      rare.decodedTimestampTexts[field] = array
      return Finding.Instant(
        seconds: parsed.seconds, nanoseconds: parsed.nanoseconds, textStart: 0, textLength: 0)
    }
  }

  mutating func stringList(
    _ s: inout JSONScanner, _ field: String, _ interner: inout StringInterner
  ) throws -> [String]? {
    guard s.peek() == UInt8(ascii: "[") else {
      try fail(field, "expected a list of strings, found \(s.describeHere())", &s)
      return nil
    }
    var values: [String] = []
    try s.readArray { scanner, index in
      guard scanner.peek() == UInt8(ascii: "\"") else {
        try fail(
          "\(field)[\(index)]", "expected a string, found \(scanner.describeHere())", &scanner)
        return
      }
      values.append(try scanner.readStringBytes().withBytes { interner.intern($0) })
    }
    return values
  }

  private mutating func stringMap(
    _ s: inout JSONScanner, _ field: String, _ interner: inout StringInterner
  ) throws -> StringMap? {
    guard s.peek() == UInt8(ascii: "{") else {
      try fail(field, "expected an object of strings, found \(s.describeHere())", &s)
      return nil
    }
    var entries: [StringMap.Entry] = []
    try s.readObject { scanner, key in
      let name = interner.intern(key)
      if scanner.skipNull() { return }
      guard scanner.peek() == UInt8(ascii: "\"") else {
        try fail("\(field).\(name)", "expected a string, found \(scanner.describeHere())", &scanner)
        return
      }
      entries.append(
        StringMap.Entry(
          key: name, value: try scanner.readStringBytes().withBytes { interner.intern($0) }))
    }
    return StringMap(entries)
  }

  /// `findingDetails: [{"externalAccessDetails": {...}}, ...]` of get-finding-v2: the access
  /// fields of every entry, the first entry winning for single values, actions united.
  private mutating func findingDetails(_ s: inout JSONScanner, _ interner: inout StringInterner)
    throws
  {
    guard s.peek() == UInt8(ascii: "[") else {
      try fail("findingDetails", "expected a list, found \(s.describeHere())", &s)
      return
    }
    try s.readArray { scanner, index in
      guard scanner.peek() == UInt8(ascii: "{") else {
        try fail(
          "findingDetails[\(index)]", "expected an object, found \(scanner.describeHere())",
          &scanner)
        return
      }
      try scanner.readObject { scanner, kind in
        guard let family = Self.detailsFamily(kind), scanner.peek() == UInt8(ascii: "{") else {
          return try scanner.skipValue()
        }
        familyEvidence.details = familyEvidence.details ?? family
        if family == .unused {
          return try unusedDetails(&scanner, index: index, &interner)
        }
        var details = FindingRecordBuilder(source: source)
        try scanner.readObject { scanner, key in try details.read(key, &scanner, &interner) }
        if let error = details.firstError, firstError == nil {
          firstError = FieldError(
            field: "findingDetails[\(index)].\(error.field)", message: error.message,
            offset: error.offset)
        }
        merge(details.fields)
      }
    }
  }

  private mutating func merge(_ details: Finding.Fields) {
    fields.principal = fields.principal ?? details.principal
    fields.condition = fields.condition ?? details.condition
    fields.isPublic = fields.isPublic ?? details.isPublic
    if let restriction = details.rare?.resourceControlPolicyRestriction,
      fields.rare?.resourceControlPolicyRestriction == nil
    {
      rare.resourceControlPolicyRestriction = restriction
    }
    if let actions = details.action { fields.action = (fields.action ?? []) + actions }
    mergeFamilyFields(details.rare?.family)
  }
}
