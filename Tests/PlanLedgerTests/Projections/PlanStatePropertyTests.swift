import Foundation
import LedgerStore
import PlanLedger
import Testing

@Suite struct PlanStatePropertyTests {
  /// What of an action must not depend on the order events were recorded in, when no two
  /// of its events share an effective date.
  struct ActionFacts: Equatable, CustomStringConvertible {
    let status: Status
    let statusSince: CalendarDate
    let leads: [PersonID]
    let milestones: [Milestone]
    let revisions: Int
    let slipDays: Int
    let due: DueDate?
    let withdrawn: Bool
    let lastUpdate: CalendarDate
    let progressNote: String?

    init(_ state: ActionState) {
      status = state.status.value
      statusSince = state.status.stamp.effective
      leads = state.leads.value
      milestones = state.milestones
      revisions = state.revisions
      slipDays = state.slipDays
      due = state.finalDue
      withdrawn = state.withdrawn.value
      lastUpdate = state.lastUpdate.effective
      progressNote = state.progressNote?.value.note
    }

    var description: String {
      "\(status.rawValue) since \(statusSince), leads \(leads), due \(due?.description ?? "-"), "
        + "\(revisions) revisions, slip \(slipDays), withdrawn \(withdrawn)"
    }
  }

  static func facts(_ state: PlanState) -> [ActionID: ActionFacts] {
    state.actions.mapValues(ActionFacts.init)
  }

  @Test(arguments: [1, 2, 3, 4, 5, 6] as [UInt64])
  func foldDoesNotDependOnTheRecordingOrder(seed: UInt64) throws {
    try PlanFixture.withSmallPlan { plan in
      plan.clock.set("2019-06-30")
      var events = RandomPlanEvents(
        seed: seed,
        from: day("2017-11-02"),
        to: day("2019-06-30"),
        withdrawals: true,
        progressNotes: true
      )
      for _ in 0..<30 {
        let submission = try events.next(in: plan.book)
        _ = try plan.book.record([submission])
      }
      var records: [PlanRecord] = []
      try plan.book.forEachRecord { records.append($0) }
      let setup = records.prefix(PlanFixture.smallPlanSize)
      var drawn = Array(records.dropFirst(PlanFixture.smallPlanSize))
      var generator = SeededGenerator(seed: seed &* 31)
      let original = drawn.map(\.seq)
      drawn.shuffle(using: &generator)
      if drawn.map(\.seq) == original { drawn.reverse() }

      try withTemporaryDirectory { directory in
        let other = try Ledger.create(
          at: directory.appending(path: "Shuffled").path(percentEncoded: false),
          configuration: LedgerConfiguration(clock: plan.clock)
        )
        for record in Array(setup) + drawn {
          _ = try other.append([
            EventDraft(
              type: record.event.type.rawValue,
              stream: record.stream,
              effective: record.effective,
              actor: record.actor.rawValue,
              data: record.event.data
            )
          ])
        }
        var dates = (0..<12).map { _ in events.anyDate() }
        dates.append(day("2019-06-30"))
        var changed = 0
        for date in dates {
          let slice = TimeSlice(asOf: date)
          let recorded = Self.facts(try Replay(ledger: plan.ledger).state(slice))
          let shuffled = Self.facts(try Replay(ledger: other).state(slice))
          #expect(recorded == shuffled, "as of \(date), seed \(seed)")
          changed += recorded.values.filter { $0.status != .notRated || $0.revisions > 0 }.count
        }
        #expect(changed > 0, "the drawn events changed nothing")
      }
    }
  }
}
