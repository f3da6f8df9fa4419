import LedgerStore
import PlanLedger
import Testing

@Suite struct ActionRowTests {
  @Test func overdueIsComputedApartFromTheRating() throws {
    try PlanFixture.withSmallPlan { plan in
      plan.clock.set("2018-03-01")
      try plan.record(.status("7.3", .onTrack), by: "BP", effective: "2017-12-20")
      let lastDay = try plan.row("7.3", asOf: "2017-12-31")
      #expect(lastDay.overdue == false)
      #expect(lastDay.daysOverdue == 0)
      let nextDay = try plan.row("7.3", asOf: "2018-01-01")
      #expect(nextDay.status == .onTrack)
      #expect(nextDay.overdue)
      #expect(nextDay.daysOverdue == 1)
      let tenDays = try plan.row("7.3", asOf: "2018-01-10")
      #expect(tenDays.overdue)
      #expect(tenDays.daysOverdue == 10)
    }
  }

  @Test func completeIsNeverOverdue() throws {
    try PlanFixture.withSmallPlan { plan in
      plan.clock.set("2018-03-01")
      try plan.record(.status("7.3", .complete), by: "BP", effective: "2018-01-15")
      #expect(try plan.row("7.3", asOf: "2018-01-14").daysOverdue == 14)
      let row = try plan.row("7.3", asOf: "2018-01-20")
      #expect(row.overdue == false)
      #expect(row.daysOverdue == 0)
      #expect(row.stale == false)
    }
  }

  @Test func ratedOverdueIsNotComputedOverdue() throws {
    try PlanFixture.withSmallPlan { plan in
      plan.clock.set("2017-12-01")
      try plan.record(.status("7.3", .overdue), by: "BP")
      let row = try plan.row("7.3", asOf: "2017-12-01")
      #expect(row.status == .overdue)
      #expect(row.overdue == false)
    }
  }

  @Test func ongoingWorkIsNeverOverdue() throws {
    try PlanFixture.withSmallPlan { plan in
      let row = try plan.row("1.1", asOf: "2020-01-01")
      #expect(row.due == nil)
      #expect(row.overdue == false)
      #expect(row.daysOverdue == 0)
    }
  }

  @Test func withdrawnIsNeitherOverdueNorStale() throws {
    try PlanFixture.withSmallPlan { plan in
      plan.clock.set("2017-12-01")
      try plan.record(.withdraw("7.3"))
      let row = try plan.row("7.3", asOf: "2018-06-01")
      #expect(row.withdrawn)
      #expect(row.overdue == false)
      #expect(row.stale == false)
    }
  }

  @Test func reviewPassingDoesNotMakeTheActionOverdue() throws {
    try PlanFixture.withSmallPlan { plan in
      let reviewPassed = try plan.row("7.13", asOf: "2018-02-15")
      #expect(reviewPassed.overdue == false)
      #expect(try plan.row("7.13", asOf: "2018-04-30").overdue == false)
      #expect(try plan.row("7.13", asOf: "2018-05-01").daysOverdue == 1)
    }
  }

  @Test func revisionPutsOffOverdue() throws {
    try PlanFixture.withSmallPlan { plan in
      plan.clock.set("2018-01-05")
      try plan.record(.revise("7.3", to: "2018-03"), by: "BP")
      #expect(try plan.row("7.3", asOf: "2018-01-04").daysOverdue == 4)
      #expect(try plan.row("7.3", asOf: "2018-01-05").overdue == false)
      #expect(try plan.row("7.3", asOf: "2018-04-02").daysOverdue == 2)
    }
  }

  @Test func staleAfterSixtyDaysWithoutAnUpdate() throws {
    try PlanFixture.withSmallPlan { plan in
      #expect(try plan.row("1.1", asOf: "2017-12-31").stale == false)
      #expect(try plan.row("1.1", asOf: "2018-01-01").stale)
      plan.clock.set("2018-01-10")
      try plan.record(.status("1.1", .onTrack), by: "EM", effective: "2017-12-20")
      #expect(try plan.row("1.1", asOf: "2018-01-01").stale == false)
      #expect(try plan.row("1.1", asOf: "2018-02-18").stale == false)
      #expect(try plan.row("1.1", asOf: "2018-02-19").stale)
      #expect(try plan.row("1.1", asOf: "2018-02-19").lastUpdate == day("2017-12-20"))
    }
  }

  @Test func atRiskForNinetyDaysIsFlagged() throws {
    try PlanFixture.withSmallPlan { plan in
      plan.clock.set("2018-01-01")
      try plan.record(.status("7.13", .atRisk), by: "DS")
      let before = try plan.row("7.13", asOf: "2018-03-31")
      #expect(before.daysAtStatus == 89)
      #expect(before.atRiskLong == false)
      let after = try plan.row("7.13", asOf: "2018-04-01")
      #expect(after.daysAtStatus == 90)
      #expect(after.atRiskLong)
      #expect(after.statusSince == day("2018-01-01"))
    }
  }

  @Test func anotherRatingEndsTheAtRiskSpell() throws {
    try PlanFixture.withSmallPlan { plan in
      plan.clock.set("2018-04-10")
      try plan.record(.status("7.13", .atRisk), by: "DS", effective: "2018-01-01")
      try plan.record(.status("7.13", .onTrack), by: "DS", effective: "2018-03-01")
      let row = try plan.row("7.13", asOf: "2018-04-10")
      #expect(row.atRiskLong == false)
      #expect(row.daysAtStatus == 40)
    }
  }

  @Test func listsTheDecisionsAndFindingsThatConcernIt() throws {
    try PlanFixture.withSmallPlan { plan in
      plan.clock.set("2018-01-25")
      try plan.record(.meeting("2018-01-25"), by: "SB")
      let decision = try plan.record(
        .decision(meeting: "2018-01-25", kind: .escalate, actions: ["7.3"]),
        by: "SB"
      )
      try plan.record(
        .monitoringVisitRecorded(
          MonitoringVisitRecorded(visit: "1", start: day("2018-01-10"), end: day("2018-01-11"))
        ),
        by: "SB"
      )
      let finding = try plan.record(
        .monitoringFindingRecorded(
          MonitoringFindingRecorded(
            visit: "1",
            kind: .weakness,
            quote: "Too slow",
            actions: [ActionID("7.3")]
          )
        ),
        by: "SB"
      )
      let row = try plan.row("7.3")
      #expect(row.decisions == [decision])
      #expect(row.findings == [finding])
      #expect(try plan.row("7.13").decisions.isEmpty)
      #expect(try plan.row("7.3", asOf: "2018-01-10").findings.isEmpty)
    }
  }
}
