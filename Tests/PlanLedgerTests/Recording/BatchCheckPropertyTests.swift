import LedgerStore
import PlanLedger
import Testing

/// A batch is checked against the plan as it stood on each submission's date.
///
/// The batch's own earlier records count, and the states come from a few kept ones advanced
/// date to date. The oracle is recording the same submissions one at a time, each checked
/// by a full replay.
@Suite struct BatchCheckPropertyTests {
  /// Random changes (back-dated, some retracted, some withdrawals), each drawn against the
  /// plan as recorded so far, recorded one at a time; returns them in order.
  static func recordOneByOne(_ plan: PlanFixture, seed: UInt64) throws -> [Submission] {
    plan.clock.set("2019-06-30")
    var events = RandomPlanEvents.everyKind(seed: seed)
    return try (0..<40).map { _ in try events.recordNext(in: plan.book) }
  }

  /// A status change to the status an action already had on a date: refused, whatever
  /// came before, because the plan on that date is what the check reads.
  static func repeatedStatus(in plan: PlanFixture, seed: UInt64) throws -> Submission {
    var generator = SeededGenerator(seed: seed)
    let date = day("2017-11-02").adding(days: Int.random(in: 0...600, using: &generator))
    let state = try plan.book.view(TimeSlice(asOf: date)).state
    let action = try #require(
      state.actions.values.sorted { $0.number < $1.number }.first { !$0.withdrawn.value }
    )
    return Submission(
      .status(action.number.rawValue, action.status.value),
      actor: PersonID("PS"),
      effective: date
    )
  }

  /// A second retraction of the first event the drawn changes retracted, and the refusal
  /// it must get; `nil` when none was retracted.
  static func secondRetraction(of submissions: [Submission]) -> (Submission, Refusal)? {
    for (index, submission) in submissions.enumerated() {
      guard case .eventRetracted(let retraction) = submission.event else { continue }
      let by = PlanFixture.smallPlanSize + index + 1
      return (
        Submission(.retract(retraction.seq), actor: PersonID("PS"), effective: day("2019-06-30")),
        .alreadyRetracted(seq: retraction.seq, by: by)
      )
    }
    return nil
  }

  /// Expects the same records (event, effective date, stream) and the same plan.
  static func expectSameRecords(_ batched: PlanFixture, as oneByOne: PlanFixture) throws {
    #expect(batched.ledger.size == oneByOne.ledger.size)
    for seq in 1...oneByOne.ledger.size {
      let expected = try oneByOne.book.record(seq: seq)
      let actual = try batched.book.record(seq: seq)
      #expect(actual.event == expected.event, "seq \(seq)")
      #expect(actual.effective == expected.effective, "seq \(seq)")
      #expect(actual.stream == expected.stream, "seq \(seq)")
    }
    #expect(try batched.view().state == oneByOne.view().state)
  }

  /// Expects `batch` refused at its last submission with `refusal`, and nothing written.
  static func expectRefusedLast(
    _ batch: [Submission],
    _ refusal: Refusal,
    in plan: PlanFixture
  ) throws {
    let size = plan.ledger.size
    let refused = try #require(
      throws: SubmissionRefusal.self,
      performing: { try plan.book.record(batch) }
    )
    #expect(refused.ordinal == batch.count - 1)
    #expect(refused.refusal == refusal)
    #expect(plan.ledger.size == size)
  }

  @Test(arguments: [31, 32, 33, 34, 35, 36] as [UInt64])
  func aBatchIsCheckedAndRecordedAsTheSameEventsOneByOne(seed: UInt64) throws {
    try PlanFixture.withSmallPlan { oneByOne in
      let submissions = try Self.recordOneByOne(oneByOne, seed: seed)
      let repeated = try Self.repeatedStatus(in: oneByOne, seed: seed)
      let refusal = try #require(
        throws: SubmissionRefusal.self,
        performing: { try oneByOne.book.record([repeated]) }
      )
      try PlanFixture.withSmallPlan { batched in
        batched.clock.set("2019-06-30")
        // Some first one at a time, so that the batch also reads back-dated ledger records.
        let split = Int(seed % 4) * 10
        for submission in submissions[..<split] { _ = try batched.book.record([submission]) }
        let rest = Array(submissions[split...])
        try Self.expectRefusedLast(rest + [repeated], refusal.refusal, in: batched)
        if let (again, refusal) = Self.secondRetraction(of: submissions) {
          try Self.expectRefusedLast(rest + [again], refusal, in: batched)
          try Self.expectRefusedLast([again], refusal, in: oneByOne)
        }
        #expect(batched.ledger.size == PlanFixture.smallPlanSize + split)
        let receipt = try batched.book.record(rest)
        #expect(receipt.appended == rest.count)
        #expect(batched.ledger.size == oneByOne.ledger.size)
        try Self.expectSameRecords(batched, as: oneByOne)
      }
    }
  }

  @Test(arguments: [41, 42, 43] as [UInt64])
  func aWholeHistoryBatchedOntoAnEmptyLedgerIsTheSameEvents(seed: UInt64) throws {
    try PlanFixture.withSmallPlan { oneByOne in
      let submissions = try Self.recordOneByOne(oneByOne, seed: seed)
      let repeated = try Self.repeatedStatus(in: oneByOne, seed: seed)
      try PlanFixture.withEmptyLedger(startingAt: "2019-06-30") { batched in
        // The small plan took effect on the day it was recorded, 1 November 2017.
        let history =
          try PlanFixture.smallPlanSubmissions(effective: day("2017-11-01"))
          + submissions
        let refusal = try #require(
          throws: SubmissionRefusal.self,
          performing: { try oneByOne.book.record([repeated]) }
        )
        try Self.expectRefusedLast(history + [repeated], refusal.refusal, in: batched)
        if let (again, refusal) = Self.secondRetraction(of: submissions) {
          try Self.expectRefusedLast(history + [again], refusal, in: batched)
        }
        #expect(batched.ledger.size == 0)
        #expect(try batched.book.record(history).appended == history.count)
        #expect(batched.ledger.size == oneByOne.ledger.size)
        try Self.expectSameRecords(batched, as: oneByOne)
      }
    }
  }
}
