import LedgerStore
import PlanLedger
import Testing

@Suite struct ActionStateTests {
  @Test func revisionsMoveTheDueDateAndCountSlip() throws {
    try PlanFixture.withSmallPlan { plan in
      plan.clock.set("2018-01-05")
      try plan.record(.revise("7.3", to: "2018-03"), by: "BP")
      var row = try plan.row("7.3")
      #expect(row.due == (try due("2018-03")))
      #expect(row.baselineDue == (try due("2017-12")))
      #expect(row.revisions == 1)
      #expect(row.slipDays == 90)
      #expect(row.milestones.map(\.due) == [try due("2018-03")])
      #expect(row.baseline.map(\.due) == [try due("2017-12")])
      #expect(row.drifting == false)

      plan.clock.set("2018-03-20")
      try plan.record(.revise("7.3", to: "2018-04"), by: "BP")
      row = try plan.row("7.3")
      #expect(row.due == (try due("2018-04")))
      #expect(row.revisions == 2)
      #expect(row.slipDays == 120)
      #expect(row.drifting)
      #expect(try plan.row("7.3", asOf: "2018-03-19").revisions == 1)
    }
  }

  @Test func oneRevisionOfMoreThanNinetyDaysIsDrifting() throws {
    try PlanFixture.withSmallPlan { plan in
      plan.clock.set("2018-01-05")
      try plan.record(.revise("7.3", to: "2018-04-01"), by: "BP")
      let row = try plan.row("7.3")
      #expect(row.revisions == 1)
      #expect(row.slipDays == 91)
      #expect(row.drifting)
    }
  }

  @Test func bringingADateForwardIsNoSlip() throws {
    try PlanFixture.withSmallPlan { plan in
      plan.clock.set("2018-01-05")
      try plan.record(.revise("7.13", milestone: 2, to: "2018-02"), by: "DS")
      let row = try plan.row("7.13")
      #expect(row.due == (try due("2018-01")))
      #expect(row.finalDue == (try due("2018-02")))
      #expect(row.revisions == 1)
      #expect(row.slipDays == 0)
    }
  }

  @Test func slipAddsUpOverMilestones() throws {
    try PlanFixture.withSmallPlan { plan in
      plan.clock.set("2018-01-05")
      try plan.record(.revise("7.13", milestone: 1, to: "2018-02"), by: "DS")
      try plan.record(.revise("7.13", milestone: 2, to: "2018-05"), by: "DS")
      let row = try plan.row("7.13")
      #expect(row.slipDays == 28 + 31)
      #expect(row.revisions == 2)
      // On 5 January the review (now February) is next; the implementation (May) is last.
      #expect(row.due == (try due("2018-02")))
      #expect(row.dueMilestone == 1)
      #expect(row.baselineDue == (try due("2018-01")))
      #expect(row.finalDue == (try due("2018-05")))
      #expect(row.milestones.map(\.label) == ["Review Jan 18", "Implement Apr 18"])
      #expect(row.milestones.map(\.due) == [try due("2018-02"), try due("2018-05")])
    }
  }

  @Test func revisingAnEarlierMilestoneMovesTheNextDueDateButNotTheFinalOne() throws {
    try PlanFixture.withSmallPlan { plan in
      plan.clock.set("2018-01-05")
      try plan.record(.revise("7.13", milestone: 1, to: "2018-03"), by: "DS")
      let row = try plan.row("7.13")
      #expect(row.due == (try due("2018-03")))
      #expect(row.baselineDue == (try due("2018-01")))
      #expect(row.finalDue == (try due("2018-04")))
      #expect(row.slipDays == 59)
    }
  }

  @Test func backDatedRevisionAppliesFromItsDate() throws {
    try PlanFixture.withSmallPlan { plan in
      plan.clock.set("2018-02-01")
      try plan.record(.revise("7.3", to: "2018-06"), by: "BP", effective: "2018-01-20")
      try plan.record(.revise("7.3", to: "2018-03"), by: "BP", effective: "2017-12-15")
      #expect(try plan.row("7.3", asOf: "2017-12-14").due == (try due("2017-12")))
      #expect(try plan.row("7.3", asOf: "2018-01-01").due == (try due("2018-03")))
      #expect(try plan.row("7.3", asOf: "2018-01-01").revisions == 1)
      #expect(try plan.row("7.3").due == (try due("2018-06")))
      #expect(try plan.row("7.3").revisions == 2)
      #expect(try plan.row("7.3").slipDays == 181)
    }
  }

  @Test func actionFallsDueAtItsLastMilestoneThatFallsDue() throws {
    try PlanFixture.withSmallPlan { plan in
      plan.clock.set("2018-01-05")
      try plan.record(
        .addAction("7.20", priority: "7", leads: [], byWhen: "Apr 18 / Ongoing from Apr 18")
      )
      try plan.record(
        .addAction("7.21", priority: "7", leads: [], byWhen: "Ongoing / test impact in March 18")
      )
      try plan.record(.addAction("7.22", priority: "7", leads: [], byWhen: "Ongoing from Feb 17"))
      let view = try plan.view()
      #expect(try plan.row("7.20", in: view).due == (try due("2018-04")))
      #expect(try plan.row("7.21", in: view).due == (try due("2018-03")))
      #expect(try plan.row("7.22", in: view).due == nil)
      #expect(try plan.row("1.1", in: view).due == nil)
      #expect(try plan.row("1.2", in: view).due == (try due("2018-04")))
      #expect(try plan.row("7.13", in: view).due == (try due("2018-01")))
      #expect(try plan.row("7.13", in: view).finalDue == (try due("2018-04")))
      let state = try #require(view.state.actions[ActionID("7.20")])
      #expect(state.finalMilestoneIndex == 1)
    }
  }

  @Test func reassignmentAndWithdrawalFoldByDate() throws {
    try PlanFixture.withSmallPlan { plan in
      plan.clock.set("2018-02-01")
      try plan.record(.reassign("7.3", to: ["DS", "EM"]), effective: "2018-01-10")
      try plan.record(.withdraw("1.1"), effective: "2018-01-20")
      #expect(try plan.row("7.3", asOf: "2018-01-09").leads == [PersonID("BP")])
      #expect(try plan.row("7.3", asOf: "2018-01-10").leads == [PersonID("DS"), PersonID("EM")])
      #expect(try plan.row("7.3").leadText == "DS; EM")
      #expect(try plan.row("1.1", asOf: "2018-01-19").withdrawn == false)
      #expect(try plan.row("1.1", asOf: "2018-01-20").withdrawn)
      #expect(try plan.row("1.1").lastUpdate == day("2018-01-20"))
    }
  }

  @Test func amendmentsChangeTheWordingNotTheBaseline() throws {
    try PlanFixture.withSmallPlan { plan in
      plan.clock.set("2018-02-01")
      try plan.record(
        .actionAmended(
          ActionAmended(
            action: ActionID("7.3"),
            text: "Recruit permanent staff",
            partners: ["HR"],
            reason: "v7"
          )
        )
      )
      let row = try plan.row("7.3")
      #expect(row.text == "Recruit permanent staff")
      #expect(row.partners == ["HR"])
      #expect(row.issue == "")
      #expect(row.lastUpdate == day("2018-02-01"))
      #expect(try plan.row("7.3", asOf: "2018-01-31").text == "Do the work")
    }
  }
}
