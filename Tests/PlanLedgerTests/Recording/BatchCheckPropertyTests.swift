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
        let refused = try #require(
          throws: SubmissionRefusal.self,
          performing: { try batched.book.record(rest + [repeated]) }
        )
        #expect(refused.ordinal == rest.count)
        #expect(refused.refusal == refusal.refusal)
        #expect(batched.ledger.size == PlanFixture.smallPlanSize + split)
        let receipt = try batched.book.record(rest)
        #expect(receipt.appended == rest.count)
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
    }
  }
}
