import LedgerStore
import PlanLedger

extension Narrative {
  /// Builds the narrative of a period from the ledger's records.
  ///
  /// Reads nothing but the chronicle, and never the clock: the same ledger and period
  /// always give the same narrative. One lean pass gives the plan at both ends and, whole,
  /// the records of the period, of which only what the narrative tells is kept (the
  /// revisions and changes of lead, however many, go through sorts that spill to the
  /// ledger's scratch directory); the records it rests on outside the period, and those it
  /// lists, are then read by seq.
  ///
  /// - Parameters:
  ///   - chronicle: The ledger's records.
  ///   - period: The period to tell.
  ///   - limit: The most deadline revisions, and the most changes of lead, told one by
  ///     one; beyond it they are counted by action and the most recent are told.
  /// - Throws: An I/O error, `RecordError`, or `LedgerStoreError.scratchUnavailable` when
  ///   the ledger's scratch directory cannot hold the sorts of a long period.
  public init(
    chronicle: PlanChronicle,
    period: NarrativePeriod,
    listing limit: Int = Narrative.listingLimit
  ) throws {
    var gathering = PeriodChanges.Gathering(period, ledger: chronicle.book.ledger)
    let views = try chronicle.read(
      asOf: [period.start, period.end],
      whole: period.contains,
      visiting: { try gathering.note($0) }
    )
    let changes = try gathering.finish()
    try self.init(
      chronicle: chronicle,
      period: period,
      start: views[0],
      end: views[1],
      changes: changes,
      listing: limit
    )
  }

  /// The most deadline revisions, and the most changes of lead, a narrative tells one by
  /// one unless asked otherwise.
  ///
  /// A board pack's worth. A period with more (years of a busy
  /// programme) counts them by action and tells the most recent; `planledger history`
  /// lists every change to an action with its record.
  public static let listingLimit = 100

  /// Builds the narrative of a period from the plan at its ends and the changes gathered
  /// in the pass that read them.
  ///
  /// - Parameters:
  ///   - chronicle: The ledger's records, for the records looked up by seq.
  ///   - period: The period to tell.
  ///   - start: The plan as of `period.start`.
  ///   - end: The plan as of `period.end`.
  ///   - changes: The period's changes.
  ///   - limit: The most revisions, and the most changes of lead, told one by one.
  /// - Throws: An I/O error, `RecordError`, or `LedgerStoreError.scratchUnavailable` when
  ///   the sorted changes cannot be read back from the scratch file.
  init(
    chronicle: PlanChronicle,
    period: NarrativePeriod,
    start: PlanView,
    end: PlanView,
    changes: PeriodChanges,
    listing limit: Int = Narrative.listingLimit
  ) throws {
    let builder = try NarrativeBuilder(
      chronicle: chronicle,
      period: period,
      start: start,
      end: end,
      changes: changes
    )
    let headline = builder.headline()
    let completions = builder.statusChanges(to: .complete, decidedBy: [.acceptCompletion])
    let newRisks = builder.statusChanges(to: .atRisk, decidedBy: [])
    let newlyOverdue = builder.newlyOverdue()
    let (revisions, revisionTally) = try builder.revisions(listing: limit)
    let (reassignments, reassignmentTally) = try builder.reassignments(listing: limit)
    let visits = builder.visits()
    let priorities = builder.priorities(
      completions: completions,
      newRisks: newRisks,
      newlyOverdue: newlyOverdue,
      revisions: revisions,
      revised: revisionTally.byAction.map(\.action),
      visits: visits
    )
    let exceptions = builder.exceptions()
    plan = builder.planHeading()
    self.period = period
    self.start = start
    self.end = end
    boards = builder.meetings()
    self.headline = headline
    self.completions = completions
    self.newRisks = newRisks
    self.newlyOverdue = newlyOverdue
    self.revisions = revisions
    self.revisionTally = revisionTally
    self.reassignments = reassignments
    self.reassignmentTally = reassignmentTally
    (added, withdrawn) = builder.additionsAndWithdrawals()
    self.priorities = priorities
    decisions = builder.decisions()
    self.visits = visits
    measures = builder.measures()
    self.exceptions = exceptions
    sources = []
    sources = try builder.sourceNotes(for: citedSeqs)
  }

