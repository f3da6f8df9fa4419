import Foundation
import LedgerStore
import PlanLedger
import Testing

/// The governance rules in force: lead officers on their own actions, decisions and
/// findings by the programme office or the board secretary, completion on a board
/// decision; enforced on every path into the ledger.
@Suite struct PolicyCheckTests {
  /// The small plan with ``PolicyRuleSet/governance`` in force from 2018-01-10, XY
  /// registered with no role, and the clock at 2018-01-15.
  static func withGovernance(_ body: (PlanFixture) throws -> Void) throws {
    try PlanFixture.withSmallPlan { plan in
      plan.clock.set("2018-01-10")
      try plan.record(.policyRuleSet(.governance))
      try plan.record(.person("XY", "Xavier Young"))
      plan.clock.set("2018-01-15")
      try body(plan)
    }
  }

  static let leadRule =
    "rule 1 (lead officer may record action.status_changed, action.due_revised for the actions they lead)"
  static let officeRule = "rule 3 (programme office may record any event)"
  static let recordingRule =
    "rule 2 (programme office or board secretary may record board.*, monitoring.*, measure.recorded)"

  @Test func leadOfficerMayChangeTheActionsTheyLead() throws {
    try Self.withGovernance { plan in
      try plan.record(.status("7.3", .onTrack), by: "BP")
      try plan.record(.revise("7.3", to: "2018-03"), by: "BP")
      #expect(try plan.row("7.3").status == .onTrack)
    }
  }

  @Test func leadOfficerMayNotChangeAnotherLeadsAction() throws {
    try Self.withGovernance { plan in
      let rule =
        "\(Self.leadRule): BP does not lead action 7.13 on 2018-01-15; "
        + "\(Self.officeRule) needs a role BP does not hold on 2018-01-15"
      try plan.expectRefusal(
        .status("7.13", .onTrack),
        by: "BP",
        .policy(rule: rule),
        "refused by policy: \(rule); see 'planledger policy'"
      )
    }
  }

  @Test func leadOfficerMayNotReassignTheirAction() throws {
    try Self.withGovernance { plan in
      let rule = "\(Self.officeRule) needs a role BP does not hold on 2018-01-15"
      try plan.expectRefusal(
        .reassign("7.3", to: ["DS"]),
        by: "BP",
        .policy(rule: rule),
        "refused by policy: \(rule); see 'planledger policy'"
      )
    }
  }

  @Test func someoneWithoutTheRoleIsRefusedNamingTheRules() throws {
    try Self.withGovernance { plan in
      let rule =
        "\(Self.leadRule) needs a role XY does not hold on 2018-01-15; "
        + "\(Self.officeRule) needs a role XY does not hold on 2018-01-15"
      try plan.expectRefusal(
        .status("7.3", .onTrack),
        by: "XY",
        .policy(rule: rule),
        "refused by policy: \(rule); see 'planledger policy'"
      )
    }
  }

  @Test func noRuleForTheType() throws {
    try PlanFixture.withSmallPlan { plan in
      plan.clock.set("2018-01-10")
      try plan.record(
        .policyRuleSet(PolicyRuleSet(rules: [PolicyRule(roles: ["*"], types: ["action.*"])]))
      )
      try plan.expectRefusal(
        .meeting("2018-01-10"),
        by: "SB",
        .policy(rule: "no rule allows SB to record board.meeting_held"),
        "refused by policy: no rule allows SB to record board.meeting_held; see 'planledger policy'"
      )
      try plan.record(.status("7.3", .onTrack), by: "SB")
    }
  }

  @Test func leadIsTakenOnTheEffectiveDate() throws {
    try Self.withGovernance { plan in
      plan.clock.set("2018-02-10")
      try plan.record(.reassign("7.3", to: ["DS"]), effective: "2018-02-01")
      try plan.record(.status("7.3", .atRisk), by: "BP", effective: "2018-01-20")
      let rule =
        "\(Self.leadRule): BP does not lead action 7.3 on 2018-02-05; "
        + "\(Self.officeRule) needs a role BP does not hold on 2018-02-05"
      try plan.expectRefusal(
        .status("7.3", .onTrack),
        by: "BP",
        effective: "2018-02-05",
        .policy(rule: rule),
        "refused by policy: \(rule); see 'planledger policy'"
      )
      try plan.record(.status("7.3", .onTrack), by: "DS", effective: "2018-02-05")
    }
  }

