public import LedgerStore

/// The plan as a fold of events: everything needed to answer "what did the plan look like".
///
/// Built by ``apply(_:)`` from records with effective dates up to the as-of date (and, for
/// "as known at", recorded up to that time). Every member is a set of events or a
/// ``Versioned`` value, so the result does not depend on the order records are applied in.
public struct PlanState: Hashable, Sendable {
  /// The plan, once created.
  public internal(set) var plan: Versioned<PlanCreated>?
  /// Workstreams by name.
  public internal(set) var workstreams: [String: Versioned<WorkstreamDefined>] = [:]
  /// Priorities by number.
  public internal(set) var priorities: [PriorityNumber: Versioned<PriorityDefined>] = [:]
  /// Recommendations by key (`ofsted/12`).
  public internal(set) var recommendations: [String: Versioned<RecommendationRecorded>] = [:]
  /// Actions by number (those whose `action.added` is folded).
  public internal(set) var actions: [ActionID: ActionState] = [:]
  /// Events about actions whose `action.added` is not folded (yet).
  var partialActions: [ActionID: ActionState] = [:]
  /// People by identifier.
  public internal(set) var people: [PersonID: Versioned<PersonRegistered>] = [:]
  /// For each person and role, whether they hold it (and since when).
  public internal(set) var roles: [RoleKey: Versioned<Bool>] = [:]
  /// Board meetings by board and date.
  public internal(set) var meetings: [MeetingKey: Versioned<BoardMeetingHeld>] = [:]
  /// Board decisions, by seq.
  public internal(set) var decisions: [Int: DecisionState] = [:]
  /// Monitoring visits by number.
  public internal(set) var visits: [String: Versioned<MonitoringVisitRecorded>] = [:]
  /// Monitoring findings, by seq.
  public internal(set) var findings: [Int: FindingState] = [:]
  /// Inspections and reviews, by seq.
  public internal(set) var inspections: [Int: Versioned<InspectionRecorded>] = [:]
  /// Measures by identifier (those whose definition is folded).
  public internal(set) var measures: [MeasureID: MeasureState] = [:]
  /// Values and targets of measures whose definition is not folded (yet).
  var partialMeasures: [MeasureID: MeasureState] = [:]
  /// Other dated facts, by seq.
  public internal(set) var facts: [Int: Versioned<FactRecorded>] = [:]
  /// The policy in force, if one was recorded.
  public internal(set) var policy: Versioned<PolicyRuleSet>?
  /// The number of records applied.
  public internal(set) var applied = 0
  /// The effective date of the first `plan.created` (later ones are new versions).
  public internal(set) var firstPlanDate: CalendarDate?
  /// Retracted seqs and the seq of the retraction, known in the slice.
  public internal(set) var retractedBy: [Int: Int] = [:]
  /// Corrected seqs and the seq of the latest correction, known in the slice.
  public internal(set) var correctedBy: [Int: Int] = [:]

  /// An empty plan.
  public init() {}

  /// The rules in force: the recorded ones, or the permissive default.
  public var rules: PolicyRuleSet {
    policy?.value ?? .permissive
  }