  /// Every seq the narrative cites, in order.
  public var citedSeqs: [Int] {
    var seqs: Set<Int> = []
    if let plan { seqs.insert(plan.seq) }
    for meeting in boards { seqs.insert(meeting.seq) }
    seqs.formUnion(headline.startSeqs)
    seqs.formUnion(headline.endSeqs)
    for move in headline.moves { seqs.formUnion(move.seqs) }
    for change in completions + newRisks { seqs.formUnion(change.seqs) }
    for overdue in newlyOverdue { seqs.formUnion(overdue.seqs) }
    for revision in revisions { seqs.formUnion(revision.seqs) }
    for reassignment in reassignments { seqs.formUnion(reassignment.seqs) }
    for action in added + withdrawn { seqs.insert(action.seq) }
    for priority in priorities {
      seqs.formUnion(priority.seqs + priority.countSeqs + priority.changeSeqs)
      seqs.formUnion(priority.weaknesses + priority.progress)
    }
    for decision in decisions { seqs.insert(decision.seq) }
    for visit in visits {
      if let seq = visit.seq { seqs.insert(seq) }
      for finding in visit.weaknesses + visit.progress + visit.furtherProgress {
        seqs.insert(finding.seq)
      }
    }
    for measure in measures { seqs.formUnion(measure.seqs) }
    let lists = [
      exceptions.longOverdue, exceptions.drifting, exceptions.stale, exceptions.longAtRisk,
      exceptions.completionsWithoutDecision,
    ]
    for list in lists {
      for item in list { seqs.formUnion(item.seqs) }
    }
    for gap in exceptions.recommendations { seqs.insert(gap.seq) }
    seqs.remove(0)
    return seqs.sorted()
  }
}

/// The work of ``Narrative/init(chronicle:period:listing:)``, step by step.
struct NarrativeBuilder {
  let chronicle: PlanChronicle
  let period: NarrativePeriod
  let start: PlanView
  let end: PlanView
  /// What the period's records say beyond the plan at its ends.
  let changes: PeriodChanges
  private let startRows: [ActionID: ActionRow]
  private let endRows: [ActionID: ActionRow]
  /// Each action as the narrative names it, made once so every mention shares its text.
  private var mentions: [ActionID: Narrative.ActionMention] = [:]
  /// The records the narrative reads by seq, whole: the status change (or addition) each
  /// action's status rests on, and the findings of the period.
  private var looked: [Int: PlanRecord] = [:]

  init(
    chronicle: PlanChronicle,
    period: NarrativePeriod,
    start: PlanView,
    end: PlanView,
    changes: PeriodChanges
  ) throws {
    self.chronicle = chronicle
    self.period = period
    self.start = start
    self.end = end
    self.changes = changes
    startRows = Dictionary(start.actions.map { ($0.number, $0) }) { first, _ in first }
    endRows = Dictionary(end.actions.map { ($0.number, $0) }) { first, _ in first }
    var mentions: [ActionID: Narrative.ActionMention] = [:]
    for action in Set(startRows.keys).union(endRows.keys) { mentions[action] = mention(action) }
    self.mentions = mentions
    var wanted = Set(end.actions.filter { !$0.withdrawn }.map(statusSeq))
    for (seq, state) in end.state.findings where inPeriod(state.stamp) { wanted.insert(seq) }
    looked = try chronicle.records(seqs: wanted)
  }

  // MARK: Names

  func person(_ id: PersonID) -> Narrative.Person {
    let name = end.name(of: id)
    return Narrative.Person(id: id, name: name.isEmpty ? id.rawValue : name)
  }

  func mention(_ action: ActionID) -> Narrative.ActionMention {
    if let mention = mentions[action] { return mention }
    let row = endRows[action] ?? startRows[action]
    let text = row?.text.split(separator: "\n").first.map(String.init) ?? ""
    return Narrative.ActionMention(
      action: action,
      priority: row?.priority ?? PriorityNumber(action.priorityPart),
      text: text,
      leads: (row?.leads ?? []).map(person),
      seq: definitionSeq(action)
    )
  }

  func definitionSeq(_ action: ActionID) -> Int {
    end.state.actions[action]?.definition.stamp.seq ?? 0
  }

  /// The seq the row's status rests on: its latest status change, or its definition.
  func statusSeq(_ row: ActionRow) -> Int {
    row.statusSeq ?? definitionSeq(row.number)
  }

  /// The seq a milestone's due date rests on: its latest revision, or the action's
  /// definition (also for no milestone).
  func dueSeq(_ action: ActionID, milestone index: Int?) -> Int {
    guard let state = end.state.actions[action], let index else {
      return definitionSeq(action)
    }
    return state.revisedDue[index]?.stamp.seq ?? state.definition.stamp.seq
  }

  func inPeriod(_ stamp: Stamp) -> Bool {
    period.contains(stamp.effective)
  }

