public import LedgerStore

/// One action in the state: its definition, lead, status and milestones, with the stamps
/// of the events that set them.
///
/// Every part is a ``Versioned`` value, a count or a set, and two states of the same action
/// `merge(_:)` into the state of all their events together, whatever order the events
/// came in: a status change folded before its action's `action.added` (in another part of
/// the log, or in a snapshot's tail) is kept until the definition arrives.
public struct ActionState: Hashable, Sendable {
  /// The action as added; `nil` while only later events have been seen.
  var added: Versioned<ActionAdded>?
  var amendedText: Versioned<String>?
  var amendedIssue: Versioned<String>?
  var amendedReferences: Versioned<String>?
  var amendedPartners: Versioned<[String]>?
  var reassigned: Versioned<[PersonID]>?
  var rated: Versioned<Status>?
  var withdrawal: Versioned<Bool>?
  /// The latest progress note (`action.progress_noted`); it never changes ``status``.
  public internal(set) var progressNote: Versioned<ActionProgressNoted>?
  /// The current due date of each milestone, where revised, by 1-based index.
  public internal(set) var revisedDue: [Int: Versioned<DueDate>] = [:]
  /// The number of revisions of each milestone.
  public internal(set) var revisionCounts: [Int: Int] = [:]
  var latest: Stamp?
  /// Seqs of board decisions that concern it.
  public internal(set) var decisions: Set<Int> = []
  /// Seqs of monitoring findings that concern it.
  public internal(set) var findings: Set<Int> = []

  /// A state with no events yet.
  init() {}

  /// Whether the action's `action.added` has been folded.
  var isDefined: Bool { added != nil }

  private static let origin = Stamp(effective: CalendarDate(dayNumber: Int.min / 2), seq: 0)
  private static let placeholder = ActionAdded(
    action: ActionID(""),
    priority: PriorityNumber(""),
    issue: "",
    references: "",
    text: "",
    leads: [],
    partners: [],
    milestones: []
  )

  /// The action as added.
  public var definition: Versioned<ActionAdded> {
    added ?? Versioned(Self.placeholder, at: Self.origin)
  }

  private func current<Value>(_ base: Value, _ later: Versioned<Value>?) -> Versioned<Value> {
    var value = Versioned(base, at: definition.stamp)
    if let later { value.offer(later.value, at: later.stamp) }
    return value
  }

  /// The current text.
  public var text: Versioned<String> { current(definition.value.text, amendedText) }
  /// The issue heading.
  public var issue: Versioned<String> { current(definition.value.issue, amendedIssue) }
  /// The inspectorate references.
  public var references: Versioned<String> {
    current(definition.value.references, amendedReferences)
  }
  /// The partners.
  public var partners: Versioned<[String]> { current(definition.value.partners, amendedPartners) }
  /// The lead officer(s).
  public var leads: Versioned<[PersonID]> { current(definition.value.leads, reassigned) }
  /// The progress rating (not rated until a change is recorded).
  public var status: Versioned<Status> { current(.notRated, rated) }
  /// Whether it was withdrawn.
  public var withdrawn: Versioned<Bool> { current(false, withdrawal) }
  /// The stamp of the latest event about the action.
  public var lastUpdate: Stamp {
    max(latest ?? definition.stamp, definition.stamp)
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
    revisionCounts.filter { $0.key <= baseline.count }.values.reduce(0, +)
  }

  /// The 1-based indices of the milestones that fall due (a dated deadline, review or
  /// implementation; not ongoing work), in the order their current dates fall due.
  ///
  /// Milestones on the same date keep their "By when" order. The plan lists milestones in
  /// the order of its text, not of time (6.6 reads "Jun 18, Nov 17, Jan 18, Nov 17"), so
  /// every "first" and "last" about dates is taken from this order, never from the list.
  public var dueOrder: [Int] {
    milestones.enumerated()
      .compactMap { offset, milestone in
        milestone.kind.fallsDue ? milestone.due.map { (index: offset + 1, due: $0) } : nil
      }
      .sorted { ($0.due.deadline, $0.index) < ($1.due.deadline, $1.index) }
      .map(\.index)
  }

  /// The index (1-based) of the milestone the whole action falls due by: the one that
  /// falls due last, at its current date; `nil` for ongoing work only.
  public var finalMilestoneIndex: Int? {
    dueOrder.last
  }

  /// When the whole action falls due: the current date of its last milestone to fall due.
  public var finalDue: DueDate? {
    finalMilestoneIndex.flatMap { milestones[$0 - 1].due }
  }

  /// The index (1-based) of the milestone the action is next due by on a date: the first
  /// whose date has not passed (its month, or its day, has not ended before `date`), or the
  /// final one once every date has passed; `nil` for ongoing work only.
  ///
  /// - Parameter date: The date of the view.
  /// - Returns: The milestone's index, or `nil`.
  public func dueMilestoneIndex(on date: CalendarDate) -> Int? {
    let order = dueOrder
    let current = milestones
    return order.first { current[$0 - 1].due.map { $0.deadline >= date } ?? false } ?? order.last
  }

  /// The index (1-based) of the milestone whose date passed first, if any has passed by a
  /// date: the one an incomplete action has been past the longest.
  ///
  /// Counts every deadline and implementation date, and a review only when it is the final
  /// milestone (see ``MilestoneKind/isCheckpoint``); ongoing work never falls due.
  ///
  /// - Parameter date: The date of the view.
  /// - Returns: The milestone's index, or `nil` when no such date has passed.
  public func firstPassedMilestoneIndex(on date: CalendarDate) -> Int? {
    let current = milestones
    let order = dueOrder
    let final = order.last
    return order.first { index in
      let milestone = current[index - 1]
      guard !milestone.kind.isCheckpoint || index == final, let due = milestone.due else {
        return false
      }
      return due.deadline < date
    }
  }

