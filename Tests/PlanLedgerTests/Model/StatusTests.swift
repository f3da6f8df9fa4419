import PlanLedger
import Testing

@Suite struct StatusTests {
  @Test(
    arguments: [
      ("On track", Status.onTrack),
      ("on_track", .onTrack),
      ("on-track", .onTrack),
      ("On Track", .onTrack),
      ("ON TRACK", .onTrack),
      (" complete ", .complete),
      ("Complete", .complete),
      ("At risk", .atRisk),
      ("at-risk", .atRisk),
      ("Overdue", .overdue),
      ("Not rated", .notRated),
      ("not_rated", .notRated),
    ]
  )
  func readsThePlansSpellings(words: String, status: Status) {
    #expect(Status(words: words) == status)
  }

  @Test(arguments: ["", "Green", "ontrack", "on track!", "completed", "on__track", "Red", "_"])
  func refusesOtherWords(words: String) {
    #expect(Status(words: words) == nil)
  }

  @Test func storesTheLogsRawValues() {
    #expect(
      Status.allCases.map(\.rawValue) == [
        "not_rated", "on_track", "at_risk", "overdue", "complete",
      ]
    )
    #expect(Status.spellings == "not_rated, on_track, at_risk, overdue, complete")
  }

  @Test func wordsAreThePlansOwn() {
    #expect(
      Status.allCases.map(\.words) == [
        "Not rated", "On track", "At risk", "Overdue", "Complete",
      ]
    )
    for status in Status.allCases {
      #expect(Status(words: status.words) == status)
    }
  }

  @Test func sortsInReportOrder() {
    #expect(Status.allCases.sorted() == [.complete, .onTrack, .atRisk, .overdue, .notRated])
  }
}
