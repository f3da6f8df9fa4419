import LedgerStore
import PlanLedger

extension Narrative {
  /// The narrative as titled sections of statements, for the renderers.
  ///
  /// Every list the narrative holds appears in full: a list longer than
  /// ``groupingThreshold`` items is grouped by priority, one item per priority, but still
  /// names every action.
  public var sections: [NarrativeSection] {
    var sections: [NarrativeSection] = []
    forEachSection { sections.append($0) }
    return sections
  }

  /// Calls `body` with each of ``sections`` in turn, making each only when its turn comes,
  /// so a renderer that writes as it goes holds one section at a time.
  func forEachSection(_ body: (NarrativeSection) -> Void) {
    let parts: [(Narrative) -> NarrativeSection] = [
      \.periodSection, \.headlineSection, \.changesSection, \.prioritiesSection,
      \.decisionsSection, \.findingsSection, \.measuresSection, \.exceptionsSection,
    ]
    for part in parts { body(part(self)) }
  }

  /// Lists longer than this are grouped by priority.
  public static let groupingThreshold = 12

  /// The narrative's title.
  public var title: String {
    "Progress narrative" + (plan.map { ": " + $0.title } ?? "")
  }

  /// A line under the title: the organisation, the version and the period.
  public var subtitle: NarrativeStatement {
    var spans: [NarrativeSpan] = []
    if let plan {
      spans.append(.text(plan.organisation))
      if !plan.version.isEmpty { spans.append(.text(", version \(plan.version)")) }
      spans.append(.text(". "))
    }
    spans.append(.text("From \(startWords) to \(endWords)."))
    return NarrativeStatement(spans, seqs: plan.map { [$0.seq] } ?? [])
  }

  var startWords: String {
    if period.fromBeginning { return "the start of the recorded history" }
    return (period.startsAtBoard ? "the board of " : "") + NarrativeWords.date(period.start)
  }

  var endWords: String {
    (period.endsAtBoard ? "the board of " : "") + NarrativeWords.date(period.end)
  }

  // MARK: Period

  var periodSection: NarrativeSection {
    let startClause =
      period.fromBeginning
      ? "everything that took effect up to and including \(NarrativeWords.date(period.end))"
      : "the changes that took effect after \(NarrativeWords.date(period.start)) up to and "
        + "including \(NarrativeWords.date(period.end))"
    let opening = NarrativeStatement([
      .text(
        "This narrative covers \(startClause), as the ledger "
          + (end.slice.knownAt.map { "had recorded them by \($0), at tree size " }
            ?? "records them at tree size ")
          + "\(head.size). Each statement cites the seqs of the records it rests on."
      )
    ])
    var blocks: [NarrativeBlock] = [.paragraph([opening])]
    if boards.isEmpty {
      blocks.append(
        .paragraph([NarrativeStatement([.text("No board meeting is recorded in the period.")])])
      )
    } else {
      blocks.append(
        .paragraph([
          NarrativeStatement([
            .text(
              "Board meetings in the period (its ends included): "
                + NarrativeWords.count(boards.count, "meeting") + "."
            )
          ])
        ])
      )
      blocks.append(
        .list(
          boards.map { meeting in
            // A meeting on the opening date closed the previous period: its decisions
            // took effect then, so the decisions section below does not retell them.
            let closedEarlier = !period.fromBeginning && meeting.date == period.start
            let decided =
              meeting.decisions.isEmpty
              ? "no decisions recorded"
              : NarrativeWords.count(meeting.decisions.count, "decision") + " recorded"
                + (closedEarlier ? ", told with the period that meeting closed" : "")
            return NarrativeStatement(
              [.text("\(NarrativeWords.date(meeting.date)): \(meeting.board) (\(decided)).")],
              seqs: [meeting.seq] + meeting.decisions
            )
          }
        )
      )
    }
    return NarrativeSection(id: "period", title: "Period and boards", blocks: blocks)
  }

  // MARK: Headline