  /// The record, whole, at a seq the builder looks up: an action's status seq, or a finding
  /// of the period.
  func envelope(_ seq: Int) -> PlanRecord? {
    looked[seq]
  }

  /// The record at a looked-up seq, if it took effect in the period.
  func periodRecord(_ seq: Int) -> PlanRecord? {
    looked[seq].flatMap { period.contains($0.effective) ? $0 : nil }
  }

  // MARK: Plan and boards

  func planHeading() -> Narrative.PlanHeading? {
    guard let plan = end.state.plan else { return nil }
    return Narrative.PlanHeading(
      title: plan.value.title,
      organisation: plan.value.organisation,
      version: plan.value.version,
      seq: plan.stamp.seq
    )
  }

  func meetings() -> [Narrative.Meeting] {
    let decisions = end.state.decisions
    return end.state.meetings.values
      .filter { $0.value.date >= period.start && $0.value.date <= period.end }
      .sorted { ($0.value.date, $0.stamp.seq) < ($1.value.date, $1.stamp.seq) }
      .map { meeting in
        Narrative.Meeting(
          board: meeting.value.board,
          date: meeting.value.date,
          seq: meeting.stamp.seq,
          decisions: decisions.filter {
            $0.value.decision.meeting == meeting.value.date
              && Slug.make($0.value.decision.board) == Slug.make(meeting.value.board)
          }.keys.sorted()
        )
      }
  }

  func decisions() -> [Narrative.Decision] {
    end.state.decisions
      .filter { inPeriod($0.value.stamp) }
      .sorted { $0.value.stamp < $1.value.stamp }
      .map { seq, state in
        Narrative.Decision(
          seq: seq,
          board: state.decision.board,
          meeting: state.decision.meeting,
          kind: state.decision.kind,
          text: state.decision.text,
          actions: state.decision.actions
        )
      }
  }

  // MARK: Headline

  func headline() -> Narrative.Headline {
    var groups: [String: (from: Status?, to: Status, actions: [ActionID], seqs: [Int])] = [:]
    for row in end.actions where !row.withdrawn {
      let before = startRows[row.number]
      let from = before?.withdrawn == false ? before?.status : nil
      guard from != row.status else { continue }
      let key = (from?.rawValue ?? "-") + ">" + row.status.rawValue
      groups[key, default: (from, row.status, [], [])].actions.append(row.number)
      groups[key, default: (from, row.status, [], [])].seqs.append(statusSeq(row))
    }
    let moves = groups.values
      .sorted {
        ($0.to.reportOrder, $0.from?.reportOrder ?? -1)
          < ($1.to.reportOrder, $1.from?.reportOrder ?? -1)
      }
      .map { Narrative.StatusMove(from: $0.from, to: $0.to, actions: $0.actions, seqs: $0.seqs) }
    return Narrative.Headline(
      start: start.summary,
      end: end.summary,
      endSeqs: end.actions.filter { !$0.withdrawn }.map(statusSeq).sorted(),
      startSeqs: start.actions.filter { !$0.withdrawn }.map { row in
        row.statusSeq ?? (start.state.actions[row.number]?.definition.stamp.seq ?? 0)
      }.sorted(),
      moves: moves
    )
  }

  // MARK: Actions

  /// The board decision behind a change: the decision its `authority` names or, failing
  /// that, a decision in the period about the same action, of one of `kinds` (any kind
  /// when empty), that no record names as its authority (the one nearest before the
  /// change if several).
  ///
  /// - Parameters:
  ///   - change: The record of the change, whole (`nil` when retracted).
  ///   - action: The action changed.
  ///   - kinds: The kinds of decision that could be behind it.
  /// - Returns: The decision, if one is found.
  func decision(
    behind change: PlanRecord?,
    action: ActionID,
    kinds: Set<DecisionKind>
  ) -> Narrative.DecisionLink? {
    if let authority = change?.authoritySeq,
      let decision = end.state.decisions[authority]
    {
      return Narrative.DecisionLink(
        seq: authority,
        kind: decision.decision.kind,
        meeting: decision.decision.meeting,
        isAuthority: true
      )
    }
    let used = changes.authorities[action] ?? []
    let changeStamp = change.flatMap {
      period.contains($0.effective) ? Stamp(effective: $0.effective, seq: $0.seq) : nil
    }
    let pool = end.state.decisions
      .filter {
        inPeriod($0.value.stamp) && $0.value.decision.actions.contains(action)
          && (kinds.isEmpty || kinds.contains($0.value.decision.kind)) && !used.contains($0.key)
      }
      .sorted { $0.value.stamp < $1.value.stamp }
    let chosen =
      pool.last { candidate in changeStamp.map { candidate.value.stamp <= $0 } ?? true }
      ?? pool.first
    return chosen.map {
      Narrative.DecisionLink(
        seq: $0.key,
        kind: $0.value.decision.kind,
        meeting: $0.value.decision.meeting,
        isAuthority: false
      )
    }
  }

