import LedgerStore
import PlanLedger
import Testing

/// What may stand as an event's `authority`: `{"seq": N}`, N an earlier board decision
/// that has not been retracted; the exact refusal otherwise, and nothing written.
@Suite struct ValidatorAuthorityTests {
  /// The small plan with a meeting of the Improvement Board on 2018-01-25 (seq 25) and its
  /// decision about action 7.3 (seq 26), the clock at 2018-02-01.
  static func withDecision(_ body: (PlanFixture) throws -> Void) throws {
    try PlanFixture.withSmallPlan { plan in
      plan.clock.set("2018-02-01")
      #expect(try plan.record(.meeting("2018-01-25"), by: "SB") == meeting)
      #expect(
        try plan.record(
          .decision(meeting: "2018-01-25", kind: .reassign, actions: ["7.3"]),
          by: "SB"
        )
          == decision
      )
      try body(plan)
    }
  }

  static let meeting = 25
  static let decision = 26

  @Test func aBoardDecisionAuthorisesAChange() throws {
    try Self.withDecision { plan in
      let reassignment = try plan.record(.reassign("7.3", to: ["DS"]), authority: Self.decision)
      let status = try plan.record(.status("7.13", .atRisk), authority: Self.decision)
      #expect(try plan.book.record(seq: reassignment).authority == ["seq": 26])
      #expect(try plan.book.record(seq: status).authoritySeq == Self.decision)
    }
  }

  @Test func anAuthorityNotInTheLedgerIsRefused() throws {
    try Self.withDecision { plan in
      for seq in [99999, 27] {
        try plan.expectRefusal(
          .status("7.3", .onTrack),
          authority: seq,
          .authorityNotInLedger(seq: seq, size: 26),
          "authority seq \(seq) is not in the ledger; give the seq of the board decision that "
            + "authorised it, from 1 to 26"
        )
      }
    }
  }

  @Test func onlyABoardDecisionAuthorises() throws {
    try Self.withDecision { plan in
      try plan.expectRefusal(
        .status("7.3", .onTrack),
        authority: PlanFixture.action73,
        .notAnAuthority(seq: PlanFixture.action73, type: "action.added"),
        "authority seq 22 is an \"action.added\" event, not a board decision; give the seq of "
          + "the board decision that authorised it"
      )
      try plan.expectRefusal(
        .reassign("7.3", to: ["DS"]),
        authority: Self.meeting,
        .notAnAuthority(seq: Self.meeting, type: "board.meeting_held"),
        "authority seq 25 is a \"board.meeting_held\" event, not a board decision; give the seq "
          + "of the board decision that authorised it"
      )
    }
  }

  @Test func aRetractedDecisionNoLongerAuthorises() throws {
    try Self.withDecision { plan in
      let retraction = try plan.record(.retract(Self.decision))
      try plan.expectRefusal(
        .status("7.3", .onTrack),
        authority: Self.decision,
        .authorityRetracted(seq: Self.decision, by: retraction),
        "authority seq 26 was retracted by seq 27; give the seq of the board decision "
          + "that authorised it"
      )
    }
  }

  @Test func aDecisionEarlierInTheSameBatchAuthorises() throws {
    try PlanFixture.withSmallPlan { plan in
      plan.clock.set("2018-02-01")
      let meeting = Submission(.meeting("2018-01-25"), actor: PersonID("SB"))
      let decision = Submission(
        .decision(meeting: "2018-01-25", kind: .reassign, actions: ["7.3"]),
        actor: PersonID("SB")
      )
      let authorised = Submission(
        .reassign("7.3", to: ["DS"]),
        actor: PersonID("PS"),
        authority: 26
      )
      try plan.expectRefusal(
        [meeting, authorised, decision],
        .authorityNotInLedger(seq: 26, size: 25),
        "authority seq 26 is not in the ledger; give the seq of the board decision that "
          + "authorised it, from 1 to 25",
        ordinal: 1
      )
      try plan.expectRefusal(
        [meeting, decision, Submission(.retract(26), actor: PersonID("PS")), authorised],
        .authorityRetracted(seq: 26, by: 27),
        "authority seq 26 was retracted by seq 27; give the seq of the board decision "
          + "that authorised it",
        ordinal: 3
      )
      let receipt = try plan.book.record([meeting, decision, authorised])
      #expect(receipt.seqs == [25, 26, 27])
      #expect(try plan.book.record(seq: 27).authoritySeq == 26)
    }
  }

  /// An authority given as an object (the raw door), refused for its form.
  struct Form: Sendable, CustomTestStringConvertible {
    let authority: JSONObject
    let value: MalformedValue
    let message: String
    var testDescription: String { "\(authority)" }
  }

  static let forms: [Form] = [
    Form(
      authority: ["seq": -1],
      value: .authoritySeqNotASeq,
      message: "the authority's \"seq\" is not a whole number of at least 1; give the seq of "
        + "the board decision that authorised it"
    ),
    Form(
      authority: ["seq": 0],
      value: .authoritySeqNotASeq,
      message: "the authority's \"seq\" is not a whole number of at least 1; give the seq of "
        + "the board decision that authorised it"
    ),
    Form(
      authority: ["seq": "abc"],
      value: .authoritySeqNotASeq,
      message: "the authority's \"seq\" is not a whole number of at least 1; give the seq of "
        + "the board decision that authorised it"
    ),
    Form(
      authority: [:],
      value: .authorityWithoutSeq,
      message: "the authority has no \"seq\"; give {\"seq\": N}, N the seq of the board "
        + "decision that authorised it"
    ),
    Form(
      authority: ["foo": 1],
      value: .authorityWithoutSeq,
      message: "the authority has no \"seq\"; give {\"seq\": N}, N the seq of the board "
        + "decision that authorised it"
    ),
    Form(
      authority: ["seq": 26, "note": "minute 4"],
      value: .authorityMember("note"),
      message: "the authority has a member \"note\"; it holds only \"seq\", the seq of the "
        + "board decision that authorised it"
    ),
  ]

  @Test(arguments: forms)
  func anAuthorityIsOnlyTheSeqOfTheDecision(form: Form) throws {
    try Self.withDecision { plan in
      let draft = EventDraft(
        type: "action.status_changed",
        stream: "action/7.3",
        actor: "PS",
        authority: form.authority,
        data: ["action": "7.3", "to": "on_track"]
      )
      try plan.expectRefusal([try Submission(draft: draft)], .malformed(form.value), form.message)
    }
  }

  @Test func anAuthoritySeqBelowOneIsRefused() throws {
    try Self.withDecision { plan in
      try plan.expectRefusal(
        .status("7.3", .onTrack),
        authority: 0,
        .malformed(.authoritySeqNotASeq),
        "the authority's \"seq\" is not a whole number of at least 1; give the seq of the board "
          + "decision that authorised it"
      )
    }
  }
}