  var headlineSection: NarrativeSection {
    let startDate = NarrativeWords.date(period.start)
    let endDate = NarrativeWords.date(period.end)
    var sentences = [
      NarrativeStatement(
        [
          .text(
            "On \(endDate) the plan has \(NarrativeWords.count(headline.end.total, "action")): "
              + NarrativeWords.statusCounts(headline.end) + "."
          )
        ],
        seqs: headline.endSeqs
      )
    ]
    if headline.start.total == 0 {
      sentences.append(
        NarrativeStatement([.text(" On \(startDate) it had no actions.")])
      )
    } else {
      sentences.append(
        NarrativeStatement(
          [
            .text(
              " On \(startDate) it had \(NarrativeWords.count(headline.start.total, "action")): "
                + NarrativeWords.statusCounts(headline.start) + "."
            )
          ],
          seqs: headline.startSeqs
        )
      )
    }
    var counts: [NarrativeStatement] = Status.allCases.sorted().map { status in
      let before = headline.start.count(status)
      let after = headline.end.count(status)
      return NarrativeStatement(
        [
          .strong(status.words),
          .text(
            ": \(before) at the start, \(after) at the end ("
              + NarrativeWords.change(from: before, to: after) + ")."
          ),
        ],
        seqs: end.actions.filter { !$0.withdrawn && $0.status == status }.map {
          $0.statusSeq ?? end.state.actions[$0.number]?.definition.stamp.seq ?? 0
        }
      )
    }
    counts.append(
      NarrativeStatement(
        [
          .strong("Past their due date and not complete"),
          .text(
            ": \(headline.start.overdue) at the start, \(headline.end.overdue) at the end ("
              + NarrativeWords.change(from: headline.start.overdue, to: headline.end.overdue)
              + ")."
          ),
        ],
        seqs: end.actions.filter { $0.overdue }.map {
          dueSeq($0.number, milestone: $0.overdueMilestone)
        }
      )
    )
    var blocks: [NarrativeBlock] = [.paragraph(sentences), .list(counts)]
    if headline.end.withdrawn > 0 || headline.start.withdrawn > 0 {
      blocks.append(
        .paragraph([
          NarrativeStatement([
            .text(
              "Withdrawn actions are not counted: \(headline.start.withdrawn) at the start, "
                + "\(headline.end.withdrawn) at the end."
            )
          ])
        ])
      )
    }
    if headline.moves.isEmpty {
      blocks.append(
        .paragraph([NarrativeStatement([.text("No action's status changed in the period.")])])
      )
    } else {
      blocks.append(.paragraph([NarrativeStatement([.text("What moved:")])]))
      blocks.append(
        .list(
          headline.moves.map { move in
            let what =
              move.from.map { "from \($0.words) to \(move.to.words)" }
              ?? "added to the plan, now \(move.to.words)"
            return NarrativeStatement(
              [
                .text(
                  NarrativeWords.count(move.actions.count, "action") + " \(what): "
                    + NarrativeWords.actions(move.actions) + "."
                )
              ],
              seqs: move.seqs
            )
          }
        )
      )
    }
    return NarrativeSection(id: "headline", title: "Headline", blocks: blocks)
  }

  /// The seq a milestone's due date rests on at the end: its latest revision, or the
  /// action's definition (also for no milestone).
  ///
  /// - Parameters:
  ///   - action: The action.
  ///   - index: The milestone's 1-based index, as ``ActionRow/overdueMilestone`` gives it.
  /// - Returns: The seq, or 0 for an action not in the plan.
  func dueSeq(_ action: ActionID, milestone index: Int?) -> Int {
    guard let state = end.state.actions[action], let index else {
      return end.state.actions[action]?.definition.stamp.seq ?? 0
    }
    return state.revisedDue[index]?.stamp.seq ?? state.definition.stamp.seq
  }

  // MARK: Changes

  static func actionWords(_ action: ActionMention) -> [NarrativeSpan] {
    let leads =
      action.leads.isEmpty
      ? "no lead" : "lead " + NarrativeWords.list(action.leads.map(\.label))
    return [.strong(action.action.rawValue), .text(" (priority \(action.priority), \(leads))")]
  }

  static func decisionWords(_ decision: DecisionLink?, missing: String) -> NarrativeSpan {
    guard let decision else { return .text(" " + missing) }
    let how = decision.isAuthority ? "on the authority of" : "see"
    return .text(
      " Board decision: \(how) the \(decision.kind.words) decision of the board of "
        + NarrativeWords.date(decision.meeting) + "."
    )
  }

  static func noteWords(_ label: String, _ text: String) -> [NarrativeSpan] {
    text.isEmpty ? [] : [.text(" \(label): "), .quote(text), .text(fullStop(after: text))]
  }