  func statusChanges(
    to status: Status,
    decidedBy kinds: Set<DecisionKind>
  ) -> [Narrative.StatusChange] {
    var changes: [Narrative.StatusChange] = []
    for row in end.actions where !row.withdrawn && row.status == status {
      let before = startRows[row.number]
      guard before?.status != status || before?.withdrawn == true else { continue }
      let seq = statusSeq(row)
      var note = ""
      if case .actionStatusChanged(let change)? = periodRecord(seq)?.event { note = change.note }
      changes.append(
        Narrative.StatusChange(
          action: mention(row.number),
          from: before?.status,
          to: status,
          effective: row.statusSince,
          note: note,
          seq: seq,
          decision: decision(behind: envelope(seq), action: row.number, kinds: kinds)
        )
      )
    }
    return changes
  }

  /// Actions that became overdue in the period: rated Overdue in it (even if they have
  /// moved on since), or whose due date passed in it while they were not complete (even if
  /// they were completed late since).
  func newlyOverdue() -> [Narrative.OverdueAction] {
    let ratings = changes.overdueRatings.mapValues(\.seq)
    var result: [Narrative.OverdueAction] = []
    for row in end.actions where !row.withdrawn {
      let before = startRows[row.number]
      let wasPastDue = before?.overdue ?? false
      var passedMilestone = row.overdueMilestone
      var completedLate: CalendarDate?
      // Complete now: late if a milestone's date passed in the period before completion.
      if row.status == .complete, let state = end.state.actions[row.number],
        let first = state.firstPassedMilestoneIndex(on: row.statusSince),
        let deadline = row.milestone(first)?.due?.deadline, deadline >= period.start
      {
        passedMilestone = first
        completedLate = row.statusSince
      }
      let passed = !wasPastDue && (row.overdue || completedLate != nil)
      let ratingSeq = ratings[row.number]
      let rated = ratingSeq != nil || (row.status == .overdue && before?.status != .overdue)
      guard passed || rated else { continue }
      let index = passed ? passedMilestone : row.dueMilestone
      let due = row.milestone(index)?.due
      var days = row.daysOverdue
      if let completedLate, let due { days = completedLate.days(since: due.deadline) }
      let seqs =
        [dueSeq(row.number, milestone: index), statusSeq(row)] + (ratingSeq.map { [$0] } ?? [])
      result.append(
        Narrative.OverdueAction(
          action: mention(row.number),
          status: row.status,
          due: due,
          milestone: index,
          milestoneWords: row.milestone(index).map(PlanGrids.byWhen) ?? "",
          milestoneCount: end.state.actions[row.number]?.dueOrder.count ?? 0,
          finalDue: row.finalDue,
          daysOverdue: days,
          ratedOverdue: rated,
          passedDueDate: passed,
          completed: row.status == .complete ? row.statusSince : nil,
          seqs: Array(Set(seqs)).sorted()
        )
      )
    }
    return result
  }

  /// The period's due-date revisions: counted by action, and told one by one up to
  /// `limit` (the most recent), each with the date it moved from.
  func revisions(
    listing limit: Int
  ) throws -> (listed: [Narrative.DeadlineRevision], tally: Narrative.ChangeTally) {
    var current: [ActionID: [Int: DueDate?]] = [:]
    var tally = Tally()
    // The most recent moves, with the date each moved from: never many more than `limit`.
    var recent: [(revision: PeriodChanges.Revision, from: DueDate?, days: Int)] = []
    try changes.forEachRevision { revision in
      let action = revision.action
      let baseline = end.state.actions[action]?.baseline ?? []
      let index = revision.milestone - 1
      guard index >= 0 && index < baseline.count else { return }
      if current[action] == nil {
        let milestones = start.state.actions[action]?.milestones ?? baseline
        current[action] = Dictionary(
          uniqueKeysWithValues: milestones.enumerated().map { ($0.offset, $0.element.due) }
        )
      }
      let from = current[action]?[index] ?? nil
      current[action]?[index] = revision.to
      let days = from.map { revision.to.deadline.days(since: $0.deadline) } ?? 0
      tally.count(action, slipped: max(0, days))
      Self.keep(&recent, (revision, from, days), last: limit)
    }
    let told = recent.suffix(limit)
    let records = try chronicle.records(seqs: told.map(\.revision.stamp.seq))
    let listed = told.compactMap { move -> Narrative.DeadlineRevision? in
      let record = records[move.revision.stamp.seq]
      guard case .actionDueRevised(let revision) = record?.event else { return nil }
      let baseline = end.state.actions[revision.action]?.baseline ?? []
      return Narrative.DeadlineRevision(
        action: mention(revision.action),
        milestone: revision.milestone,
        label: baseline[revision.milestone - 1].label,
        from: move.from,
        to: revision.to,
        days: move.days,
        reason: revision.reason,
        effective: move.revision.stamp.effective,
        seq: move.revision.stamp.seq,
        decision: decision(
          behind: record,
          action: revision.action,
          kinds: [.agreeRevisedDeadline]
        )
      )
    }
    return (listed, tally.result(listed: listed.count, mention: mention))
  }

