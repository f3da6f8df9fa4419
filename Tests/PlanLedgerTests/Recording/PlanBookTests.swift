import Foundation
import LedgerStore
import PlanLedger
import Testing

@Suite struct PlanBookTests {
  @Test func firstPersonRegistersThemselves() throws {
    try PlanFixture.withEmptyLedger(startingAt: "2017-10-30T08:15:00Z") { plan in
      #expect(try plan.record(.person("PS", "Pat Shaw"), by: "PS") == 1)
      let record = try plan.book.record(seq: 1)
      #expect(record.event == .person("PS", "Pat Shaw"))
      #expect(record.actor == PersonID("PS"))
      #expect(record.stream == "person/PS")
      #expect(record.recorded == instant("2017-10-30T08:15:00Z"))
      #expect(record.effective == day("2017-10-30"))
      #expect(record.authority == nil)
      #expect(record.id == nil)
    }
  }

  @Test func eventsTakeEffectOnTheirNaturalDate() throws {
    try PlanFixture.withSmallPlan { plan in
      plan.clock.set("2018-03-01")
      let meeting = try plan.record(.meeting("2018-01-25"), by: "SB")
      let decision = try plan.record(
        .decision(meeting: "2018-01-25", kind: .note, actions: []),
        by: "SB"
      )
      let visit = try plan.record(
        .monitoringVisitRecorded(
          MonitoringVisitRecorded(
            visit: "1",
            start: day("2018-02-06"),
            end: day("2018-02-07"),
            letter: day("2018-02-20")
          )
        ),
        by: "SB"
      )
      let finding = try plan.record(
        .monitoringFindingRecorded(
          MonitoringFindingRecorded(visit: "1", kind: .progress, quote: "Better")
        ),
        by: "SB"
      )
      try plan.record(
        .monitoringVisitRecorded(
          MonitoringVisitRecorded(visit: "2", start: day("2018-02-26"), end: day("2018-02-27"))
        ),
        by: "SB"
      )
      let unpublished = try plan.record(
        .monitoringFindingRecorded(
          MonitoringFindingRecorded(visit: "2", kind: .strength, quote: "Good")
        ),
        by: "SB"
      )
      let status = try plan.record(.status("7.3", .onTrack), by: "BP")
      let effective = try [meeting, decision, visit, finding, unpublished, status].map {
        try plan.book.record(seq: $0).effective
      }
      #expect(
        effective
          == ["2018-01-25", "2018-01-25", "2018-02-06", "2018-02-20", "2018-02-27", "2018-03-01"]
          .map { day($0) }
      )
    }
  }

  @Test func givenEffectiveDateWinsOverTheNaturalOne() throws {
    try PlanFixture.withSmallPlan { plan in
      plan.clock.set("2018-03-01")
      let meeting = try plan.record(.meeting("2018-01-25"), by: "SB", effective: "2018-01-26")
      #expect(try plan.book.record(seq: meeting).effective == day("2018-01-26"))
    }
  }

  @Test func aClientIDMakesRecordingIdempotent() throws {
    try PlanFixture.withSmallPlan { plan in
      plan.clock.set("2018-02-01")
      let first = try plan.record(.status("7.3", .onTrack), by: "BP", id: "tracker-7.3-2018-02")
      let files = try ledgerFileBytes(plan.path)
      plan.clock.set("2018-02-02")
      let again = try plan.book.record([
        Submission(.status("7.3", .onTrack), actor: PersonID("BP"), id: "tracker-7.3-2018-02")
      ])
      #expect(again.seqs == [first])
      #expect(again.appended == 0)
      #expect(try ledgerFileBytes(plan.path) == files)
      #expect(try plan.book.record(seq: first).id == "tracker-7.3-2018-02")
    }
  }

  @Test func anIDRepeatedInsideABatchIsRecordedOnceAndNotCheckedAgain() throws {
    try PlanFixture.withSmallPlan { plan in
      plan.clock.set("2018-03-01")
      let known = try plan.record(.status("1.1", .atRisk), by: "EM", id: "known")
      // Twelve changes with ids (more than are looked up alone), then a repeat of the sixth
      // and of one already in the ledger: as changes they would be refused (no change),
      // as repeats they are skipped.
      var changes: [Submission] = []
      for number in 0..<12 {
        let action = number % 2 == 0 ? "7.3" : "7.13"
        let status: Status = number % 4 < 2 ? .onTrack : .atRisk
        let lead = PersonID(number % 2 == 0 ? "BP" : "DS")
        let date = day("2018-01-01").adding(days: number)
        changes.append(
          Submission(.status(action, status), actor: lead, effective: date, id: "change-\(number)")
        )
      }
      let receipt = try plan.book.record(
        changes + [
          changes[5],
          Submission(.status("1.1", .atRisk), actor: PersonID("EM"), id: "known"),
        ]
      )
      let first = known + 1
      #expect(receipt.appended == 12)
      let expected: [Int] = Array(first..<first + 12) + [first + 5, known]
      #expect(Array(receipt.seqs) == expected)
      #expect(plan.ledger.size == known + 12)
    }
  }

  @Test func anExpectedSizeThatDoesNotHoldRefusesTheBatch() throws {
    try PlanFixture.withSmallPlan { plan in
      plan.clock.set("2018-02-01")
      let files = try ledgerFileBytes(plan.path)
      #expect(throws: LedgerStoreError.sizeExpectationFailed(expected: 3, actual: 24)) {
        try plan.book.record(
          [Submission(.status("7.3", .onTrack), actor: PersonID("BP"))],
          expectedSize: 3
        )
      }
      #expect(try ledgerFileBytes(plan.path) == files)
      let receipt = try plan.book.record(
        [Submission(.status("7.3", .onTrack), actor: PersonID("BP"))],
        expectedSize: 24
      )
      #expect(receipt.seqs == [25])
    }
  }

  @Test func aBatchSeesItsOwnEarlierEvents() throws {
    try PlanFixture.withSmallPlan { plan in
      plan.clock.set("2018-02-01")
      let receipt = try plan.book.record([
        Submission(
          try .addAction("7.20", priority: "7", leads: ["BP"], byWhen: "Jun 18"),
          actor: PersonID("PS")
        ),
        Submission(.status("7.20", .atRisk), actor: PersonID("BP")),
        Submission(try .revise("7.20", to: "2018-09"), actor: PersonID("BP")),
        Submission(.status("7.20", .onTrack), actor: PersonID("BP")),
      ])
      #expect(receipt.seqs == [25, 26, 27, 28])
      #expect(receipt.appended == 4)
      #expect(receipt.head.size == 28)
      #expect(receipt.recorded == instant("2018-02-01"))
      let row = try plan.row("7.20")
      #expect(row.status == .onTrack)
      #expect(row.statusSeq == 28)
      #expect(row.due == (try due("2018-09")))
    }
  }

  @Test func checkingWritesNothing() throws {
    try PlanFixture.withSmallPlan { plan in
      plan.clock.set("2018-02-01")
      let files = try ledgerFileBytes(plan.path)
      let drafts = try plan.book.check(
        [
          Submission(.status("7.3", .onTrack), actor: PersonID("BP"), effective: day("2018-01-20")),
          Submission(.meeting("2018-01-25"), actor: PersonID("SB")),
        ],
        ledgerSize: plan.ledger.size
      )
      #expect(
        drafts == [
          EventDraft(
            type: "action.status_changed",
            stream: "action/7.3",
            effective: day("2018-01-20"),
            actor: "BP",
            data: ["action": "7.3", "to": "on_track"]
          ),
          EventDraft(
            type: "board.meeting_held",
            stream: "board/improvement-board",
            effective: day("2018-01-25"),
            actor: "SB",
            data: ["board": "Improvement Board", "date": "2018-01-25"]
          ),
        ]
      )
      #expect(try ledgerFileBytes(plan.path) == files)
    }
  }

  @Test func readsRecordsBySeqAndInOrder() throws {
    try PlanFixture.withSmallPlan { plan in
      #expect(throws: LedgerStoreError.seqOutOfRange(seq: 99, size: 24)) {
        try plan.book.record(seq: 99)
      }
      var seqs: [Int] = []
      try plan.book.forEachRecord { seqs.append($0.seq) }
      #expect(seqs == Array(1...24))
      #expect(try plan.book.record(seq: PlanFixture.action73).event.action == ActionID("7.3"))
    }
  }

  @Test func viewDateIsAsOfThenKnownAtThenToday() throws {
    try PlanFixture.withSmallPlan { plan in
      plan.clock.set("2018-05-05")
      #expect(plan.book.today == day("2018-05-05"))
      #expect(plan.book.viewDate(TimeSlice()) == day("2018-05-05"))
      #expect(
        plan.book.viewDate(TimeSlice(knownAt: instant("2018-02-03T10:00:00Z"))) == day("2018-02-03")
      )
      #expect(
        plan.book.viewDate(
          TimeSlice(asOf: day("2018-01-01"), knownAt: instant("2018-02-03T10:00:00Z"))
        )
          == day("2018-01-01")
      )
    }
  }

  @Test func retractionLetsTheSameChangeBeRecordedAgain() throws {
    try PlanFixture.withSmallPlan { plan in
      plan.clock.set("2018-02-01")
      let wrong = try plan.record(.status("7.3", .onTrack), by: "BP", effective: "2018-01-05")
      try plan.record(.retract(wrong))
      let right = try plan.record(.status("7.3", .onTrack), by: "BP", effective: "2018-01-20")
      #expect(try plan.row("7.3").statusSeq == right)
      #expect(try plan.row("7.3", asOf: "2018-01-10").status == .notRated)
    }
  }

  @Test
  func aBatchSeesItsOwnRetraction() throws {
    try PlanFixture.withSmallPlan { plan in
      plan.clock.set("2018-02-01")
      let wrong = try plan.record(.status("7.3", .onTrack), by: "BP")
      let receipt = try plan.book.record([
        Submission(.retract(wrong), actor: PersonID("PS")),
        Submission(.status("7.3", .onTrack), actor: PersonID("BP")),
      ])
      #expect(receipt.seqs == [wrong + 1, wrong + 2])
      #expect(try plan.row("7.3").statusSeq == wrong + 2)
    }
  }

  @Test func aBatchOnAnEmptyLedgerRefusesRetractingTheSameEventTwice() throws {
    try PlanFixture.withEmptyLedger(startingAt: "2017-10-30T08:15:00Z") { plan in
      let error = try #require(throws: SubmissionRefusal.self) {
        try plan.book.record([
          Submission(.person("PS", "Pat Shaw"), actor: PersonID("PS")),
          Submission(.person("DS", "Dee Shah"), actor: PersonID("PS")),
          Submission(.retract(2), actor: PersonID("PS")),
          Submission(.retract(2), actor: PersonID("PS")),
        ])
      }
      #expect(error.ordinal == 3)
      #expect(error.refusal == .alreadyRetracted(seq: 2, by: 3))
      #expect(error.description == "event 4 of 4: seq 2 was already retracted by seq 3")
      #expect(plan.ledger.size == 0)
    }
  }

  @Test
  func aBatchSeesItsOwnCorrection() throws {
    try PlanFixture.withSmallPlan { plan in
      plan.clock.set("2018-02-01")
      let status = try plan.record(.status("7.13", .onTrack), by: "DS")
      try plan.expectRefusal(
        [
          Submission(
            .correct(status, data: ["action": "7.13", "to": "at_risk"]),
            actor: PersonID("PS")
          ),
          Submission(.status("7.13", .atRisk), actor: PersonID("DS")),
        ],
        .unchanged(action: ActionID("7.13"), status: .atRisk, date: day("2018-02-01")),
        "action 7.13 is already at_risk on 2018-02-01; to report progress "
          + "without a new rating, use 'planledger note 7.13 --note …'",
        ordinal: 1
      )
    }
  }

  @Test func checksAgainstWhatAnotherWriterAppended() throws {
    try PlanFixture.withSmallPlan { plan in
      plan.clock.set("2018-02-01")
      let other = PlanBook(
        ledger: try Ledger.open(
          at: plan.path,
          configuration: LedgerConfiguration(clock: plan.clock)
        ),
        clock: plan.clock
      )
      let seq = try #require(
        other.record([Submission(.status("7.3", .onTrack), actor: PersonID("BP"))]).seqs.first
      )
      #expect(seq == 25)
      try plan.expectRefusal(
        .status("7.3", .onTrack),
        by: "BP",
        .unchanged(action: ActionID("7.3"), status: .onTrack, date: day("2018-02-01")),
        "action 7.3 is already on_track on 2018-02-01; to report progress "
          + "without a new rating, use 'planledger note 7.3 --note …'"
      )
      #expect(try plan.record(.status("7.3", .atRisk), by: "BP") == 26)
    }
  }
}
