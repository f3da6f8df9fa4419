public import LedgerStore
public import PlanLedger

/// The progress narrative of a plan over a period: what moved, what slipped, what the
/// board decided, what the inspectors found, how the measures went, and what is stuck.
///
/// Built by ``init(chronicle:period:listing:)`` from the ledger alone, so the same ledger
/// and the same period always give the same narrative, and every item keeps the seqs of
/// the records it rests on. It is balanced by construction: every weakness the inspectors
/// recorded in the period, every action that became overdue and every deadline revision
/// appears (revisions and changes of lead are listed one by one up to a limit, and beyond
/// it counted by action, with the most recent listed); progress findings are quoted only
/// as many times as weaknesses are (the rest are counted and cited, not quoted). Render it with ``MarkdownNarrativeRenderer``,
/// ``TextNarrativeRenderer`` or ``HTMLNarrativeRenderer``.
public struct Narrative: Hashable, Sendable {
  /// The plan's title, organisation and version, if a plan is recorded.
  public let plan: PlanHeading?
  /// The period told.
  public let period: NarrativePeriod
  /// The plan at the start of the period.
  public let start: PlanView
  /// The plan at the end of the period.
  public let end: PlanView
  /// The board meetings held in the period, its ends included.
  public let boards: [Meeting]
  /// Status counts at both ends and the moves between them.
  public let headline: Headline
  /// Actions that became complete.
  public let completions: [StatusChange]
  /// Actions that became at risk.
  public let newRisks: [StatusChange]
  /// Actions that became overdue: rated overdue, or past their due date and not complete.
  public let newlyOverdue: [OverdueAction]
  /// The due-date revisions told one by one: every one that took effect in the period
  /// when there are at most the listing limit, otherwise the most recent (see
  /// ``revisionTally``).
  public let revisions: [DeadlineRevision]
  /// Every due-date revision that took effect in the period, counted by action.
  public let revisionTally: ChangeTally
  /// The changes of lead told one by one: every one that took effect in the period when
  /// there are at most the listing limit, otherwise the most recent (see
  /// ``reassignmentTally``).
  public let reassignments: [Reassignment]
  /// Every change of lead that took effect in the period, counted by action.
  public let reassignmentTally: ChangeTally
  /// Actions added to the plan in the period.
  public let added: [ActionMention]
  /// Actions withdrawn from the plan in the period.
  public let withdrawn: [ActionMention]
  /// One account per priority.
  public let priorities: [PriorityAccount]
  /// Board decisions that took effect in the period.
  public let decisions: [Decision]
  /// Monitoring findings published in the period, by visit.
  public let visits: [VisitFindings]
  /// Measures with a value that took effect in the period.
  public let measures: [MeasureTrend]
  /// What needs the board's attention at the end of the period.
  public let exceptions: Exceptions
  /// Provenance of every seq the narrative cites, by seq.
  public internal(set) var sources: [SourceNote]

  /// The tree head the narrative was generated from.
  public var head: TreeHead { end.head }
}

extension Narrative {
  /// The plan's heading.
  public struct PlanHeading: Hashable, Sendable {
    /// The plan's title.
    public let title: String
    /// The organisation.
    public let organisation: String
    /// The version, if recorded.
    public let version: String
    /// The seq of `plan.created`.
    public let seq: Int
  }

  /// A person named in the narrative.
  public struct Person: Hashable, Sendable {
    /// Their identifier (initials).
    public let id: PersonID
    /// Their registered name, or the identifier when none is recorded.
    public let name: String

    /// The name with the initials, such as `Barbara Peacock (BP)`.
    public var label: String {
      name == id.rawValue ? name : "\(name) (\(id.rawValue))"
    }
  }

  /// An action as the narrative names it.
  public struct ActionMention: Hashable, Sendable {
    /// The action's number.
    public let action: ActionID
    /// Its priority.
    public let priority: PriorityNumber
    /// Its text (the first line, as written).
    public let text: String
    /// Its lead officers at the end of the period.
    public let leads: [Person]
    /// The seq that added it.
    public let seq: Int
  }

  /// A board meeting.
  public struct Meeting: Hashable, Sendable {
    /// The board's name.
    public let board: String
    /// The meeting's date.
    public let date: CalendarDate
    /// The seq of `board.meeting_held`.
    public let seq: Int
    /// The seqs of the decisions taken at it.
    public let decisions: [Int]
  }