  /// The period's changes of lead: counted by action, and told one by one up to `limit`
  /// (the most recent), each with the leads before.
  func reassignments(
    listing limit: Int
  ) throws -> (listed: [Narrative.Reassignment], tally: Narrative.ChangeTally) {
    var current: [ActionID: [PersonID]] = [:]
    var tally = Tally()
    var recent: [(change: PeriodChanges.Reassignment, before: [PersonID])] = []
    try changes.forEachReassignment { change in
      let action = change.action
      let before =
        current[action] ?? start.state.actions[action]?.leads.value
        ?? end.state.actions[action]?.definition.value.leads ?? []
      current[action] = change.to
      tally.count(action, slipped: 0)
      Self.keep(&recent, (change, before), last: limit)
    }
    let told = recent.suffix(limit)
    let records = try chronicle.records(seqs: told.map(\.change.stamp.seq))
    let listed = told.compactMap { entry -> Narrative.Reassignment? in
      let record = records[entry.change.stamp.seq]
      guard case .actionLeadReassigned(let change) = record?.event else { return nil }
      return Narrative.Reassignment(
        action: mention(change.action),
        from: entry.before.map(person),
        to: change.to.map(person),
        reason: change.reason,
        effective: entry.change.stamp.effective,
        seq: entry.change.stamp.seq,
        decision: decision(behind: record, action: change.action, kinds: [.reassign])
      )
    }
    return (listed, tally.result(listed: listed.count, mention: mention))
  }

  /// Appends to a list of which only the last `limit` are wanted, dropping the older ones
  /// now and then, so the list never holds many more than `limit`.
  static func keep<Element>(_ list: inout [Element], _ element: Element, last limit: Int) {
    list.append(element)
    if list.count >= 2 * max(limit, 1) { list.removeFirst(list.count - limit) }
  }

  /// Changes counted by action as a pass goes.
  struct Tally {
    private var counts: [ActionID: (count: Int, slipped: Int)] = [:]
    private var total = 0
    private var slipped = 0

    mutating func count(_ action: ActionID, slipped days: Int) {
      total += 1
      slipped += days
      counts[action, default: (0, 0)].count += 1
      counts[action, default: (0, 0)].slipped += days
    }

    /// The counts, by action in plan order.
    func result(
      listed: Int,
      mention: (ActionID) -> Narrative.ActionMention
    ) -> Narrative.ChangeTally {
      Narrative.ChangeTally(
        count: total,
        slippedDays: slipped,
        byAction: counts.keys.sorted().map { action in
          Narrative.ActionCount(
            action: mention(action),
            count: counts[action]?.count ?? 0,
            slippedDays: counts[action]?.slipped ?? 0
          )
        },
        listed: listed
      )
    }
  }

  func additionsAndWithdrawals() -> ([Narrative.ActionMention], [Narrative.ActionMention]) {
    var added: [Narrative.ActionMention] = []
    var withdrawn: [Narrative.ActionMention] = []
    for row in end.actions {
      let before = startRows[row.number]
      if before == nil { added.append(mention(row.number)) }
      if row.withdrawn && !(before?.withdrawn ?? false) {
        let seq = end.state.actions[row.number]?.withdrawn.stamp.seq ?? definitionSeq(row.number)
        let mention = mention(row.number)
        withdrawn.append(
          Narrative.ActionMention(
            action: mention.action,
            priority: mention.priority,
            text: mention.text,
            leads: mention.leads,
            seq: seq
          )
        )
      }
    }
    return (added, withdrawn)
  }

  // MARK: Priorities

