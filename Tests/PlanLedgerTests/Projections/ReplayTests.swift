import LedgerStore
import PlanLedger
import Testing

@Suite struct ReplayTests {
  @Test func lateBackDatedReportShowsAsOfItsDateOnlyOnceKnown() throws {
    try PlanFixture.withSmallPlan { plan in
      plan.clock.set("2018-01-10")
      let seq = try plan.record(.status("7.3", .onTrack), by: "BP", effective: "2017-12-01")
      let recorded = try plan.recorded(seq)
      #expect(recorded == instant("2018-01-10T09:00:00Z"))

      let knownNow = try plan.row("7.3", asOf: "2017-12-15")
      #expect(knownNow.status == .onTrack)
      #expect(knownNow.statusSince == day("2017-12-01"))
      #expect(knownNow.statusSeq == seq)

      let knownJustBefore = try plan.row(
        "7.3",
        asOf: "2017-12-15",
        knownAt: LedgerTimestamp(millisecondsSinceEpoch: recorded.millisecondsSinceEpoch - 1)
      )
      #expect(knownJustBefore.status == .notRated)
      #expect(knownJustBefore.statusSince == day("2017-11-01"))
      #expect(knownJustBefore.statusSeq == nil)

      #expect(try plan.row("7.3", asOf: "2017-12-15", knownAt: recorded).status == .onTrack)
      #expect(try plan.row("7.3", asOf: "2017-11-30").status == .notRated)
    }
  }

  @Test func lateReportDoesNotChangeTheBoardView() throws {
    try PlanFixture.withSmallPlan { plan in
      plan.clock.set("2017-12-14")
      try plan.record(.meeting("2017-12-14"), by: "SB")
      plan.clock.set("2018-01-10")
      try plan.record(.status("7.3", .atRisk), by: "BP", effective: "2017-12-01")
      let board = try plan.book.view(.board(day("2017-12-14")))
      #expect(try plan.row("7.3", in: board).status == .notRated)
      #expect(board.date == day("2017-12-14"))
      #expect(try plan.row("7.3", asOf: "2017-12-14").status == .atRisk)
    }
  }

  @Test func boardViewIncludesEverythingRecordedOnTheBoardDay() throws {
    try PlanFixture.withSmallPlan { plan in
      plan.clock.set("2017-12-14T23:59:59.999Z")
      try plan.record(.status("7.3", .atRisk), by: "BP")
      plan.clock.set("2017-12-15T00:00:00Z")
      try plan.record(.status("7.13", .atRisk), by: "DS", effective: "2017-12-14")
      let board = try plan.book.view(.board(day("2017-12-14")))
      #expect(board.slice.knownAt == instant("2017-12-14T23:59:59.999Z"))
      #expect(try plan.row("7.3", in: board).status == .atRisk)
      #expect(try plan.row("7.13", in: board).status == .notRated)
    }
  }

  @Test func correctionAfterABoardLeavesTheBoardViewAlone() throws {
    try PlanFixture.withSmallPlan { plan in
      plan.clock.set("2018-01-20")
      let original = try plan.record(.status("7.3", .complete), by: "BP")
      plan.clock.set("2018-01-25")
      try plan.record(.meeting("2018-01-25"), by: "SB")
      plan.clock.set("2018-02-03")
      let correction = try plan.record(
        .correct(
          original,
          data: ["action": "7.3", "to": "at_risk"],
          reason: "evidence not accepted"
        )
      )

      let board = try plan.book.view(.board(day("2018-01-25")))
      #expect(try plan.row("7.3", in: board).status == .complete)
      #expect(board.state.correctedBy.isEmpty)

      let present = try plan.view()
      let row = try plan.row("7.3", in: present)
      #expect(row.status == .atRisk)
      #expect(row.statusSeq == original)
      #expect(row.statusSince == day("2018-01-20"))
      #expect(present.state.correctedBy == [original: correction])
      #expect(present.date == day("2018-02-03"))

      let history = try History(book: plan.book).entries(of: .action(ActionID("7.3")))
      #expect(history.map(\.record.seq) == [PlanFixture.action73, original, correction])
      let corrected = try #require(history.first { $0.record.seq == original })
      #expect(corrected.correctedBy == [correction])
      #expect(corrected.retractedBy == nil)
      #expect(corrected.record.event == .status("7.3", .complete))
      #expect(corrected.summary == "status not_rated → at_risk")
      let entry = try #require(history.first { $0.record.seq == correction })
      #expect(entry.summary == "corrects seq \(original)")
      #expect(entry.before == ["action": "7.3", "to": "complete"])
      #expect(entry.after == ["action": "7.3", "to": "at_risk"])
      #expect(entry.record.stream == "action/7.3")
    }
  }

