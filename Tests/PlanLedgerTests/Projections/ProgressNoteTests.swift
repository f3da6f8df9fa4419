import Foundation
import LedgerStore
import PlanLedger
import Testing

/// `action.progress_noted`: a lead's report that keeps the rating, refused where a status
/// change is, folded without moving the status or its date, shown in history.
@Suite struct ProgressNoteTests {
  static func note(_ action: String, _ text: String) -> PlanEvent {
    .actionProgressNoted(ActionProgressNoted(action: ActionID(action), note: text))
  }

  @Test func aNoteKeepsTheStatusAndItsDateAndClearsStale() throws {
    try PlanFixture.withSmallPlan { plan in
      plan.clock.set("2018-06-01")
      try plan.record(.status("7.3", .atRisk, note: "Recruitment slow"), effective: "2018-01-10")
      let before = try plan.row("7.3", asOf: "2018-04-20")
      #expect(before.stale)
      #expect(before.atRiskLong)
      let seq = try plan.record(
        Self.note("7.3", "Monthly update: recruitment still slow"),
        by: "BP",
        effective: "2018-04-15"
      )
      let row = try plan.row("7.3", asOf: "2018-04-20")
      #expect(row.status == .atRisk)
      #expect(row.statusSince == day("2018-01-10"))
      #expect(row.atRiskLong)
      #expect(row.lastUpdate == day("2018-04-15"))
      #expect(!row.stale)
      #expect(row.noteSeq == seq)
      let state = try #require(plan.view(asOf: "2018-04-20").state.actions[ActionID("7.3")])
      #expect(state.progressNote?.value.note == "Monthly update: recruitment still slow")
    }
  }

  @Test func aLaterStatusChangeIsTheLatestNote() throws {
    try PlanFixture.withSmallPlan { plan in
      plan.clock.set("2018-06-01")
      try plan.record(Self.note("7.3", "Started"), effective: "2018-02-01")
      #expect(try plan.row("7.3", asOf: "2018-02-01").status == .notRated)
      let status = try plan.record(.status("7.3", .onTrack), effective: "2018-03-01")
      #expect(try plan.row("7.3").noteSeq == status)
    }
  }

  /// A note back-dated before a status change neither changes the status nor is the
  /// latest note, whatever order they were recorded in.
  @Test func aBackDatedNoteDoesNotChangeTheStatus() throws {
    try PlanFixture.withSmallPlan { plan in
      plan.clock.set("2018-06-01")
      let status = try plan.record(.status("7.3", .overdue), effective: "2018-03-01")
      try plan.record(Self.note("7.3", "Back-dated"), effective: "2018-02-01")
      let row = try plan.row("7.3")
      #expect(row.status == .overdue)
      #expect(row.statusSince == day("2018-03-01"))
      #expect(row.lastUpdate == day("2018-03-01"))
      #expect(row.noteSeq == status)
      #expect(try plan.row("7.3", asOf: "2018-02-15").status == .notRated)
    }
  }

  @Test func aNoteIsRefusedWhereAStatusChangeIs() throws {
    try PlanFixture.withSmallPlan { plan in
      plan.clock.set("2018-02-01")
      try plan.record(
        .addAction("7.20", priority: "7", leads: ["BP"], byWhen: "Jun 18"),
        effective: "2018-01-15"
      )
      try plan.expectRefusal(
        Self.note("7.20", "Early"),
        effective: "2018-01-10",
        .beforeAction(action: ActionID("7.20"), date: day("2018-01-10"), added: day("2018-01-15")),
        "effective date 2018-01-10 is before action 7.20 was added (2018-01-15)"
      )
      try plan.expectRefusal(
        Self.note("7.31", "Typo"),
        .unknownAction(ActionID("7.31"), nearest: [ActionID("7.3"), ActionID("7.13")]),
        "unknown action \"7.31\" (did you mean 7.3 or 7.13?)"
      )
      try plan.record(.withdraw("7.3"), effective: "2018-01-20")
      try plan.expectRefusal(
        Self.note("7.3", "After"),
        by: "BP",
        .actionWithdrawn(ActionID("7.3")),
        "action 7.3 was withdrawn; nothing more can be recorded about it"
      )
      try plan.record(Self.note("7.3", "Before"), by: "BP", effective: "2018-01-19")
    }
  }

