import Foundation
import LedgerStore
import PlanLedger
import PlanReports
import Testing

/// The period's revisions and changes of lead go through sorts that spill to the ledger's
/// scratch directory; whether they spilled must never show in a narrative or a board report.
@Suite struct PeriodChangesTests {
  /// The busy year's narratives and board reports, rendered, from the ledger opened with
  /// its sorts in memory and opened with every sort entry spilled as a run of its own.
  ///
  /// - Parameter render: Renders what one opening of the ledger gives.
  /// - Returns: The rendering held in memory, then the spilled one.
  /// - Throws: What recording, reading or `render` throws.
  static func bothWays(
    _ render: (PlanBook) throws -> String
  ) throws -> (memory: String, spilled: String) {
    try ReportFixture.withEmptyLedger(startingAt: "2018-01-02") { fixture in
      try BusyYear.record(into: fixture)
      return try withTemporaryDirectory { scratch in
        let memory = try render(try fixture.reopened())
        let spilled = try render(
          try fixture.reopened(
            scratchDirectory: scratch.path(percentEncoded: false),
            sortRunBytes: 64
          )
        )
        return (memory, spilled)
      }
    }
  }

  /// The narrative of 2018 from its first board to its last.
  static func narrative(
    _ book: PlanBook,
    listing limit: Int = Narrative.listingLimit
  ) throws -> Narrative {
    let chronicle = try PlanChronicle(book: book)
    let period = try NarrativePeriod.resolve(
      from: .board(day("2018-01-15")),
      to: .board(day("2018-12-15")),
      in: chronicle,
      today: day("2019-01-01")
    )
    return try Narrative(chronicle: chronicle, period: period, listing: limit)
  }

  @Test func aNarrativeWhoseChangesSpilledIsTheNarrativeHeldInMemory() throws {
    let inPeriod = (0..<BusyYear.changes).filter {
      BusyYear.effective($0) > day("2018-01-15") && BusyYear.effective($0) <= day("2018-12-15")
    }
    let (memory, spilled) = try Self.bothWays { book in
      let narrative = try Self.narrative(book)
      // The backlog, and the scripted year's own three revisions and one change of lead.
      #expect(narrative.revisionTally.count == inPeriod.count + 3)
      #expect(narrative.reassignmentTally.count == inPeriod.count + 1)
      #expect(narrative.revisionTally.isAbridged)
      #expect(narrative.revisions.map(\.effective) == narrative.revisions.map(\.effective).sorted())
      return MarkdownNarrativeRenderer().render(narrative)
    }
    #expect(spilled == memory)
  }

  @Test func aNarrativeListingEveryChangeIsTheSameSpilledOrNot() throws {
    let (memory, spilled) = try Self.bothWays { book in
      let narrative = try Self.narrative(book, listing: 2 * BusyYear.changes)
      #expect(!narrative.revisionTally.isAbridged)
      #expect(narrative.revisions.count == narrative.revisionTally.count)
      #expect(narrative.reassignments.count == narrative.reassignmentTally.count)
      // Each revision moves from where the one before it in valid time left the milestone.
      var current: [String: DueDate] = [:]
      for revision in narrative.revisions {
        let key = "\(revision.action.action.rawValue)/\(revision.milestone)"
        if let previous = current[key] { #expect(revision.from == previous) }
        current[key] = revision.to
      }
      return MarkdownNarrativeRenderer().render(narrative)
        + HTMLNarrativeRenderer().render(narrative)
    }
    #expect(spilled == memory)
  }

  @Test func aBoardReportWhoseChangesSpilledIsTheReportHeldInMemory() throws {
    let (memory, spilled) = try Self.bothWays { book in
      let chronicle = try PlanChronicle(book: book)
      let december = try BoardReport(chronicle: chronicle, board: day("2018-12-15"), listing: 5)
      #expect(december.narrative.revisionTally.isAbridged)
      let january = try BoardReport(chronicle: chronicle, board: day("2018-01-15"))
      return december.html + january.html
    }
    #expect(spilled == memory)
  }

  @Test func aScratchDirectoryThatCannotHoldFilesFailsTheNarrativeWithTheFix() throws {
    try ReportFixture.withEmptyLedger(startingAt: "2018-01-02") { fixture in
      try BusyYear.record(into: fixture)
      let book = try fixture.reopened(scratchDirectory: "/nonexistent/scratch", sortRunBytes: 64)
      #expect(
        throws: LedgerStoreError.scratchUnavailable(
          directory: "/nonexistent/scratch",
          errno: ENOENT
        )
      ) {
        try Self.narrative(book)
      }
    }
  }
}
