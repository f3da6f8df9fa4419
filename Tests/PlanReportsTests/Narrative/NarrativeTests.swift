import Foundation
import LedgerStore
import PlanLedger
import PlanReports
import Testing

@Suite struct NarrativeTests {
  /// Each consecutive pair of boards of the scripted year, and the whole year.
  static let periods: [(String, String)] =
    zip(ScriptedYear.boards, ScriptedYear.boards.dropFirst()).map { ($0, $1) }
    + [("2018-01-15", "2018-12-15"), ("2018-03-15", "2018-09-15")]

  @Test func scriptedYearFiguresMatchThePlanAtBothEnds() throws {
    try ReportFixture.withEmptyLedger(startingAt: "2018-01-02") { fixture in
      try ScriptedYear.record(into: fixture)
      for (start, end) in Self.periods {
        let narrative = try fixture.narrative(
          from: .board(day(start)),
          to: .board(day(end)),
          today: "2019-01-01"
        )
        let startView = try fixture.view(asOf: start)
        let endView = try fixture.view(asOf: end)
        #expect(narrative.headline.start == startView.summary, "start of \(start)–\(end)")
        #expect(narrative.headline.end == endView.summary, "end of \(start)–\(end)")
        for account in narrative.priorities {
          #expect(account.start == startView.filtered(priority: account.number).summary)
          #expect(account.end == endView.filtered(priority: account.number).summary)
        }
        // The words say the same figures.
        let text = TextNarrativeRenderer().render(narrative).replacingLineBreaks
        let counts = NarrativeWords.statusCounts(endView.summary)
        #expect(text.contains("the plan has \(endView.summary.total) actions: \(counts)"))
        for status in Status.allCases {
          let before = startView.summary.count(status)
          let after = endView.summary.count(status)
          #expect(text.contains("\(status.words): \(before) at the start, \(after) at the end"))
        }
        #expect(
          text.contains(
            "Past their due date and not complete: \(startView.summary.overdue) at the start, "
              + "\(endView.summary.overdue) at the end"
          )
        )
      }
    }
  }

  @Test func scriptedYearTellsEachChangeWithItsDecision() throws {
    try ReportFixture.withEmptyLedger(startingAt: "2018-01-02") { fixture in
      try ScriptedYear.record(into: fixture)
      let narrative = try fixture.narrative(
        from: .board(day("2018-01-15")),
        to: .board(day("2018-12-15")),
        today: "2019-01-01"
      )
      #expect(narrative.completions.map(\.action.action.rawValue) == ["1.1", "1.2", "7.1"])
      let byAction = Dictionary(
        uniqueKeysWithValues: narrative.completions.map { ($0.action.action.rawValue, $0) }
      )
      #expect(byAction["1.1"]?.decision?.isAuthority == true)
      #expect(byAction["1.1"]?.decision?.kind == .acceptCompletion)
      #expect(byAction["1.2"]?.decision == nil)
      #expect(
        narrative.exceptions.completionsWithoutDecision.map(\.action.action.rawValue) == ["1.2"]
      )
      #expect(narrative.revisions.map(\.action.action.rawValue) == ["7.1", "7.1", "7.2"])
      #expect(narrative.revisions.map(\.days) == [92, 92, 92])
      #expect(narrative.revisions[0].decision?.kind == .agreeRevisedDeadline)
      #expect(narrative.revisions[1].decision == nil)
      #expect(narrative.reassignments.count == 1)
      #expect(narrative.reassignments.first?.from.map(\.id.rawValue) == ["EM"])
      #expect(narrative.reassignments.first?.to.map(\.id.rawValue) == ["DS"])
      #expect(narrative.reassignments.first?.decision?.kind == .reassign)
      #expect(narrative.newRisks.map(\.action.action.rawValue) == ["7.3"])
      #expect(narrative.decisions.count == 5)
      #expect(narrative.boards.count == 12)
      let text = MarkdownNarrativeRenderer().render(narrative)
      #expect(text.contains("No board decision accepting the completion is recorded."))
      #expect(
        text.contains(
          "Board decision: on the authority of the accept completion decision of the board of 15 March 2018."
        )
      )
      let trend = try #require(narrative.measures.first)
      #expect(trend.latest.value == (try decimal("11")))
      #expect(trend.previous?.value == (try decimal("12")))
      #expect(trend.trend == .better)
      #expect(trend.meetsTarget == false)
    }
  }

  /// A last step in the good direction does not hide a run in the wrong one: a vacancy
  /// rate that rose from 10% to 20% and then fell by one point is said to have moved the
  /// wrong way since its first value.
  @Test func aMeasuresLastStepIsToldWithItsWholeRun() throws {
    try ReportFixture.withEmptyLedger(startingAt: "2018-01-02") { fixture in
      try fixture.recordSmallPlan(on: "2018-01-02")
      for (period, value) in [
        ("2018-01", "10"), ("2018-02", "15"), ("2018-03", "20"), ("2018-04", "19"),
      ] {
        try fixture.record(try .measure("M7.6", period, value), on: period + "-28")
      }
      let narrative = try fixture.narrative(
        from: .date(day("2018-04-01")),
        to: .date(day("2018-04-30")),
        today: "2018-05-01"
      )
      let trend = try #require(narrative.measures.first)
      #expect(trend.trend == .better)
      #expect(trend.first?.value == (try decimal("10")))
      #expect(trend.overall == .worse)
      #expect(
        MarkdownNarrativeRenderer().render(narrative).contains(
          "19% for April 2018, down 1 percentage point from 20% for March 2018: the good "
            + "direction (lower is better); up 9 percentage points from 10% for January 2018, "
            + "the first value recorded: the wrong direction (lower is better). Target 10%: not met."
        )
      )
    }
  }

  @Test func asKnownAtATimeTheNarrativeLeavesOutWhatWasRecordedLater() throws {
    try ReportFixture.withEmptyLedger(startingAt: "2018-01-02") { fixture in
      try ScriptedYear.record(into: fixture)
      let sizeByYearEnd = fixture.book.ledger.size
      // Recorded in January 2019, back-dated to June 2018.
      fixture.clock.set(day("2019-01-10"))
      let late = try #require(
        try fixture.book.record([
          Submission(
            PlanEvent.status("7.3", .atRisk, note: "Found in the January audit"),
            actor: PersonID("PS"),
            effective: day("2018-06-20")
          )
        ]).seqs.first
      )
      #expect(late == sizeByYearEnd + 1)
      let knownAt = try #require(LedgerTimestamp("2018-12-31"))
      let chronicle = try PlanChronicle(book: fixture.book, knownAt: knownAt)
      #expect(chronicle.head == (try fixture.book.ledger.head(size: sizeByYearEnd)))
      let period = try NarrativePeriod.resolve(
        from: .board(day("2018-03-15")),
        to: .board(day("2018-09-15")),
        in: chronicle,
        today: day("2019-01-11")
      )
      let then = try Narrative(chronicle: chronicle, period: period)
      let now = try fixture.narrative(
        from: .board(day("2018-03-15")),
        to: .board(day("2018-09-15")),
        today: "2019-01-11"
      )
      #expect(!then.newRisks.contains { $0.action.action.rawValue == "7.3" })
      #expect(now.newRisks.contains { $0.action.action.rawValue == "7.3" })
      // Both ends are the plan as the book's own replay gives it, as known at the time.
      let known = TimeSlice(asOf: day("2018-09-15"), knownAt: knownAt)
      #expect(then.headline.end == (try fixture.book.view(known).summary))
      #expect(then.headline.end != now.headline.end)
      #expect(then.head.size == sizeByYearEnd)
      let text = TextNarrativeRenderer().render(then).replacingLineBreaks
      #expect(
        text.contains(
          "as the ledger had recorded them by 2018-12-31T23:59:59.999Z, at tree size "
            + "\(sizeByYearEnd)."
        )
      )
      // The late record is among the sources now, and was not then.
      #expect(!text.contains("[\(late)] "))
      #expect(TextNarrativeRenderer().render(now).replacingLineBreaks.contains("[\(late)] "))
    }
  }

  @Test func decisionsOfTheOpeningBoardAreToldWithThePeriodItClosed() throws {
    try ReportFixture.withEmptyLedger(startingAt: "2018-01-02") { fixture in
      try ScriptedYear.record(into: fixture)
      let closing = try fixture.narrative(
        from: .board(day("2018-08-15")),
        to: .board(day("2018-09-15")),
        today: "2019-01-01"
      )
      let opening = try fixture.narrative(
        from: .board(day("2018-09-15")),
        to: .board(day("2018-10-15")),
        today: "2019-01-01"
      )
      let september = try #require(closing.boards.last)
      #expect(september.decisions.count == 1)
      #expect(closing.decisions.map(\.seq) == september.decisions)
      #expect(opening.decisions.isEmpty)
      let closingText = TextNarrativeRenderer().render(closing).replacingLineBreaks
      let openingText = TextNarrativeRenderer().render(opening).replacingLineBreaks
      #expect(closingText.contains("15 September 2018: Improvement Board (1 decision recorded)."))
      #expect(
        openingText.contains(
          "15 September 2018: Improvement Board (1 decision recorded, told with the period "
            + "that meeting closed)."
        )
      )
      #expect(openingText.contains("No board decision is recorded in the period."))
    }
  }

  @Test func beyondTheListingLimitChangesAreCountedByActionAndTheLatestTold() throws {
    try ReportFixture.withEmptyLedger(startingAt: "2018-01-02") { fixture in
      try ScriptedYear.record(into: fixture)
      let (from, to) = (NarrativePeriod.Bound.board(day("2018-01-15")), day("2018-12-15"))
      let whole = try fixture.narrative(from: from, to: .board(to), today: "2019-01-01")
      let abridged = try fixture.narrative(
        from: from,
        to: .board(to),
        today: "2019-01-01",
        listing: 2
      )
      #expect(!whole.revisionTally.isAbridged)
      #expect(whole.revisionTally.count == 3)
      #expect(abridged.revisionTally.count == 3)
      #expect(abridged.revisionTally.isAbridged)
      // The most recent two, told exactly as when all are told.
      #expect(abridged.revisions == Array(whole.revisions.suffix(2)))
      #expect(abridged.revisionTally.slippedDays == 92 * 3)
      #expect(
        abridged.revisionTally.byAction.map { "\($0.action.action.rawValue):\($0.count)" }
          == ["7.1:2", "7.2:1"]
      )
      #expect(abridged.revisionTally.byAction.map(\.slippedDays) == [184, 92])
      // The one reassignment is within the limit.
      #expect(abridged.reassignments == whole.reassignments)
      #expect(!abridged.reassignmentTally.isAbridged)
      // Every priority still names every action whose deadline moved.
      #expect(abridged.priorities.map(\.revised) == whole.priorities.map(\.revised))
      // The oldest revision is no longer cited.
      let oldest = try #require(whole.revisions.first?.seq)
      #expect(whole.citedSeqs.contains(oldest))
      #expect(!abridged.citedSeqs.contains(oldest))
      let text = TextNarrativeRenderer().render(abridged).replacingLineBreaks
      #expect(text.contains("3 deadline revisions took effect, moving deadlines 276 days later"))
      #expect(
        text.contains(
          "Too many to list one by one: each action's count follows, then the 2 most recent. "
            + "'planledger history --action NUMBER' lists every change to an action with its "
            + "record."
        )
      )
      #expect(text.contains("7.1 (priority 7): 2 revisions, 184 days later in total."))
      #expect(text.contains("7.2 (priority 7): 1 revision, 92 days later in total."))
      #expect(text.contains("The 2 most recent, oldest first:"))
      let report = try BoardReport(chronicle: try PlanChronicle(book: fixture.book), board: to)
      #expect(!report.html.contains("most recent of"))
      // April's board agreed 7.1's revision: listing none, the report's table says so.
      let short = try BoardReport(
        chronicle: try PlanChronicle(book: fixture.book),
        board: day("2018-04-15"),
        listing: 0
      )
      #expect(
        short.html.contains(
          "Deadline revisions since the previous board, on 15 March 2018: the 0 most recent of 1"
        )
      )
    }
  }

  @Test func everyCitedSeqHasASourceAndAFootnote() throws {
    try ReportFixture.withEmptyLedger(startingAt: "2018-01-02") { fixture in
      try ScriptedYear.record(into: fixture)
      let narrative = try fixture.narrative(from: nil, to: nil, today: "2019-01-01")
      #expect(narrative.sources.map(\.seq) == narrative.citedSeqs)
      let markdown = MarkdownNarrativeRenderer().render(narrative)
      for seq in narrative.citedSeqs {
        #expect(markdown.contains("\n[^\(seq)]: seq \(seq): "))
      }
      // Every footnote reference has its definition.
      var index = markdown.startIndex
      while let range = markdown.range(of: "[^", range: index..<markdown.endIndex) {
        let digits = markdown[range.upperBound...].prefix { $0.isNumber }
        #expect(markdown.contains("\n[^\(digits)]: "), "footnote \(digits)")
        index = range.upperBound
      }
      let html = HTMLNarrativeRenderer().render(narrative)
      for seq in narrative.citedSeqs {
        #expect(html.contains("<li id=\"seq-\(seq)\""))
      }
    }
  }

  @Test func theSameLedgerGivesTheSameBytes() throws {
    try ReportFixture.withEmptyLedger(startingAt: "2018-01-02") { fixture in
      try ScriptedYear.record(into: fixture)
      func render(_ book: PlanBook) throws -> [String] {
        let chronicle = try PlanChronicle(book: book)
        let period = try NarrativePeriod.resolve(
          from: nil,
          to: nil,
          in: chronicle,
          today: day("2019-01-01")
        )
        let narrative = try Narrative(chronicle: chronicle, period: period)
        let report = try BoardReport(chronicle: chronicle, board: day("2018-12-15"))
        return NarrativeFormat.allCases.map { $0.renderer.render(narrative) } + [report.html]
      }
      let first = try render(fixture.book)
      let second = try render(try fixture.reopened())
      #expect(first == second)
      #expect(first.allSatisfy { !$0.isEmpty })
    }
  }

  @Test func periodDefaultsToTheLastTwoBoards() throws {
    try ReportFixture.withEmptyLedger(startingAt: "2018-01-02") { fixture in
      try ScriptedYear.record(into: fixture)
      let chronicle = try PlanChronicle(book: fixture.book)
      let period = try NarrativePeriod.resolve(
        from: nil,
        to: nil,
        in: chronicle,
        today: day("2018-11-30")
      )
      #expect(
        period
          == NarrativePeriod(
            start: day("2018-10-15"),
            end: day("2018-11-15"),
            startsAtBoard: true,
            endsAtBoard: true
          )
      )
      let untilEnd = try NarrativePeriod.resolve(
        from: nil,
        to: .date(day("2018-06-30")),
        in: chronicle,
        today: day("2019-01-01")
      )
      #expect(untilEnd.start == day("2018-06-15"))
      #expect(untilEnd.startsAtBoard)
      let fromOnly = try NarrativePeriod.resolve(
        from: .date(day("2018-06-01")),
        to: nil,
        in: chronicle,
        today: day("2018-07-01")
      )
      #expect(fromOnly == NarrativePeriod(start: day("2018-06-01"), end: day("2018-07-01")))
      #expect(throws: Refusal.self) {
        try NarrativePeriod.resolve(
          from: .board(day("2018-06-16")),
          to: nil,
          in: chronicle,
          today: day("2019-01-01")
        )
      }
    }
  }

  @Test func withFewerThanTwoBoardsTheNarrativeIsTheWholeHistory() throws {
    try ReportFixture.withEmptyLedger(startingAt: "2018-01-02") { fixture in
      try fixture.recordSmallPlan(on: "2018-01-02")
      let narrative = try fixture.narrative(from: nil, to: nil, today: "2018-02-01")
      #expect(narrative.period.fromBeginning)
      #expect(narrative.period.start == day("2018-01-01"))
      #expect(narrative.period.end == day("2018-02-01"))
      #expect(narrative.headline.start.total == 0)
      #expect(narrative.added.count == 5)
      #expect(
        MarkdownNarrativeRenderer().render(narrative).contains(
          "From the start of the recorded history to 1 February 2018."
        )
      )
    }
  }

  @Test func aCorrectedRecordIsToldAsCorrected() throws {
    try ReportFixture.withEmptyLedger(startingAt: "2018-01-02") { fixture in
      try fixture.recordSmallPlan(on: "2018-01-02")
      let seq = try fixture.record(.status("7.1", .atRisk, note: "Wrong note"), on: "2018-02-01")
      let correction = try fixture.record(
        .eventCorrected(
          EventCorrected(
            seq: seq,
            data: [
              "action": .string("7.1"), "to": .string("at_risk"), "note": .string("Right note"),
            ],
            reason: "typo"
          )
        ),
        on: "2018-02-02"
      )
      let narrative = try fixture.narrative(
        from: .date(day("2018-01-31")),
        to: .date(day("2018-02-28")),
        today: "2018-03-01"
      )
      #expect(narrative.newRisks.first?.note == "Right note")
      #expect(narrative.sources.first { $0.seq == seq }?.correctedBy == correction)
      #expect(TextNarrativeRenderer().render(narrative).contains("corrected by seq \(correction)"))
    }
  }
}