  /// A board decision linked to a change it authorised or concerns.
  public struct DecisionLink: Hashable, Sendable {
    /// The decision's seq.
    public let seq: Int
    /// Its kind.
    public let kind: DecisionKind
    /// The date of the meeting that took it.
    public let meeting: CalendarDate
    /// Whether the change names it as its `authority` (otherwise it is a decision about
    /// the same action).
    public let isAuthority: Bool
  }

  /// Status counts at both ends of the period and the moves between them.
  public struct Headline: Hashable, Sendable {
    /// The counts at the start.
    public let start: PlanView.Summary
    /// The counts at the end.
    public let end: PlanView.Summary
    /// The seqs the end counts rest on: each action's latest status change, or the
    /// record that added it when it was never rated.
    public let endSeqs: [Int]
    /// The seqs the start counts rest on.
    public let startSeqs: [Int]
    /// Actions whose status differs between the ends, grouped by move.
    public let moves: [StatusMove]
  }

  /// The actions that moved from one status to another (`from` is `nil` for actions added
  /// in the period).
  public struct StatusMove: Hashable, Sendable {
    /// The status at the start, or `nil` when the action was not yet in the plan.
    public let from: Status?
    /// The status at the end.
    public let to: Status
    /// The actions.
    public let actions: [ActionID]
    /// The status changes (or additions) that made the move.
    public let seqs: [Int]
  }

  /// An action whose status changed in the period.
  public struct StatusChange: Hashable, Sendable {
    /// The action.
    public let action: ActionMention
    /// Its status at the start, or `nil` when it was added in the period.
    public let from: Status?
    /// Its status at the end.
    public let to: Status
    /// When the new status took effect.
    public let effective: CalendarDate
    /// The lead's note, verbatim.
    public let note: String
    /// The status change's seq.
    public let seq: Int
    /// The board decision behind it, if any.
    public let decision: DecisionLink?

    /// Every seq the item rests on.
    public var seqs: [Int] { [seq] + (decision.map { [$0.seq] } ?? []) }
  }

  /// An action that became overdue in the period.
  public struct OverdueAction: Hashable, Sendable {
    /// The action.
    public let action: ActionMention
    /// Its status at the end.
    public let status: Status
    /// The due date it passed: the date of its milestone passed first (in date order, not
    /// "By when" order); when it was only rated Overdue, the date it is next due by.
    public let due: DueDate?
    /// The 1-based index of the milestone ``due`` belongs to.
    public let milestone: Int?
    /// That milestone in the plan's words, with its current date: `Review Jan 18`.
    public let milestoneWords: String
    /// How many of its milestones fall due (1 for a single deadline).
    public let milestoneCount: Int
    /// When its last milestone falls due.
    public let finalDue: DueDate?
    /// Days past the due date at the end of the period, or, when it was completed late,
    /// how late.
    public let daysOverdue: Int
    /// Whether it was rated Overdue in the period.
    public let ratedOverdue: Bool
    /// Whether its due date passed in the period before it was complete.
    public let passedDueDate: Bool
    /// When it was completed, if it is complete at the end of the period.
    public let completed: CalendarDate?
    /// The records it rests on: the due date's source and the latest status change.
    public let seqs: [Int]
  }

  /// A milestone's due date moved.
  public struct DeadlineRevision: Hashable, Sendable {
    /// The action.
    public let action: ActionMention
    /// The milestone, numbered from 1.
    public let milestone: Int
    /// The milestone's label in the plan, such as `Dec 17`.
    public let label: String
    /// The due date before the revision.
    public let from: DueDate?
    /// The new due date.
    public let to: DueDate
    /// Days moved: positive for a slip, negative for a date brought forward.
    public let days: Int
    /// The reason given, verbatim.
    public let reason: String
    /// When it took effect.
    public let effective: CalendarDate
    /// The revision's seq.
    public let seq: Int
    /// The board decision behind it, if any.
    public let decision: DecisionLink?

    /// Every seq the item rests on.
    public var seqs: [Int] { [seq] + (decision.map { [$0.seq] } ?? []) }
  }

  /// Changes of one kind that took effect in the period, counted, for when there are too
  /// many to list one by one.
  public struct ChangeTally: Hashable, Sendable {
    /// How many took effect.
    public let count: Int
    /// Days deadlines moved later, summed over the changes that moved one later (zero for
    /// changes of lead).
    public let slippedDays: Int
    /// The count for each action changed, in plan order.
    public let byAction: [ActionCount]
    /// How many are listed one by one.
    public let listed: Int

