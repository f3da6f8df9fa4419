import LedgerStore
import PlanLedger
import Testing

@Suite struct PolicyRuleSetTests {
  @Test func ruleCoversExactTypesFamiliesAndEverything() {
    let rule = PolicyRule(roles: ["Programme Office"], types: ["board.*", "measure.recorded"])
    #expect(rule.roles == ["programme office"])
    #expect(rule.covers("board.decision_recorded"))
    #expect(rule.covers("board.meeting_held"))
    #expect(rule.covers("measure.recorded"))
    #expect(!rule.covers("measure.defined"))
    #expect(!rule.covers("boards.meeting_held"))
    #expect(!rule.covers("action.status_changed"))
    #expect(PolicyRule(roles: ["*"], types: ["*"]).covers("anything.at_all"))
  }

  @Test func governanceInWords() {
    #expect(
      PolicyRuleSet.governance.rules.map(\.words) == [
        "lead officer may record action.status_changed, action.due_revised for the actions they lead",
        "programme office or board secretary may record board.*, monitoring.*, measure.recorded",
        "programme office may record any event",
      ]
    )
    #expect(PolicyRuleSet.governance.completeNeedsAuthority)
    #expect(
      PolicyRuleSet.permissive.rules.map(\.words) == ["any registered person may record any event"]
    )
    #expect(PolicyRuleSet.permissive.completeNeedsAuthority == false)
  }

  @Test func storesItsRules() {
    #expect(
      PlanEvent.policyRuleSet(.governance).data.canonicalText
        == #"{"complete_needs_authority":true,"rules":[{"own_actions":true,"roles":["lead officer"],"#
        + #""types":["action.status_changed","action.due_revised"]},{"roles":["programme office","#
        + #""board secretary"],"types":["board.*","monitoring.*","measure.recorded"]},"#
        + #"{"roles":["programme office"],"types":["*"]}]}"#
    )
  }

  @Test func refusesRulesWithoutRolesOrTypes() {
    #expect(
      throws: PayloadError.wrongType("rules", "a list of {roles, types, own_actions} objects")
    ) {
      try PlanEvent(
        type: .policyRuleSet,
        payload: Payload(["rules": [["roles": [], "types": ["*"]]]])
      )
    }
    #expect(throws: PayloadError.wrongType("rules", "a list of rules")) {
      try PlanEvent(type: .policyRuleSet, payload: Payload([:]))
    }
  }
}

extension JSONObject {
  fileprivate var canonicalText: String { JSONValue.object(self).canonicalText }
}