  /// The full stop a sentence ending in a quote needs: none when the quote ends one.
  static func fullStop(after quote: String) -> String {
    guard let last = quote.last(where: { !$0.isWhitespace }) else { return "." }
    return ".!?".contains(last) ? "" : "."
  }

  var changesSection: NarrativeSection {
    NarrativeSection(
      id: "changes",
      title: "Progress and slippage",
      blocks: [],
      subsections: [
        completionsSection, newRisksSection, newlyOverdueSection, revisionsSection,
        reassignmentsSection, additionsSection,
      ]
    )
  }

  func statusChangeWords(
    _ change: StatusChange,
    verb: String,
    missing: String
  ) -> NarrativeStatement {
    var spans = Self.actionWords(change.action)
    let from = change.from.map { ", from \($0.words)" } ?? ", added in the period"
    spans.append(.text(" \(verb) on \(NarrativeWords.date(change.effective))\(from)."))
    spans += Self.noteWords("Note", change.note)
    spans.append(Self.decisionWords(change.decision, missing: missing))
    return NarrativeStatement(spans, seqs: change.seqs)
  }

  var completionsSection: NarrativeSection {
    let items = completions.map {
      statusChangeWords(
        $0,
        verb: "became complete",
        missing: "No board decision accepting the completion is recorded."
      )
    }
    return NarrativeSection(
      id: "completions",
      title: "Completions",
      blocks: listOrNone(items, none: "No action was completed in the period.")
    )
  }

  var newRisksSection: NarrativeSection {
    let items = newRisks.map {
      statusChangeWords(
        $0,
        verb: "became at risk",
        missing: "No board decision about it is recorded in the period."
      )
    }
    return NarrativeSection(
      id: "new-risks",
      title: "New risks",
      blocks: listOrNone(items, none: "No action became at risk in the period.")
    )
  }

  var newlyOverdueSection: NarrativeSection {
    let items = newlyOverdue.map { item -> (PriorityNumber, NarrativeStatement) in
      var spans = Self.actionWords(item.action)
      spans.append(.text(" " + overdueWords(item)))
      return (item.action.priority, NarrativeStatement(spans, seqs: item.seqs))
    }
    return NarrativeSection(
      id: "newly-overdue",
      title: "Newly overdue",
      blocks: groupedOrNone(
        items,
        compact: newlyOverdue.map {
          (
            $0.action,
            ($0.due.map { "due " + NarrativeWords.shortMonth($0) } ?? "no due date")
              + ($0.milestoneCount > 1 ? $0.milestone.map { ", milestone \($0)" } ?? "" : ""),
            $0.seqs
          )
        },
        none: "No action became overdue in the period."
      )
    )
  }

  func overdueWords(_ item: OverdueAction) -> String {
    let due = item.due.map { NarrativeWords.due($0) } ?? "no date"
    let dueDate = "due date of \(due)" + Self.milestoneWords(item, end: period.end)
    let days = NarrativeWords.days(item.daysOverdue)
    if let completed = item.completed {
      let how =
        item.passedDueDate
        ? "passed its \(dueDate) before it was complete, and was completed \(days) late"
        : "was rated Overdue in the period, and was completed"
      return how + " on \(NarrativeWords.date(completed))."
    }
    switch (item.passedDueDate, item.ratedOverdue) {
    case (true, true):
      return "was rated Overdue and is past its \(dueDate) by \(days)."
    case (true, false):
      return "passed its \(dueDate) without being complete: \(days) past it on "
        + NarrativeWords.date(period.end) + ", rated \(item.status.words)."
    default:
      let now = item.status == .overdue ? "" : ", and is now rated \(item.status.words)"
      return "was rated Overdue in the period\(now); its due date is \(due)"
        + Self.milestoneWords(item, end: period.end) + "."
    }
  }

  /// Which milestone a due date belongs to, for an action with several that fall due:
  /// ` (milestone 2, “Nov 17”; the last is due June 2018)`; empty for a single one.
  static func milestoneWords(_ item: OverdueAction, end: CalendarDate) -> String {
    guard item.milestoneCount > 1, let index = item.milestone else { return "" }
    var words = " (milestone \(index), “\(item.milestoneWords)”"
    if let last = item.finalDue, last != item.due {
      words += "; the last " + (last.deadline < end ? "was" : "is") + " due "
      words += NarrativeWords.due(last)
    }
    return words + ")"
  }

