/// One conjunction on the way to a filter map: key → the operators required of it, with where
/// each operator was written so that conflicts can point at both sides.
struct Term {
  struct Part {
    var eq: [String]?
    var neq: [String]?
    var contains: [String]?
    var exists: Bool?
    var origins: [ComparisonOperator: SourceRange] = [:]

    var criterion: Criterion { Criterion(eq: eq, neq: neq, contains: contains, exists: exists) }

    func list(_ op: ComparisonOperator) -> [String]? {
      switch op {
      case .eq: eq
      case .neq: neq
      case .contains: contains
      case .exists: nil
      }
    }

    mutating func setList(_ op: ComparisonOperator, _ values: [String]?) {
      switch op {
      case .eq: eq = values
      case .neq: neq = values
      case .contains: contains = values
      case .exists: break
      }
    }
  }

  /// Keys in the order they were first written, so that messages follow the source.
  private(set) var keys: [String] = []
  private(set) var parts: [String: Part] = [:]
  /// Each part as sets, kept up to date so that signatures cost no set building.
  private(set) var partSignatures: [ExactString: Signature.PartSignature] = [:]

  static let empty = Term()

  init() {}

  subscript(key: String) -> Part? { parts[key] }

  mutating func set(_ key: String, _ part: Part, refreshingSignature: Bool = true) {
    if parts.updateValue(part, forKey: key) == nil { keys.append(key) }
    if refreshingSignature { partSignatures[ExactString(key)] = Signature.PartSignature(part) }
  }

  /// Removes repeated values from every list, keeping first occurrences.
  mutating func uniqueLists() {
    for key in keys {
      guard var part = parts[key] else { continue }
      part.eq = part.eq?.uniquedExactly()
      part.neq = part.neq?.uniquedExactly()
      part.contains = part.contains?.uniquedExactly()
      set(key, part)
    }
  }

  var filterMap: FilterCriteriaMap {
    FilterCriteriaMap(parts.mapValues(\.criterion))
  }

  /// The term with its origins dropped and lists as sets: equal signatures mean equal meaning.
  var signature: Signature { Signature(self, omitting: nil) }

  struct Signature: Hashable {
    struct PartSignature: Hashable {
      var eq: Set<ExactString>?
      var neq: Set<ExactString>?
      var contains: Set<ExactString>?
      var exists: Bool?
    }
    var parts: [ExactString: PartSignature]
    var omitted: String?
    var omittedOperator: ComparisonOperator?

    init(_ term: Term, omitting: (key: String, op: ComparisonOperator)?) {
      var parts = term.partSignatures
      if let omitting, var signature = parts[ExactString(omitting.key)] {
        switch omitting.op {
        case .eq: signature.eq = nil
        case .contains: signature.contains = nil
        case .neq, .exists: break
        }
        parts[ExactString(omitting.key)] = signature
      }
      self.parts = parts
      omitted = omitting?.key
      omittedOperator = omitting?.op
    }
  }
}
