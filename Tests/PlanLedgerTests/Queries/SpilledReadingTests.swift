import Foundation
import LedgerStore
import PlanLedger
import Testing

/// Histories and audits sort their records through an `ExternalSort` that spills to the
/// scratch directory when it outgrows its budget: spilled at every entry, they give the
/// same entries, byte for byte, as sorted in memory.
@Suite struct SpilledReadingTests {
  @Test(arguments: [11, 12, 13])
  func spilledHistoriesAndAuditsEqualThoseSortedInMemory(seed: UInt64) throws {
    try withTemporaryDirectory { directory in
      let clock = SnapshotEquivalenceTests.SteppingClock()
      let path = directory.appending(path: "EventLog").path(percentEncoded: false)
      let scratch = directory.appending(path: "scratch").path(percentEncoded: false)
      try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
      let ledger = try Ledger.create(at: path, configuration: LedgerConfiguration(clock: clock))
      // Back-dated changes, corrections and retractions of every kind the plan has.
      var random = SnapshotEquivalenceTests.Generator(state: seed)
      var records: [Int: (type: PlanEventType, data: JSONObject, stream: String)] = [:]
      for draft in SnapshotEquivalenceTests.setup() {
        _ = try ledger.append([draft])
        records[ledger.size] = (
          try #require(PlanEventType(rawValue: draft.type)), draft.data, draft.stream
        )
      }
      for index in 0..<300 {
        var draft = try SnapshotEquivalenceTests.randomDraft(
          &random,
          size: ledger.size,
          records: records
        )
        // Three recorders, so a person's history folds changes others made.
        draft.actor = ["PO", "BP", "DS"][index % 3]
        _ = try ledger.append([draft])
        records[ledger.size] = (
          try #require(PlanEventType(rawValue: draft.type)), draft.data, draft.stream
        )
      }
      var spilling = LedgerConfiguration(clock: clock, scratchDirectory: scratch)
      spilling.sortRunBytes = 64
      let inMemory = PlanBook(ledger: ledger, clock: clock)
      let spilled = PlanBook(
        ledger: try Ledger.open(at: path, configuration: spilling),
        clock: clock
      )

      let actors = Set(records.keys.compactMap { try? inMemory.record(seq: $0).actor })
      #expect(actors.count == 3)
      let subjects: [HistorySubject] =
        [.all, .action(ActionID("1.1")), .action(ActionID("1.4")), .measure(MeasureID("M1"))]
        + [.priority(PriorityNumber("1"))] + actors.sorted().map { .person($0) }
      for subject in subjects {
        let expected = try History(book: inMemory).entries(of: subject).map(\.json)
        let passes = try History(book: spilled).passes(of: subject)
        for _ in 0..<2 {  // every pass reads the spilled runs again
          var entries: [JSONValue] = []
          try passes.forEachEntry { entries.append($0.json) }
          #expect(
            JSONValue.array(entries).canonicalText == JSONValue.array(expected).canonicalText,
            "seed \(seed), \(subject)"
          )
        }
        #expect(!expected.isEmpty)
      }
      let expectedAudit = try Audit(book: inMemory).entries().map(\.json)
      let spilledAudit = try Audit(book: spilled).entries().map(\.json)
      #expect(expectedAudit.count == ledger.size)
      #expect(
        JSONValue.array(spilledAudit).canonicalText == JSONValue.array(expectedAudit).canonicalText
      )
      let flagged = AuditFilter(flaggedOnly: true)
      #expect(
        try Audit(book: spilled).entries(flagged).map(\.json)
          == Audit(book: inMemory).entries(flagged).map(\.json)
      )
      // The scratch files have no names: nothing is left behind.
      #expect(try FileManager.default.contentsOfDirectory(atPath: scratch).isEmpty)
    }
  }

  @Test func aScratchDirectoryThatCannotBeUsedIsRefusedWithTheFix() throws {
    try PlanFixture.withSmallPlan { plan in
      var configuration = LedgerConfiguration(
        clock: plan.clock,
        scratchDirectory: "/nonexistent/scratch"
      )
      configuration.sortRunBytes = 64
      let book = PlanBook(
        ledger: try Ledger.open(at: plan.path, configuration: configuration),
        clock: plan.clock
      )
      let refusal = LedgerStoreError.scratchUnavailable(
        directory: "/nonexistent/scratch",
        errno: ENOENT
      )
      #expect(throws: refusal) { try Audit(book: book).entries() }
      #expect(throws: refusal) { try History(book: book).entries(of: .all) }
    }
  }
}