  var revisionsSection: NarrativeSection {
    let items = revisions.map { revision -> NarrativeStatement in
      var spans = Self.actionWords(revision.action)
      let label = revision.label.isEmpty ? "" : " (\u{201C}\(revision.label)\u{201D} in the plan)"
      let moved: String
      if let from = revision.from {
        let shift =
          revision.days == 0
          ? "the same deadline"
          : revision.days > 0
            ? NarrativeWords.days(revision.days) + " later"
            : NarrativeWords.days(-revision.days) + " earlier"
        moved =
          "moved from \(NarrativeWords.due(from)) to \(NarrativeWords.due(revision.to)), \(shift)"
      } else {
        moved = "set to \(NarrativeWords.due(revision.to))"
      }
      spans.append(
        .text(
          ": milestone \(revision.milestone)\(label) \(moved), on "
            + NarrativeWords.date(revision.effective) + "."
        )
      )
      spans += Self.noteWords("Reason", revision.reason)
      spans.append(
        Self.decisionWords(revision.decision, missing: "No board decision agreeing it is recorded.")
      )
      return NarrativeStatement(spans, seqs: revision.seqs)
    }
    guard revisionTally.count > 0 else {
      return NarrativeSection(
        id: "revisions",
        title: "Deadline revisions",
        blocks: listOrNone(items, none: "No deadline was revised in the period.")
      )
    }
    let summary = NarrativeStatement(
      [
        .text(
          NarrativeWords.count(revisionTally.count, "deadline revision") + " took effect, "
            + "moving deadlines \(NarrativeWords.days(revisionTally.slippedDays)) later in total."
        )
      ],
      seqs: revisionTally.isAbridged ? [] : revisions.map(\.seq)
    )
    return NarrativeSection(
      id: "revisions",
      title: "Deadline revisions",
      blocks: abridged(revisionTally, summary: summary, items: items) { count in
        NarrativeWords.count(count.count, "revision") + ", "
          + NarrativeWords.days(count.slippedDays) + " later in total"
      }
    )
  }

  /// A list of changes, with a summary before it; when the tally says only the most
  /// recent are listed, each action's count comes between the two.
  ///
  /// The counts cite no seqs (there are too many): they say which command lists each
  /// change with its record.
  func abridged(
    _ tally: Narrative.ChangeTally,
    summary: NarrativeStatement,
    items: [NarrativeStatement],
    count words: (Narrative.ActionCount) -> String
  ) -> [NarrativeBlock] {
    guard tally.isAbridged else {
      return [.paragraph([summary]), .list(items)]
    }
    let note = NarrativeStatement([
      .text(
        "Too many to list one by one: each action's count follows, then the "
          + "\(tally.listed) most recent. 'planledger history --action NUMBER' lists every "
          + "change to an action with its record."
      )
    ])
    let counts = tally.byAction.map { count in
      NarrativeStatement([
        .strong(count.action.action.rawValue),
        .text(" (priority \(count.action.priority)): \(words(count))."),
      ])
    }
    let recent = NarrativeStatement([
      .text("The \(tally.listed) most recent, oldest first:")
    ])
    return [
      .paragraph([summary]), .paragraph([note]), .list(counts), .paragraph([recent]),
      .list(items),
    ]
  }

  var reassignmentsSection: NarrativeSection {
    let items = reassignments.map { change -> NarrativeStatement in
      var spans: [NarrativeSpan] = [.strong(change.action.action.rawValue)]
      let from = change.from.isEmpty ? "no lead" : NarrativeWords.list(change.from.map(\.label))
      let to = change.to.isEmpty ? "no lead" : NarrativeWords.list(change.to.map(\.label))
      spans.append(
        .text(
          " (priority \(change.action.priority)): lead changed from \(from) to \(to) on "
            + NarrativeWords.date(change.effective) + "."
        )
      )
      spans += Self.noteWords("Reason", change.reason)
      spans.append(
        Self.decisionWords(change.decision, missing: "No board decision about it is recorded.")
      )
      return NarrativeStatement(spans, seqs: change.seqs)
    }
    guard reassignmentTally.isAbridged else {
      return NarrativeSection(
        id: "reassignments",
        title: "Reassignments",
        blocks: listOrNone(items, none: "No action changed lead in the period.")
      )
    }
    let summary = NarrativeStatement([
      .text(
        NarrativeWords.count(reassignmentTally.count, "change of lead", "changes of lead")
          + " took effect."
      )
    ])
    return NarrativeSection(
      id: "reassignments",
      title: "Reassignments",
      blocks: abridged(reassignmentTally, summary: summary, items: items) { count in
        NarrativeWords.count(count.count, "change of lead", "changes of lead")
      }
    )
  }

