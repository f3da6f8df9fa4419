import LedgerStore
import PlanLedger
import Testing

@Suite struct SubmissionTests {
  @Test func readsARawDraft() throws {
    let draft = EventDraft(
      id: "x-1",
      type: "action.status_changed",
      stream: "action/7.3",
      effective: day("2018-01-20"),
      actor: "BP",
      authority: ["seq": 40],
      source: ["document": "tracker", "locator": "row 12"],
      data: ["action": "7.3", "to": "complete", "note": "done"]
    )
    let submission = try Submission(draft: draft)
    #expect(
      submission.event
        == .actionStatusChanged(
          ActionStatusChanged(action: ActionID("7.3"), to: .complete, note: "done")
        )
    )
    #expect(submission.actor == PersonID("BP"))
    #expect(submission.effective == day("2018-01-20"))
    #expect(submission.authority == 40)
    #expect(submission.authorityObject == ["seq": 40])
    #expect(submission.source == ["document": "tracker", "locator": "row 12"])
    #expect(submission.id == "x-1")
    #expect(submission.stream == "action/7.3")
  }

  @Test func refusesATypeThatIsNotAPlanEvent() {
    let draft = EventDraft(type: "action.exploded", stream: "action/7.3", actor: "BP")
    let error = #expect(throws: Refusal.notAPlanEvent("action.exploded")) {
      try Submission(draft: draft)
    }
    #expect(
      error?.description
        == "\"action.exploded\" is not a plan event type; see the event types in 'planledger help append'"
    )
  }

  @Test func refusesDataThatDoesNotFitTheType() {
    let draft = EventDraft(
      type: "action.status_changed",
      stream: "action/7.3",
      actor: "BP",
      data: ["action": "7.3"]
    )
    let error = #expect(
      throws: Refusal.invalidData(type: "action.status_changed", reason: "data has no \"to\"")
    ) {
      try Submission(draft: draft)
    }
    #expect(error?.description == "action.status_changed: data has no \"to\"")
  }

  @Test func refusesAStreamThatIsNotTheEventsOwn() throws {
    try PlanFixture.withSmallPlan { plan in
      plan.clock.set("2018-02-01")
      let draft = EventDraft(
        type: "action.status_changed",
        stream: "action/7.4",
        actor: "BP",
        data: ["action": "7.3", "to": "on_track"]
      )
      try plan.expectRefusal(
        [try Submission(draft: draft)],
        .wrongStream(type: "action.status_changed", stream: "action/7.4", expected: "action/7.3"),
        "an \"action.status_changed\" event belongs to stream \"action/7.3\", not \"action/7.4\""
      )
      let status = try plan.record(.status("7.3", .onTrack), by: "BP")
      let correction = EventDraft(
        type: "event.corrected",
        stream: "plan",
        actor: "PS",
        data: [
          "seq": .integer(status), "data": ["action": "7.3", "to": "at_risk"], "reason": "typo",
        ]
      )
      try plan.expectRefusal(
        [try Submission(draft: correction)],
        .wrongStream(type: "event.corrected", stream: "plan", expected: "action/7.3"),
        "an \"event.corrected\" event belongs to stream \"action/7.3\", not \"plan\""
      )
      var right = correction
      right.stream = "action/7.3"
      _ = try plan.book.record([try Submission(draft: right)])
      #expect(try plan.row("7.3").status == .atRisk)
    }
  }
}
