import LedgerStore
import PlanLedger
import Testing

@Suite struct ReplayStatesTests {
  /// Records the small plan and then random changes (back-dated, some retracted, one
  /// corrected, one with an authority), and returns the dates to read the plan on: before
  /// the first record, each day a change took effect and the day before it, repeats, and
  /// after the last.
  static func recordHistory(_ plan: PlanFixture, seed: UInt64) throws -> [CalendarDate] {
    plan.clock.set("2019-06-30")
    var events = RandomPlanEvents.everyKind(seed: seed)
    var dates = [day("2017-10-31"), day("2017-11-01"), day("2019-07-01"), day("2025-01-01")]
    for _ in 0..<40 {
      let submission = try events.recordNext(in: plan.book)
      if let effective = submission.effective {
        dates += [effective, effective.adding(days: -1), effective]
      }
    }
    let retracted = try plan.view().state.retractedBy
    let changed = try events.recordedSeqs.filter { seq in
      guard retracted[seq] == nil, case .actionStatusChanged = try plan.book.record(seq: seq).event
      else { return false }
      return true
    }
    let target = try #require(changed.first)
    guard case .actionStatusChanged(let change) = try plan.book.record(seq: target).event else {
      throw ReplayStatesError.notAStatusChange
    }
    let to: Status = change.to == .onTrack ? .atRisk : .onTrack
    try plan.record(
      .correct(
        target,
        data: ["action": .string(change.action.rawValue), "to": .string(to.rawValue)]
      )
    )
    try plan.record(.meeting("2017-11-01"), by: "SB", effective: "2017-11-01")
    let decision = try plan.record(
      .decision(meeting: "2017-11-01", kind: .reassign, actions: ["7.3"]),
      by: "SB",
      effective: "2017-11-01"
    )
    for date in ["2018-03-01", "2018-05-02"] {
      try plan.record(.meeting(date), by: "SB", effective: date, authority: decision)
    }
    return dates + [day("2018-03-01"), day("2018-05-01"), day("2018-05-02")]
  }

  enum ReplayStatesError: Error {
    case notAStatusChange
  }

  @Test(arguments: [11, 12, 13, 14, 15] as [UInt64])
  func statesOnSeveralDatesEqualAReplayForEach(seed: UInt64) throws {
    try PlanFixture.withSmallPlan { plan in
      let dates = try Self.recordHistory(plan, seed: seed)
      let replay = Replay(ledger: plan.ledger)
      let supersessions = try replay.supersessions(in: TimeSlice())
      #expect(!supersessions.corrected.isEmpty)
      let states = try replay.states(asOf: dates, supersessions: supersessions)
      #expect(states.count == dates.count)
      for (date, state) in zip(dates, states) {
        let expected = try replay.state(TimeSlice(asOf: date))
        #expect(state == expected, "as of \(date)")
        #expect(state.applied == expected.applied, "as of \(date)")
      }
      #expect(try replay.states(asOf: [], supersessions: supersessions).isEmpty)
    }
  }

  @Test(arguments: [16, 17] as [UInt64])
  func latestAndStatesOnAFewDatesEqualAReplayForEach(seed: UInt64) throws {
    try PlanFixture.withSmallPlan { plan in
      let dates = Array(try Self.recordHistory(plan, seed: seed).prefix(9))
      let replay = Replay(ledger: plan.ledger)
      let supersessions = try replay.supersessions(in: TimeSlice())
      let (latest, states) = try replay.latestAndStates(asOf: dates, supersessions: supersessions)
      #expect(latest == (try replay.state(TimeSlice())))
      #expect(latest.applied == (try replay.state(TimeSlice())).applied)
      #expect(states.count == dates.count)
      for (date, state) in zip(dates, states) {
        let expected = try replay.state(TimeSlice(asOf: date))
        #expect(state == expected, "as of \(date)")
        #expect(state.applied == expected.applied, "as of \(date)")
      }
      let none = try replay.latestAndStates(asOf: [], supersessions: supersessions)
      #expect(none.states.isEmpty)
      #expect(none.latest == latest)
    }
  }

  @Test func theVisitorSeesEachRecordFoldedOnceWholeWhereAsked() throws {
    try PlanFixture.withSmallPlan { plan in
      _ = try Self.recordHistory(plan, seed: 21)
      let replay = Replay(ledger: plan.ledger)
      let supersessions = try replay.supersessions(in: TimeSlice())
      let last = day("2019-01-31")
      let wholeAfter = day("2018-05-01")
      var seen: [Int: PlanRecord] = [:]
      var repeats = 0
      let states = try replay.states(
        asOf: [last, day("2018-02-01")],
        supersessions: supersessions,
        whole: { $0 > wholeAfter },
        visiting: { record in
          if seen.updateValue(record, forKey: record.seq) != nil { repeats += 1 }
        }
      )
      #expect(repeats == 0)
      #expect(seen.count == states[0].applied)
      #expect(seen.values.allSatisfy { $0.effective <= last })
      #expect(seen.keys.allSatisfy { supersessions.retracted[$0] == nil })
      for (seq, correction) in supersessions.corrected {
        guard let record = seen[seq] else { continue }
        let written = try plan.book.record(seq: seq)
        #expect(record.event == (try Replay.corrected(written, data: correction.data)).event)
      }
      let meetings = seen.values.filter {
        if case .boardMeetingHeld = $0.event { $0.effective > day("2018-01-01") } else { false }
      }
      #expect(meetings.count == 2)
      for meeting in meetings {
        // Whole after `wholeAfter`, lean (no envelope) on or before it.
        #expect((meeting.authoritySeq != nil) == (meeting.effective > wholeAfter))
      }
    }
  }
}