  @Test func laterCorrectionWins() throws {
    try PlanFixture.withSmallPlan { plan in
      plan.clock.set("2018-01-20")
      let original = try plan.record(.status("7.3", .complete), by: "BP")
      plan.clock.set("2018-01-21")
      try plan.record(.correct(original, data: ["action": "7.3", "to": "at_risk"]))
      plan.clock.set("2018-01-22")
      let second = try plan.record(.correct(original, data: ["action": "7.3", "to": "overdue"]))
      #expect(try plan.row("7.3").status == .overdue)
      #expect(try plan.view().state.correctedBy == [original: second])
      let known = try plan.row("7.3", knownAt: instant("2018-01-21T12:00:00Z"))
      #expect(known.status == .atRisk)
    }
  }

  @Test func retractionRemovesTheRecordFromViewsKnownAfterIt() throws {
    try PlanFixture.withSmallPlan { plan in
      plan.clock.set("2018-02-10")
      let wrong = try plan.record(.status("7.13", .atRisk), by: "DS")
      plan.clock.set("2018-02-12")
      let retraction = try plan.record(.retract(wrong))

      let before = try plan.row("7.13", asOf: "2018-02-11", knownAt: plan.recorded(wrong))
      #expect(before.status == .atRisk)
      let after = try plan.view(asOf: "2018-02-11")
      #expect(try plan.row("7.13", in: after).status == .notRated)
      #expect(after.state.retractedBy == [wrong: retraction])

      plan.clock.set("2018-02-15")
      let next = try plan.record(.status("7.13", .onTrack), by: "DS")
      let history = try History(book: plan.book).entries(of: .action(ActionID("7.13")))
      #expect(history.map(\.record.seq) == [PlanFixture.action713, wrong, retraction, next])
      let retracted = try #require(history.first { $0.record.seq == wrong })
      #expect(retracted.retractedBy == retraction)
      #expect(retracted.summary == "status not_rated → at_risk")
      let entry = try #require(history.first { $0.record.seq == retraction })
      #expect(entry.summary == "retracts seq \(wrong)")
      #expect(entry.before == ["action": "7.13", "to": "at_risk"])
      #expect(entry.after == .null)
      let latest = try #require(history.first { $0.record.seq == next })
      #expect(latest.summary == "status not_rated → on_track")
      #expect(latest.before == "not_rated")
    }
  }

  @Test func retractedActionIsGoneAndComesBackAsKnownBefore() throws {
    try PlanFixture.withSmallPlan { plan in
      plan.clock.set("2018-01-05")
      let added = try plan.record(
        .addAction("7.20", priority: "7", leads: ["BP"], byWhen: "Mar 18")
      )
      plan.clock.set("2018-01-06")
      try plan.record(.retract(added))
      #expect(try plan.view().actions.map(\.number.rawValue) == ["1.1", "1.2", "7.3", "7.13"])
      let known = try plan.view(knownAt: plan.recorded(added))
      #expect(known.actions.map(\.number.rawValue) == ["1.1", "1.2", "7.3", "7.13", "7.20"])
    }
  }

  @Test func asOfFoldsOnlyEventsEffectiveByThen() throws {
    try PlanFixture.withSmallPlan { plan in
      plan.clock.set("2018-03-01")
      try plan.record(.status("7.3", .onTrack), by: "BP", effective: "2017-12-01")
      try plan.record(.status("7.3", .atRisk), by: "BP", effective: "2018-01-15")
      try plan.record(.status("7.3", .complete), by: "BP", effective: "2017-12-20")
      #expect(try plan.row("7.3", asOf: "2017-11-30").status == .notRated)
      #expect(try plan.row("7.3", asOf: "2017-12-01").status == .onTrack)
      #expect(try plan.row("7.3", asOf: "2017-12-19").status == .onTrack)
      #expect(try plan.row("7.3", asOf: "2017-12-20").status == .complete)
      #expect(try plan.row("7.3", asOf: "2018-01-14").status == .complete)
      #expect(try plan.row("7.3", asOf: "2018-01-15").status == .atRisk)
      #expect(try plan.row("7.3").status == .atRisk)
      #expect(try plan.view(asOf: "2017-10-31").actions.isEmpty)
    }
  }

  @Test func sameDayChangesFollowRecordingOrder() throws {
    try PlanFixture.withSmallPlan { plan in
      plan.clock.set("2018-01-10")
      try plan.record(.status("7.3", .atRisk), by: "BP", effective: "2018-01-05")
      try plan.record(.status("7.3", .onTrack), by: "BP", effective: "2018-01-05")
      #expect(try plan.row("7.3", asOf: "2018-01-05").status == .onTrack)
    }
  }

  @Test func retractedWithdrawalBringsTheActionBack() throws {
    try PlanFixture.withSmallPlan { plan in
      plan.clock.set("2018-02-01")
      let withdrawal = try plan.record(.withdraw("7.3"), effective: "2018-01-15")
      #expect(try plan.view().summary.withdrawn == 1)
      try plan.record(.retract(withdrawal))
      let row = try plan.row("7.3")
      #expect(row.withdrawn == false)
      #expect(row.lastUpdate == day("2017-11-01"))
      try plan.record(.status("7.3", .onTrack), by: "BP")
      #expect(try plan.view().summary.withdrawn == 0)
    }
  }
}
