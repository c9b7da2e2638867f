import FilterDSL

extension ArchivePreview {
  /// The preview as JSON for tools (the `preview --output json` output): exact counts (with
  /// the stated family, `scopedToFamily`, and the findings of another family left out,
  /// `otherFamilyFindings`), each rule with the findings it would archive, the idle rules,
  /// then the entries kept.
  public var json: JSONValue {
    func names(_ indices: [Int]) -> JSONValue {
      .array(indices.map { .string(rules[$0].ruleName) })
    }
    func counts(_ table: [String: Int]) -> JSONValue {
      .object(table.sorted { $0.key < $1.key }.map { ($0.key, .number($0.value)) })
    }
    let ruleObjects = rules.indices.map { index in
      JSONValue.object([
        ("ruleName", .string(rules[index].ruleName)),
        ("wouldArchive", .number(archiveCounts[index])),
      ])
    }
    let entryObjects = entries.map { entry -> JSONValue in
      var members: [(String, JSONValue)] = [("index", .number(entry.index))]
      members.append(("id", entry.id.map(JSONValue.string) ?? .null))
      members.append(("outcome", .string(entry.outcome.rawValue)))
      members.append(("status", entry.status.map(JSONValue.string) ?? .null))
      members.append(("isPublic", entry.isPublic.map(JSONValue.bool) ?? .null))
      members.append(("resourceType", entry.resourceType.map(JSONValue.string) ?? .null))
      members.append(("resource", entry.resource.map(JSONValue.string) ?? .null))
      members.append(("matchedRules", names(entry.matchedRules)))
      members.append(("undecidableRules", names(entry.undecidableRules)))
      return .object(members)
    }
    return .object([
      ("findings", .number(findingCount)),
      // The stated family the preview is scoped to, and the findings it left out for it.
      ("scopedToFamily", family.map { .string($0.rawValue) } ?? .null),
      ("otherFamilyFindings", .number(otherFamilyCount)),
      // The exact counters: entries may have been capped by `entryLimit`.
      ("wouldArchive", .number(outcomeCounts[.archived, default: 0])),
      ("publicWouldArchive", .number(archivedPublicCount)),
      ("rules", .array(ruleObjects)),
      ("idleRules", names(idleRules)),
      ("wouldArchiveByFindingType", counts(families.archivedByFindingType)),
      ("wouldArchiveByResourceType", counts(families.archivedByResourceType)),
      ("internalAccessByPrincipal", counts(families.archivedByPrincipal)),
      ("staleCredentialsWouldArchive", .number(families.staleCredentialCount)),
      ("entriesTruncated", .bool(isTruncated)),
      ("entries", .array(entryObjects)),
    ])
  }
}

extension Explanation {
  /// The explanation as JSON for tools (one element of `explain --output json`).
  /// - Parameter ruleName: the rule explained, recorded first when given.
  /// - Returns: a JSON object with the verdict and each criterion and operator.
  public func json(ruleName: String? = nil) -> JSONValue {
    .object((ruleName.map { [("ruleName", JSONValue.string($0))] } ?? []) + jsonMembers)
  }

  private var jsonMembers: [(String, JSONValue)] {
    func value(_ value: AttributeValue) -> JSONValue {
      switch value {
      case .absent: .null
      case .undecidable: .string("<undecidable>")
      case .scalar(let text): .string(text)
      case .list(let list): .array(list.map(JSONValue.string))
      }
    }
    return [
      ("verdict", .string(verdict.rawValue)),
      (
        "criteria",
        .array(
          criteria.map { criterion in
            .object([
              ("key", .string(criterion.key)), ("value", value(criterion.value)),
              ("verdict", .string(criterion.verdict.rawValue)),
              ("note", criterion.note.map(JSONValue.string) ?? .null),
              (
                "operators",
                .array(
                  criterion.operators.map { result in
                    var members: [(String, JSONValue)] = [("operator", .string(result.op.rawValue))]
                    if result.op == .exists {
                      members.append(("exists", .bool(result.exists ?? true)))
                    } else {
                      members.append(("values", .array(result.values.map(JSONValue.string))))
                    }
                    members.append(("verdict", .string(result.verdict.rawValue)))
                    members.append(("reason", .string(result.reason)))
                    return .object(members)
                  })
              ),
            ])
          })
      ),
    ]
  }
}
