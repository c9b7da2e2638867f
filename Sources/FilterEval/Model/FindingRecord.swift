import FilterDSL

/// A finding of any shape that the matcher, sorts, queries and previews can read.
///
/// Adopt it on your own type (a struct from an SDK, a row of a columnar store) to evaluate
/// filters on it directly, without encoding to JSON. ``Finding`` adopts it too.
///
/// ```swift
/// import FilterEval
///
/// struct MyFinding: FindingRecord {
///   var id: String
///   var resourceType: String
///   var isPublic: Bool
///   var principal: [String: String]
///
///   func value(for attribute: FindingAttribute) -> FindingValue? {
///     switch attribute {
///     case .id: .text(id)
///     case .resourceType: .text(resourceType)
///     case .isPublic: .bool(isPublic)
///     case .principal(let entry): principal[entry].map(FindingValue.text)
///     default: nil
///     }
///   }
/// }
///
/// let mine = MyFinding(id: "f-1", resourceType: "AWS::S3::Bucket", isPublic: true, principal: [:])
/// print(mine.findingID ?? "-")  // f-1, as generic code over any record reads it
/// ```
public protocol FindingRecord {
  /// The record's value for one attribute, or `nil` when it has none.
  ///
  /// Answer `.bool` for `isPublic`, `.list` for `action`, `.timestamp` for the three
  /// timestamps, and `.text` or `.utf8` for the rest. An empty list counts as absent.
  /// - Parameter attribute: the attribute a filter key or a sort reads.
  /// - Returns: the value, or `nil` when the attribute is absent.
  func value(for attribute: FindingAttribute) -> FindingValue?

  /// Whether the record carries access details (`principal`, `condition`, `action`,
  /// `isPublic`, `resourceControlPolicyRestriction`). A list-findings-v2 summary does not,
  /// so criteria on those attributes are undecidable on it. Defaults to `true`.
  var hasAccessDetails: Bool { get }

  /// The analyzer family the record comes from, if known. On a record without access
  /// details, attributes the family never carries are decidably absent rather than
  /// undecidable. Defaults to `nil`.
  var analyzerFamily: AnalyzerFamily? { get }

  /// Whether the record's access details are only part of the finding's (a get-finding-v2
  /// page with a `nextToken`): only the values they hold are decided. Defaults to `false`.
  var detailsArePartial: Bool { get }
}

extension FindingRecord {
  /// Records carry their access details unless they say otherwise.
  public var hasAccessDetails: Bool { true }
  /// Records say nothing of their family unless they say otherwise.
  public var analyzerFamily: AnalyzerFamily? { nil }
  /// Records carry all their details unless they say otherwise.
  public var detailsArePartial: Bool { false }

  /// The finding id, as filters and previews read it: the record's `id` attribute as text.
  ///
  /// Not named `id`: a conforming type's own `id` (a database key, `Identifiable`'s) may mean
  /// something else or have another type, and generic code must not read a different `id`
  /// than concrete code does.
  public var findingID: String? { value(for: .id)?.text }
}

/// One attribute value of a ``FindingRecord``.
public enum FindingValue: Sendable {
  /// Text, compared byte for byte (never by canonical equivalence).
  case text(String)
  /// Text as UTF-8 bytes shared with a larger buffer (a span of the input), so reading it
  /// copies nothing.
  case utf8(ArraySlice<UInt8>)
  /// A boolean (`isPublic`), matched as the text `true` or `false`.
  case bool(Bool)
  /// A list of strings (`action`): a criterion matches when some element does.
  case list([String])
  /// An instant (`createdAt`, `analyzedAt`, `updatedAt`).
  case timestamp(Timestamp)

  /// The value as text: a boolean as `true` or `false`, a timestamp as written, a list as
  /// `nil`.
  public var text: String? {
    switch self {
    case .text(let text): text
    case .utf8(let bytes): String(decoding: bytes, as: UTF8.self)
    case .bool(let flag): flag ? "true" : "false"
    case .timestamp(let timestamp): timestamp.text
    case .list: nil
    }
  }
}

extension FindingRecord {
  /// A single-valued attribute as text, or `nil` when absent or a list.
  func text(_ attribute: FindingAttribute) -> String? { value(for: attribute)?.text }

  /// `isPublic`, read as a boolean whether the record answered `.bool` or text.
  var isPublicFlag: Bool? {
    switch value(for: .isPublic) {
    case .bool(let flag)?: flag
    case let other?: other.text.flatMap { $0 == "true" ? true : $0 == "false" ? false : nil }
    case nil: nil
    }
  }
}