    /// Whether only the most recent are listed.
    public var isAbridged: Bool { listed < count }
  }

  /// One action's share of a ``ChangeTally``.
  public struct ActionCount: Hashable, Sendable {
    /// The action.
    public let action: ActionMention
    /// How many of the changes are to it.
    public let count: Int
    /// Days its deadlines moved later, summed over its changes that moved one later.
    public let slippedDays: Int
  }

  /// An action's lead changed.
  public struct Reassignment: Hashable, Sendable {
    /// The action.
    public let action: ActionMention
    /// The leads before.
    public let from: [Person]
    /// The leads after.
    public let to: [Person]
    /// The reason given, verbatim.
    public let reason: String
    /// When it took effect.
    public let effective: CalendarDate
    /// The reassignment's seq.
    public let seq: Int
    /// The board decision behind it, if any.
    public let decision: DecisionLink?

    /// Every seq the item rests on.
    public var seqs: [Int] { [seq] + (decision.map { [$0.seq] } ?? []) }
  }

  /// One priority's account.
  public struct PriorityAccount: Hashable, Sendable {
    /// The priority's number.
    public let number: PriorityNumber
    /// Its title.
    public let title: String
    /// Its workstream.
    public let workstream: String
    /// Its SROs at the end of the period (none when the role is vacant).
    public let sro: [Person]
    /// The records of the priority and its SRO assignments.
    public let seqs: [Int]
    /// Its counts at the start.
    public let start: PlanView.Summary
    /// Its counts at the end.
    public let end: PlanView.Summary
    /// The seqs the end counts rest on.
    public let countSeqs: [Int]
    /// Its actions completed in the period.
    public let completed: [ActionID]
    /// Its actions that became at risk.
    public let newRisks: [ActionID]
    /// Its actions that became overdue.
    public let newlyOverdue: [ActionID]
    /// Its actions whose due date was revised.
    public let revised: [ActionID]
    /// The seqs of those changes.
    public let changeSeqs: [Int]
    /// The seqs of weakness findings about it in the period.
    public let weaknesses: [Int]
    /// The seqs of progress and strength findings about it in the period.
    public let progress: [Int]
  }

  /// A board decision.
  public struct Decision: Hashable, Sendable {
    /// Its seq.
    public let seq: Int
    /// The board.
    public let board: String
    /// The date of the meeting that took it.
    public let meeting: CalendarDate
    /// Its kind.
    public let kind: DecisionKind
    /// The decision in the minutes' words.
    public let text: String
    /// The actions it concerns.
    public let actions: [ActionID]
  }

  /// One finding of a monitoring visit, quoted verbatim.
  public struct Finding: Hashable, Sendable {
    /// Its seq.
    public let seq: Int
    /// Progress, strength or weakness.
    public let kind: FindingKind
    /// The passage, verbatim.
    public let quote: String
    /// The priorities it concerns.
    public let priorities: [PriorityNumber]
    /// The actions it concerns.
    public let actions: [ActionID]
    /// When it took effect (the letter's date).
    public let effective: CalendarDate
    /// The source document, if recorded.
    public let document: String?
  }

  /// The findings of one monitoring visit published in the period.
  public struct VisitFindings: Hashable, Sendable {
    /// The visit's number.
    public let visit: String
    /// The visit's seq, if recorded.
    public let seq: Int?
    /// Its first day.
    public let startDate: CalendarDate?
    /// Its last day.
    public let endDate: CalendarDate?
    /// The letter's date.
    public let letter: CalendarDate?
    /// Every weakness found.
    public let weaknesses: [Finding]
    /// Progress and strength findings quoted: never more than there are weaknesses.
    public let progress: [Finding]
    /// Progress and strength findings counted and cited but not quoted.
    public let furtherProgress: [Finding]
  }

  /// Which way a measure moved.
  public enum Trend: String, Hashable, Sendable {
    /// In the direction the measure says is better.
    case better
    /// In the direction the measure says is worse.
    case worse
    /// No change.
    case unchanged
    /// The measure does not say which way is better.
    case undirected
    /// Only one value is recorded.
    case single
  }

