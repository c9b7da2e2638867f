import Foundation

/// Filter JSON as people have it at hand: a filter map, an array of maps (`compile --split`),
/// a ListFindings-style `{"filter", "sort"}`, an archive rule, or the output of
/// `get-archive-rule` / `list-archive-rules`.
public enum RuleJSON: Sendable, Hashable {
  case filterMap(FilterCriteriaMap, sort: SortCriteria?)
  case filterMaps([FilterCriteriaMap])
  case rules([ArchiveRule])

  public struct Error: Swift.Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
  }

  /// Whether the bytes look like JSON rather than rule text (first non-space is `{` or `[`).
  /// Rule text never starts with either.
  public static func looksLikeJSON(_ bytes: [UInt8]) -> Bool {
    let first = bytes.first { ![0x20, 0x09, 0x0A, 0x0D, 0xEF, 0xBB, 0xBF].contains($0) }
    return first == UInt8(ascii: "{") || first == UInt8(ascii: "[")
  }

  public static func decode(_ bytes: [UInt8]) throws -> RuleJSON {
    let data = Data(bytes)
    let top: Any
    do {
      top = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
    } catch {
      throw Error(message: "not valid JSON")
    }
    let decoder = JSONDecoder()
    do {
      if top is [Any] {
        if let first = (top as? [[String: Any]])?.first, first["ruleName"] != nil {
          return .rules(try decoder.decode([ArchiveRule].self, from: data))
        }
        return .filterMaps(try decoder.decode([FilterCriteriaMap].self, from: data))
      }
      guard let object = top as? [String: Any] else {
        throw Error(message: "expected a JSON object or array of filter maps")
      }
      if object["archiveRules"] != nil {
        return .rules(try decoder.decode(RuleList.self, from: data).archiveRules)
      }
      if object["archiveRule"] != nil {
        return .rules([try decoder.decode(SingleRule.self, from: data).archiveRule])
      }
      if object["ruleName"] != nil {
        return .rules([try decoder.decode(ArchiveRule.self, from: data)])
      }
      if object["filter"] is [String: Any] || object["sort"] is [String: Any] {
        let request = try decoder.decode(Request.self, from: data)
        return .filterMap(request.filter ?? FilterCriteriaMap(), sort: request.sort)
      }
      return .filterMap(try decoder.decode(FilterCriteriaMap.self, from: data), sort: nil)
    } catch let error as DecodingError {
      throw Error(message: describe(error))
    }
  }

  private struct RuleList: Decodable { var archiveRules: [ArchiveRule] }
  private struct SingleRule: Decodable { var archiveRule: ArchiveRule }
  private struct Request: Decodable {
    var filter: FilterCriteriaMap?
    var sort: SortCriteria?
  }

  /// `archiveRules[0].filter.isPublic.exists: 'exists' must be ...`
  static func describe(_ error: DecodingError) -> String {
    func path(_ keys: [any CodingKey]) -> String {
      var text = ""
      for key in keys {
        if let index = key.intValue {
          text += "[\(index)]"
        } else {
          text += (text.isEmpty ? "" : ".") + key.stringValue
        }
      }
      return text.isEmpty ? "" : text + ": "
    }
    switch error {
    case .typeMismatch(let type, let context):
      let expected =
        type == Bool.self ? "a JSON boolean" : type == String.self ? "a string" : "\(type)"
      return path(context.codingPath) + "expected \(expected)"
    case .valueNotFound(_, let context), .dataCorrupted(let context):
      return path(context.codingPath) + context.debugDescription
    case .keyNotFound(let key, let context):
      return path(context.codingPath) + "missing '\(key.stringValue)'"
    @unknown default:
      return "invalid filter JSON"
    }
  }
}
