import FilterDSL
import FilterEval

/// `explain`'s text: the finding, then per rule every criterion and operator with its verdict
/// and the finding's value.
enum ExplanationText {
  /// - Parameter outsideOf: the stated family, when the finding is of another one: its
  ///   analyzer never reports the finding, so its rules never archive it.
  static func render(
    id: String, finding: Finding, explanations: [(String, Explanation)],
    outsideOf family: AnalyzerFamily? = nil
  ) -> String {
    // Everything below but the marks and fixed words is data: shown escaped.
    let show = { (text: String) in DisplayText.escape(text) }
    var text =
      "finding \(show(id)): \(show(finding.resourceType ?? "-")) \(show(finding.status ?? "-"))"
    text += finding.isPublic.map { $0 ? " PUBLIC" : " not public" } ?? ""
    text += "\n" + FamilyDetailsText.lines(finding).map { "  \(show($0))\n" }.joined()
    if let family, let own = finding.analyzerFamily {
      text +=
        "  not considered: an \(own.displayName) finding, which an \(family.displayName) analyzer never reports; its rules never archive it\n"
    }
    for (name, explanation) in explanations {
      text += "\nrule \(show(name)): \(words(explanation.verdict))\n"
      if explanation.criteria.isEmpty { text += "  (empty filter: matches every finding)\n" }
      for criterion in explanation.criteria {
        text +=
          "  \(mark(criterion.verdict)) \(show(criterion.key)) = \(show(describe(criterion.value)))"
        text += criterion.note.map { " (\(show($0)))" } ?? ""
        text += "\n"
        for result in criterion.operators {
          let values =
            result.op == .exists
            ? (result.exists == true ? "exists" : "not exists")
            : "\(result.op.rawValue) [\(result.values.map { JSONValue.string($0).serialized() }.joined(separator: ", "))]"
          text += "      \(mark(result.verdict)) \(show(values)): \(show(result.reason))\n"
        }
      }
    }
    return text
  }

  private static func words(_ verdict: Verdict) -> String {
    switch verdict {
    case .match: "matches"
    case .noMatch: "does not match"
    case .undecidable: "cannot be decided from this record"
    }
  }

  private static func mark(_ verdict: Verdict) -> String {
    switch verdict {
    case .match: "[yes]"
    case .noMatch: "[no] "
    case .undecidable: "[?]  "
    }
  }

  private static func describe(_ value: AttributeValue) -> String {
    switch value {
    case .absent: "(absent)"
    case .undecidable: "(not in this record)"
    case .scalar(let text): JSONValue.string(text).serialized()
    case .list(let list):
      "[" + list.map { JSONValue.string($0).serialized() }.joined(separator: ", ") + "]"
    }
  }
}