  /// One value of a measure.
  public struct MeasureValue: Hashable, Sendable {
    /// The month it refers to.
    public let period: DueDate
    /// The value.
    public let value: DecimalNumber
    /// Its seq.
    public let seq: Int
  }

  /// A measure's target.
  public struct Target: Hashable, Sendable {
    /// The target value.
    public let value: DecimalNumber
    /// From when it applies, if stated.
    public let from: CalendarDate?
    /// The seq of `measure.target_set`.
    public let seq: Int
  }

  /// A measure's latest value against the previous one and its target.
  public struct MeasureTrend: Hashable, Sendable {
    /// The measure.
    public let measure: MeasureID
    /// Its title, verbatim.
    public let title: String
    /// Its unit.
    public let unit: String
    /// Its priority, if any.
    public let priority: PriorityNumber?
    /// Which way is better, if stated.
    public let better: Direction?
    /// The latest value.
    public let latest: MeasureValue
    /// The value of the period before, if recorded.
    public let previous: MeasureValue?
    /// Latest minus previous.
    public let change: DecimalNumber?
    /// Which way it moved.
    public let trend: Trend
    /// The first value of the series, when it has at least three: so that a last step is
    /// never read without the whole run (a series that fell from 70% to 50% and then rose
    /// by one is not an improvement).
    public let first: MeasureValue?
    /// Which way it moved from the first value to the latest.
    public let overall: Trend?
    /// The target in force at the end of the period.
    public let target: Target?
    /// Whether the latest value meets the target (`nil` without a target or direction).
    public let meetsTarget: Bool?
    /// The seq of `measure.defined`.
    public let definitionSeq: Int

    /// Every seq the item rests on.
    public var seqs: [Int] {
      [definitionSeq, latest.seq] + (previous.map { [$0.seq] } ?? [])
        + (first.map { [$0.seq] } ?? []) + (target.map { [$0.seq] } ?? [])
    }
  }

  /// An action in one of the exception lists.
  public struct ExceptionAction: Hashable, Sendable {
    /// The action.
    public let action: ActionMention
    /// Its status.
    public let status: Status
    /// The date it is next due by (the date of its final milestone once all have passed).
    public let due: DueDate?
    /// The date of the milestone it has been past the longest, when it is past a due date.
    public let pastDue: DueDate?
    /// The 1-based index of that milestone.
    public let pastMilestone: Int?
    /// How many of its milestones fall due (1 for a single deadline).
    public let milestoneCount: Int
    /// Days past ``pastDue``.
    public let daysOverdue: Int
    /// How many times its due dates were revised.
    public let revisions: Int
    /// Total days slipped against the baseline.
    public let slipDays: Int
    /// The date of its last update.
    public let lastUpdate: CalendarDate
    /// Days at its current status.
    public let daysAtStatus: Int
    /// The records it rests on.
    public let seqs: [Int]
  }

  /// A recommendation no completed action answers.
  public struct RecommendationGap: Hashable, Sendable {
    /// The body that made it (`Ofsted`).
    public let body: String
    /// Its number.
    public let number: String
    /// Its text, verbatim (may be empty when the plan does not quote it).
    public let text: String
    /// The actions that cite it in their references.
    public let actions: [ActionID]
    /// Its priorities.
    public let priorities: [PriorityNumber]
    /// The seq that recorded it.
    public let seq: Int
  }

  /// What needs attention at the end of the period.
  public struct Exceptions: Hashable, Sendable {
    /// Actions more than 90 days past their due date.
    public let longOverdue: [ExceptionAction]
    /// Actions whose deadlines keep moving (two or more revisions, or over 90 days slipped).
    public let drifting: [ExceptionAction]
    /// Actions not updated for over 60 days.
    public let stale: [ExceptionAction]
    /// Actions at risk for three months or more.
    public let longAtRisk: [ExceptionAction]
    /// Complete actions with no board decision accepting the completion.
    public let completionsWithoutDecision: [ExceptionAction]
    /// Recommendations with no completed action.
    public let recommendations: [RecommendationGap]
  }

  /// Where a cited record comes from.
  public struct SourceNote: Hashable, Sendable {
    /// The seq.
    public let seq: Int
    /// Its type.
    public let type: PlanEventType
    /// When it took effect.
    public let effective: CalendarDate
    /// The source document, if recorded.
    public let document: String?
    /// Where in the document, if recorded.
    public let locator: String?
    /// The seq of the latest correction of it, if corrected.
    public let correctedBy: Int?
  }
}
