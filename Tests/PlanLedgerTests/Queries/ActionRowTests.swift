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
      #expect(try plan.row("7.13", asOf: "2018-01-31").due == (try due("2018-01")))
      let reviewPassed = try plan.row("7.13", asOf: "2018-02-15")
      #expect(reviewPassed.overdue == false)
      #expect(reviewPassed.due == (try due("2018-04")))
      #expect(try plan.row("7.13", asOf: "2018-04-30").overdue == false)
      #expect(try plan.row("7.13", asOf: "2018-05-01").daysOverdue == 1)
    }
  }

  /// 6.6 of the Croydon plan lists its milestones as the text runs, not as time does.
  static let sixPointSix = "Jun 18 / Nov 17 / Jan 18 / Nov 17"

  /// Adds an action of priority 7 (lead BP), effective 1 November 2017.
  static func add(_ number: String, byWhen: String, to plan: PlanFixture) throws {
    try plan.record(
      .addAction(number, priority: "7", leads: ["BP"], byWhen: byWhen),
      effective: "2017-11-01"
    )
  }

  /// The small plan with one more action, recorded on 5 January 2018 (see ``add(_:byWhen:to:)``).
  static func withAction(
    _ number: String,
    byWhen: String,
    _ body: (PlanFixture) throws -> Void
  ) throws {
    try PlanFixture.withSmallPlan { plan in
      plan.clock.set("2018-01-05")
      try add(number, byWhen: byWhen, to: plan)
      try body(plan)
    }
  }

  @Test func dueIsTheNextMilestoneByDateNotTheLastListed() throws {
    try Self.withAction("6.6", byWhen: Self.sixPointSix) { plan in
      try Self.add("3.10", byWhen: "Apr 18 / Dec 17", to: plan)
      let dues = try ["2017-11-15", "2017-12-01", "2018-02-01", "2018-07-01"].map { date in
        let row = try plan.row("6.6", asOf: date)
        return [row.due, row.baselineDue, row.finalDue].map { $0?.description ?? "-" }
          + [row.dueMilestone.map(String.init) ?? "-"]
      }
      #expect(
        dues == [
          ["2017-11", "2017-11", "2018-06", "2"],
          ["2018-01", "2018-01", "2018-06", "3"],
          ["2018-06", "2018-06", "2018-06", "1"],
          ["2018-06", "2018-06", "2018-06", "1"],
        ]
      )
      let state = try #require(try plan.view().state.actions[ActionID("6.6")])
      #expect(state.dueOrder == [2, 4, 3, 1])
      #expect(state.finalMilestoneIndex == 1)
      let other = try plan.row("3.10", asOf: "2018-02-01")
      #expect(other.due == (try due("2018-04")))
      #expect(other.dueMilestone == 1)
      #expect(other.finalDue == (try due("2018-04")))
    }
  }

  @Test func anEarlierMilestonePassedWithoutCompletionIsPastADueDate() throws {
    try Self.withAction("6.6", byWhen: Self.sixPointSix) { plan in
      let overdue = try ["2017-11-30", "2017-12-01", "2018-02-01", "2018-07-01"].map { date in
        let row = try plan.row("6.6", asOf: date)
        return "\(row.overdue) \(row.overdueMilestone.map(String.init) ?? "-") \(row.daysOverdue)"
      }
      // The first Nov 17 (milestone 2) passed first, and counts until completion or revision.
      #expect(overdue == ["false - 0", "true 2 1", "true 2 63", "true 2 213"])
      plan.clock.set("2018-02-10")
      try plan.record(.status("6.6", .complete), by: "BP")
      #expect(try plan.row("6.6", asOf: "2018-02-10").overdue == false)
      #expect(try plan.row("6.6", asOf: "2018-02-10").overdueMilestone == nil)
    }
  }

  @Test func revisingTheFinalMilestoneMovesDueButNotAMissedEarlierOne() throws {
    try Self.withAction("6.6", byWhen: Self.sixPointSix) { plan in
      plan.clock.set("2018-02-01")
      try plan.record(.revise("6.6", milestone: 1, to: "2018-09"), by: "BP")
      var row = try plan.row("6.6", asOf: "2018-09-01")
      #expect(row.due == (try due("2018-09")))
      #expect(row.baselineDue == (try due("2018-06")))
      #expect(row.overdueMilestone == 2)
      #expect(row.daysOverdue == 275)
      // Moving both Nov 17 milestones and Jan 18 too clears it until the new dates pass.
      try plan.record(.revise("6.6", milestone: 2, to: "2018-10"), by: "BP")
      try plan.record(.revise("6.6", milestone: 3, to: "2018-10"), by: "BP")
      try plan.record(.revise("6.6", milestone: 4, to: "2018-10"), by: "BP")
      row = try plan.row("6.6", asOf: "2018-09-01")
      #expect(row.overdue == false)
      #expect(row.due == (try due("2018-09")))
      #expect(row.finalDue == (try due("2018-10")))
      row = try plan.row("6.6", asOf: "2018-10-01")
      #expect(row.overdueMilestone == 1)
      #expect(row.daysOverdue == 1)
      #expect(row.due == (try due("2018-10")))
    }
  }

  @Test func aReviewThatIsTheLastMilestoneFallsDue() throws {
    try Self.withAction("7.20", byWhen: "Dec 17 / Review Mar 18") { plan in
      let row = try plan.row("7.20", asOf: "2018-04-02")
      #expect(row.overdueMilestone == 1)
      #expect(row.daysOverdue == 92)
      // Moved after the review, the deadline is last and the review a checkpoint again.
      try plan.record(.revise("7.20", milestone: 1, to: "2018-05"), by: "BP")
      #expect(try plan.row("7.20", asOf: "2018-04-02").overdue == false)
      #expect(try plan.row("7.20", asOf: "2018-04-02").due == (try due("2018-05")))
      try Self.add("7.21", byWhen: "Review Mar 18", to: plan)
      #expect(try plan.row("7.21", asOf: "2018-04-02").overdueMilestone == 1)
      #expect(try plan.row("7.21", asOf: "2018-04-02").daysOverdue == 2)
    }
  }

  @Test func ongoingWorkBesideADeadlineNeverFallsDue() throws {
    try Self.withAction("7.20", byWhen: "Ongoing from Jan 18 / Jun 18") { plan in
      let early = try plan.row("7.20", asOf: "2018-03-01")
      #expect(early.due == (try due("2018-06")))
      #expect(early.dueMilestone == 2)
      #expect(early.overdue == false)
      let late = try plan.row("7.20", asOf: "2018-07-01")
      #expect(late.overdueMilestone == 2)
      #expect(late.daysOverdue == 1)
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
