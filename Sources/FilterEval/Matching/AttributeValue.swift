/// What a finding holds for one filter key, as an explanation reports it.
public enum AttributeValue: Hashable, Sendable {
  /// The finding has no value for the key.
  case absent
  /// The record cannot say (a list-findings-v2 summary asked about `isPublic`).
  case undecidable
  /// A single value, as text (`isPublic` as `true` or `false`).
  case scalar(String)
  /// The elements of a list-valued attribute (`action`); never empty.
  case list([String])

  /// The value `attribute` has on `record`; `nil` as the attribute is a key no finding
  /// carries, so always absent.
  init(_ attribute: FindingAttribute?, of record: some FindingRecord) {
    guard let attribute else {
      self = .absent
      return
    }
    if attribute.isUndecidable(on: record) {
      self = .undecidable
      return
    }
    switch record.value(for: attribute) {
    case nil: self = .absent
    case .list(let elements)?: self = elements.isEmpty ? .absent : .list(elements)
    case let value?: self = value.text.map(AttributeValue.scalar) ?? .absent
    }
  }
}
