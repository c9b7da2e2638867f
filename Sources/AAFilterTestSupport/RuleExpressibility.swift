import FilterDSL
import FilterFormats
import Foundation

/// Whether a format can hold a rule exactly, by the limits each format documents. Shared by the
/// round trips and the interop harness so both leave out the same rules.
package enum RuleExpressibility {
  /// Terraform holds only text already in Unicode normalization form C.
  package static func terraform(_ rule: ArchiveRule) -> Bool {
    strings(of: rule).allSatisfy {
      $0.precomposedStringWithCanonicalMapping.unicodeScalars.elementsEqual($0.unicodeScalars)
    }
  }

  /// The CLI's shorthand spells keys without quoting and cannot end a value with a backslash.
  package static func cliShorthand(_ rule: ArchiveRule) -> Bool {
    let keyBytes = Set(
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.#/:".utf8)
    return rule.filter.criteria.keys.allSatisfy {
      !$0.isEmpty && $0.utf8.allSatisfy(keyBytes.contains)
    }
      && rule.filter.criteria.values.allSatisfy { criterion in
        ((criterion.eq ?? []) + (criterion.neq ?? []) + (criterion.contains ?? [])).allSatisfy {
          !$0.hasSuffix("\\")
        }
      }
  }

  private static func strings(of rule: ArchiveRule) -> [String] {
    var strings = [rule.ruleName]
    for (key, criterion) in rule.filter.criteria {
      strings.append(key)
      strings += criterion.eq ?? []
      strings += criterion.neq ?? []
      strings += criterion.contains ?? []
    }
    return strings
  }
}
