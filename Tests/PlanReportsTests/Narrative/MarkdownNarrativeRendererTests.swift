import LedgerStore
import PlanLedger
import Testing

@testable import PlanReports

@Suite struct MarkdownNarrativeRendererTests {
  @Test func scriptedSummerMatchesItsGoldenFile() throws {
    try ReportFixture.withEmptyLedger(startingAt: "2018-01-02") { fixture in
      try ScriptedYear.record(into: fixture)
      let narrative = try fixture.narrative(
        from: .board(day("2018-06-15")),
        to: .board(day("2018-09-15")),
        today: "2019-01-01"
      )
      try expectGolden(
        MarkdownNarrativeRenderer().render(narrative),
        named: "scripted-year-2018-06-to-09.md"
      )
    }
  }

  @Test(arguments: [
    ("*bold* _it_ [link](x) `code`", "\\*bold\\* \\_it\\_ \\[link\\](x) \\`code\\`"),
    ("<b>&amp;</b>", "\\<b\\>\\&amp;\\</b\\>"),
    ("# heading", "\\# heading"),
    ("1. first\n- second\n> quote", "1\\. first\\\n  \\- second\\\n  \\> quote"),
    ("a | b ~ c \\ d", "a \\| b \\~ c \\\\ d"),
  ])
  func recordedTextCannotBecomeMarkup(_ text: String, _ escaped: String) {
    #expect(MarkdownNarrativeRenderer.escape(text, indent: 2) == escaped)
  }

  @Test func footnotesCompressRunsOfSeqs() {
    let statement = NarrativeStatement([.text("x")], seqs: [7, 3, 4, 5, 9, 10, 3])
    #expect(MarkdownNarrativeRenderer.statement(statement, indent: 0) == "x[^3]–[^5][^7][^9][^10]")
  }
}
