import LedgerStore
import PlanLedger
import Testing

/// Checks what must hold of every view, whatever was recorded: the summary counts the
/// rows it should, and each row's flags agree with its dates, status and revisions.
func checkInvariants(_ view: PlanView, sourceLocation: SourceLocation = #_sourceLocation) {
  let summary = view.summary
  let live = view.actions.filter { !$0.withdrawn }
  #expect(summary.total == live.count, sourceLocation: sourceLocation)
  #expect(summary.withdrawn == view.actions.count - live.count, sourceLocation: sourceLocation)
  #expect(summary.byStatus.values.reduce(0, +) == summary.total, sourceLocation: sourceLocation)
  for status in Status.allCases {
    #expect(
      summary.count(status) == live.filter { $0.status == status }.count,
      sourceLocation: sourceLocation
    )
  }
  #expect(summary.overdue == live.filter(\.overdue).count, sourceLocation: sourceLocation)
  #expect(summary.drifting == live.filter(\.drifting).count, sourceLocation: sourceLocation)
  #expect(summary.stale == live.filter(\.stale).count, sourceLocation: sourceLocation)
  #expect(summary.atRiskLong == live.filter(\.atRiskLong).count, sourceLocation: sourceLocation)
  #expect(
    view.byPriority.map(\.summary.total).reduce(0, +) == summary.total,
    sourceLocation: sourceLocation
  )
  #expect(
    view.byWorkstream.map(\.summary.total).reduce(0, +) == summary.total,
    sourceLocation: sourceLocation
  )
  let numbers = view.actions.map(\.number)
  #expect(numbers == numbers.sorted(), sourceLocation: sourceLocation)
  #expect(Set(numbers).count == numbers.count, sourceLocation: sourceLocation)
  #expect(Set(numbers) == Set(view.state.actions.keys), sourceLocation: sourceLocation)
  for row in view.actions {
    checkInvariants(row, on: view.date, asOf: view.slice.asOf, sourceLocation: sourceLocation)
  }
}

/// Checks what must hold of one action's row on the view's date.
func checkInvariants(
  _ row: ActionRow,
  on date: CalendarDate,
  asOf: CalendarDate?,
  sourceLocation: SourceLocation = #_sourceLocation
) {
  let context = Comment(rawValue: "action \(row.number) on \(date)")
  // The milestones with a date the action falls due by, and those that count towards
  // "past a due date" (a review only when it is the last).
  let dated = row.milestones.enumerated().compactMap { offset, milestone in
    milestone.kind.fallsDue
      ? milestone.due.map { (index: offset + 1, milestone: milestone, due: $0) } : nil
  }
  let last = dated.map(\.due.deadline).max()
  let counted = dated.filter { !$0.milestone.kind.isCheckpoint || $0.due.deadline == last }
  if row.overdue {
    let past = row.milestone(row.overdueMilestone)
    let deadline = past?.due?.deadline
    #expect(deadline.map { $0 < date } == true, context, sourceLocation: sourceLocation)
    #expect(row.status != .complete, context, sourceLocation: sourceLocation)
    #expect(!row.withdrawn, context, sourceLocation: sourceLocation)
    #expect(
      row.daysOverdue == deadline.map { date.days(since: $0) },
      context,
      sourceLocation: sourceLocation
    )
    // It is the counted milestone passed first.
    #expect(
      counted.allSatisfy { item in deadline.map { item.due.deadline >= $0 } ?? false },
      context,
      sourceLocation: sourceLocation
    )
  } else {
    #expect(row.overdueMilestone == nil, context, sourceLocation: sourceLocation)
    #expect(
      row.status == .complete || row.withdrawn || counted.allSatisfy { $0.due.deadline >= date },
      context,
      sourceLocation: sourceLocation
    )
  }
  // Due is the first date not passed, or the last once all have passed.
  let pending = dated.filter { $0.due.deadline >= date }.map(\.due.deadline)
  #expect(
    row.due?.deadline == (pending.min() ?? last),
    context,
    sourceLocation: sourceLocation
  )
  #expect(row.finalDue?.deadline == last, context, sourceLocation: sourceLocation)
  #expect(
    row.due == row.milestone(row.dueMilestone)?.due
      && row.baselineDue == row.dueMilestone.flatMap { row.baseline[$0 - 1].due },
    context,
    sourceLocation: sourceLocation
  )
  #expect((row.daysOverdue > 0) == row.overdue, context, sourceLocation: sourceLocation)
  #expect(row.revisions >= 0, context, sourceLocation: sourceLocation)
  #expect(row.slipDays >= 0, context, sourceLocation: sourceLocation)
  #expect(row.slipDays == 0 || row.revisions > 0, context, sourceLocation: sourceLocation)
  #expect(
    row.drifting == (row.revisions >= 2 || row.slipDays > 90),
    context,
    sourceLocation: sourceLocation
  )
  #expect(row.milestones.count == row.baseline.count, context, sourceLocation: sourceLocation)
  #expect(
    row.milestones.map(\.label) == row.baseline.map(\.label)
      && row.milestones.map(\.kind) == row.baseline.map(\.kind),
    context,
    sourceLocation: sourceLocation
  )
  if row.revisions == 0 {
    #expect(row.milestones == row.baseline, context, sourceLocation: sourceLocation)
    #expect(row.due == row.baselineDue, context, sourceLocation: sourceLocation)
  }
  let fallsDue = row.baseline.contains { $0.kind.fallsDue && $0.due != nil }
  #expect((row.due != nil) == fallsDue, context, sourceLocation: sourceLocation)
  #expect((row.baselineDue != nil) == fallsDue, context, sourceLocation: sourceLocation)
  #expect(row.daysAtStatus >= 0, context, sourceLocation: sourceLocation)
  #expect(row.lastUpdate >= row.statusSince, context, sourceLocation: sourceLocation)
  if let asOf {
    #expect(row.statusSince <= asOf, context, sourceLocation: sourceLocation)
    #expect(row.lastUpdate <= asOf, context, sourceLocation: sourceLocation)
  }
  if row.statusSeq == nil {
    #expect(row.status == .notRated, context, sourceLocation: sourceLocation)
  }
  if row.stale {
    #expect(row.status != .complete && !row.withdrawn, context, sourceLocation: sourceLocation)
    #expect(date.days(since: row.lastUpdate) > 60, context, sourceLocation: sourceLocation)
  }
  if row.atRiskLong {
    #expect(row.status == .atRisk, context, sourceLocation: sourceLocation)
    #expect(row.daysAtStatus >= 90, context, sourceLocation: sourceLocation)
  }
}
