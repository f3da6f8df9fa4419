import Foundation
import LedgerStore
import PlanLedger
import PlanReports
import Testing

/// The narrative is balanced by construction: every weakness, every newly overdue action
/// and every slip of the period appears, in every format, and progress is never quoted
/// more often than weakness.
@Suite struct BalanceTests {
  static let weaknesses = [
    "Too many children wait too long for an assessment.",
    "Supervision is *irregular* and poorly recorded.",
    "Plans for children are not specific enough.",
  ]
  static let progress = [
    "Leaders know their services well.", "Caseloads have fallen.", "Staff feel supported.",
    "Audits are more searching.", "The front door is quicker.",
  ]

  /// A plan with, between March and September 2018: a visit with three weaknesses, five
  /// progress findings and a strength; actions passing their due dates; an action rated
  /// overdue; three slips (one brought forward); a second visit with no weakness.
  static func record(_ fixture: ReportFixture) throws -> (slips: [Int], weaknesses: [Int]) {
    try fixture.recordSmallPlan(on: "2018-01-02")
    try fixture.record(.status("7.3", .onTrack), on: "2018-02-01")
    try fixture.record(.visit("4", start: "2018-05-01", letter: "2018-05-20"), on: "2018-05-20")
    let weaknesses = try fixture.record(
      weaknesses.map { .finding("4", .weakness, $0, priorities: ["1"]) },
      on: "2018-05-20"
    )
    try fixture.record(progress.map { .finding("4", .progress, $0) }, on: "2018-05-20")
    try fixture.record(.finding("4", .strength, "Partners trust the council."), on: "2018-05-20")
    try fixture.record(.visit("5", start: "2018-08-01", letter: "2018-08-20"), on: "2018-08-20")
    try fixture.record(.finding("5", .progress, "Pace has quickened."), on: "2018-08-20")
    var slips: [Int] = []
    slips.append(
      try fixture.record(try .revise("7.3", to: "2019-03", reason: "Budget"), on: "2018-04-01")
    )
    slips.append(
      try fixture.record(
        try .revise("7.3", to: "2019-06", reason: "Budget again"),
        on: "2018-06-01"
      )
    )
    slips.append(
      try fixture.record(
        try .revise("7.2", milestone: 1, to: "2018-04", reason: "Sooner"),
        on: "2018-03-05"
      )
    )
    try fixture.record(.status("7.3", .overdue, note: "Behind"), on: "2018-09-01")
    return (slips, weaknesses)
  }

  @Test func everyWeaknessOverdueActionAndSlipAppears() throws {
    try ReportFixture.withEmptyLedger(startingAt: "2018-01-02") { fixture in
      let (slips, weaknessSeqs) = try Self.record(fixture)
      let narrative = try fixture.narrative(
        from: .date(day("2018-03-01")),
        to: .date(day("2018-09-30")),
        today: "2018-10-01"
      )
      // The model holds them all.
      let weaknesses = narrative.visits.flatMap(\.weaknesses)
      #expect(weaknesses.map(\.seq) == weaknessSeqs)
      // 7.2's final milestone (September) has not passed; 7.3 is rated overdue.
      #expect(narrative.newlyOverdue.map(\.action.action.rawValue) == ["1.1", "1.2", "7.1", "7.3"])
      #expect(narrative.revisions.map(\.seq).sorted() == slips.sorted())
      #expect(narrative.revisions.map(\.days).sorted() == [-31, 90, 91])
      // Every format shows them all.
      for format in NarrativeFormat.allCases {
        let output = format.renderer.render(narrative)
        let flat = output.replacingLineBreaks
        let newlyOverdue = try #require(
          Self.part(of: flat, from: "Newly overdue", to: "Deadline revisions")
        )
        for action in ["1.1", "1.2", "7.1", "7.3"] {
          #expect(newlyOverdue.contains(action), "\(format): newly overdue \(action)")
        }
        let revisions = try #require(
          Self.part(of: flat, from: "Deadline revisions", to: "Reassignments")
        )
        for seq in slips {
          #expect(revisions.contains("\(seq)"), "\(format): slip \(seq)")
        }
        #expect(revisions.contains("31 days earlier"))
        #expect(revisions.contains("90 days later"))
        for quote in Self.weaknesses {
          let words = quote.replacingOccurrences(of: "*", with: format == .markdown ? "\\*" : "*")
          #expect(flat.contains(words), "\(format): \(quote)")
        }
      }
    }
  }

  @Test func progressIsQuotedNoMoreOftenThanWeakness() throws {
    try ReportFixture.withEmptyLedger(startingAt: "2018-01-02") { fixture in
      _ = try Self.record(fixture)
      let narrative = try fixture.narrative(
        from: .date(day("2018-03-01")),
        to: .date(day("2018-09-30")),
        today: "2018-10-01"
      )
      let visits = Dictionary(uniqueKeysWithValues: narrative.visits.map { ($0.visit, $0) })
      let four = try #require(visits["4"])
      #expect(four.weaknesses.count == 3)
      #expect(four.progress.count == 3)
      #expect(four.furtherProgress.count == 3)
      let five = try #require(visits["5"])
      #expect(five.weaknesses.isEmpty && five.progress.isEmpty)
      #expect(five.furtherProgress.count == 1)
      // Weaknesses come first, and the progress not quoted is still cited.
      let text = TextNarrativeRenderer().render(narrative).replacingLineBreaks
      let firstWeakness = try #require(text.range(of: Self.weaknesses[0]))
      let firstProgress = try #require(text.range(of: Self.progress[0]))
      #expect(firstWeakness.lowerBound < firstProgress.lowerBound)
      #expect(!text.contains(Self.progress[4]))
      #expect(
        text.contains("A further 3 findings of progress or strength are recorded, not quoted here.")
      )
      let cited = four.furtherProgress.map(\.seq)
      #expect(Set(cited).isSubset(of: narrative.citedSeqs))
      #expect(text.contains("as no weakness is recorded to set beside them"))
    }
  }

  /// The text between two headings.
  static func part(of text: String, from start: String, to end: String) -> Substring? {
    guard let lower = text.range(of: start)?.upperBound,
      let upper = text.range(of: end, range: lower..<text.endIndex)?.lowerBound
    else { return nil }
    return text[lower..<upper]
  }
}