  func sroSeqs(_ priority: PriorityNumber) -> [Int] {
    let scope = "priority \(priority.rawValue)"
    return end.state.roles
      .filter { $0.key.role.key == Role.sro && $0.key.role.scope == scope && $0.value.value }
      .map(\.value.stamp.seq)
      .sorted()
  }

  func priorities(
    completions: [Narrative.StatusChange],
    newRisks: [Narrative.StatusChange],
    newlyOverdue: [Narrative.OverdueAction],
    revisions: [Narrative.DeadlineRevision],
    revised: [Narrative.ActionMention],
    visits: [Narrative.VisitFindings]
  ) -> [Narrative.PriorityAccount] {
    let findings = visits.flatMap { $0.weaknesses + $0.progress + $0.furtherProgress }
    var numbers = Set(end.state.priorities.keys)
    for row in end.actions where !row.withdrawn { numbers.insert(row.priority) }
    return numbers.sorted().map { number in
      let defined = end.state.priorities[number]
      let rows = end.actions.filter { $0.priority == number && !$0.withdrawn }
      let mine = { (action: Narrative.ActionMention) in action.priority == number }
      let completed = completions.filter { mine($0.action) }
      let risks = newRisks.filter { mine($0.action) }
      let overdue = newlyOverdue.filter { mine($0.action) }
      let told = revisions.filter { mine($0.action) }
      let about = findings.filter { finding in
        finding.priorities.contains(number)
          || finding.actions.contains { endRows[$0]?.priority == number }
      }
      var changeSeqs = completed.flatMap(\.seqs) + risks.flatMap(\.seqs)
      changeSeqs += overdue.flatMap(\.seqs) + told.flatMap(\.seqs)
      return Narrative.PriorityAccount(
        number: number,
        title: defined?.value.title ?? "",
        workstream: defined?.value.workstream ?? "",
        sro: end.sro(of: number).map(person),
        seqs: (defined.map { [$0.stamp.seq] } ?? []) + sroSeqs(number),
        start: start.filtered(priority: number).summary,
        end: end.filtered(priority: number).summary,
        countSeqs: rows.map(statusSeq).sorted(),
        completed: completed.map(\.action.action),
        newRisks: risks.map(\.action.action),
        newlyOverdue: overdue.map(\.action.action),
        revised: revised.filter(mine).map(\.action),
        changeSeqs: Array(Set(changeSeqs)).sorted(),
        weaknesses: about.filter { $0.kind == .weakness }.map(\.seq).sorted(),
        progress: about.filter { $0.kind != .weakness }.map(\.seq).sorted()
      )
    }
  }

  // MARK: Findings

  func visits() -> [Narrative.VisitFindings] {
    var byVisit: [String: [Narrative.Finding]] = [:]
    let states = end.state.findings.filter { inPeriod($0.value.stamp) }
      .sorted { $0.value.stamp < $1.value.stamp }
    for (seq, state) in states {
      let document = envelope(seq)?.source?["document"]?.stringValue
      byVisit[state.finding.visit, default: []].append(
        Narrative.Finding(
          seq: seq,
          kind: state.finding.kind,
          quote: state.finding.quote,
          priorities: state.finding.priorities,
          actions: state.finding.actions,
          effective: state.stamp.effective,
          document: document
        )
      )
    }
    let visits = byVisit.map { visit, findings in
      let recorded = end.state.visits[visit]
      let weaknesses = findings.filter { $0.kind == .weakness }
      let positive = findings.filter { $0.kind != .weakness }
      // Balanced by construction: progress is quoted no more often than weakness is.
      let shown = Array(positive.prefix(weaknesses.count))
      return Narrative.VisitFindings(
        visit: visit,
        seq: recorded?.stamp.seq,
        startDate: recorded?.value.start,
        endDate: recorded?.value.end,
        letter: recorded?.value.letter,
        weaknesses: weaknesses,
        progress: shown,
        furtherProgress: Array(positive.dropFirst(shown.count))
      )
    }
    return visits.sorted {
      let left = $0.letter ?? $0.endDate ?? $0.weaknesses.first?.effective ?? period.end
      let right = $1.letter ?? $1.endDate ?? $1.weaknesses.first?.effective ?? period.end
      return left != right ? left < right : NumberOrder.precedes($0.visit, $1.visit)
    }
  }

  // MARK: Measures

  func measures() -> [Narrative.MeasureTrend] {
    end.state.measures.keys.sorted().compactMap { id in
      guard let measure = end.state.measures[id],
        measure.values.values.contains(where: { inPeriod($0.stamp) })
      else { return nil }
      return Self.trend(measure, on: end.date)
    }
  }

