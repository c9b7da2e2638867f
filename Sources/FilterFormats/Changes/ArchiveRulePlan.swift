import FilterDSL

/// The AWS CLI commands that make an analyzer's archive rules equal to the desired ones:
/// creates (added and renamed rules), updates (changed filters), then deletes (removed rules
/// and the old names of renamed ones), so no rule is missing while the plan runs.
public struct ArchiveRulePlan: Hashable, Sendable {
  /// One step of the plan.
  public struct Step: Hashable, Sendable {
    /// The archive-rule operation the step runs.
    public enum Action: String, Hashable, Sendable {
      /// `create-archive-rule`: a rule only the desired side has.
      case create
      /// `update-archive-rule`: a rule whose filter changed.
      case update
      /// `delete-archive-rule`: a rule only the deployed side has.
      case delete
    }
    /// What the step does.
    public var action: Action
    /// For create and update, the rule with its desired filter; for delete, the deployed rule.
    public var rule: ArchiveRule
    /// The command line, quoted for POSIX shells.
    public var command: String
  }

  /// The analyzer every command names.
  public var analyzerName: String
  /// Creates, then updates, then deletes; empty when the sides are equal.
  public var steps: [Step]

  /// Plans the commands for a diff.
  /// - Parameters:
  ///   - diff: desired against deployed.
  ///   - analyzerName: the analyzer whose rules change.
  public init(_ diff: RuleSetDiff, analyzerName: String) {
    self.analyzerName = analyzerName
    var steps: [Step] = []
    for rule in diff.added + diff.renamed.map(\.desired) {
      steps.append(
        Step(
          action: .create, rule: rule,
          command: ArchiveRuleCommand.create(analyzer: analyzerName, rule: rule)))
    }
    for change in diff.changed {
      steps.append(
        Step(
          action: .update, rule: change.desired,
          command: ArchiveRuleCommand.update(analyzer: analyzerName, rule: change.desired)))
    }
    for rule in diff.removed + diff.renamed.map(\.deployed) {
      steps.append(
        Step(
          action: .delete, rule: rule,
          command: ArchiveRuleCommand.delete(analyzer: analyzerName, ruleName: rule.ruleName)))
    }
    self.steps = steps
  }

  /// `1 to create, 0 to update, 2 to delete`.
  public var summary: String {
    let count = { (action: Step.Action) in steps.filter { $0.action == action }.count }
    return "\(count(.create)) to create, \(count(.update)) to update, \(count(.delete)) to delete"
  }
}
