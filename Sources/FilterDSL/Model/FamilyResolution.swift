/// Which analyzer family a run is for, and what settled it.
///
/// Order of evidence (grammar.md, *Analyzer families*): the family given (`--analyzer`), then
/// the rule file's analyzer directive (`# aafilter: analyzer=unused`), then a configured default
/// (an editor's settings), then finding types the rule names, then the findings, then keys only
/// one family's findings carry, else external access.
public struct FamilyResolution: Hashable, Sendable {
  /// What settled the family.
  public enum Source: String, Hashable, Sendable, Codable {
    /// Given by the caller (`--analyzer`).
    case given
    /// The rule file's analyzer directive (`# aafilter: analyzer=unused`).
    case directive
    /// A default configured outside the file (an editor's settings,
    /// `LintOptions.fallbackAnalyzer`).
    case configured
    /// A finding type the rule names (`findingType eq UnusedIAMRole`).
    case ruleFindingType = "rule-finding-type"
    /// The findings' types, details or event types.
    case findings
    /// A key only one family's findings carry (`principalType`, `isPublic`).
    case ruleKeys = "rule-keys"
    /// Nothing settled it: external access, the oldest family and the API's default.
    case `default`
  }

  /// The family settled on.
  public var family: AnalyzerFamily
  /// What settled it.
  public var source: Source

  /// Creates a resolution from its parts.
  public init(family: AnalyzerFamily, source: Source) {
    self.family = family
    self.source = source
  }

  /// For people, when the family was not stated: `analyzer family unused-access, inferred from
  /// the rule's finding type`. `nil` when it was given or named by the file's directive.
  public var note: String? {
    let because: String
    switch source {
    case .given, .directive: return nil
    case .configured: return "analyzer family \(family.displayName), as configured"
    case .ruleFindingType: because = "the rule's finding type"
    case .findings: because = "the findings"
    case .ruleKeys: because = "keys only \(family.displayName) findings carry"
    case .default:
      return
        "nothing settles the analyzer family; assuming \(family.displayName) (give --analyzer external|internal|unused)"
    }
    return "analyzer family \(family.displayName), inferred from \(because)"
  }

  /// Settles the family from every piece of evidence.
  ///
  /// - Parameters:
  ///   - given: the family the caller named, if any.
  ///   - directive: the family the rule file's analyzer directive names, if any.
  ///   - configured: a configured default, used when neither `given` nor `directive` is.
  ///   - ruleFindingTypes: families of the finding types the rule requires (`eq`).
  ///   - findings: families of the findings at hand (empty when there are none, or none say).
  ///   - ruleKeys: families implied by keys only one family carries.
  /// - Returns: the family and its source.
  /// - Throws: `FamilyConflict` when two pieces of evidence disagree: the rule names a finding
  ///   type of another family than the one stated (given, directive or configured) or than the
  ///   findings', or of two families.
  public static func resolve(
    given: AnalyzerFamily?, directive: AnalyzerFamily? = nil, configured: AnalyzerFamily? = nil,
    ruleFindingTypes: Set<AnalyzerFamily>, findings: Set<AnalyzerFamily> = [],
    ruleKeys: Set<AnalyzerFamily> = []
  ) throws(FamilyConflict) -> FamilyResolution {
    if ruleFindingTypes.count > 1 {
      throw FamilyConflict(
        message:
          "the rule names finding types of \(names(ruleFindingTypes)) analyzers; an analyzer has one family"
      )
    }
    let stated =
      given.map { FamilyResolution(family: $0, source: .given) }
      ?? directive.map { FamilyResolution(family: $0, source: .directive) }
      ?? configured.map { FamilyResolution(family: $0, source: .configured) }
    if let stated, let statement = stated.statement {
      if let other = ruleFindingTypes.first, other != stated.family {
        throw FamilyConflict(
          message: "the rule names \(other.displayName) finding types, but \(statement)")
      }
      if !findings.isEmpty, !findings.contains(stated.family) {
        throw FamilyConflict(
          message: "the findings come from \(names(findings)) analyzers, but \(statement)")
      }
      return stated
    }
    if let family = ruleFindingTypes.first {
      if !findings.isEmpty, !findings.contains(family) {
        throw FamilyConflict(
          message:
            "the rule names \(family.displayName) finding types, but the findings come from \(names(findings)) analyzers"
        )
      }
      return FamilyResolution(family: family, source: .ruleFindingType)
    }
    if findings.count == 1, let family = findings.first {
      return FamilyResolution(family: family, source: .findings)
    }
    if findings.isEmpty, ruleKeys.count == 1, let family = ruleKeys.first {
      return FamilyResolution(family: family, source: .ruleKeys)
    }
    return FamilyResolution(family: .external, source: .default)
  }

  /// How a stated family is named in a conflict: `the analyzer is unused-access`; `nil` for
  /// an inferred one.
  package var statement: String? {
    switch source {
    case .given: "the analyzer is \(family.displayName)"
    case .directive: "the file's analyzer directive names \(family.displayName)"
    case .configured: "the configured analyzer is \(family.displayName)"
    case .ruleFindingType, .findings, .ruleKeys, .default: nil
    }
  }

  private static func names(_ families: Set<AnalyzerFamily>) -> String {
    AnalyzerFamily.allCases.filter(families.contains).map(\.displayName).joined(separator: " and ")
  }

  /// Families of the finding types the maps require with `eq`.
  ///
  /// - Parameter maps: the compiled filter maps of a rule or rule set.
  /// - Returns: one family per finding type named; empty when none is named.
  public static func findingTypeFamilies(_ maps: [FilterCriteriaMap]) -> Set<AnalyzerFamily> {
    var families = Set<AnalyzerFamily>()
    for map in maps {
      for value in map["findingType"]?.eq ?? [] {
        if let family = AnalyzerFamily(findingType: value) { families.insert(family) }
      }
    }
    return families
  }

  /// Families implied by keys that only one family's findings carry, used positively (`eq`,
  /// `contains`, `exists`): `principalType` implies internal access, `isPublic` external.
  ///
  /// - Parameter maps: the compiled filter maps of a rule or rule set.
  /// - Returns: every family so implied (several when the keys disagree).
  public static func keyFamilies(_ maps: [FilterCriteriaMap]) -> Set<AnalyzerFamily> {
    var families = Set<AnalyzerFamily>()
    for map in maps {
      for (name, criterion) in map.criteria
      where criterion.eq != nil || criterion.contains != nil || criterion.exists == true {
        if let key = FilterKeyCatalog.key(named: name), key.families.count == 1,
          let family = key.families.first
        {
          families.insert(family)
        }
      }
    }
    return families
  }
}

/// Two pieces of evidence name different analyzer families.
public struct FamilyConflict: Error, Hashable, Sendable, CustomStringConvertible {
  /// Always ``DiagnosticCode/analyzerConflict``, the code lint reports the same problem with.
  public var code: DiagnosticCode = .analyzerConflict
  /// Lower-case, self-contained: `the rule names unused-access finding types, but ...`.
  public var message: String

  /// Creates a conflict with its message.
  public init(message: String) { self.message = message }

  /// The message.
  public var description: String { message }
}