  /// A measure's latest value against the previous one and the target in force on `date`.
  static func trend(_ measure: MeasureState, on date: CalendarDate) -> Narrative.MeasureTrend? {
    let periods = measure.values.keys.sorted()
    guard let last = periods.last, let latest = measure.values[last] else { return nil }
    let definition = measure.definition.value
    let previous = periods.dropLast().last.flatMap { measure.values[$0] }
    let change = previous.map { latest.value.value.minus($0.value.value) }
    /// Which way the series moved from `earlier` to the latest value.
    func direction(from earlier: DecimalNumber) -> Narrative.Trend {
      if latest.value.value == earlier { return .unchanged }
      guard let better = definition.better else { return .undirected }
      return (latest.value.value > earlier) == (better == .higher) ? .better : .worse
    }
    let trend = previous.map { direction(from: $0.value.value) } ?? .single
    let first = periods.count >= 3 ? periods.first.flatMap { measure.values[$0] } : nil
    let target = measure.targets
      .filter {
        ($0.value.value.from ?? $0.value.stamp.effective) <= date
          && ($0.value.value.to.map { date <= $0 } ?? true)
      }
      .max { $0.value.stamp < $1.value.stamp }
      .map { Narrative.Target(value: $0.value.value.value, from: $0.value.value.from, seq: $0.key) }
    var meets: Bool?
    if let target, let better = definition.better {
      meets =
        better == .higher ? latest.value.value >= target.value : latest.value.value <= target.value
    }
    return Narrative.MeasureTrend(
      measure: definition.measure,
      title: definition.title,
      unit: definition.unit,
      priority: definition.priority,
      better: definition.better,
      latest: Narrative.MeasureValue(
        period: last,
        value: latest.value.value,
        seq: latest.stamp.seq
      ),
      previous: previous.map {
        Narrative.MeasureValue(period: $0.value.period, value: $0.value.value, seq: $0.stamp.seq)
      },
      change: change,
      trend: trend,
      first: first.map {
        Narrative.MeasureValue(period: $0.value.period, value: $0.value.value, seq: $0.stamp.seq)
      },
      overall: first.map { direction(from: $0.value.value) },
      target: target,
      meetsTarget: meets,
      definitionSeq: measure.definition.stamp.seq
    )
  }

  // MARK: Exceptions

  func exceptionAction(_ row: ActionRow, seqs: [Int]) -> Narrative.ExceptionAction {
    Narrative.ExceptionAction(
      action: mention(row.number),
      status: row.status,
      due: row.due,
      pastDue: row.milestone(row.overdueMilestone)?.due,
      pastMilestone: row.overdueMilestone,
      milestoneCount: end.state.actions[row.number]?.dueOrder.count ?? 0,
      daysOverdue: row.daysOverdue,
      revisions: row.revisions,
      slipDays: row.slipDays,
      lastUpdate: row.lastUpdate,
      daysAtStatus: row.daysAtStatus,
      seqs: Array(Set(seqs.filter { $0 > 0 })).sorted()
    )
  }

  func exceptions() -> Narrative.Exceptions {
    let rows = end.actions.filter { !$0.withdrawn }
    let longOverdue = rows.filter { $0.daysOverdue > ActionRow.Threshold.longOverdueDays }
      .sorted { ($1.daysOverdue, $0.number) < ($0.daysOverdue, $1.number) }
      .map {
        exceptionAction(
          $0,
          seqs: [dueSeq($0.number, milestone: $0.overdueMilestone), statusSeq($0)]
        )
      }
    let drifting = rows.filter(\.drifting).map { row in
      let revised = end.state.actions[row.number]?.revisedDue.values.map(\.stamp.seq) ?? []
      return exceptionAction(row, seqs: [definitionSeq(row.number)] + revised)
    }
    let stale = rows.filter(\.stale).map { row in
      exceptionAction(row, seqs: [end.state.actions[row.number]?.lastUpdate.seq ?? 0])
    }
    let longAtRisk = rows.filter(\.atRiskLong).map { exceptionAction($0, seqs: [statusSeq($0)]) }
    var unbacked: [Narrative.ExceptionAction] = []
    for row in rows where row.status == .complete {
      let seq = statusSeq(row)
      var backed = false
      if let authority = envelope(seq)?.authoritySeq,
        let decision = end.state.decisions[authority]
      {
        backed = decision.decision.actions.contains(row.number)
      }
      backed =
        backed
        || end.state.decisions.values.contains {
          $0.decision.kind == .acceptCompletion && $0.decision.actions.contains(row.number)
        }
      if !backed { unbacked.append(exceptionAction(row, seqs: [seq])) }
    }
    return Narrative.Exceptions(
      longOverdue: longOverdue,
      drifting: drifting,
      stale: stale,
      longAtRisk: longAtRisk,
      completionsWithoutDecision: unbacked,
      recommendations: recommendationGaps(rows)
    )
  }

