public import LedgerStore

/// One action in the state: its definition, lead, status and milestones, with the stamps
/// of the events that set them.
public struct ActionState: Hashable, Sendable {
  /// The action as added.
  public private(set) var definition: Versioned<ActionAdded>
  /// The current text, issue, references and partners, as amended.
  public private(set) var text: Versioned<String>
  /// The issue heading.
  public private(set) var issue: Versioned<String>
  /// The inspectorate references.
  public private(set) var references: Versioned<String>
  /// The partners.
  public private(set) var partners: Versioned<[String]>
  /// The lead officer(s).
  public internal(set) var leads: Versioned<[PersonID]>
  /// The progress rating (not rated until a change is recorded).
  public internal(set) var status: Versioned<Status>
  /// The current due date of each milestone, where revised, by 1-based index.
  public private(set) var revisedDue: [Int: Versioned<DueDate>] = [:]
  /// The number of revisions of each milestone.
  public private(set) var revisionCounts: [Int: Int] = [:]
  /// Whether it was withdrawn.
  public internal(set) var withdrawn: Versioned<Bool>
  /// The stamp of the latest event about the action.
  public private(set) var lastUpdate: Stamp
  /// Seqs of board decisions that concern it.
  public internal(set) var decisions: Set<Int> = []
  /// Seqs of monitoring findings that concern it.
  public internal(set) var findings: Set<Int> = []

  init(added: ActionAdded, at stamp: Stamp) {
    definition = Versioned(added, at: stamp)
    text = Versioned(added.text, at: stamp)
    issue = Versioned(added.issue, at: stamp)
    references = Versioned(added.references, at: stamp)
    partners = Versioned(added.partners, at: stamp)
    leads = Versioned(added.leads, at: stamp)
    status = Versioned(.notRated, at: stamp)
    withdrawn = Versioned(false, at: stamp)
    lastUpdate = stamp
  }

  /// The action's number.
  public var number: ActionID { definition.value.action }
  /// Its priority.
  public var priority: PriorityNumber { definition.value.priority }
  /// Its baseline milestones, as added.
  public var baseline: [Milestone] { definition.value.milestones }

  /// The milestones with their current due dates.
  public var milestones: [Milestone] {
    baseline.enumerated().map { offset, milestone in
      var current = milestone
      if let revised = revisedDue[offset + 1] { current.due = revised.value }
      return current
    }
  }

  /// The total number of due-date revisions.
  public var revisions: Int {
    revisionCounts.values.reduce(0, +)
  }

  /// The index (1-based) of the milestone that decides when the action is due: the last
  /// one, in "By when" order, of a kind that falls due. `nil` for ongoing work only.
  public var finalMilestoneIndex: Int? {
    var chosen: Int?
    for (offset, milestone) in baseline.enumerated() where milestone.kind.fallsDue {
      if milestone.due != nil { chosen = offset + 1 }
    }
    return chosen
  }

  /// When the action falls due now, if it has a dated milestone that falls due.
  public var due: DueDate? {
    guard let index = finalMilestoneIndex else { return nil }
    return revisedDue[index]?.value ?? baseline[index - 1].due
  }

  /// When it fell due at baseline.
  public var baselineDue: DueDate? {
    finalMilestoneIndex.flatMap { baseline[$0 - 1].due }
  }

  /// The total slip in days over every milestone: how much later than baseline the
  /// current due dates are (never negative per milestone).
  public var slipDays: Int {
    var total = 0
    for (index, revised) in revisedDue {
      guard let base = baseline[index - 1].due else { continue }
      total += max(0, revised.value.deadline.days(since: base.deadline))
    }
    return total
  }

  mutating func touch(_ stamp: Stamp) {
    if stamp > lastUpdate { lastUpdate = stamp }
  }

  mutating func readd(_ added: ActionAdded, at stamp: Stamp) {
    definition.offer(added, at: stamp)
    text.offer(added.text, at: stamp)
    issue.offer(added.issue, at: stamp)
    references.offer(added.references, at: stamp)
    partners.offer(added.partners, at: stamp)
    leads.offer(added.leads, at: stamp)
  }

  mutating func revise(milestone index: Int, to due: DueDate, at stamp: Stamp) {
    guard index >= 1, index <= baseline.count else { return }
    if revisedDue[index] == nil {
      revisedDue[index] = Versioned(due, at: stamp)
    } else {
      revisedDue[index]?.offer(due, at: stamp)
    }
    revisionCounts[index, default: 0] += 1
    touch(stamp)
  }

  mutating func amend(_ amended: ActionAmended, at stamp: Stamp) {
    if let value = amended.text { text.offer(value, at: stamp) }
    if let value = amended.issue { issue.offer(value, at: stamp) }
    if let value = amended.references { references.offer(value, at: stamp) }
    if let value = amended.partners { partners.offer(value, at: stamp) }
    touch(stamp)
  }
}

/// One measure in the state: its definition, targets and values by period.
public struct MeasureState: Hashable, Sendable {
  /// The definition.
  public internal(set) var definition: Versioned<MeasureDefined>
  /// Targets, by the seq that set them.
  public internal(set) var targets: [Int: Versioned<MeasureTargetSet>] = [:]
  /// The value for each period; a later record for the same period replaces it.
  public private(set) var values: [DueDate: Versioned<MeasureRecorded>] = [:]

  mutating func record(_ value: MeasureRecorded, at stamp: Stamp) {
    if values[value.period] == nil {
      values[value.period] = Versioned(value, at: stamp)
    } else {
      values[value.period]?.offer(value, at: stamp)
    }
  }

  /// The values in period order.
  public var series: [MeasureRecorded] {
    values.keys.sorted().compactMap { values[$0]?.value }
  }

  /// The target in force on a date: the latest set whose period includes it.
  public func target(on date: CalendarDate) -> MeasureTargetSet? {
    targets.values
      .filter { ($0.value.from ?? $0.stamp.effective) <= date && ($0.value.to.map { date <= $0 } ?? true) }
      .max { $0.stamp < $1.stamp }?.value
  }
}