  @Test func aBlankNoteIsMalformed() throws {
    try PlanFixture.withSmallPlan { plan in
      plan.clock.set("2018-02-01")
      try plan.expectRefusal(
        Self.note("7.3", " \n"),
        .malformed(.blank(type: "action.progress_noted", member: "note")),
        #""note" is blank; an "action.progress_noted" event needs one"#
      )
    }
  }

  @Test func aStatusLeftAsItIsPointsToTheNoteCommand() throws {
    try PlanFixture.withSmallPlan { plan in
      plan.clock.set("2018-03-01")
      try plan.record(.status("7.3", .atRisk), effective: "2018-02-01")
      try plan.expectRefusal(
        .status("7.3", .atRisk, note: "Monthly update"),
        .unchanged(action: ActionID("7.3"), status: .atRisk, date: day("2018-03-01")),
        "action 7.3 is already at_risk on 2018-03-01; to report progress without a new rating, "
          + "use 'planledger note 7.3 --note …'"
      )
    }
  }

  /// Under the governance rules, and under any rule set that lets leads rate their own
  /// actions, a lead may note progress on their own actions and only on them.
  @Test func aLeadMayNoteWhereTheyMayRate() throws {
    try PlanFixture.withSmallPlan { plan in
      plan.clock.set("2018-01-10")
      try plan.record(.policyRuleSet(.governance))
      plan.clock.set("2018-01-15")
      try plan.record(Self.note("7.3", "On its way"), by: "BP")
      let rule =
        "rule 1 (lead officer may record action.status_changed, action.due_revised for the "
        + "actions they lead): BP does not lead action 7.13 on 2018-01-15; rule 3 (programme "
        + "office may record any event) needs a role BP does not hold on 2018-01-15"
      try plan.expectRefusal(
        Self.note("7.13", "Not mine"),
        by: "BP",
        .policy(rule: rule),
        "refused by policy: \(rule); see 'planledger policy'"
      )
    }
    let rule = PolicyRule(roles: ["lead officer"], types: ["action.status_changed"])
    #expect(rule.covers("action.progress_noted"))
    #expect(
      !PolicyRule(roles: ["*"], types: ["action.due_revised"]).covers("action.progress_noted")
    )
  }

  @Test func historyShowsTheNoteUnderTheRatingItKeeps() throws {
    try PlanFixture.withSmallPlan { plan in
      plan.clock.set("2018-04-01")
      try plan.record(.status("7.3", .atRisk), by: "BP", effective: "2018-02-01")
      try plan.record(Self.note("7.3", "Still slow"), by: "BP", effective: "2018-03-01")
      let entries = try History(book: plan.book).entries(of: .action(ActionID("7.3")))
      #expect(
        entries.map(\.summary) == [
          "action 7.3 added, lead BP", "status not_rated → at_risk", "progress noted (at_risk)",
        ]
      )
      #expect(entries[2].why == "Still slow")
      #expect(entries[2].before == "at_risk")
      let audit = try Audit(book: plan.book).entries().map(\.summary)
      #expect(audit.contains("progress noted (at_risk)"))
    }
  }

  @Test func aSnapshotWithANoteAnswersAsReplayDoes() throws {
    try PlanFixture.withSmallPlan { plan in
      plan.clock.set("2018-04-01")
      try plan.record(.status("7.3", .atRisk), by: "BP", effective: "2018-02-01")
      try plan.record(Self.note("7.3", "Still slow"), by: "BP", effective: "2018-03-01")
      try withTemporaryDirectory { directory in
        let store = SnapshotStore(directory: directory.appending(path: "Snapshots").path)
        let fast = PlanBook(ledger: plan.ledger, clock: plan.clock, snapshots: store)
        for snapshot in try fast.buildSnapshots(asOf: [day("2018-03-15")]) {
          try store.write(snapshot)
        }
        let slice = TimeSlice(asOf: day("2018-03-15"))
        let (view, use) = try fast.explainedView(slice)
        #expect(use.snapshot != nil)
        #expect(view == (try plan.book.view(slice)))
        #expect(view.state.actions[ActionID("7.3")]?.progressNote?.value.note == "Still slow")
      }
    }
  }
}
