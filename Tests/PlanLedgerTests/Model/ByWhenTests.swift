import LedgerStore
import PlanLedger
import Testing

/// One "By when" cell and the milestones it means: `(label, kind, due)`.
struct ByWhenCase: Sendable, CustomTestStringConvertible {
  let text: String
  let milestones: [(label: String, kind: MilestoneKind, due: String?)]

  init(_ text: String, _ milestones: [(String, MilestoneKind, String?)]) {
    self.text = text
    self.milestones = milestones.map { (label: $0.0, kind: $0.1, due: $0.2) }
  }

  var testDescription: String { text.debugDescription }

  func expected() throws -> [Milestone] {
    try milestones.map { milestone in
      Milestone(
        label: milestone.label,
        kind: milestone.kind,
        due: try milestone.due.map { try due($0) }
      )
    }
  }
}

@Suite struct ByWhenTests {
  static let cells: [ByWhenCase] = [
    ByWhenCase("Dec 17", [("Dec 17", .deadline, "2017-12")]),
    ByWhenCase("Apr18", [("Apr18", .deadline, "2018-04")]),
    ByWhenCase("Sep18", [("Sep18", .deadline, "2018-09")]),
    ByWhenCase("July 18", [("July 18", .deadline, "2018-07")]),
    ByWhenCase("April 18", [("April 18", .deadline, "2018-04")]),
    ByWhenCase(
      "2 Oct 17 / April 18",
      [("2 Oct 17", .deadline, "2017-10-02"), ("April 18", .deadline, "2018-04")]
    ),
    ByWhenCase(
      "Apr 18 / Dec 17",
      [("Apr 18", .deadline, "2018-04"), ("Dec 17", .deadline, "2017-12")]
    ),
    ByWhenCase(
      "Apr 18 / Ongoing from Apr 18",
      [("Apr 18", .deadline, "2018-04"), ("Ongoing from Apr 18", .ongoingFrom, "2018-04")]
    ),
    ByWhenCase(
      "Dec 17 / Dec 17",
      [("Dec 17", .deadline, "2017-12"), ("Dec 17", .deadline, "2017-12")]
    ),
    ByWhenCase(
      "Dec 17 / Jan 18 / Apr 19",
      [
        ("Dec 17", .deadline, "2017-12"), ("Jan 18", .deadline, "2018-01"),
        ("Apr 19", .deadline, "2019-04"),
      ]
    ),
    ByWhenCase("Jan-Apr 18", [("Jan-Apr 18", .deadline, "2018-04")]),
    ByWhenCase(
      "Jun 18 / Nov 17 / Jan 18 / Nov 17",
      [
        ("Jun 18", .deadline, "2018-06"), ("Nov 17", .deadline, "2017-11"),
        ("Jan 18", .deadline, "2018-01"), ("Nov 17", .deadline, "2017-11"),
      ]
    ),
    ByWhenCase("Ongoing", [("Ongoing", .ongoing, nil)]),
    ByWhenCase(
      "Ongoing / test impact in March 18",
      [("Ongoing", .ongoing, nil), ("test impact in March 18", .deadline, "2018-03")]
    ),
    ByWhenCase("Ongoing from Feb 17", [("Ongoing from Feb 17", .ongoingFrom, "2017-02")]),
    ByWhenCase(
      "Review Jan 18 / Implement Apr 18",
      [("Review Jan 18", .review, "2018-01"), ("Implement Apr 18", .implement, "2018-04")]
    ),
    ByWhenCase(
      "Review Jan 18 Implement Apr 18",
      [("Review Jan 18", .review, "2018-01"), ("Implement Apr 18", .implement, "2018-04")]
    ),
    ByWhenCase(
      "Dec 17 Dec 17",
      [("Dec 17", .deadline, "2017-12"), ("Dec 17", .deadline, "2017-12")]
    ),
    ByWhenCase(
      "Oct 17 / Dec 17 / Feb 18 / Apr 18 / Apr 18",
      [
        ("Oct 17", .deadline, "2017-10"), ("Dec 17", .deadline, "2017-12"),
        ("Feb 18", .deadline, "2018-02"), ("Apr 18", .deadline, "2018-04"),
        ("Apr 18", .deadline, "2018-04"),
      ]
    ),
    ByWhenCase("December 2017", [("December 2017", .deadline, "2017-12")]),
    ByWhenCase("Sept 18", [("Sept 18", .deadline, "2018-09")]),
    ByWhenCase(
      "Dec 17; Jan 18",
      [("Dec 17", .deadline, "2017-12"), ("Jan 18", .deadline, "2018-01")]
    ),
    ByWhenCase(
      "Dec 17\nJan 18",
      [("Dec 17", .deadline, "2017-12"), ("Jan 18", .deadline, "2018-01")]
    ),
    ByWhenCase("", []),
  ]

  @Test(arguments: cells)
  func readsTheMilestonesOfACell(cell: ByWhenCase) throws {
    #expect(try ByWhen.milestones(cell.text) == cell.expected())
  }

  @Test(arguments: [
    ("Soon", "Soon"), ("13 Dec", "13 Dec"), ("Dec 1917x", "Dec 1917x"), ("Dec 17 / Later", "Later"),
  ])
  func refusesWhatIsNotADate(text: String, part: String) {
    let error = #expect(throws: ByWhen.ParseError.self) {
      try ByWhen.milestones(text)
    }
    #expect(error?.part == part)
  }

  @Test func namesThePartItCannotRead() {
    let error = #expect(throws: ByWhen.ParseError.self) {
      try ByWhen.milestones("Dec 17 / 13 Dec")
    }
    #expect(
      error?.description
        == "\"13 Dec\" is not a date such as \"Dec 17\", \"Review Jan 18\" or \"Ongoing from Nov 17\""
    )
  }
}

@Suite struct MilestoneTests {
  @Test func storesItsLabelKindAndDue() throws {
    let milestone = Milestone(label: "Review Jan 18", kind: .review, due: try due("2018-01"))
    #expect(
      milestone.json.canonicalText == #"{"due":"2018-01","kind":"review","label":"Review Jan 18"}"#
    )
    #expect(Milestone(json: milestone.json) == milestone)
  }

  @Test func storesUndatedOngoingWorkWithoutADue() {
    let milestone = Milestone(label: "Ongoing", kind: .ongoing, due: nil)
    #expect(milestone.json.canonicalText == #"{"kind":"ongoing","label":"Ongoing"}"#)
    #expect(Milestone(json: milestone.json) == milestone)
  }

  @Test func onlyDeadlinesReviewsAndImplementationsFallDue() {
    #expect(MilestoneKind.allCases.filter(\.fallsDue) == [.deadline, .review, .implement])
    #expect(MilestoneKind.ongoingFrom.rawValue == "ongoing_from")
  }
}