  var additionsSection: NarrativeSection {
    var blocks: [NarrativeBlock] = []
    if added.isEmpty {
      blocks.append(.paragraph([NarrativeStatement([.text("No action was added in the period.")])]))
    } else {
      blocks.append(
        .paragraph([
          NarrativeStatement([
            .text(NarrativeWords.count(added.count, "action was", "actions were") + " added:")
          ])
        ])
      )
      blocks.append(.list(Self.byPriority(added.map { ($0, "", [$0.seq]) })))
    }
    if withdrawn.isEmpty {
      blocks.append(
        .paragraph([NarrativeStatement([.text("No action was withdrawn in the period.")])])
      )
    } else {
      blocks.append(
        .paragraph([
          NarrativeStatement([
            .text(
              NarrativeWords.count(withdrawn.count, "action was", "actions were") + " withdrawn:"
            )
          ])
        ])
      )
      blocks.append(.list(Self.byPriority(withdrawn.map { ($0, "", [$0.seq]) })))
    }
    return NarrativeSection(id: "added", title: "Actions added and withdrawn", blocks: blocks)
  }

  /// One item per priority naming each action, with a short detail after each.
  static func byPriority(
    _ items: [(action: ActionMention, detail: String, seqs: [Int])]
  ) -> [NarrativeStatement] {
    let groups = Dictionary(grouping: items, by: \.action.priority)
    return groups.keys.sorted().map { priority in
      let members = (groups[priority] ?? []).sorted { $0.action.action < $1.action.action }
      let names = members.map {
        $0.action.action.rawValue + ($0.detail.isEmpty ? "" : " (\($0.detail))")
      }
      return NarrativeStatement(
        [
          .strong("Priority \(priority)"),
          .text(" (\(members.count)): " + NarrativeWords.list(names) + "."),
        ],
        seqs: members.flatMap(\.seqs)
      )
    }
  }

  func listOrNone(_ items: [NarrativeStatement], none: String) -> [NarrativeBlock] {
    items.isEmpty ? [.paragraph([NarrativeStatement([.text(none)])])] : [.list(items)]
  }

  func groupedOrNone(
    _ items: [(PriorityNumber, NarrativeStatement)],
    compact: [(ActionMention, String, [Int])],
    none: String
  ) -> [NarrativeBlock] {
    if items.isEmpty { return [.paragraph([NarrativeStatement([.text(none)])])] }
    if items.count <= Self.groupingThreshold { return [.list(items.map(\.1))] }
    return [
      .paragraph([
        NarrativeStatement([
          .text(NarrativeWords.count(items.count, "action") + ", by priority:")
        ])
      ]),
      .list(Self.byPriority(compact.map { ($0.0, $0.1, $0.2) })),
    ]
  }

  // MARK: Priorities

