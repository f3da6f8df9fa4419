public import LedgerStore
public import PlanLedger

/// The board pack for a meeting: one self-contained, accessible HTML page built from the
/// ledger alone.
///
/// It shows the plan as of the board's date (in the light of everything recorded): status
/// by priority as a table and a chart, status by month, the change since the previous
/// board, the exceptions, the board decisions and monitoring findings of the period, each
/// measure against its target, the narrative since the previous board, and the
/// provenance: the tree head, every seq cited, the source documents. ``html`` renders it.
public struct BoardReport: Sendable {
  /// The board's date (the date the plan is shown as of).
  public let date: CalendarDate
  /// The meetings recorded on that date (none when the date is not a board date).
  public let meetings: [Narrative.Meeting]
  /// The date of the previous board, if any.
  public let previousBoard: CalendarDate?
  /// The narrative from the previous board (or the beginning) to this one.
  public let narrative: Narrative
  /// Status counts by month.
  public let timeline: StatusTimeline
  /// One chart per measure with a value on the date.
  public let measures: [MeasureChart]
  /// Provenance of every seq the report cites.
  public let sources: [Narrative.SourceNote]

  /// The plan on the board's date.
  public var view: PlanView { narrative.end }

  /// The tree head the report was generated from.
  public var head: TreeHead { narrative.head }

  /// Builds the report for a board date.
  ///
  /// Two passes over the log: one that decodes only the meetings held by `date` (which
  /// give the period), and one lean pass for the plan at both ends of the period and at
  /// each month end of the timeline, with the period's records read whole; then the
  /// records cited outside the period are read by seq.
  ///
  /// - Parameters:
  ///   - chronicle: The ledger's records.
  ///   - date: The board's date. A date with no recorded meeting gives the plan as of that
  ///     date, and the report says no meeting is recorded.
  ///   - months: The most months the status-by-month chart shows.
  ///   - limit: The most deadline revisions, and the most changes of lead, listed one by
  ///     one (see ``Narrative/listingLimit``).
  /// - Throws: An I/O error, `RecordError`, or `LedgerStoreError.scratchUnavailable` when
  ///   the ledger's scratch directory cannot hold the sorts of a long period.
  public init(
    chronicle: PlanChronicle,
    board date: CalendarDate,
    months: Int = 36,
    listing limit: Int = Narrative.listingLimit
  ) throws {
    self.date = date
    let survey = try chronicle.survey(through: date)
    let meetings = survey.meetings
    let previous = meetings.keys.map(\.date).filter { $0 < date }.max()
    previousBoard = previous
    let period = NarrativePeriod(
      start: previous ?? min(survey.firstDate.map { $0.adding(days: -1) } ?? date, date),
      end: date,
      fromBeginning: previous == nil,
      startsAtBoard: previous != nil,
      endsAtBoard: meetings.keys.contains { $0.date == date }
    )
    let calendar = StatusTimeline.months(through: date, count: months)
    var gathering = PeriodChanges.Gathering(period, ledger: chronicle.book.ledger)
    var first = StatusTimeline.FirstAction(priority: nil)
    let views = try chronicle.read(
      asOf: [period.start, period.end] + calendar.map(\.date),
      whole: period.contains,
      visiting: { record in
        try gathering.note(record)
        first.note(record)
      }
    )
    let changes = try gathering.finish()
    narrative = try Narrative(
      chronicle: chronicle,
      period: period,
      start: views[0],
      end: views[1],
      changes: changes,
      listing: limit
    )
    self.meetings = narrative.boards.filter { $0.date == date }
    timeline = StatusTimeline(
      priority: nil,
      through: date,
      months: calendar,
      views: Array(views.dropFirst(2)),
      first: first
    )
    let endView = narrative.end
    measures = endView.state.measures.keys.sorted().compactMap { id in
      endView.state.measures[id].flatMap { MeasureChart(measure: $0, on: date) }
    }
    var cited = Set(narrative.citedSeqs)
    for change in PlanDiff(start: narrative.start, end: narrative.end).changes {
      cited.formUnion(Self.seqs(of: change, in: narrative))
    }
    for chart in measures { cited.formUnion(chart.values.map(\.seq) + chart.trend.seqs) }
    for visit in narrative.visits {
      cited.formUnion((visit.weaknesses + visit.progress + visit.furtherProgress).map(\.seq))
    }
    // The narrative has read its own; only the others are read again.
    let others = try chronicle.sourceNotes(for: cited.subtracting(narrative.citedSeqs))
    sources = (narrative.sources + others).sorted { $0.seq < $1.seq }
  }

  /// The seqs behind one row of the change table: the status change, the revisions and
  /// reassignments in the period, the due date's source when it became overdue, the
  /// addition when it was added.
  static func seqs(of change: PlanDiff.ActionChange, in narrative: Narrative) -> [Int] {
    let action = change.row.number
    let state = narrative.end.state.actions[action]
    var seqs: [Int] = []
    if change.statusChanged, let seq = change.row.statusSeq { seqs.append(seq) }
    seqs += narrative.revisions.filter { $0.action.action == action }.map(\.seq)
    seqs += narrative.reassignments.filter { $0.action.action == action }.map(\.seq)
    if change.becameOverdue {
      seqs.append(narrative.dueSeq(action, milestone: change.row.overdueMilestone))
    }
    if change.added, let state { seqs.append(state.definition.stamp.seq) }
    if change.withdrawnNow, let state { seqs.append(state.withdrawn.stamp.seq) }
    return Array(Set(seqs.filter { $0 > 0 })).sorted()
  }

  /// The source documents of the cited records, each with how many records cite it.
  public var documents: [(document: String, records: Int)] {
    var counts: [String: Int] = [:]
    for note in sources {
      if let document = note.document { counts[document, default: 0] += 1 }
    }
    return counts.keys.sorted().map { ($0, counts[$0] ?? 0) }
  }
}