extension String {
  /// The text with line breaks as spaces, so wrapped words can be searched.
  var replacingLineBreaks: String {
    split(whereSeparator: \.isNewline).map { $0.trimmingLeadingSpaces }.joined(separator: " ")
  }
}

extension Substring {
  fileprivate var trimmingLeadingSpaces: Substring {
    drop { $0 == " " }
  }
}

/// Due dates of actions with several milestones: the narrative names the milestone that
/// passed, whatever order the plan lists them in.
@Suite struct NarrativeMilestoneTests {
  @Test func aMissedEarlierMilestoneIsToldWithItsNumberAndTheLastDate() throws {
    try ReportFixture.withEmptyLedger(startingAt: "2018-01-02") { fixture in
      try fixture.recordSmallPlan(on: "2018-01-02")
      try fixture.record(
        try .addAction(
          "7.4",
          priority: "7",
          leads: ["DS"],
          byWhen: "Sep 18 / Mar 18",
          text: "Review supervision"
        ),
        on: "2018-01-02"
      )
      let narrative = try fixture.narrative(
        from: .date(day("2018-03-01")),
        to: .date(day("2018-04-30")),
        today: "2018-05-01"
      )
      let item = try #require(narrative.newlyOverdue.first { $0.action.action.rawValue == "7.4" })
      #expect(item.due == (try due("2018-03")))
      #expect(item.milestone == 2)
      #expect(item.finalDue == (try due("2018-09")))
      let markdown = MarkdownNarrativeRenderer().render(narrative)
      let section = try #require(
        BalanceTests.part(of: markdown, from: "### Newly overdue", to: "### Deadline revisions")
      )
      let lines: [String] = section.split(separator: "\n").filter { !$0.isEmpty }.map {
        String($0.prefix { $0 != "[" })
      }
      let first =
        "- **1.1** (priority 1, lead Eve Moss (EM)) passed its due date of March 2018 "
        + "without being complete: 30 days past it on 30 April 2018, rated Not rated."
      let second =
        "- **7.4** (priority 7, lead Dan Stone (DS)) passed its due date of March 2018 "
        + "(milestone 2, “Mar 18”; the last is due September 2018) without being "
        + "complete: 30 days past it on 30 April 2018, rated Not rated."
      #expect(lines == [first, second])
    }
  }
}