  var prioritiesSection: NarrativeSection {
    let paragraphs = priorities.map { priority -> NarrativeBlock in
      var sentences: [NarrativeStatement] = []
      let name =
        "Priority \(priority.number)" + (priority.title.isEmpty ? "" : ": \(priority.title)")
      let workstream = priority.workstream.isEmpty ? "" : " (\(priority.workstream))"
      let sro =
        priority.sro.isEmpty
        ? " No SRO is recorded on \(NarrativeWords.date(period.end))."
        : " SRO: " + NarrativeWords.list(priority.sro.map(\.label)) + "."
      sentences.append(
        NarrativeStatement([.strong(name), .text(workstream + "." + sro)], seqs: priority.seqs)
      )
      sentences.append(
        NarrativeStatement(
          [
            .text(
              " At the end: \(NarrativeWords.count(priority.end.total, "action")), "
                + NarrativeWords.statusCounts(priority.end)
                + "; \(priority.end.overdue) past their due date. At the start: "
                + "\(NarrativeWords.count(priority.start.total, "action")), "
                + NarrativeWords.statusCounts(priority.start) + "."
            )
          ],
          seqs: priority.countSeqs
        )
      )
      var moved: [String] = []
      if !priority.completed.isEmpty {
        moved.append("completed: " + NarrativeWords.actions(priority.completed))
      }
      if !priority.newRisks.isEmpty {
        moved.append("newly at risk: " + NarrativeWords.actions(priority.newRisks))
      }
      if !priority.newlyOverdue.isEmpty {
        moved.append("newly overdue: " + NarrativeWords.actions(priority.newlyOverdue))
      }
      if !priority.revised.isEmpty {
        moved.append("deadlines revised: " + NarrativeWords.actions(priority.revised))
      }
      sentences.append(
        NarrativeStatement(
          [
            .text(
              moved.isEmpty
                ? " No completion, new risk, new overdue action or deadline revision in the period."
                : " In the period, " + moved.joined(separator: "; ") + "."
            )
          ],
          seqs: priority.changeSeqs
        )
      )
      if !priority.weaknesses.isEmpty || !priority.progress.isEmpty {
        sentences.append(
          NarrativeStatement(
            [
              .text(
                " The inspectors recorded "
                  + NarrativeWords.count(priority.weaknesses.count, "weakness", "weaknesses")
                  + " and "
                  + NarrativeWords.count(priority.progress.count, "finding")
                  + " of progress or strength about it."
              )
            ],
            seqs: priority.weaknesses + priority.progress
          )
        )
      }
      return .paragraph(sentences)
    }
    return NarrativeSection(
      id: "priorities",
      title: "Priorities",
      blocks: paragraphs.isEmpty
        ? [.paragraph([NarrativeStatement([.text("The plan has no priorities recorded.")])])]
        : paragraphs
    )
  }

  // MARK: Decisions

  var decisionsSection: NarrativeSection {
    let items = decisions.map { decision -> NarrativeStatement in
      let about =
        decision.actions.isEmpty
        ? "" : " (actions " + NarrativeWords.actions(decision.actions) + ")"
      return NarrativeStatement(
        [
          .text("\(NarrativeWords.date(decision.meeting)), \(decision.board): "),
          .strong(decision.kind.words),
          .text(about + ": "),
          .quote(decision.text),
          .text(Self.fullStop(after: decision.text)),
        ],
        seqs: [decision.seq]
      )
    }
    return NarrativeSection(
      id: "decisions",
      title: "Board decisions",
      blocks: listOrNone(items, none: "No board decision is recorded in the period.")
    )
  }

  // MARK: Findings

  static func findingWords(_ finding: Finding) -> NarrativeStatement {
    var about: [String] = []
    if !finding.priorities.isEmpty {
      about.append(
        (finding.priorities.count == 1 ? "priority " : "priorities ")
          + NarrativeWords.list(finding.priorities.map(\.rawValue))
      )
    }
    if !finding.actions.isEmpty {
      about.append("actions " + NarrativeWords.actions(finding.actions))
    }
    var tail = about.isEmpty ? "" : "about " + about.joined(separator: ", ")
    if let document = finding.document {
      tail += (tail.isEmpty ? "" : "; ") + "source: " + document
    }
    let kind: String
    switch finding.kind {
    case .weakness: kind = "Weakness"
    case .progress: kind = "Progress"
    case .strength: kind = "Strength"
    }
    return NarrativeStatement(
      [.strong(kind), .text(": "), .quote(finding.quote)]
        + (tail.isEmpty ? [] : [.text(" (\(tail))")]),
      seqs: [finding.seq]
    )
  }

