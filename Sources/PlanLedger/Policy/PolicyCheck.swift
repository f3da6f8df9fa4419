public import LedgerStore

/// Decides whether the rules in force allow a person to record an event.
public enum PolicyCheck: Sendable {
  /// Checks one event against the rules.
  ///
  /// - Parameters:
  ///   - type: The event's type.
  ///   - action: The action it is about, if any.
  ///   - actor: Who records it.
  ///   - date: Its effective date: roles and leads are taken on that date.
  ///   - state: The plan as of that date.
  ///   - ruleSet: The rules in force now: a rule set applies to everything recorded after it,
  ///     whatever date the recording takes effect, so back-dating cannot step round it.
  /// - Throws: ``Refusal/policy(rule:)`` naming the rule that does not allow it.
  public static func check(
    type: PlanEventType,
    action: ActionID?,
    actor: PersonID,
    date: CalendarDate,
    in state: PlanState,
    rules ruleSet: PolicyRuleSet
  ) throws(Refusal) {
    let rules = ruleSet.rules
    let held = Set(
      state.roles.filter { $0.key.person == actor && $0.value.value }.map(\.key.role.key)
    )
    var reasons: [String] = []
    for (number, rule) in rules.enumerated() where rule.covers(type.rawValue) {
      let hasRole = rule.roles.contains("*") || !held.isDisjoint(with: rule.roles)
      guard hasRole else {
        reasons.append(
          "rule \(number + 1) (\(rule.words)) needs a role \(actor) does not hold on \(date)"
        )
        continue
      }
      if rule.ownActionsOnly {
        guard let action, let leads = state.actions[action]?.leads.value, leads.contains(actor)
        else {
          reasons.append(
            "rule \(number + 1) (\(rule.words)): \(actor) does not lead "
              + (action.map { "action \($0)" } ?? "the action") + " on \(date)"
          )
          continue
        }
      }
      return
    }
    if reasons.isEmpty {
      throw .policy(rule: "no rule allows \(actor) to record \(type.rawValue)")
    }
    throw .policy(rule: reasons.joined(separator: "; "))
  }
}