  @Test func roleIsTakenOnTheEffectiveDate() throws {
    try Self.withGovernance { plan in
      plan.clock.set("2018-03-10")
      try plan.record(.endRole("DS", Role.leadOfficer), effective: "2018-03-01")
      try plan.record(.status("7.13", .atRisk), by: "DS", effective: "2018-02-20")
      let rule =
        "\(Self.leadRule) needs a role DS does not hold on 2018-03-05; "
        + "\(Self.officeRule) needs a role DS does not hold on 2018-03-05"
      try plan.expectRefusal(
        .status("7.13", .onTrack),
        by: "DS",
        effective: "2018-03-05",
        .policy(rule: rule),
        "refused by policy: \(rule); see 'planledger policy'"
      )
    }
  }

  @Test func roleNamesMatchWhateverTheirCase() throws {
    try Self.withGovernance { plan in
      try plan.record(.role("XY", "Lead Officer"))
      try plan.record(.reassign("1.2", to: ["XY"]))
      try plan.record(.status("1.2", .onTrack), by: "XY")
      #expect(try plan.row("1.2").status == .onTrack)
    }
  }

  @Test func decisionsAndFindingsOnlyByTheProgrammeOfficeOrBoardSecretary() throws {
    try Self.withGovernance { plan in
      let rule =
        "\(Self.recordingRule) needs a role BP does not hold on 2018-01-15; "
        + "\(Self.officeRule) needs a role BP does not hold on 2018-01-15"
      try plan.expectRefusal(
        .meeting("2018-01-15"),
        by: "BP",
        .policy(rule: rule),
        "refused by policy: \(rule); see 'planledger policy'"
      )
      try plan.record(.meeting("2018-01-15"), by: "SB")
      try plan.expectRefusal(
        .decision(meeting: "2018-01-15", kind: .note, actions: ["7.3"]),
        by: "BP",
        .policy(rule: rule),
        "refused by policy: \(rule); see 'planledger policy'"
      )
      let chairRule =
        "\(Self.recordingRule) needs a role CH does not hold on 2018-01-15; "
        + "\(Self.officeRule) needs a role CH does not hold on 2018-01-15"
      try plan.expectRefusal(
        .decision(meeting: "2018-01-15", kind: .note, actions: ["7.3"]),
        by: "CH",
        .policy(rule: chairRule),
        "refused by policy: \(chairRule); see 'planledger policy'"
      )
      try plan.record(.decision(meeting: "2018-01-15", kind: .note, actions: ["7.3"]), by: "SB")
      try plan.record(
        .decision(meeting: "2018-01-15", kind: .escalate, actions: ["7.13"]),
        by: "PS"
      )
      try plan.record(
        .monitoringVisitRecorded(
          MonitoringVisitRecorded(visit: "1", start: day("2018-01-10"), end: day("2018-01-11"))
        ),
        by: "SB"
      )
      let finding = PlanEvent.monitoringFindingRecorded(
        MonitoringFindingRecorded(visit: "1", kind: .weakness, quote: "Stubbornly weak")
      )
      let findingRule = rule.replacingOccurrences(of: "2018-01-15", with: "2018-01-11")
      try plan.expectRefusal(
        finding,
        by: "BP",
        .policy(rule: findingRule),
        "refused by policy: \(findingRule); see 'planledger policy'"
      )
      try plan.record(finding, by: "SB")
    }
  }

  @Test func completionNeedsABoardDecisionAboutTheAction() throws {
    try Self.withGovernance { plan in
      try plan.expectRefusal(
        .status("7.3", .complete),
        by: "BP",
        .completionNeedsAuthority(action: ActionID("7.3")),
        "refused by policy: marking action 7.3 complete needs --authority SEQ, a board decision that concerns it"
      )
      let meeting = try plan.record(.meeting("2018-01-15"), by: "SB")
      let other = try plan.record(.decision(meeting: "2018-01-15", actions: ["7.13"]), by: "SB")
      try Self.expectCompletionRefused(plan, authorities: [other, meeting, 9999])
      let decision = try plan.record(
        .decision(meeting: "2018-01-15", actions: ["7.3", "1.2"]),
        by: "SB"
      )
      let completion = try plan.record(.status("7.3", .complete), by: "BP", authority: decision)
      #expect(try plan.row("7.3").status == .complete)
      #expect(try plan.book.record(seq: completion).authoritySeq == decision)
      let flags = try Audit(book: plan.book).entries().first { $0.record.seq == completion }?.flags
      #expect(flags == [])
    }
  }

