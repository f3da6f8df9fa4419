import Foundation
import LedgerStore
import PlanLedger
import Testing

/// A few end-to-end checks on the shipped Croydon ledger, read from a copy in a temporary
/// directory (opening a ledger may write its derived index).
@Suite(.enabled(if: CroydonLedger.shipped != nil, "no shipped EventLog with a checkpoint"))
struct CroydonLedgerTests {
  @Test func everyLineIsAPlanEvent() throws {
    try CroydonLedger.withCopy { book in
      let decoder = RecordDecoder()
      var count = 0
      try book.ledger.forEachLine { line in
        let record = try decoder.record(line)
        #expect(record.seq == line.seq)
        #expect(record.stream == (record.event.stream ?? record.stream))
        count += 1
        return true
      }
      #expect(count == book.ledger.size)
      #expect(count > 0)
    }
  }

  @Test func planV6HasItsActionsPrioritiesAndWorkstreams() throws {
    try CroydonLedger.withCopy { book in
      let view = try book.view(TimeSlice(asOf: day("2017-11-30")))
      #expect(view.actions.count == 132)
      #expect(view.state.priorities.count == 11)
      #expect(view.state.workstreams.count == 4)
      #expect(view.summary.total == 132)
      #expect(view.byWorkstream.count == 4)
      #expect(try book.view(TimeSlice(asOf: day("2017-10-31"))).actions.isEmpty)
    }
  }

  @Test(arguments: ["2017-11-30", "2018-03-31", "2018-12-31", "2019-10-31"])
  func viewsKeepTheirInvariants(date: String) throws {
    try CroydonLedger.withCopy { book in
      checkInvariants(try book.view(TimeSlice(asOf: day(date))))
    }
  }

  @Test func boardViewsOfThePastShowNothingRecordedSince() throws {
    try CroydonLedger.withCopy { book in
      let board = try book.view(.board(day("2017-11-30")))
      #expect(board.actions.isEmpty)
      #expect(board.state.applied == 0)
    }
  }
}
