import FilterDSL

extension FindingStore {
  /// The interned columns a store keeps. A reader checks every member of every record the
  /// same way whatever it keeps, so errors do not change; a column it did not keep is
  /// answered by decoding the row's own bytes, so results do not change either, only their
  /// cost. Interning values nobody reads is most of a bulk read's time, so a query keeps
  /// what its filter reads.
  ///
  /// Ids, ARNs, `isPublic`, record bytes and the analyzer family are always kept.
  public struct Columns: OptionSet, Hashable, Sendable {
    /// One bit per column.
    public let rawValue: UInt32

    /// The columns whose bits are set in `rawValue`.
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// The `principal` map.
    public static let principal = Columns(rawValue: 1 << 0)
    /// The `condition` map.
    public static let condition = Columns(rawValue: 1 << 1)
    /// The `action` list.
    public static let action = Columns(rawValue: 1 << 2)
    /// Every column.
    public static let all = Columns(rawValue: 1 << (3 + UInt32(FindingStore.scalarCount)) - 1)

    static func scalar(_ field: ScalarField) -> Columns {
      Columns(rawValue: 1 << (3 + UInt32(field.rawValue)))
    }

    /// What a finding's family is settled by, kept in every store.
    static let always = scalar(.findingType)

    /// The columns that answer `attributes` (with the ones every store keeps).
    /// - Parameter attributes: what filters, sorts and reports will read.
    public init(reading attributes: some Sequence<FindingAttribute>) {
      self = .always
      for attribute in attributes { formUnion(Self.column(for: attribute)) }
    }

    /// The columns the keys of `filter` read.
    /// - Parameter filter: a filter map; keys no finding carries read nothing.
    public init(reading filter: FilterCriteriaMap) {
      self.init(reading: filter.criteria.keys.compactMap { FindingAttribute(filterKey: $0) })
    }

    /// The column holding `attribute`; empty for what is always kept or never interned.
    static func column(for attribute: FindingAttribute) -> Columns {
      switch attribute {
      case .principal: .principal
      case .condition: .condition
      case .action: .action
      default: ScalarField(attribute).map(scalar) ?? []
      }
    }
  }

  /// Whether the columns answer `attribute` (otherwise the row's bytes do).
  func holds(_ attribute: FindingAttribute) -> Bool {
    columns.isSuperset(of: Columns.column(for: attribute))
  }
}
