import LedgerStore
import PlanLedger
import Testing

@Suite struct HistoryTests {
  @Test func statusChangesShowBeforeAndAfter() throws {
    try PlanFixture.withSmallPlan { plan in
      plan.clock.set("2018-02-01")
      let first = try plan.record(.status("7.3", .onTrack), by: "BP", effective: "2017-12-01")
      let second = try plan.record(.status("7.3", .atRisk), by: "BP")
      let backDated = try plan.record(.status("7.3", .overdue), by: "BP", effective: "2018-01-10")
      let entries = try History(book: plan.book).entries(of: .action(ActionID("7.3")))
      #expect(entries.map(\.record.seq) == [PlanFixture.action73, first, backDated, second])
      #expect(
        entries.map(\.summary) == [
          "action 7.3 added, lead BP",
          "status not_rated → on_track",
          "status on_track → overdue",
          "status overdue → at_risk",
        ]
      )
      #expect(entries[1].before == "not_rated")
      #expect(entries[1].after == "on_track")
      #expect(entries[3].before == "overdue")
      #expect(entries[3].after == "at_risk")
      #expect(entries[0].before == .null)
      #expect(
        entries.allSatisfy { $0.flags.isEmpty && $0.correctedBy.isEmpty && $0.retractedBy == nil }
      )
    }
  }

  /// A history longer than the stretch its records are read again in: every entry once, in
  /// valid-time order, each change's before the after of the one before it, back-dated
  /// changes included.
  @Test func aLongHistoryIsReadAgainInStretchesInValidTimeOrder() throws {
    try PlanFixture.withSmallPlan { plan in
      plan.clock.set("2019-06-30")
      let statuses: [Status] = [.onTrack, .atRisk, .overdue]
      let count = 5000
      var start = 0
      while start < count {
        // Straight to the engine: the history reads what is recorded, checked or not.
        let drafts = (start..<min(start + 1000, count)).map { index in
          // Mostly forward in time, every seventh back-dated into the past.
          let offset = index % 7 == 0 ? index / 9 : index / 8
          let event = PlanEvent.status("7.3", statuses[index % statuses.count])
          return EventDraft(
            type: event.type.rawValue,
            stream: event.stream ?? "",
            effective: day("2017-12-01").adding(days: offset % 560),
            actor: "BP",
            data: event.data
          )
        }
        _ = try plan.book.ledger.append(drafts)
        start += 1000
      }
      let entries = try History(book: plan.book).entries(of: .action(ActionID("7.3")))
      #expect(entries.count == count + 1)
      #expect(Set(entries.map(\.record.seq)).count == entries.count)
      let stamps = entries.map { Stamp(effective: $0.record.effective, seq: $0.record.seq) }
      #expect(stamps == stamps.sorted())
      #expect(entries[1].before == "not_rated")
      for (previous, entry) in zip(entries.dropFirst(), entries.dropFirst(2)) {
        #expect(entry.before == previous.after)
      }
    }
  }

  @Test func dueRevisionsShowTheMilestoneDates() throws {
    try PlanFixture.withSmallPlan { plan in
      plan.clock.set("2018-02-01")
      try plan.record(.revise("7.13", milestone: 2, to: "2018-06"), by: "DS")
      try plan.record(.revise("7.13", milestone: 2, to: "2018-07-15"), by: "DS")
      try plan.record(.revise("7.13", milestone: 1, to: "2018-03"), by: "DS")
      let entries = try History(book: plan.book).entries(of: .action(ActionID("7.13"))).dropFirst()
      #expect(
        entries.map(\.summary) == [
          "milestone 2 due 2018-04 → 2018-06",
          "milestone 2 due 2018-06 → 2018-07-15",
          "milestone 1 due 2018-01 → 2018-03",
        ]
      )
      #expect(entries.map(\.before) == ["2018-04", "2018-06", "2018-01"])
      #expect(entries.map(\.after) == ["2018-06", "2018-07-15", "2018-03"])
    }
  }

  @Test func leadChangesShowThePeople() throws {
    try PlanFixture.withSmallPlan { plan in
      plan.clock.set("2018-02-01")
      try plan.record(.reassign("7.3", to: ["DS", "EM"]))
      // A reassignment to no lead is refused now, but a ledger may hold one from before:
      // written straight to the engine, past the plan book's checks.
      _ = try plan.ledger.append([
        EventDraft(
          type: "action.lead_reassigned",
          stream: "action/7.3",
          actor: "PS",
          data: ["action": "7.3", "to": [], "reason": "new post"]
        )
      ])
      try plan.record(.reassign("7.3", to: ["BP"]))
      let entries = try History(book: plan.book).entries(of: .action(ActionID("7.3"))).dropFirst()
      #expect(
        entries.map(\.summary) == ["lead BP → DS; EM", "lead DS; EM → none", "lead none → BP"]
      )
      #expect(entries.map(\.before) == [["BP"], ["DS", "EM"], []])
      #expect(entries.map(\.after) == [["DS", "EM"], [], ["BP"]])
    }
  }

  @Test func amendmentsShowTheWordingBeforeAndAfter() throws {
    try PlanFixture.withSmallPlan { plan in
      plan.clock.set("2018-02-01")
      try plan.record(
        .actionAmended(
          ActionAmended(action: ActionID("7.3"), text: "Recruit", issue: "Workforce", reason: "v7")
        )
      )
      try plan.record(
        .actionAmended(
          ActionAmended(action: ActionID("7.3"), text: "Recruit and keep", reason: "v8")
        )
      )
      let entries = try History(book: plan.book).entries(of: .action(ActionID("7.3"))).dropFirst()
      #expect(
        entries.map(\.summary) == ["action 7.3 amended: issue, text", "action 7.3 amended: text"]
      )
      #expect(
        entries.map(\.before) == [["issue": "", "text": "Do the work"], ["text": "Recruit"]]
      )
      #expect(
        entries.map(\.after) == [
          ["issue": "Workforce", "text": "Recruit"], ["text": "Recruit and keep"],
        ]
      )
    }
  }

  @Test
  func amendmentsShowTheReferencesAndPartnersBefore() throws {
    try PlanFixture.withSmallPlan { plan in
      plan.clock.set("2018-02-01")
      try plan.record(
        .actionAdded(
          ActionAdded(
            action: ActionID("7.20"),
            priority: PriorityNumber("7"),
            issue: "Workforce",
            references: "Rec 12",
            text: "Recruit",
            leads: [PersonID("BP")],
            partners: ["HR"],
            milestones: []
          )
        )
      )
      try plan.record(
        .actionAmended(
          ActionAmended(
            action: ActionID("7.20"),
            references: "Rec 12, Para 32",
            partners: ["HR", "CSCB"],
            reason: "v7"
          )
        )
      )
      let entry = try #require(History(book: plan.book).entries(of: .action(ActionID("7.20"))).last)
      #expect(entry.before == ["references": "Rec 12", "partners": ["HR"]])
      #expect(entry.after == ["references": "Rec 12, Para 32", "partners": ["HR", "CSCB"]])
    }
  }

  @Test func roleChangesShowWhoHeldWhat() throws {
    try PlanFixture.withSmallPlan { plan in
      plan.clock.set("2018-02-01")
      try plan.record(.endRole("BP", Role.sro, scope: "priority 7"))
      try plan.record(.role("DS", Role.sro, scope: "priority 7"))
      let entries = try History(book: plan.book).entries(of: .priority(PriorityNumber("7")))
      let roles = entries.filter {
        $0.record.event.type == .roleAssigned || $0.record.event.type == .roleEnded
      }
      #expect(
        roles.map(\.summary) == [
          "BP became sro of priority 7",
          "BP ceased to be sro of priority 7",
          "DS became sro of priority 7",
        ]
      )
      #expect(roles.map(\.before) == [false, true, false])
      #expect(roles.map(\.after) == [true, false, true])
    }
  }

  @Test func measureValuesShowWhatTheyReplace() throws {
    try PlanFixture.withSmallPlan { plan in
      plan.clock.set("2018-02-10")
      let value = { (period: String, value: String) throws -> PlanEvent in
        .measureRecorded(
          MeasureRecorded(
            measure: MeasureID("M7.6"),
            period: try due(period),
            value: try #require(DecimalNumber(value))
          )
        )
      }
      try plan.record(value("2017-12", "14.2"), by: "SB")
      try plan.record(value("2018-01", "13.0"), by: "SB")
      try plan.record(value("2017-12", "13.9"), by: "SB")
      let entries = try History(book: plan.book).entries(of: .measure(MeasureID("M7.6")))
      #expect(
        entries.map(\.summary) == [
          "measure M7.6 defined",
          "M7.6 for 2017-12 = 14.2",
          "M7.6 for 2018-01 = 13.0",
          "M7.6 for 2017-12 = 13.9 (was 14.2)",
        ]
      )
      #expect(entries.map(\.before) == [.null, .null, .null, "14.2"])
      let series = try #require(plan.view().state.measures[MeasureID("M7.6")]).series
      #expect(series.map(\.value.text) == ["13.9", "13.0"])
    }
  }

  @Test func actionHistoryIncludesItsDecisionsAndFindings() throws {
    try PlanFixture.withSmallPlan { plan in
      plan.clock.set("2018-02-01")
      try plan.record(.meeting("2018-01-25"), by: "SB")
      let decision = try plan.record(
        .decision(meeting: "2018-01-25", kind: .escalate, actions: ["7.3"]),
        by: "SB"
      )
      try plan.record(.decision(meeting: "2018-01-25", kind: .note, actions: ["7.13"]), by: "SB")
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
      let entries = try History(book: plan.book).entries(of: .action(ActionID("7.3")))
      #expect(entries.map(\.record.seq) == [PlanFixture.action73, finding, decision])
      #expect(
        entries.map(\.summary).dropFirst() == [
          "finding of visit 1 (weakness)", "board decision (escalate)",
        ]
      )
    }
  }

  @Test func personHistoryHasTheirRolesLeadsAndRecords() throws {
    try PlanFixture.withSmallPlan { plan in
      plan.clock.set("2018-02-01")
      let reassigned = try plan.record(.reassign("1.2", to: ["DS"]))
      let status = try plan.record(.status("7.13", .onTrack), by: "DS")
      let entries = try History(book: plan.book).entries(of: .person(PersonID("DS")))
      #expect(
        entries.map(\.record.seq) == [
          3, 9, PlanFixture.action12, PlanFixture.action713, reassigned, status,
        ]
      )
    }
  }

  /// Another officer's change between two of a person's moves the second one's "before":
  /// the person's history folds every stream they recorded in, listing only their records.
  @Test func personHistoryShowsBeforesOthersSet() throws {
    try PlanFixture.withSmallPlan { plan in
      plan.clock.set("2018-02-01")
      let first = try plan.record(.status("7.13", .onTrack), by: "DS", effective: "2018-01-05")
      let other = try plan.record(.status("7.13", .atRisk), by: "PS", effective: "2018-01-10")
      let second = try plan.record(.status("7.13", .overdue), by: "DS", effective: "2018-01-20")
      // Recorded last, effective before the first: the first's before too.
      let backDated = try plan.record(.status("7.13", .complete), by: "PS", effective: "2018-01-02")
      let entries = try History(book: plan.book).entries(of: .person(PersonID("DS")))
        .filter { $0.record.event.type == .actionStatusChanged }
      #expect(entries.map(\.record.seq) == [first, second])
      #expect(entries.map(\.summary) == ["status complete → on_track", "status at_risk → overdue"])
      let all = try History(book: plan.book).entries(of: .action(ActionID("7.13")))
      #expect(all.suffix(4).map(\.record.seq) == [backDated, first, other, second])
    }
  }

  @Test func everythingInValidTimeOrder() throws {
    try PlanFixture.withSmallPlan { plan in
      plan.clock.set("2018-02-01")
      let later = try plan.record(.status("7.3", .onTrack), by: "BP", effective: "2017-11-15")
      let earlier = try plan.record(.status("7.13", .onTrack), by: "DS", effective: "2017-11-10")
      let entries = try History(book: plan.book).entries(of: .all)
      #expect(entries.map(\.record.seq) == Array(1...24) + [earlier, later])
      #expect(entries.last?.json["summary"] == "status not_rated → on_track")
      // Every kind of record says what it holds, not only its type.
      let summaries = Dictionary(
        entries.map { ($0.record.event.type.rawValue, $0.summary) },
        uniquingKeysWith: { first, _ in first }
      )
      #expect(!summaries.contains { type, summary in summary == type })
      #expect(summaries["measure.defined"] == "measure M7.6 defined")
      #expect(entries.last?.json["effective"] == "2017-11-15")
      #expect(entries.last?.json["recorded"] == "2018-02-01T09:00:00.000Z")
    }
  }
}