  var findingsSection: NarrativeSection {
    let subsections = visits.map { visit -> NarrativeSection in
      var when: [String] = []
      if let start = visit.startDate {
        let end = visit.endDate.map { $0 == start ? "" : " to " + NarrativeWords.date($0) } ?? ""
        when.append("visit " + NarrativeWords.date(start) + end)
      }
      if let letter = visit.letter { when.append("letter " + NarrativeWords.date(letter)) }
      let title =
        "Monitoring visit \(visit.visit)"
        + (when.isEmpty ? "" : " (" + when.joined(separator: "; ") + ")")
      let positive = visit.progress.count + visit.furtherProgress.count
      var blocks: [NarrativeBlock] = [
        .paragraph([
          NarrativeStatement(
            [
              .text(
                "The inspectors recorded "
                  + NarrativeWords.count(visit.weaknesses.count, "weakness", "weaknesses")
                  + " and " + NarrativeWords.count(positive, "finding")
                  + " of progress or strength. Weaknesses come first, each quoted in full; "
                  + "progress is quoted no more often than weakness is."
              )
            ],
            seqs: visit.seq.map { [$0] } ?? []
          )
        ])
      ]
      if !visit.weaknesses.isEmpty {
        blocks.append(
          .paragraph([
            NarrativeStatement([
              .text(
                NarrativeWords.count(visit.weaknesses.count, "weakness", "weaknesses") + ":"
              )
            ])
          ])
        )
        blocks.append(.list(visit.weaknesses.map(Self.findingWords)))
      }
      if !visit.progress.isEmpty {
        blocks.append(
          .paragraph([
            NarrativeStatement([
              .text(
                "Progress and strengths, \(visit.progress.count) of \(positive) quoted:"
              )
            ])
          ])
        )
        blocks.append(.list(visit.progress.map(Self.findingWords)))
      }
      if !visit.furtherProgress.isEmpty {
        let reason =
          visit.weaknesses.isEmpty
          ? "not quoted here, as no weakness is recorded to set beside them"
          : "not quoted here"
        blocks.append(
          .paragraph([
            NarrativeStatement(
              [
                .text(
                  "A further "
                    + NarrativeWords.count(visit.furtherProgress.count, "finding")
                    + " of progress or strength \(visit.furtherProgress.count == 1 ? "is" : "are") "
                    + "recorded, \(reason)."
                )
              ],
              seqs: visit.furtherProgress.map(\.seq)
            )
          ])
        )
      }
      return NarrativeSection(
        id: "findings-visit-" + Slug.make(visit.visit),
        title: title,
        blocks: blocks
      )
    }
    return NarrativeSection(
      id: "findings",
      title: "Monitoring findings",
      blocks: visits.isEmpty
        ? [
          .paragraph([
            NarrativeStatement([.text("No monitoring finding was published in the period.")])
          ])
        ]
        : [],
      subsections: subsections
    )
  }

  // MARK: Measures

  static func trendWords(_ trend: MeasureTrend) -> NarrativeStatement {
    let latest = NarrativeWords.value(trend.latest.value.text, unit: trend.unit)
    var spans: [NarrativeSpan] = [
      .strong(trend.measure.rawValue), .text(" "), .quote(trend.title),
      .text(": \(latest) for \(NarrativeWords.due(trend.latest.period))"),
    ]
    /// "up 3 from 12% for May 2018", in the measure's unit (percentages move in points).
    func movement(_ change: DecimalNumber, from value: MeasureValue, _ moved: Trend) -> String {
      let was = NarrativeWords.value(value.value.text, unit: trend.unit)
      guard moved != .unchanged else {
        return "unchanged from \(was) for \(NarrativeWords.due(value.period))"
      }
      let falls = change.text.hasPrefix("-")
      let size = falls ? String(change.text.dropFirst()) : change.text
      let points =
        trend.unit == "%" ? (size == "1" ? " percentage point" : " percentage points") : ""
      return (falls ? "down " : "up ") + size + points
        + " from \(was) for \(NarrativeWords.due(value.period))"
    }
    /// ": the good direction (higher is better)", or nothing where no way is better.
    func judgement(_ moved: Trend) -> String {
      switch moved {
      case .better: return ": the good direction (\(trend.better?.rawValue ?? "") is better)"
      case .worse: return ": the wrong direction (\(trend.better?.rawValue ?? "") is better)"
      case .undirected: return " (no direction is recorded as better)"
      case .unchanged, .single: return ""
      }
    }
    if let previous = trend.previous, let change = trend.change {
      spans.append(
        .text(", " + movement(change, from: previous, trend.trend) + judgement(trend.trend))
      )
      if let first = trend.first, let overall = trend.overall {
        spans.append(
          .text(
            "; " + movement(trend.latest.value.minus(first.value), from: first, overall)
              + ", the first value recorded" + judgement(overall)
          )
        )
      }
    } else {
      spans.append(.text(", the only value recorded"))
    }
    if let target = trend.target {
      let value = NarrativeWords.value(target.value.text, unit: trend.unit)
      let from = target.from.map { " from " + NarrativeWords.date($0) } ?? ""
      let met = trend.meetsTarget.map { $0 ? ": met" : ": not met" } ?? ""
      spans.append(.text(". Target \(value)\(from)\(met)."))
    } else {
      spans.append(.text(". No target is recorded."))
    }
    return NarrativeStatement(spans, seqs: trend.seqs)
  }

