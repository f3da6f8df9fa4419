public import LedgerStore

/// One action as a view shows it on a date: status and since when, lead, due dates,
/// slippage, and the flags the board looks for.
public struct ActionRow: Hashable, Sendable {
  /// The number.
  public let number: ActionID
  /// The priority.
  public let priority: PriorityNumber
  /// The issue heading.
  public let issue: String
  /// The action text.
  public let text: String
  /// The lead officer(s).
  public let leads: [PersonID]
  /// The partners.
  public let partners: [String]
  /// The inspectorate references.
  public let references: String
  /// The recorded progress rating.
  public let status: Status
  /// The effective date of the rating (the date the action was added, if never rated).
  public let statusSince: CalendarDate
  /// The seq of the latest status change, if any.
  public let statusSeq: Int?
  /// The seq of the latest commentary: the later of the latest status change and the latest
  /// progress note (`action.progress_noted`), if either has been recorded.
  public let noteSeq: Int?
  /// Days at the current status on the view's date.
  public let daysAtStatus: Int
  /// Milestones with their current due dates.
  public let milestones: [Milestone]
  /// Milestones as added.
  public let baseline: [Milestone]
  /// The milestone it is next due by on the view's date (1-based): the first, in date order,
  /// whose date has not passed, or the final one once all have; `nil` for ongoing work only.
  public let dueMilestone: Int?
  /// The current date of ``dueMilestone``: what the "Due" column shows.
  public let due: DueDate?
  /// The baseline date of the same milestone, as added.
  public let baselineDue: DueDate?
  /// When the whole action falls due: the current date of the milestone that falls due last.
  public let finalDue: DueDate?
  /// The number of due-date revisions.
  public let revisions: Int
  /// The total slip in days.
  public let slipDays: Int
  /// Whether it is past a due date on the view's date (computed, apart from the RAG): the
  /// date of at least one deadline or implementation milestone has passed (a month-precision
  /// date at the end of its month), and the action is neither complete nor withdrawn.
  ///
  /// The ledger rates whole actions, not milestones, so an interim deadline (`Nov 17` of
  /// "Jun 18 / Nov 17") that has passed counts until the action is complete or the
  /// milestone is revised. A review before a later milestone (`Review Jan 18` of "Review
  /// Jan 18 / Implement Apr 18") is a checkpoint and does not count; ongoing work (`Ongoing`,
  /// `Ongoing from Jan 18`) never falls due.
  public let overdue: Bool
  /// The milestone (1-based) it has been past the longest, when ``overdue``: the first, in
  /// date order, whose date has passed.
  public let overdueMilestone: Int?
  /// Days since ``overdueMilestone``'s date on the view's date (0 if not overdue).
  public let daysOverdue: Int
  /// The effective date of the latest update.
  public let lastUpdate: CalendarDate
  /// Two or more revisions, or over 90 days of slip.
  public let drifting: Bool
  /// No update for 60 days (not complete).
  public let stale: Bool
  /// At risk for 90 days or more.
  public let atRiskLong: Bool
  /// Withdrawn from the plan.
  public let withdrawn: Bool
  /// Seqs of board decisions that concern it.
  public let decisions: [Int]
  /// Seqs of monitoring findings that concern it.
  public let findings: [Int]

  /// The thresholds the flags use, in days.
  public enum Threshold: Sendable {
    /// Slip beyond which an action is drifting.
    public static let driftDays = 90
    /// Days without an update after which an action is stale.
    public static let staleDays = 60
    /// Days at risk after which an action is flagged.
    public static let longAtRiskDays = 90
    /// Days overdue after which the narrative calls an action long overdue.
    public static let longOverdueDays = 90
  }

  init(_ state: ActionState, on date: CalendarDate) {
    number = state.number
    priority = state.priority
    issue = state.issue.value
    text = state.text.value
    leads = state.leads.value
    partners = state.partners.value
    references = state.references.value
    status = state.status.value
    statusSince = state.status.stamp.effective
    statusSeq = state.status.stamp.seq == state.definition.stamp.seq ? nil : state.status.stamp.seq
    if let note = state.progressNote, statusSeq == nil || note.stamp > state.status.stamp {
      noteSeq = note.stamp.seq
    } else {
      noteSeq = statusSeq
    }
    daysAtStatus = max(0, date.days(since: statusSince))
    milestones = state.milestones
    baseline = state.baseline
    let current = state.milestones
    let dueIndex = state.dueMilestoneIndex(on: date)
    dueMilestone = dueIndex
    due = dueIndex.flatMap { current[$0 - 1].due }
    baselineDue = dueIndex.flatMap { state.baseline[$0 - 1].due }
    finalDue = state.finalDue
    revisions = state.revisions
    slipDays = state.slipDays
    withdrawn = state.withdrawn.value
    let passed = state.firstPassedMilestoneIndex(on: date)
    let pastIndex = status != .complete && !withdrawn ? passed : nil
    overdueMilestone = pastIndex
    overdue = pastIndex != nil
    daysOverdue =
      pastIndex.flatMap { current[$0 - 1].due.map { date.days(since: $0.deadline) } } ?? 0
    lastUpdate = state.lastUpdate.effective
    drifting = revisions >= 2 || slipDays > Threshold.driftDays
    stale =
      status != .complete && !withdrawn
      && date.days(since: lastUpdate) > Threshold.staleDays
    atRiskLong = status == .atRisk && daysAtStatus >= Threshold.longAtRiskDays
    decisions = state.decisions.sorted()
    findings = state.findings.sorted()
  }

  /// The milestone at a 1-based index, if there is one.
  ///
  /// - Parameter index: The index, as ``dueMilestone`` and ``overdueMilestone`` give it.
  /// - Returns: The milestone with its current date.
  public func milestone(_ index: Int?) -> Milestone? {
    guard let index, index >= 1, index <= milestones.count else { return nil }
    return milestones[index - 1]
  }

  /// The leads as the plan writes them: `PS`, or `BP; DS`.
  public var leadText: String {
    leads.map(\.rawValue).joined(separator: "; ")
  }
}