  /// The total slip in days over every milestone: how much later than baseline the
  /// current due dates are (never negative per milestone).
  public var slipDays: Int {
    var total = 0
    for (index, revised) in revisedDue where index <= baseline.count {
      guard let base = baseline[index - 1].due else { continue }
      total += max(0, revised.value.deadline.days(since: base.deadline))
    }
    return total
  }

  mutating func touch(_ stamp: Stamp) {
    if latest.map({ stamp > $0 }) ?? true { latest = stamp }
  }

  private static func offer<Value>(_ slot: inout Versioned<Value>?, _ value: Value, _ stamp: Stamp)
  {
    if slot == nil {
      slot = Versioned(value, at: stamp)
    } else {
      slot?.offer(value, at: stamp)
    }
  }

  mutating func define(_ event: ActionAdded, at stamp: Stamp) {
    Self.offer(&added, event, stamp)
  }

  mutating func rate(_ status: Status, at stamp: Stamp) {
    Self.offer(&rated, status, stamp)
    touch(stamp)
  }

  mutating func noteProgress(_ note: ActionProgressNoted, at stamp: Stamp) {
    Self.offer(&progressNote, note, stamp)
    touch(stamp)
  }

  mutating func reassign(_ leads: [PersonID], at stamp: Stamp) {
    Self.offer(&reassigned, leads, stamp)
    touch(stamp)
  }

  mutating func withdraw(at stamp: Stamp) {
    Self.offer(&withdrawal, true, stamp)
    touch(stamp)
  }

  mutating func revise(milestone index: Int, to due: DueDate, at stamp: Stamp) {
    guard index >= 1 else { return }
    if revisedDue[index] == nil {
      revisedDue[index] = Versioned(due, at: stamp)
    } else {
      revisedDue[index]?.offer(due, at: stamp)
    }
    revisionCounts[index, default: 0] += 1
    touch(stamp)
  }

  mutating func amend(_ amended: ActionAmended, at stamp: Stamp) {
    if let value = amended.text { Self.offer(&amendedText, value, stamp) }
    if let value = amended.issue { Self.offer(&amendedIssue, value, stamp) }
    if let value = amended.references { Self.offer(&amendedReferences, value, stamp) }
    if let value = amended.partners { Self.offer(&amendedPartners, value, stamp) }
    touch(stamp)
  }

  /// Combines the state of another set of events about the same action.
  ///
  /// - Parameter other: The other state.
  mutating func merge(_ other: ActionState) {
    func take<Value>(_ slot: inout Versioned<Value>?, _ value: Versioned<Value>?) {
      if let value { Self.offer(&slot, value.value, value.stamp) }
    }
    take(&added, other.added)
    take(&amendedText, other.amendedText)
    take(&amendedIssue, other.amendedIssue)
    take(&amendedReferences, other.amendedReferences)
    take(&amendedPartners, other.amendedPartners)
    take(&reassigned, other.reassigned)
    take(&rated, other.rated)
    take(&withdrawal, other.withdrawal)
    take(&progressNote, other.progressNote)
    for (index, due) in other.revisedDue {
      var slot = revisedDue[index]
      take(&slot, due)
      revisedDue[index] = slot
    }
    revisionCounts.merge(other.revisionCounts, uniquingKeysWith: +)
    if let stamp = other.latest { touch(stamp) }
    decisions.formUnion(other.decisions)
    findings.formUnion(other.findings)
  }
}

/// One measure in the state: its definition, targets and values by period.
///
/// Like ``ActionState``, a commutative fold: values and targets seen before the definition
/// are kept until it arrives.
public struct MeasureState: Hashable, Sendable {
  var defined: Versioned<MeasureDefined>?
  /// Targets, by the seq that set them.
  public internal(set) var targets: [Int: Versioned<MeasureTargetSet>] = [:]
  /// The value for each period; a later record for the same period replaces it.
  public internal(set) var values: [DueDate: Versioned<MeasureRecorded>] = [:]

  init() {}

  /// Whether the measure's definition has been folded.
  var isDefined: Bool { defined != nil }

  /// The definition.
  public var definition: Versioned<MeasureDefined> {
    defined
      ?? Versioned(
        MeasureDefined(measure: MeasureID(""), title: ""),
        at: Stamp(effective: CalendarDate(dayNumber: Int.min / 2), seq: 0)
      )
  }

  mutating func define(_ event: MeasureDefined, at stamp: Stamp) {
    if defined == nil {
      defined = Versioned(event, at: stamp)
    } else {
      defined?.offer(event, at: stamp)
    }
  }

  mutating func record(_ value: MeasureRecorded, at stamp: Stamp) {
    if values[value.period] == nil {
      values[value.period] = Versioned(value, at: stamp)
    } else {
      values[value.period]?.offer(value, at: stamp)
    }
  }

  /// Combines the state of another set of events about the same measure.
  mutating func merge(_ other: MeasureState) {
    if let definition = other.defined { define(definition.value, at: definition.stamp) }
    targets.merge(other.targets) { $0.stamp > $1.stamp ? $0 : $1 }
    for (_, value) in other.values { record(value.value, at: value.stamp) }
  }

  /// The values in period order.
  public var series: [MeasureRecorded] {
    values.keys.sorted().compactMap { values[$0]?.value }
  }

  /// The target in force on a date: the latest set whose period includes it.
  public func target(on date: CalendarDate) -> MeasureTargetSet? {
    targets.values
      .filter {
        ($0.value.from ?? $0.stamp.effective) <= date && ($0.value.to.map { date <= $0 } ?? true)
      }
      .max { $0.stamp < $1.stamp }?.value
  }
}
