import LedgerStore
import PlanLedger
import PlanReports
import Testing

@Suite struct AuditTableTests {
  /// The audit table written in two passes, and the CSV written in one, are byte for byte
  /// the table and the CSV of the entries held.
  @Test(arguments: [
    AuditFilter(),
    AuditFilter(flaggedOnly: true),
    AuditFilter(types: ["action.*"]),
    AuditFilter(actor: PersonID("nobody")),
  ])
  func twoPassTableIsTheTableOfTheEntries(filter: AuditFilter) throws {
    try ReportFixture.withEmptyLedger(startingAt: "2018-01-02") { fixture in
      try ScriptedYear.record(into: fixture)
      let audit = Audit(book: fixture.book)
      let held = PlanGrids.history(try audit.entries(filter), audit: true).table()
      let passes = try audit.passes()
      var written = ""
      try PlanGrids.historyTable(audit: true, { try passes.forEachEntry(filter, $0) }) {
        written += $0
      }
      #expect(written == held)
      var csv = ""
      try PlanGrids.historyCSV(audit: true, { try passes.forEachEntry(filter, $0) }) {
        csv += $0
      }
      #expect(csv == PlanGrids.history(try audit.entries(filter), audit: true).csv)
      #expect(!written.contains(" \n"))
      if filter.actor != nil { #expect(written.hasSuffix("-----\n(none)\n")) }
    }
  }

  /// Both passes stop at the size read first, so rows appended between them are not
  /// printed in columns measured without them.
  @Test func passesStopAtTheSizeReadFirst() throws {
    try ReportFixture.withEmptyLedger(startingAt: "2018-01-02") { fixture in
      try ScriptedYear.record(into: fixture)
      let audit = Audit(book: fixture.book)
      let passes = try audit.passes()
      let before = try audit.entries().count
      try fixture.record(PlanEvent.meeting("2018-12-20"), on: "2018-12-20")
      var seen = 0
      try passes.forEachEntry { _ in seen += 1 }
      #expect(seen == before)
      #expect(try audit.entries().count == before + 1)
    }
  }
}

@Suite struct TableLayoutTests {
  /// Line breaks become spaces, long cells are cut with an ellipsis, and widths count
  /// characters, not bytes, so non-ASCII text lines up too.
  @Test func cellsAreFlattenedCutAndCountedInCharacters() {
    let grid = Grid(
      headers: ["No.", "Note"],
      rows: [
        ["1.1", "Children’s\nservices"], ["7.3", "abcdefghij"], ["12.10", "é"],
        ["2", "x\r\ny"],
      ]
    )
    #expect(
      grid.table(maximumWidth: 8) == """
        No.    Note
        -----  --------
        1.1    Childre…
        7.3    abcdefg…
        12.10  é
        2      x y

        """
    )
    var layout = TableLayout(headers: grid.headers, maximumWidth: 8)
    for row in grid.rows { layout.measure(row) }
    #expect(layout.widths == [5, 8])
    #expect(layout.rows == 4)
    #expect(
      layout.heading() + grid.rows.map(layout.row).joined() + layout.ending
        == grid.table(maximumWidth: 8)
    )
    #expect(TableLayout(headers: ["A"]).ending == "(none)\n")
    // A terminal escape or a bidirectional override in a recorded note reaches the
    // terminal as U+FFFD, never as itself; tabs become spaces.
    let hostile = TableLayout(headers: ["Note"]).clean([
      "\u{1B}[2Jcleared", "a\u{202E}cba", "x\ty",
    ])
    #expect(hostile == ["\u{FFFD}[2Jcleared", "a\u{FFFD}cba", "x y"])
  }
}
