import LedgerStore
import PlanLedger
import Testing

@Suite struct PlanViewPropertyTests {
  @Test(arguments: [11, 12, 13] as [UInt64])
  func invariantsHoldAfterEveryRecordedEvent(seed: UInt64) throws {
    try PlanFixture.withSmallPlan { plan in
      plan.clock.set("2019-06-30")
      var events = RandomPlanEvents.everyKind(seed: seed)
      checkInvariants(try plan.view())
      for _ in 0..<30 {
        let submission = try events.recordNext(in: plan.book)
        checkInvariants(try plan.view())
        checkInvariants(try plan.book.view(TimeSlice(asOf: submission.effective)))
        checkInvariants(try plan.book.view(TimeSlice(asOf: events.anyDate())))
        checkInvariants(try plan.book.view(.board(events.anyDate())))
      }
    }
  }
}