  /// Applies one record (already corrected, and not retracted).
  ///
  /// - Parameter record: The record.
  public mutating func apply(_ record: PlanRecord) {
    let stamp = Stamp(effective: record.effective, seq: record.seq)
    applied += 1
    switch record.event {  // no `default:`, so a new kind of event cannot be forgotten here
    case .planCreated(let event):
      offer(&plan, event, stamp)
      firstPlanDate = min(firstPlanDate ?? record.effective, record.effective)
    case .workstreamDefined(let event):
      offer(&workstreams[event.name], event, stamp)
    case .priorityDefined(let event):
      offer(&priorities[event.number], event, stamp)
    case .recommendationRecorded(let event):
      offer(&recommendations[event.key], event, stamp)
    case .actionAdded(let event):
      var action =
        partialActions.removeValue(forKey: event.action) ?? actions[event.action]
        ?? ActionState()
      action.define(event, at: stamp)
      actions[event.action] = action
    case .actionStatusChanged(let event):
      updateAction(event.action) { $0.rate(event.to, at: stamp) }
    case .actionDueRevised(let event):
      updateAction(event.action) { $0.revise(milestone: event.milestone, to: event.to, at: stamp) }
    case .actionLeadReassigned(let event):
      updateAction(event.action) { $0.reassign(event.to, at: stamp) }
    case .actionAmended(let event):
      updateAction(event.action) { $0.amend(event, at: stamp) }
    case .actionWithdrawn(let event):
      updateAction(event.action) { $0.withdraw(at: stamp) }
    case .actionProgressNoted(let event):
      updateAction(event.action) { $0.noteProgress(event, at: stamp) }
    case .personRegistered(let event):
      offer(&people[event.person], event, stamp)
    case .roleAssigned(let event):
      offer(&roles[RoleKey(person: event.person, role: event.role)], true, stamp)
    case .roleEnded(let event):
      offer(&roles[RoleKey(person: event.person, role: event.role)], false, stamp)
    case .boardMeetingHeld(let event):
      offer(&meetings[MeetingKey(board: event.board, date: event.date)], event, stamp)
    case .boardDecisionRecorded(let event):
      decisions[record.seq] = DecisionState(decision: event, stamp: stamp, authorityOf: [])
      for action in event.actions {
        updateAction(action) { _ = $0.decisions.insert(record.seq) }
      }
    case .monitoringVisitRecorded(let event):
      offer(&visits[event.visit], event, stamp)
    case .monitoringFindingRecorded(let event):
      findings[record.seq] = FindingState(finding: event, stamp: stamp)
      for action in event.actions {
        updateAction(action) { _ = $0.findings.insert(record.seq) }
      }
    case .inspectionRecorded(let event):
      inspections[record.seq] = Versioned(event, at: stamp)
    case .measureDefined(let event):
      var measure =
        partialMeasures.removeValue(forKey: event.measure) ?? measures[event.measure]
        ?? MeasureState()
      measure.define(event, at: stamp)
      measures[event.measure] = measure
    case .measureTargetSet(let event):
      updateMeasure(event.measure) { $0.targets[record.seq] = Versioned(event, at: stamp) }
    case .measureRecorded(let event):
      updateMeasure(event.measure) { $0.record(event, at: stamp) }
    case .factRecorded(let event):
      facts[record.seq] = Versioned(event, at: stamp)
    case .eventCorrected, .eventRetracted:
      // Applied before folding: the replay substitutes or drops the records they name.
      break
    case .policyRuleSet(let event):
      offer(&policy, event, stamp)
    }
  }

  private mutating func updateAction(_ action: ActionID, _ change: (inout ActionState) -> Void) {
    // In place, by index: no copy of the state, one hash.
    if let index = actions.index(forKey: action) {
      change(&actions.values[index])
    } else {
      change(&partialActions[action, default: ActionState()])
    }
  }

  private mutating func updateMeasure(_ measure: MeasureID, _ change: (inout MeasureState) -> Void)
  {
    if let index = measures.index(forKey: measure) {
      change(&measures.values[index])
    } else {
      change(&partialMeasures[measure, default: MeasureState()])
    }
  }

  private func offer<Value>(_ slot: inout Versioned<Value>?, _ value: Value, _ stamp: Stamp) {
    if slot == nil {
      slot = Versioned(value, at: stamp)
    } else {
      slot?.offer(value, at: stamp)
    }
  }
}

/// A person in a role: the key of ``PlanState/roles``.
public struct RoleKey: Hashable, Sendable, Comparable {
  /// Who.
  public let person: PersonID
  /// Which role.
  public let role: Role

  /// Orders by role, then person.
  public static func < (lhs: RoleKey, rhs: RoleKey) -> Bool {
    lhs.role != rhs.role ? lhs.role < rhs.role : lhs.person < rhs.person
  }
}

/// A meeting: the key of ``PlanState/meetings``.
public struct MeetingKey: Hashable, Sendable, Comparable {
  /// The board's key (its name, slugged).
  public let board: String
  /// The meeting's date.
  public let date: CalendarDate

  /// Makes a key from a board's name and a date.
  public init(board: String, date: CalendarDate) {
    self.board = Slug.make(board)
    self.date = date
  }

  /// Orders by date, then board.
  public static func < (lhs: MeetingKey, rhs: MeetingKey) -> Bool {
    (lhs.date, lhs.board) < (rhs.date, rhs.board)
  }
}

/// A board decision in the state.
public struct DecisionState: Hashable, Sendable {
  /// The decision.
  public let decision: BoardDecisionRecorded
  /// Its stamp.
  public let stamp: Stamp
  /// Records that name it as their authority (filled by queries).
  public var authorityOf: [Int]
}

/// A monitoring finding in the state.
public struct FindingState: Hashable, Sendable {
  /// The finding.
  public let finding: MonitoringFindingRecorded
  /// Its stamp.
  public let stamp: Stamp
}