  func recommendationGaps(_ rows: [ActionRow]) -> [Narrative.RecommendationGap] {
    let recommendations = end.state.recommendations.values.map(\.value)
    var answering: [String: [ActionID]] = [:]
    for row in rows {
      for number in Self.recommendationNumbers(in: row.references) {
        let candidates = recommendations.filter { $0.number == number }
        let overlapping = candidates.filter { $0.priorities.contains(row.priority) }
        let mapped = candidates.filter { !$0.priorities.isEmpty }
        let chosen = !overlapping.isEmpty ? overlapping : (!mapped.isEmpty ? mapped : candidates)
        for recommendation in chosen {
          answering[recommendation.key, default: []].append(row.number)
        }
      }
    }
    let complete = Set(rows.filter { $0.status == .complete }.map(\.number))
    return end.state.recommendations.values
      .sorted {
        $0.value.body != $1.value.body
          ? $0.value.body < $1.value.body
          : NumberOrder.precedes($0.value.number, $1.value.number)
      }
      .compactMap { recorded in
        let recommendation = recorded.value
        let actions = Array(Set(answering[recommendation.key] ?? [])).sorted()
        guard !actions.contains(where: complete.contains) else { return nil }
        return Narrative.RecommendationGap(
          body: recommendation.body,
          number: recommendation.number,
          text: recommendation.text,
          actions: actions,
          priorities: recommendation.priorities,
          seq: recorded.stamp.seq
        )
      }
  }

  /// The recommendation numbers an action's references cite: `Rec 12, Para 32` gives 12,
  /// `Rec 113, 117 & Para 120` gives 113 and 117, `Rec. 21. Para 109` gives 21.
  static func recommendationNumbers(in references: String) -> [String] {
    var numbers: [String] = []
    var citing = false
    let words = references.split { $0 == " " || $0 == "," || $0 == ";" || $0 == "\n" }
    for word in words {
      let bare = word.trimmingPunctuation
      if bare.lowercased().hasPrefix("rec") {
        citing = true
      } else if citing && !bare.isEmpty && bare.allSatisfy({ $0.isASCII && $0.isNumber }) {
        numbers.append(bare)
      } else if bare.isEmpty || bare.lowercased() == "and" {
        continue
      } else {
        citing = false
      }
    }
    return numbers
  }

  // MARK: Sources

  func sourceNotes(for seqs: [Int]) throws -> [Narrative.SourceNote] {
    try chronicle.sourceNotes(for: seqs)
  }
}

extension PlanChronicle {
  /// Where a record comes from, for a list of sources.
  ///
  /// - Parameters:
  ///   - record: The record.
  ///   - documents: The document names seen so far: most records come from a few
  ///     documents, and the notes share one copy of each name.
  /// - Returns: The note.
  func sourceNote(for record: PlanRecord, documents: inout Set<String>) -> Narrative.SourceNote {
    Narrative.SourceNote(
      seq: record.seq,
      type: record.event.type,
      effective: record.effective,
      document: record.source?["document"]?.stringValue.map {
        documents.insert($0).memberAfterInsert
      },
      locator: record.source?["locator"]?.stringValue,
      correctedBy: supersessions.corrected[record.seq]?.seq
    )
  }

  /// Where each of some records comes from, by seq: one streaming read of those records,
  /// keeping only the notes.
  ///
  /// - Parameter seqs: The seqs.
  /// - Returns: One note per seq (retracted ones left out), in seq order.
  /// - Throws: An I/O error or `RecordError`.
  func sourceNotes(for seqs: some Sequence<Int>) throws -> [Narrative.SourceNote] {
    var notes: [Narrative.SourceNote] = []
    var documents: Set<String> = []
    try forEachRecord(seqs: seqs) { notes.append(sourceNote(for: $0, documents: &documents)) }
    return notes
  }
}

extension Substring {
  /// The word without the punctuation around it (`Rec.` → `Rec`, `21.` → `21`, `&` → ``).
  fileprivate var trimmingPunctuation: String {
    var text = self
    while let first = text.first, !(first.isLetter || first.isNumber) { text = text.dropFirst() }
    while let last = text.last, !(last.isLetter || last.isNumber) { text = text.dropLast() }
    return String(text)
  }
}