  /// Expects BP's completion of action 7.3 on each authority to be refused: not a board
  /// decision that concerns it.
  static func expectCompletionRefused(
    _ plan: PlanFixture,
    authorities: [Int],
    sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    for seq in authorities {
      try plan.expectRefusal(
        .status("7.3", .complete),
        by: "BP",
        authority: seq,
        .authorityNotADecision(action: ActionID("7.3"), seq: seq),
        "refused by policy: seq \(seq) is not a board decision that concerns action 7.3",
        sourceLocation: sourceLocation
      )
    }
  }

  /// A completion reads its decision as it stands now: a correction that names the action
  /// makes it one that concerns it; a retracted decision concerns nothing.
  @Test func completionReadsTheDecisionAsItNowStands() throws {
    try Self.withGovernance { plan in
      try plan.record(.meeting("2018-01-15"), by: "SB")
      let decision = try plan.record(.decision(meeting: "2018-01-15", actions: ["7.13"]), by: "SB")
      let retracted = try plan.record(.decision(meeting: "2018-01-15", actions: ["7.3"]), by: "SB")
      try plan.record(.retract(retracted))
      try Self.expectCompletionRefused(plan, authorities: [decision, retracted])
      try plan.record(
        .correct(
          decision,
          data: [
            "board": "Improvement Board", "meeting": "2018-01-15", "kind": "accept_completion",
            "text": "The board agreed.", "actions": ["7.13", "7.3"],
          ]
        )
      )
      try plan.record(.status("7.3", .complete), by: "BP", authority: decision)
      #expect(try plan.row("7.3").status == .complete)
    }
  }

  @Test func enforcedOnABatch() throws {
    try Self.withGovernance { plan in
      let rule =
        "\(Self.leadRule): BP does not lead action 7.13 on 2018-01-15; "
        + "\(Self.officeRule) needs a role BP does not hold on 2018-01-15"
      try plan.expectRefusal(
        [
          Submission(.status("7.3", .onTrack), actor: PersonID("BP")),
          Submission(.status("7.13", .onTrack), actor: PersonID("BP")),
        ],
        .policy(rule: rule),
        "refused by policy: \(rule); see 'planledger policy'",
        ordinal: 1
      )
    }
  }

  @Test func enforcedOnARawAppend() throws {
    try Self.withGovernance { plan in
      let draft = EventDraft(
        type: "action.status_changed",
        stream: "action/7.13",
        actor: "BP",
        data: ["action": "7.13", "to": "on_track"]
      )
      let rule =
        "\(Self.leadRule): BP does not lead action 7.13 on 2018-01-15; "
        + "\(Self.officeRule) needs a role BP does not hold on 2018-01-15"
      try plan.expectRefusal(
        [try Submission(draft: draft)],
        .policy(rule: rule),
        "refused by policy: \(rule); see 'planledger policy'"
      )
      let complete = EventDraft(
        type: "action.status_changed",
        stream: "action/7.3",
        actor: "BP",
        data: ["action": "7.3", "to": "complete"]
      )
      try plan.expectRefusal(
        [try Submission(draft: complete)],
        .completionNeedsAuthority(action: ActionID("7.3")),
        "refused by policy: marking action 7.3 complete needs --authority SEQ, a board decision that concerns it"
      )
      var own = draft
      own.stream = "action/7.3"
      own.data = ["action": "7.3", "to": "on_track"]
      _ = try plan.book.record([try Submission(draft: own)])
      #expect(try plan.row("7.3").status == .onTrack)
    }
  }

  @Test func programmeOfficeMayRecordAnything() throws {
    try Self.withGovernance { plan in
      try plan.record(.status("7.13", .atRisk))
      try plan.record(.reassign("7.13", to: ["EM"]))
      try plan.record(.policyRuleSet(.permissive))
      try plan.record(.status("7.13", .onTrack), by: "XY")
    }
  }

  @Test
  func completionByCorrectionNeedsABoardDecision() throws {
    try Self.withGovernance { plan in
      let status = try plan.record(.status("7.3", .onTrack), by: "BP")
      try plan.expectRefusal(
        .correct(status, data: ["action": "7.3", "to": "complete"]),
        .completionNeedsAuthority(action: ActionID("7.3")),
        "refused by policy: marking action 7.3 complete needs --authority SEQ, a board decision that concerns it"
      )
    }
  }
}
