import LedgerStore
import PlanLedger
import Testing

@Suite struct PlanDiffTests {
  /// The small plan between the boards of 2017-12-14 and 2018-01-25.
  static func withTwoBoards(_ body: (PlanFixture, PlanDiff, [String: Int]) throws -> Void) throws {
    try PlanFixture.withSmallPlan { plan in
      plan.clock.set("2017-12-14")
      try plan.record(.status("7.3", .onTrack), by: "BP")
      try plan.record(.status("7.13", .onTrack), by: "DS")
      try plan.record(.meeting("2017-12-14"), by: "SB")
      let oldDecision = try plan.record(
        .decision(meeting: "2017-12-14", kind: .note, actions: ["7.3"]),
        by: "SB"
      )
      plan.clock.set("2018-01-25")
      try plan.record(.status("7.13", .atRisk), by: "DS", effective: "2018-01-05")
      try plan.record(.reassign("7.13", to: ["EM"]), effective: "2018-01-08")
      try plan.record(.revise("1.2", to: "2018-06"), by: "EM", effective: "2018-01-10")
      try plan.record(.withdraw("1.1"), effective: "2018-01-12")
      try plan.record(
        .addAction("7.20", priority: "7", leads: ["BP"], byWhen: "Mar 18"),
        effective: "2018-01-15"
      )
      try plan.record(
        .monitoringVisitRecorded(
          MonitoringVisitRecorded(
            visit: "1",
            start: day("2018-01-09"),
            end: day("2018-01-10"),
            letter: day("2018-01-20")
          )
        ),
        by: "SB"
      )
      let finding = try plan.record(
        .monitoringFindingRecorded(
          MonitoringFindingRecorded(visit: "1", kind: .weakness, quote: "Slow")
        ),
        by: "SB"
      )
      try plan.record(.meeting("2018-01-25"), by: "SB")
      let decision = try plan.record(
        .decision(meeting: "2018-01-25", kind: .agreeRevisedDeadline, actions: ["1.2"]),
        by: "SB"
      )
      plan.clock.set("2018-02-10")
      try plan.record(.status("7.3", .complete), by: "BP", effective: "2018-01-30")
      let diff = PlanDiff(
        start: try plan.book.view(.board(day("2017-12-14"))),
        end: try plan.book.view(.board(day("2018-01-25")))
      )
      try body(plan, diff, ["oldDecision": oldDecision, "finding": finding, "decision": decision])
    }
  }

  @Test func listsTheActionsThatChanged() throws {
    try Self.withTwoBoards { _, diff, _ in
      let changes = diff.changes
      #expect(changes.map(\.row.number.rawValue) == ["1.1", "1.2", "7.3", "7.13", "7.20"])
      let byNumber = Dictionary(uniqueKeysWithValues: changes.map { ($0.row.number.rawValue, $0) })

      let withdrawn = try #require(byNumber["1.1"])
      #expect(withdrawn.withdrawnNow)
      #expect(!withdrawn.statusChanged)
      #expect(!withdrawn.added)

      let slipped = try #require(byNumber["1.2"])
      #expect(slipped.slipDays == 61)
      #expect(slipped.before?.due == (try due("2018-04")))
      #expect(slipped.row.due == (try due("2018-06")))
      #expect(!slipped.becameOverdue)

      let overdue = try #require(byNumber["7.3"])
      #expect(overdue.becameOverdue)
      #expect(overdue.row.daysOverdue == 25)
      #expect(!overdue.statusChanged)
      #expect(overdue.row.status == .onTrack)

      let reassigned = try #require(byNumber["7.13"])
      #expect(reassigned.statusChanged)
      #expect(reassigned.before?.status == .onTrack)
      #expect(reassigned.row.status == .atRisk)
      #expect(reassigned.leadChanged)
      #expect(reassigned.before?.leads == [PersonID("DS")])
      #expect(reassigned.row.leads == [PersonID("EM")])
      #expect(reassigned.slipDays == 0)

      let added = try #require(byNumber["7.20"])
      #expect(added.added)
      #expect(added.before == nil)
      #expect(added.statusChanged)
      #expect(!added.leadChanged)
      #expect(added.slipDays == 0)
    }
  }

  @Test func listsTheDecisionsFindingsAndMeetingsOfThePeriod() throws {
    try Self.withTwoBoards { _, diff, seqs in
      #expect(diff.decisions.map(\.seq) == [seqs["decision"]])
      #expect(diff.decisions.first?.decision.decision.kind == .agreeRevisedDeadline)
      #expect(diff.findings.map(\.seq) == [seqs["finding"]])
      #expect(diff.meetings.map(\.date) == [day("2018-01-25")])
    }
  }

  @Test func listsTheRolesTakenUpAndGivenUpInThePeriod() throws {
    try PlanFixture.withSmallPlan { plan in
      plan.clock.set("2018-03-01")
      let ended = try plan.record(.endRole("EM", "lead officer"), effective: "2018-01-31")
      let taken = try plan.record(.role("DS", "chair", scope: "CSCB"), effective: "2018-02-01")
      // Taken up and given up within the period: no change between its ends.
      try plan.record(.role("BP", "chair", scope: "CSCB"), effective: "2018-01-10")
      try plan.record(.endRole("BP", "chair", scope: "CSCB"), effective: "2018-01-20")
      let diff = PlanDiff(
        start: try plan.view(asOf: "2018-01-01"),
        end: try plan.view(asOf: "2018-02-28")
      )
      #expect(
        diff.roleChanges.map(\.words) == [
          "EM ceased to be lead officer", "DS became chair of CSCB",
        ]
      )
      #expect(diff.roleChanges.map(\.stamp.seq) == [ended, taken])
      #expect(diff.json["roles"]?.arrayValue?.map { $0["held"] } == [false, true])
    }
  }

  @Test func laterViewOfTheSamePeriodSeesTheCompletion() throws {
    try Self.withTwoBoards { plan, _, _ in
      let diff = PlanDiff(
        start: try plan.book.view(TimeSlice(asOf: day("2017-12-14"))),
        end: try plan.book.view(TimeSlice(asOf: day("2018-01-31")))
      )
      let change = try #require(diff.changes.first { $0.row.number == ActionID("7.3") })
      #expect(change.row.status == .complete)
      #expect(change.statusChanged)
      #expect(!change.becameOverdue)
    }
  }

  @Test func printsTheChangesAsJSON() throws {
    try Self.withTwoBoards { _, diff, seqs in
      let json = diff.json
      #expect(json["from"] == "2017-12-14")
      #expect(json["to"] == "2018-01-25")
      #expect(json["decisions"] == [.integer(seqs["decision"] ?? 0)])
      #expect(json["findings"] == [.integer(seqs["finding"] ?? 0)])
      let actions = try #require(json["actions"]?.arrayValue)
      #expect(
        actions[3]
          == [
            "number": "7.13", "added": false, "status_from": "on_track", "status_to": "at_risk",
            "lead_from": "DS", "lead_to": "EM", "due_from": "2018-01", "due_to": "2018-01",
            "slip_days": 0, "became_overdue": false, "overdue_milestone": .null,
            "withdrawn": false,
          ]
      )
    }
  }
}
