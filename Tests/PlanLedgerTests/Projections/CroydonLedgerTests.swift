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

  @Test func dueDatesOfMilestonesListedOutOfDateOrder() throws {
    try CroydonLedger.withCopy { book in
      let view = try book.view(TimeSlice(asOf: day("2018-02-01")))
      let rows = Dictionary(uniqueKeysWithValues: view.actions.map { ($0.number.rawValue, $0) })
      func describe(_ number: String) -> String {
        guard let row = rows[number] else { return "missing" }
        let due = row.due?.description ?? "ongoing"
        let past = row.overdueMilestone.map { "milestone \($0), \(row.daysOverdue) days" } ?? "no"
        return "\(due) \(past)"
      }
      // 6.6 (Jun 18 / Nov 17 / Jan 18 / Nov 17) and 3.10 (Apr 18 / Dec 17).
      #expect(describe("6.6") == "2018-06 milestone 2, 63 days")
      #expect(describe("3.10") == "2018-04 milestone 2, 32 days")
      // Earlier milestones passed in October 2017.
      for number in ["3.6", "9.1", "9.2", "10.1"] {
        #expect(describe(number).hasSuffix("milestone 1, 93 days"), "\(number)")
      }
      #expect(describe("6.1") == "2018-04 milestone 1, 122 days")
    }
  }

  @Test func peopleHoldingARoleBeforeTheirRegistrationDateAreListed() throws {
    try CroydonLedger.withCopy { book in
      let view = try book.view(TimeSlice(asOf: day("2017-10-15")))
      #expect(view.state.people.isEmpty)
      let people = try book.people(in: view)
      #expect(people.map(\.id.rawValue) == ["AF", "BP", "DS", "EB", "EG", "JN", "PS"])
      let chair = try #require(people.first { $0.id == PersonID("EG") })
      #expect(chair.name == "Edwina Grant OBE")
      #expect(chair.title == "Chair")
      #expect(chair.organisation == "Croydon Children’s Improvement Board")
      #expect(
        chair.roles.map(\.description) == ["board chair of Croydon Children’s Improvement Board"]
      )
      // On 30 November 2017: everyone registered by then, and the commissioner (registered
      // 4 December 2017) and the lead member (registered 1 March 2019), in post already.
      let later = try book.view(TimeSlice(asOf: day("2017-11-30")))
      let listed = Set(try book.people(in: later).map(\.id))
      #expect(listed.subtracting(later.state.people.keys) == [PersonID("AF"), PersonID("EB")])
      #expect(listed.isSuperset(of: later.state.people.keys))
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
