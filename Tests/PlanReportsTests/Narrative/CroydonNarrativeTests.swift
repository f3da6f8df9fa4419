import Foundation
import LedgerStore
import PlanLedger
import PlanReports
import Testing

/// End to end on the shipped Croydon ledger, rebuilt from its transcription tables: the
/// narrative since the November 2017 board tells every weakness the inspectors found and
/// every action that fell overdue, and the report agrees with the plan.
@Suite struct CroydonNarrativeTests {
  /// Rebuilds the Croydon ledger in a temporary directory and runs `body` with it.
  static func withCroydon<Result>(_ body: (PlanBook) throws -> Result) throws -> Result {
    var folder = URL(fileURLWithPath: #filePath)
    while folder.lastPathComponent != "Tests" && folder.pathComponents.count > 1 {
      folder.deleteLastPathComponent()
    }
    let tables = folder.deletingLastPathComponent().appending(path: "EventLog/transcription")
    var files: [String: String] = [:]
    for name in try FileManager.default.contentsOfDirectory(
      atPath: tables.path(percentEncoded: false)
    )
    where name.hasSuffix(".csv") {
      files[name] = try String(contentsOf: tables.appending(path: name), encoding: .utf8)
    }
    return try withTemporaryDirectory { directory in
      let clock = TestClock(day("2026-11-25"))
      let ledger = try Ledger.create(
        at: directory.appending(path: "croydon").path(percentEncoded: false),
        configuration: LedgerConfiguration(clock: clock)
      )
      let book = PlanBook(ledger: ledger, clock: clock)
      let batch = try TranscriptionImport(files: files, actor: PersonID("PLM")).batch()
      _ = try ImportRunner.run(batch, into: book, dryRun: false)
      return try body(book)
    }
  }

  @Test func theNarrativeSinceTheLastBoardTellsEveryWeaknessAndEveryOverdueAction() throws {
    try Self.withCroydon { book in
      let chronicle = try PlanChronicle(book: book)
      let period = try NarrativePeriod.resolve(
        from: .board(day("2017-11-01")),
        to: .date(day("2019-12-18")),
        in: chronicle,
        today: day("2026-11-25")
      )
      let narrative = try Narrative(chronicle: chronicle, period: period)
      let end = try book.view(TimeSlice(asOf: day("2019-12-18")))
      #expect(narrative.headline.end == end.summary)
      #expect(narrative.headline.end.overdue == 115)
      let weaknesses = end.state.findings.values.filter { $0.finding.kind == .weakness }
      #expect(weaknesses.count == 25)
      #expect(narrative.visits.flatMap(\.weaknesses).count == 25)
      for visit in narrative.visits {
        #expect(visit.progress.count <= visit.weaknesses.count)
      }
      let markdown = MarkdownNarrativeRenderer().render(narrative)
      let text = TextNarrativeRenderer().render(narrative).replacingLineBreaks
      for weakness in weaknesses {
        let quote = weakness.finding.quote.split(whereSeparator: \.isWhitespace).joined(
          separator: " "
        )
        #expect(text.contains(quote), "weakness: \(quote)")
      }
      #expect(markdown.contains("very poor"))
      #expect(markdown.contains("stubbornly weak"))
      // Five actions were already past an October 2017 milestone when the period began;
      // every other action past a due date at the end became so in the period.
      let start = try book.view(TimeSlice(asOf: day("2017-11-01")))
      #expect(
        start.actions.filter(\.overdue).map(\.number.rawValue) == [
          "3.6", "6.1", "9.1", "9.2", "10.1",
        ]
      )
      #expect(narrative.newlyOverdue.count == 110)
      let newlyOverdue = try #require(
        BalanceTests.part(of: text, from: "Newly overdue", to: "Deadline revisions")
      )
      let pastAtStart = Set(start.actions.filter(\.overdue).map(\.number))
      for row in end.actions where row.overdue {
        #expect(
          newlyOverdue.contains(" \(row.number.rawValue) (") != pastAtStart.contains(row.number),
          "overdue \(row.number)"
        )
      }
    }
  }

  @Test func theBoardReportAgreesWithThePlan() throws {
    try Self.withCroydon { book in
      let report = try BoardReport(
        chronicle: try PlanChronicle(book: book),
        board: day("2019-12-18")
      )
      let html = report.html
      #expect(report.previousBoard == day("2017-11-01"))
      #expect(report.meetings.isEmpty)
      #expect(report.narrative.priorities.count == 11)
      #expect(html.components(separatedBy: "<tr class=\"weakness\">").count - 1 == 25)
      #expect(html.contains("root <span class=\"hash\">\(book.ledger.head.root.hex)</span>"))
      #expect(report.timeline.points.count == 26)
      let again = try BoardReport(
        chronicle: try PlanChronicle(book: book),
        board: day("2019-12-18")
      )
      #expect(html == again.html)
    }
  }
}