  var measuresSection: NarrativeSection {
    NarrativeSection(
      id: "measures",
      title: "Measures",
      blocks: listOrNone(
        measures.map(Self.trendWords),
        none: "No measure value took effect in the period."
      )
    )
  }

  // MARK: Exceptions

  var exceptionsSection: NarrativeSection {
    let date = NarrativeWords.date(period.end)
    func part(
      _ id: String,
      _ title: String,
      _ items: [ExceptionAction],
      none: String,
      detail: (ExceptionAction) -> String,
      short: (ExceptionAction) -> String
    ) -> NarrativeSection {
      let statements = items.map { item in
        (
          item.action.priority,
          NarrativeStatement(
            Self.actionWords(item.action) + [.text(": " + detail(item) + ".")],
            seqs: item.seqs
          )
        )
      }
      return NarrativeSection(
        id: id,
        title: "\(title) (\(items.count))",
        blocks: groupedOrNone(
          statements,
          compact: items.map { ($0.action, short($0), $0.seqs) },
          none: none
        )
      )
    }
    let recommendations = exceptions.recommendations.map { gap -> NarrativeStatement in
      var spans: [NarrativeSpan] = [.strong("\(gap.body) recommendation \(gap.number)")]
      if !gap.text.isEmpty { spans += [.text(" "), .quote(gap.text)] }
      let cited =
        gap.actions.isEmpty
        ? "no action in the plan cites it"
        : "cited by " + NarrativeWords.actions(gap.actions) + ", none of them complete"
      spans.append(.text(": \(cited)."))
      return NarrativeStatement(spans, seqs: [gap.seq])
    }
    return NarrativeSection(
      id: "exceptions",
      title: "Exceptions",
      blocks: [
        .paragraph([NarrativeStatement([.text("As the plan stood on \(date).")])])
      ],
      subsections: [
        part(
          "long-overdue",
          "More than 90 days past the due date",
          exceptions.longOverdue,
          none: "No action is more than 90 days past its due date.",
          detail: {
            let past = $0.pastDue.map(NarrativeWords.due) ?? "-"
            let milestone =
              $0.milestoneCount > 1 ? $0.pastMilestone.map { " (milestone \($0))" } ?? "" : ""
            return "due \(past)\(milestone), \(NarrativeWords.days($0.daysOverdue)) past it, "
              + "rated \($0.status.words)"
          },
          short: { NarrativeWords.days($0.daysOverdue) }
        ),
        part(
          "drifting",
          "Drifting deadlines",
          exceptions.drifting,
          none: "No action's deadline is drifting.",
          detail: {
            NarrativeWords.count($0.revisions, "revision") + ", "
              + NarrativeWords.days($0.slipDays) + " slipped against the baseline"
          },
          short: { NarrativeWords.days($0.slipDays) + " slipped" }
        ),
        part(
          "stale",
          "Not updated for over 60 days",
          exceptions.stale,
          none: "Every open action was updated in the last 60 days.",
          detail: {
            "last updated \(NarrativeWords.date($0.lastUpdate)), rated \($0.status.words)"
          },
          short: { _ in "" }
        ),
        part(
          "long-at-risk",
          "At risk for three months or more",
          exceptions.longAtRisk,
          none: "No action has been at risk for three months or more.",
          detail: { "at risk for \(NarrativeWords.days($0.daysAtStatus))" },
          short: { NarrativeWords.days($0.daysAtStatus) }
        ),
        part(
          "unbacked-completions",
          "Completed without a board decision",
          exceptions.completionsWithoutDecision,
          none: "Every completion has a board decision accepting it.",
          detail: { _ in "no board decision accepting the completion is recorded" },
          short: { _ in "" }
        ),
        NarrativeSection(
          id: "recommendations",
          title: "Recommendations with no completed action (\(recommendations.count))",
          blocks: listOrNone(recommendations, none: "Every recommendation has a completed action.")
        ),
      ]
    )
  }
}
